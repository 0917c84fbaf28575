"""Operators: creation, sign-in with lock-out, unlock and password reset by an administrator."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.passwords import hash_password, verify_password
from desktop.db.models import Branch, Operator
from desktop.services import audit
from desktop.services.branches import check_code
from desktop.services.context import ROLE_RANK, Actor, ServiceContext
from desktop.services.errors import AuthError, InputError, NotFound

MAX_FAILED_ATTEMPTS = 5
MIN_PASSWORD_LENGTH = 8
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"Пароль — не короче {MIN_PASSWORD_LENGTH} символов", field="password")
    if password.strip() != password or "\n" in password:
        raise InputError("Пароль не может начинаться или кончаться пробелом", field="password")


def _actor(op: Operator) -> Actor:
    return Actor(
        op.id, op.login, op.full_name, op.role, op.branch_id, op.branch.code, op.must_change_password
    )


def check_new_operator(login: str, password: str, role: str) -> str:
    """The login in lower case; InputError naming the field for a bad login, role or password."""
    login = login.strip().lower()
    if not _LOGIN.match(login):
        raise InputError("Логин: латинские буквы, цифры, точка, дефис; 2–64 символа", field="login")
    if role not in ROLE_RANK:
        raise InputError("Роль: operator, senior или admin", field="role")
    _check_password(password)
    return login


def insert_operator(
    s: Session, ctx: ServiceContext, login: str, password: str, role: str, branch: Branch, full_name: str,
    *, first_administrator: bool = False,
) -> Operator:
    """Add a checked operator (``check_new_operator``) in the caller's transaction, audited."""
    if s.scalar(select(Operator.id).where(Operator.login == login)) is not None:
        raise InputError(f"Оператор {login} уже есть", field="login")
    op = Operator(
        login=login,
        full_name=full_name or login,
        role=role,
        branch_id=branch.id,
        password_hash=hash_password(password),
    )
    s.add(op)
    s.flush()
    if first_administrator:  # a new installation's first (desktop.services.installation)
        audit.record(s, ctx, "operator.add", entity="operator", entity_id=op.id, login=login, role=role,
                     first_administrator=True)
    else:
        audit.record(s, ctx, "operator.add", entity="operator", entity_id=op.id, login=login, role=role)
    return op


def add_operator(
    ctx: ServiceContext,
    login: str,
    password: str,
    role: str,
    *,
    branch_code: str | None = None,
    full_name: str = "",
) -> Actor:
    """Create an operator at a branch (the first branch when none is named)."""
    ctx.require("admin")
    login = check_new_operator(login, password, role)
    code = check_code(branch_code) if branch_code else None
    with ctx.transaction() as s:
        if code:
            branch = s.scalar(select(Branch).where(Branch.code == code))
            if branch is None:
                raise NotFound(f"Нет отделения с кодом {code} (список: energodesk branch list)")
        else:
            branch = s.scalar(select(Branch).order_by(Branch.id).limit(1))
            if branch is None:
                raise NotFound(
                    "В базе нет ни одного отделения: сначала добавьте его командой "
                    "«energodesk branch add КОД --name НАЗВАНИЕ»"
                )
        return _actor(insert_operator(s, ctx, login, password, role, branch, full_name))


def authenticate(ctx: ServiceContext, login: str, password: str) -> Actor:
    """Check an operator's password; lock the operator after repeated failures."""
    login = (login or "").strip().lower()
    with ctx.transaction() as s:
        op = s.scalar(select(Operator).where(Operator.login == login).with_for_update(of=Operator))
        if op is None or not op.active:
            # Same message as a wrong password: do not tell which logins exist.
            raise AuthError("Неверный логин или пароль")
        if op.locked_at is not None:
            raise AuthError("Учётная запись заблокирована. Обратитесь к администратору.")
        signed = ctx.as_actor(_actor(op))
        if not verify_password(op.password_hash, password or ""):
            op.failed_attempts += 1
            if op.failed_attempts >= MAX_FAILED_ATTEMPTS:
                op.locked_at = ctx.clock()
                audit.record(s, signed, "operator.locked", entity="operator", entity_id=op.id)
            else:
                audit.record(s, signed, "operator.login_failed", entity="operator", entity_id=op.id)
            failed = AuthError(
                "Учётная запись заблокирована после неверных попыток. Обратитесь к администратору."
                if op.locked_at
                else "Неверный логин или пароль"
            )
        else:
            op.failed_attempts = 0
            audit.record(s, signed, "operator.login", entity="operator", entity_id=op.id)
            return _actor(op)
    raise failed


def _operator(s, login: str) -> Operator:  # type: ignore[no-untyped-def]
    op = s.scalar(select(Operator).where(Operator.login == login.strip().lower()))
    if op is None:
        raise NotFound(f"Нет оператора {login}")
    return op


def unlock_operator(ctx: ServiceContext, login: str) -> None:
    """An administrator unlocks an operator locked after wrong passwords."""
    ctx.require("admin")
    with ctx.transaction() as s:
        op = _operator(s, login)
        op.locked_at = None
        op.failed_attempts = 0
        audit.record(s, ctx, "operator.unlock", entity="operator", entity_id=op.id, login=op.login)


def reset_operator_password(ctx: ServiceContext, login: str, new_password: str) -> None:
    """An administrator sets a temporary password that must be changed at the next sign-in."""
    ctx.require("admin")
    _check_password(new_password)
    with ctx.transaction() as s:
        op = _operator(s, login)
        op.password_hash = hash_password(new_password)
        op.must_change_password = True
        op.locked_at = None
        op.failed_attempts = 0
        audit.record(s, ctx, "operator.password_reset", entity="operator", entity_id=op.id, login=op.login)


def change_own_password(ctx: ServiceContext, old_password: str, new_password: str) -> Actor:
    """The signed-in operator replaces their password (required after a reset)."""
    _check_password(new_password)
    if new_password == old_password:
        raise InputError("Новый пароль должен отличаться от старого", field="password")
    with ctx.transaction() as s:
        op = s.get(Operator, ctx.actor.operator_id)
        if op is None or not verify_password(op.password_hash, old_password):
            raise AuthError("Текущий пароль неверен")
        op.password_hash = hash_password(new_password)
        op.must_change_password = False
        audit.record(s, ctx, "operator.password_change", entity="operator", entity_id=op.id)
        return _actor(op)


def list_branches(ctx: ServiceContext) -> list[tuple[str, str]]:
    """(code, name) of every branch, head office first."""
    with ctx.read() as s:
        return [(b.code, b.name) for b in s.scalars(select(Branch).order_by(Branch.id))]


def list_operators(ctx: ServiceContext) -> list[dict]:
    """Every operator with role, branch and lock state (administrators only)."""
    ctx.require("admin")
    with ctx.read() as s:
        return [
            {
                "login": op.login,
                "full_name": op.full_name,
                "role": op.role,
                "branch": op.branch.code,
                "locked": op.locked_at is not None,
                "must_change_password": op.must_change_password,
            }
            for op in s.scalars(select(Operator).order_by(Operator.login))
        ]
