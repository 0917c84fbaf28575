"""A new installation: its first branch and first administrator, created together in one transaction.

Only while the database has no operator at all: nobody can sign in yet, so nobody's role can be
checked; the first-start dialog of a desk calls this, and once one operator exists it refuses.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.db.models import Branch, Operator
from desktop.services.branches import NewBranch, check_code, insert_branch
from desktop.services.context import Actor, ServiceContext
from desktop.services.errors import Conflict, InputError, NotFound
from desktop.services.operators import check_new_operator, insert_operator

# Who the audit events name: no operator exists yet, so the desk's first-start dialog itself.
FIRST_START = Actor(None, "first-start", "Первый запуск", "admin", None, "")
FULL_NAME_MAX = 160  # operators.full_name VARCHAR(160)


class AlreadyInstalled(Conflict):
    """The database has an operator already (another desk was quicker): sign in instead."""


def has_operators(ctx: ServiceContext) -> bool:
    """Whether anyone can sign in to this database yet."""
    with ctx.read() as session:
        return session.scalar(select(Operator.id).limit(1)) is not None


def _full_name(value: str) -> str:
    normal = " ".join(value.split())
    if not normal:
        raise InputError("Укажите фамилию и имя администратора", field="full_name")
    if any(not ch.isprintable() for ch in normal):
        raise InputError("В имени администратора недопустимые знаки (NUL или управляющие)", field="full_name")
    if len(normal) > FULL_NAME_MAX:
        raise InputError(f"Имя администратора — не длиннее {FULL_NAME_MAX} знаков", field="full_name")
    return normal


def _one_at_a_time(session: Session) -> None:
    """Two desks setting up the same empty database at once: the second waits for the first and then
    finds its administrator. PostgreSQL: a transaction advisory lock; SQLite: the write lock taken
    now (BEGIN IMMEDIATE) rather than at the first INSERT, after the count was read."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext('energodesk.first_administrator'))"))
        return
    raw = connection.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        # Through SQLAlchemy, not the raw driver: "database is locked" must come out as
        # EnvironmentProblem like every other database error of a service call.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_first_admin(
    ctx: ServiceContext, branch: NewBranch | str, login: str, full_name: str, password: str
) -> Actor:
    """The first administrator at ``branch`` (a new branch, created here, or the code of one that
    exists), with their audit events; AlreadyInstalled once the database has any operator."""
    login = check_new_operator(login, password, "admin")
    name = _full_name(full_name)
    code = branch.code if isinstance(branch, NewBranch) else check_code(branch)
    with ctx.transaction() as session:
        _one_at_a_time(session)
        if session.scalar(select(func.count(Operator.id))):
            raise AlreadyInstalled(
                "В базе уже есть администратор (его создали с другого рабочего места): войдите "
                "под его логином или попросите его завести вам учётную запись"
            )
        if isinstance(branch, NewBranch):
            row = insert_branch(session, ctx, branch)
        else:
            found = session.scalar(select(Branch).where(Branch.code == code))
            if found is None:
                raise NotFound(f"Нет отделения с кодом {code}")
            row = found
        op = insert_operator(session, ctx, login, password, "admin", row, name, first_administrator=True)
        return Actor(op.id, op.login, op.full_name, op.role, row.id, row.code, False)
