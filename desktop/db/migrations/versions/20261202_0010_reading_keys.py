"""readings: an idempotency key so that a reading replayed from an offline desk is stored once

Revision ID: 20261202_0010
Revises: 20261202_0009
Create Date: 2026-12-03

- readings.idempotency_key (nullable: readings entered online need none);
- UNIQUE (idempotency_key, zone): one row per zone of one keyed reading, ever. Rows without a
  key are not constrained (NULLs are distinct on both backends).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_0010"
down_revision: str | None = "20261202_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("readings", sa.Column("idempotency_key", sa.String(64), nullable=True))
    op.create_index("uq_readings_idempotency_key_zone", "readings", ["idempotency_key", "zone"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_readings_idempotency_key_zone", table_name="readings")
    with op.batch_alter_table("readings") as batch:
        batch.drop_column("idempotency_key")
