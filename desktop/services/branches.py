"""Branches (service centres): the code rule, adding a branch, listing the branches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.db.models import Branch, Operator
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError

# Latin capitals and digits, as on bills, registries and the desk's INI file (SYZ, TLT, SAM).
CODE = re.compile(r"^[A-Z0-9]{2,8}$")
CODE_RULE = "Код отделения — от 2 до 8 латинских букв или цифр, например SYZ"
NAME_MAX = 120  # branches.name VARCHAR(120)
TOWN_MAX = 80  # branches.town VARCHAR(80)


@dataclass(frozen=True)
class NewBranch:
    """A branch to create, checked and normalised by ``new_branch``."""

    code: str
    name: str
    town: str = ""


@dataclass(frozen=True)
class BranchRow:
    """A branch as `energodesk branch list` shows it."""

    code: str
    name: str
    town: str
    operators: int


def check_code(code: str) -> str:
    """The branch code in capitals; InputError (field ``code``) unless it is 2-8 Latin letters or digits."""
    normal = code.strip().upper()
    if not CODE.match(normal):
        raise InputError(CODE_RULE, field="code")
    return normal


def _text(value: str, field: str, what: str, limit: int, *, required: bool) -> str:
    # Runs of spaces, tabs and line breaks become one space: names are printed on one line.
    normal = " ".join(value.split())
    if required and not normal:
        raise InputError(f"Укажите {what} отделения", field=field)
    if any(not ch.isprintable() for ch in normal):
        raise InputError(f"В поле «{what}» недопустимые знаки (NUL или управляющие)", field=field)
    if len(normal) > limit:
        raise InputError(
            f"{what.capitalize()} отделения — не длиннее {limit} знаков (сейчас {len(normal)})", field=field
        )
    return normal


def new_branch(code: str, name: str, town: str = "") -> NewBranch:
    """Check what was typed for a new branch (InputError naming the field), normalised."""
    return NewBranch(
        check_code(code),
        _text(name, "name", "название", NAME_MAX, required=True),
        _text(town, "town", "город", TOWN_MAX, required=False),
    )


def insert_branch(session: Session, ctx: ServiceContext, branch: NewBranch) -> Branch:
    """Add ``branch`` in the caller's transaction, with its audit event; InputError if the code is taken."""
    if session.scalar(select(Branch.id).where(Branch.code == branch.code)) is not None:
        raise InputError(f"Отделение с кодом {branch.code} уже есть", field="code")
    row = Branch(code=branch.code, name=branch.name, town=branch.town, address="")
    session.add(row)
    session.flush()
    audit.record(
        session,
        ctx,
        "branch.add",
        entity="branch",
        entity_id=row.id,
        code=branch.code,
        name=branch.name,
        town=branch.town,
    )
    return row


def add_branch(ctx: ServiceContext, code: str, name: str, town: str = "") -> NewBranch:
    """An administrator adds a branch (`energodesk branch add`); one transaction, audited."""
    ctx.require("admin")
    branch = new_branch(code, name, town)
    try:
        with ctx.transaction() as session:
            insert_branch(session, ctx, branch)
    except IntegrityError:
        # Another desk added the same code between our check and our insert: the unique index
        # refused it and the transaction was rolled back.
        raise InputError(f"Отделение с кодом {branch.code} уже есть", field="code") from None
    return branch


def list_branches(ctx: ServiceContext) -> list[BranchRow]:
    """Every branch by code, with the number of its operators."""
    staff = (
        select(Operator.branch_id, func.count(Operator.id).label("n")).group_by(Operator.branch_id).subquery()
    )
    query = (
        select(Branch.code, Branch.name, Branch.town, func.coalesce(staff.c.n, 0))
        .outerjoin(staff, staff.c.branch_id == Branch.id)
        .order_by(Branch.code)
    )
    with ctx.read() as session:
        return [BranchRow(code, name, town, int(n)) for code, name, town, n in session.execute(query)]
