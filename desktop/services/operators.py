"""Operators: creation, sign-in with lock-out, unlock and password reset by an administrator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.passwords import check_password_policy, hash_password, verify_dummy, verify_password
from desktop.db.models import Branch, Operator
from desktop.services import attempts, audit
from desktop.services.branches import check_code
from desktop.services.context import ROLE_RANK, Actor, ServiceContext
from desktop.services.errors import AuthError, InputError, NotFound

MAX_FAILED_ATTEMPTS = 5
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
WRONG = "Неверный логин или пароль"
LOCKED = "Учётная запись заблокирована. Обратитесь к администратору."
LOCKED_NOW = "Учётная запись заблокирована после неверных попыток. Обратитесь к администратору."
# One answer for every refused approval: unknown login, wrong password, locked, or the right
# password of someone who may not approve (issue 11: the answers must not tell them apart).
APPROVAL_REFUSED = "Подтверждение: неверный логин или пароль старшего оператора"


def _check_password(password: str, login: str) -> None:
    """The operators' password policy (desktop.core.passwords), one message for all its rules."""
    problems = check_password_policy(password, login=login)
    if problems:
        raise InputError("; ".join(problems), field="password")


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
    _check_password(password, login)
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


@dataclass(frozen=True)
class _Attempt:
    """A password check that holds one of the login's places (see desktop.services.attempts)."""

    operator_id: int
    login: str
    stored_hash: str
    count: int


def _begin_attempt(ctx: ServiceContext, login: str) -> _Attempt | str:
    """Take a place for one password check, or say why not: 'unknown' or 'locked'."""
    with ctx.transaction() as s:
        op = s.scalar(select(Operator).where(Operator.login == login))
        if op is None or not op.active:
            return "unknown"
        count = attempts.reserve(s, attempts.OPERATORS, op.id, MAX_FAILED_ATTEMPTS)
        if count is None:
            # Locked, or every place is taken by checks still running: the last of them locks
            # the login if its password is wrong, and a right one frees them all.
            return "locked"
        return _Attempt(op.id, op.login, op.password_hash, count)


def _failed(ctx: ServiceContext, attempt: _Attempt, action: str, **details: str) -> bool:
    """Record a wrong password; lock on the last place. True when this attempt locked the login."""
    with ctx.transaction() as s:
        locked = attempt.count >= MAX_FAILED_ATTEMPTS and attempts.lock(
            s, attempts.OPERATORS, attempt.operator_id, ctx.clock())
        audit.record(s, ctx, "operator.locked" if locked else action, entity="operator",
                     entity_id=attempt.operator_id, attempt=attempt.count, **details)
    return locked


def authenticate(ctx: ServiceContext, login: str, password: str) -> Actor:
    """Check an operator's password; lock the operator after repeated failures.

    Known and unknown logins cost the same Argon2 check, and parallel wrong guesses cannot
    get past MAX_FAILED_ATTEMPTS (each takes its place first, atomically).
    """
    login = (login or "").strip().lower()
    attempt = _begin_attempt(ctx, login)
    if attempt == "unknown":
        verify_dummy(password or "")  # the same cost as a real check: no probing logins by the clock
        raise AuthError(WRONG)  # the same message as a wrong password: do not tell which logins exist
    if attempt == "locked":
        raise AuthError(LOCKED)
    assert isinstance(attempt, _Attempt)
    if verify_password(attempt.stored_hash, password or ""):
        with ctx.transaction() as s:
            op = s.get(Operator, attempt.operator_id)
            assert op is not None
            if op.locked_at is not None:  # a parallel wrong guess used the last place meanwhile
                raise AuthError(LOCKED)
            attempts.succeeded(s, attempts.OPERATORS, attempt.operator_id)
            signed = _actor(op)
            audit.record(s, ctx.as_actor(signed), "operator.login", entity="operator", entity_id=op.id)
            return signed
    with ctx.read() as s:
        op = s.get(Operator, attempt.operator_id)
        assert op is not None
        own = ctx.as_actor(_actor(op))
    locked = _failed(own, attempt, "operator.login_failed")
    raise AuthError(LOCKED_NOW if locked or attempt.count >= MAX_FAILED_ATTEMPTS else WRONG)


@dataclass(frozen=True)
class Approval:
    """A senior operator's consent to a correction, given by their password at this desk."""

    id: int
    login: str


def approve(ctx: ServiceContext, login: str, password: str, role: str = "senior") -> Approval:
    """Check the password of the operator who allows a correction (a reversal, a refund).

    It counts towards the same lockout as signing in and every refusal is audited. Every
    refusal gives the same answer (APPROVAL_REFUSED) at the same cost: an unknown login, a
    wrong password, a locked approver, and the right password of someone without ``role``.
    """
    login = (login or "").strip().lower()
    attempt = _begin_attempt(ctx, login)
    if not isinstance(attempt, _Attempt):
        verify_dummy(password or "")
        with ctx.transaction() as s:
            audit.record(s, ctx, "operator.approval_refused", entity="operator", reason=attempt,
                         login=login[:64] if attempt == "locked" else "")
        raise AuthError(APPROVAL_REFUSED, field="approver")
    right = verify_password(attempt.stored_hash, password or "")
    with ctx.read() as s:
        op = s.get(Operator, attempt.operator_id)
        assert op is not None
        allowed = ROLE_RANK.get(op.role, 0) >= ROLE_RANK[role] and op.locked_at is None
    if right and allowed:
        with ctx.transaction() as s:
            attempts.succeeded(s, attempts.OPERATORS, attempt.operator_id)
            audit.record(s, ctx, "operator.approval", entity="operator", entity_id=attempt.operator_id,
                         login=attempt.login)
        return Approval(attempt.operator_id, attempt.login)
    _failed(ctx, attempt, "operator.approval_refused", login=attempt.login,
            reason="role" if right else "password")
    raise AuthError(APPROVAL_REFUSED, field="approver")


def _operator(s: Session, login: str) -> Operator:
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
    _check_password(new_password, login.strip().lower())
    with ctx.transaction() as s:
        op = _operator(s, login)
        op.password_hash = hash_password(new_password)
        op.must_change_password = True
        op.locked_at = None
        op.failed_attempts = 0
        audit.record(s, ctx, "operator.password_reset", entity="operator", entity_id=op.id, login=op.login)


def change_own_password(ctx: ServiceContext, old_password: str, new_password: str) -> Actor:
    """The signed-in operator replaces their password (required after a reset)."""
    _check_password(new_password, ctx.actor.login)
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


def list_operators(ctx: ServiceContext) -> list[dict[str, Any]]:
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
