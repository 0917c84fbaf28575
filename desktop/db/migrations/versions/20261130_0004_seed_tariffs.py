"""Seed the Samara household tariff table (shared/domain.md 1.3) into an empty database.

Revision ID: 20261130_0004
Revises: 20261130_0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261130_0004"
down_revision: str | None = "20261130_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new database must be able to price readings from the first day; the seed is the
    # table administrators then extend with new dated rows (never edits of history).
    # The columns are spelled out here so that later changes to the mapping cannot break
    # this step of an upgrade from scratch.
    from datetime import UTC, datetime

    from desktop.core.tariffs import SAMARA_TARIFFS
    from desktop.services.tariffs import exact_kopecks

    if op.get_bind().execute(sa.text("SELECT COUNT(*) FROM tariffs")).scalar():
        return
    tariffs = sa.table(
        "tariffs",
        sa.column("consumer_group", sa.String), sa.column("zones", sa.Integer), sa.column("zone", sa.String),
        sa.column("range_no", sa.Integer), sa.column("from_kwh", sa.Integer), sa.column("to_kwh", sa.Integer),
        sa.column("price_kopecks", sa.Integer), sa.column("valid_from", sa.Date), sa.column("valid_to", sa.Date),
        sa.column("created_at", sa.DateTime(timezone=True)), sa.column("note", sa.String),
    )
    now = datetime.now(UTC)
    op.bulk_insert(tariffs, [
        {"consumer_group": r.group, "zones": r.zones, "zone": r.zone, "range_no": r.range_no,
         "from_kwh": r.from_kwh, "to_kwh": r.to_kwh, "price_kopecks": exact_kopecks(r.price),
         "valid_from": r.valid_from, "valid_to": r.valid_to, "created_at": now,
         "note": "начальная таблица (domain.md 1.3)"}
        for r in SAMARA_TARIFFS
    ])


def downgrade() -> None:
    op.execute("DELETE FROM tariffs WHERE created_by_id IS NULL AND note LIKE 'начальная таблица%'")
