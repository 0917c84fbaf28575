"""billing runs: one running run per period and branch, owner and heartbeat, counted as they go

Revision ID: 20261202_0008
Revises: 20261202_0007
Create Date: 2026-12-02

- billing_runs.owner (host:pid) and heartbeat_at tell a live run from a dead one;
- billing_runs.accrued_kopecks, added with every batch like billed and skipped;
- ck_billing_runs_state: running, done, cancelled or interrupted;
- uq_billing_runs_running_branch / uq_billing_runs_running_all: at most one 'running' row per
  (period, branch) and per period for the whole network (partial unique indexes, both databases).

Rows left 'running' by earlier versions (two runs at once, a killed run) never finish: they
become 'interrupted' here, before the unique indexes are built.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_0008"
down_revision: str | None = "20261202_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KOPECKS = sa.BigInteger()
WHEN = sa.DateTime(timezone=True)
RUNNING = (
    ("uq_billing_runs_running_branch", ["period", "branch_id"], "state = 'running' AND branch_id IS NOT NULL"),
    ("uq_billing_runs_running_all", ["period"], "state = 'running' AND branch_id IS NULL"),
)


def upgrade() -> None:
    op.execute("UPDATE billing_runs SET state = 'interrupted' WHERE state = 'running'")
    op.execute("UPDATE billing_runs SET state = 'interrupted' "
               "WHERE state NOT IN ('running','done','cancelled','interrupted')")
    with op.batch_alter_table("billing_runs") as batch_op:
        batch_op.add_column(sa.Column("accrued_kopecks", KOPECKS, nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("owner", sa.String(length=80), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("heartbeat_at", WHEN, nullable=True))
        batch_op.create_check_constraint(op.f("ck_billing_runs_state"),
                                         "state IN ('running','done','cancelled','interrupted')")
    # The mapping has no server defaults (the ORM fills them): drop them so both agree.
    with op.batch_alter_table("billing_runs") as batch_op:
        batch_op.alter_column("accrued_kopecks", server_default=None)
        batch_op.alter_column("owner", server_default=None)
    for name, columns, where in RUNNING:
        op.create_index(name, "billing_runs", columns, unique=True,
                        sqlite_where=sa.text(where), postgresql_where=sa.text(where))


def downgrade() -> None:
    for name, _columns, _where in reversed(RUNNING):
        op.drop_index(name, table_name="billing_runs")
    with op.batch_alter_table("billing_runs") as batch_op:
        batch_op.drop_constraint(op.f("ck_billing_runs_state"), type_="check")
        batch_op.drop_column("heartbeat_at")
        batch_op.drop_column("owner")
        batch_op.drop_column("accrued_kopecks")
