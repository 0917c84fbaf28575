"""constraints: the schema refuses what the services refuse

Revision ID: 20261202_0006
Revises: 20261130_0004
Create Date: 2026-12-02

Raw SQL (or a service with a bug, or a race between desks) must not store what the services
refuse: a payment of 0 or -5, desk money without a cash shift, two reversals of one payment, a
reading with period 'zz' or source 'x', a bill with negative charges, a shift in state 'weird',
two open shifts of one operator or two shifts with one number. Every rule is named
ck_<table>_<rule> or uq_<table>_<rule>, so a refusal says which rule it was.

On SQLite the CHECK constraints need the table rebuilt (Alembic batch mode); env.py turns
foreign keys off around the migrations and runs PRAGMA foreign_key_check before it commits.
The unique indexes are partial (WHERE ...) on both databases and are created after the
rebuilds. NOTE for later migrations: a batch ALTER of cash_shifts or payments on SQLite must
keep these indexes (Alembic reflects them, but check their WHERE clauses in a test).

Demo databases made before this revision hold history payments "in cash" and "by card" without
a shift; they become 'bank' and 'online' (only rows whose key starts with 'demo-'). Any other
row that breaks a rule stops the upgrade with the rule's name and a count: real money rows are
never changed silently.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_0006"
down_revision: str | None = "20261130_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _period(column: str, dialect: str) -> str:
    if dialect == "postgresql":
        return f"{column} ~ '^[0-9]{{4}}-(0[1-9]|1[0-2])$' AND {column} >= '1900-01'"
    return (f"{column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr({column}, 6, 2) BETWEEN '01' AND '12' "
            f"AND {column} >= '1900-01'")


def _checks(dialect: str) -> dict[str, list[tuple[str, str]]]:
    """table -> [(rule, SQL condition)]; the constraint is named ck_<table>_<rule>."""
    return {
        "payments": [
            ("amount_sign", "(kind = 'payment' AND amount_kopecks > 0) OR "
                            "(kind IN ('reversal','refund') AND amount_kopecks < 0)"),
            ("correction_target", "(kind = 'payment' AND reverses_id IS NULL) OR "
                                  "(kind <> 'payment' AND reverses_id IS NOT NULL)"),
            ("desk_money_in_shift", "method NOT IN ('cash','card') OR shift_id IS NOT NULL"),
            ("change_not_negative", "change_kopecks IS NULL OR change_kopecks >= 0"),
        ],
        "cash_shifts": [
            ("state", "state IN ('open','closed')"),
            ("number_positive", "number >= 1"),
            ("float_not_negative", "opening_float_kopecks >= 0"),
            ("closed_at_matches_state",
             "(state = 'closed') = (closed_at IS NOT NULL)"),
        ],
        "cash_operations": [("amount_positive", "amount_kopecks > 0")],
        "readings": [
            ("period_format", _period("period", dialect)),
            ("source", "source IN ('operator','online','estimate','initial','closing')"),
        ],
        "bills": [
            ("period_format", _period("period", dialect)),
            ("charges_not_negative", "charges_kopecks >= 0"),
            ("due_after_issue", "due_on >= issued_on"),
        ],
        "billing_runs": [("period_format", _period("period", dialect))],
        "operators": [("failed_attempts_not_negative", "failed_attempts >= 0")],
        "online_accounts": [("failed_attempts_not_negative", "failed_attempts >= 0")],
        "outgoing_messages": [
            ("channel", "channel IN ('sms','email')"),
            ("state", "state IN ('queued','sent','delivered','failed')"),
        ],
    }


# (name, table, columns, WHERE) of the unique indexes.
UNIQUE = (
    ("uq_payments_reverses_id", "payments", ["reverses_id"], None),
    ("uq_cash_shifts_one_open_per_operator", "cash_shifts", ["operator_id"], "state = 'open'"),
    ("uq_cash_shifts_desk_number", "cash_shifts", ["desk", "number"], "desk <> ''"),
    ("uq_cash_shifts_operator_number", "cash_shifts", ["operator_id", "number"], "desk = ''"),
)


def _refuse_broken_rows(dialect: str) -> None:
    bind = op.get_bind()
    broken = []
    for table, rules in _checks(dialect).items():
        for rule, condition in rules:
            count = bind.execute(sa.text(f"SELECT COUNT(*) FROM {table} WHERE NOT ({condition})")).scalar()
            if count:
                broken.append(f"ck_{table}_{rule}: {count}")
    for name, table, columns, where in UNIQUE:
        cols = ", ".join(columns)
        nulls = " AND ".join(f"{c} IS NOT NULL" for c in columns)
        filters = f"{nulls} AND ({where})" if where else nulls
        count = bind.execute(sa.text(
            f"SELECT COUNT(*) FROM (SELECT {cols} FROM {table} WHERE {filters} "
            f"GROUP BY {cols} HAVING COUNT(*) > 1) AS doubles")).scalar()
        if count:
            broken.append(f"{name}: {count}")
    if broken:
        from desktop.db.schema import SchemaError

        raise SchemaError("Строки в базе нарушают новые правила схемы (" + "; ".join(broken) +
                           "). Исправьте их и повторите energodesk db upgrade.")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Demo history "paid in cash / by card" before shifts existed in the demo: not desk money.
    op.execute("UPDATE payments SET method = CASE method WHEN 'cash' THEN 'bank' ELSE 'online' END "
               "WHERE shift_id IS NULL AND method IN ('cash','card') AND idempotency_key LIKE 'demo-%'")
    _refuse_broken_rows(dialect)
    for table, rules in _checks(dialect).items():
        with op.batch_alter_table(table) as batch_op:
            for rule, condition in rules:
                batch_op.create_check_constraint(op.f(f"ck_{table}_{rule}"), condition)
    for name, table, columns, where in UNIQUE:
        partial: dict[str, Any] = {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)} if where else {}
        op.create_index(name, table, columns, unique=True, **partial)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, table, _columns, _where in reversed(UNIQUE):
        op.drop_index(name, table_name=table)
    for table, rules in reversed(list(_checks(dialect).items())):
        with op.batch_alter_table(table) as batch_op:
            for rule, _condition in reversed(rules):
                batch_op.drop_constraint(op.f(f"ck_{table}_{rule}"), type_="check")
