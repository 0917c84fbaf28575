"""cash shifts: idempotency keys so that a shift opened or closed at an offline desk is replayed once

Revision ID: 20261203_0013
Revises: 20261202_0011
Create Date: 2026-12-03

- cash_shifts.open_key: the key of the offline "open shift" operation that opened it;
- cash_shifts.close_key: the key of the offline "close shift" operation that closed it.
Both nullable (shifts opened and closed online need none) and unique: a desk killed between the
shared commit and its local "done" replays the operation again and finds the shift by its key.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261203_0013"
down_revision: str | None = "20261202_0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("cash_shifts", sa.Column("open_key", sa.String(64), nullable=True))
    op.add_column("cash_shifts", sa.Column("close_key", sa.String(64), nullable=True))
    op.create_index("uq_cash_shifts_open_key", "cash_shifts", ["open_key"], unique=True)
    op.create_index("uq_cash_shifts_close_key", "cash_shifts", ["close_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_cash_shifts_close_key", table_name="cash_shifts")
    op.drop_index("uq_cash_shifts_open_key", table_name="cash_shifts")
    with op.batch_alter_table("cash_shifts") as batch:
        batch.drop_column("close_key")
        batch.drop_column("open_key")
