"""customer requests: the register, its append-only history, numbering counters, holidays

Revision ID: 20261202_0009
Revises: 20261202_0008
Create Date: 2026-12-03

- customer_requests: one row per request or complaint, never deleted; number unique network-wide;
- request_events: the history of each request (registered, assigned, notes, answer, closed);
- request_counters: the last sequence number per branch and year (taken in the registering transaction);
- holidays: non-working days (and working weekends) for due dates, seeded with 2026-2027.
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_0009"
down_revision: str | None = "20261202_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)

# Spelled out here so later edits of the code's list cannot change this step.
_NEW_YEAR = "Новогодние каникулы"
HOLIDAYS = (
    *((f"2026-01-{d:02d}", _NEW_YEAR) for d in range(1, 9)),
    ("2026-01-09", "Перенос выходного дня"), ("2026-02-23", "День защитника Отечества"),
    ("2026-03-09", "Перенос праздника (8 марта)"), ("2026-05-01", "Праздник Весны и Труда"),
    ("2026-05-11", "Перенос праздника (9 мая)"), ("2026-06-12", "День России"),
    ("2026-11-04", "День народного единства"), ("2026-12-31", "Перенос выходного дня"),
    *((f"2027-01-{d:02d}", _NEW_YEAR) for d in range(1, 9)),
    ("2027-02-23", "День защитника Отечества"), ("2027-03-08", "Международный женский день"),
    ("2027-05-01", "Праздник Весны и Труда"), ("2027-05-09", "День Победы"),
    ("2027-06-12", "День России"), ("2027-11-04", "День народного единства"),
)


def upgrade() -> None:
    holidays = op.create_table(
        "holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holidays")),
    )
    op.create_table(
        "request_counters",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_request_counters_branch_id_branches")),
        sa.PrimaryKeyConstraint("branch_id", "year", name=op.f("pk_request_counters")),
    )
    op.create_table(
        "customer_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=24), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("registered_at", WHEN, nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("registered_by", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_by_hand", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_at", WHEN, nullable=True),
        sa.Column("result", sa.String(length=10), nullable=True),
        sa.Column("closed_at", WHEN, nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("channel IN ('in_person','sms','email','post')", name=op.f("ck_customer_requests_channel")),
        sa.CheckConstraint("result IS NULL OR result IN ('resolved','refused','forwarded')",
                           name=op.f("ck_customer_requests_result")),
        sa.CheckConstraint("state <> 'closed' OR (result IS NOT NULL AND answer <> '')",
                           name=op.f("ck_customer_requests_closed_answered")),
        sa.CheckConstraint("state IN ('new','in_work','answered','closed')", name=op.f("ck_customer_requests_state")),
        sa.CheckConstraint("type IN ('complaint','bill_dispute','recalculation','meter','online_account',"
                           "'suggestion','other')", name=op.f("ck_customer_requests_type")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_customer_requests_account_id_accounts")),
        sa.ForeignKeyConstraint(["assignee_id"], ["operators.id"],
                                name=op.f("fk_customer_requests_assignee_id_operators")),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_customer_requests_branch_id_branches")),
        sa.ForeignKeyConstraint(["closed_by"], ["operators.id"], name=op.f("fk_customer_requests_closed_by_operators")),
        sa.ForeignKeyConstraint(["registered_by"], ["operators.id"],
                                name=op.f("fk_customer_requests_registered_by_operators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_requests")),
        sa.UniqueConstraint("branch_id", "year", "seq", name=op.f("uq_customer_requests_branch_id")),
        sa.UniqueConstraint("number", name=op.f("uq_customer_requests_number")),
    )
    op.create_index("ix_customer_requests_account_state", "customer_requests", ["account_id", "state"])
    op.create_index("ix_customer_requests_branch_registered", "customer_requests",
                    ["branch_id", "registered_at", "id"])
    op.create_index("ix_customer_requests_due", "customer_requests", ["due_on", "id"])
    op.create_index("ix_customer_requests_registered", "customer_requests", ["registered_at", "id"])
    op.create_index("ix_customer_requests_state_due", "customer_requests", ["state", "due_on"])
    op.create_table(
        "request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("who", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["operator_id"], ["operators.id"], name=op.f("fk_request_events_operator_id_operators")),
        sa.ForeignKeyConstraint(["request_id"], ["customer_requests.id"],
                                name=op.f("fk_request_events_request_id_customer_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_events")),
    )
    op.create_index(op.f("ix_request_events_request_id"), "request_events", ["request_id"])
    op.bulk_insert(holidays, [{"day": date.fromisoformat(day), "name": name, "working": False}
                              for day, name in HOLIDAYS])


def downgrade() -> None:
    op.drop_index(op.f("ix_request_events_request_id"), table_name="request_events")
    op.drop_table("request_events")
    for name in ("ix_customer_requests_state_due", "ix_customer_requests_registered", "ix_customer_requests_due",
                 "ix_customer_requests_branch_registered", "ix_customer_requests_account_state"):
        op.drop_index(name, table_name="customer_requests")
    op.drop_table("customer_requests")
    op.drop_table("request_counters")
    op.drop_table("holidays")
