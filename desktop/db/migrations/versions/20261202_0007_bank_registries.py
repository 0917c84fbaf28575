"""bank registries: imports, posted lines with their once-ever key, payments by time

Revision ID: 20261202_0007
Revises: 20261202_0006
Create Date: 2026-12-02

- registry_imports: one row per import of a bank registry file (who, when, counters);
- registry_lines: one row per posted line; UNIQUE (bank, line_key) posts a line once, ever;
- ix_payments_posted_at: the collections report reads payments by date range.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_0007"
down_revision: str | None = "20261202_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The mapped types, spelled out so later changes to the mapping cannot change this step.
KOPECKS = sa.BigInteger()
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "registry_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank", sa.String(length=16), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("order_number", sa.String(length=32), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("lines_total", sa.Integer(), nullable=False),
        sa.Column("amount_total_kopecks", KOPECKS, nullable=False),
        sa.Column("posted_count", sa.Integer(), nullable=False),
        sa.Column("posted_kopecks", KOPECKS, nullable=False),
        sa.Column("duplicate_count", sa.Integer(), nullable=False),
        sa.Column("refused_count", sa.Integer(), nullable=False),
        sa.Column("refused_kopecks", KOPECKS, nullable=False),
        sa.Column("refused", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("finished_at", WHEN, nullable=True),
        sa.CheckConstraint("state IN ('running','done','cancelled')", name=op.f("ck_registry_imports_state")),
        sa.ForeignKeyConstraint(["operator_id"], ["operators.id"],
                                name=op.f("fk_registry_imports_operator_id_operators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_imports")),
    )
    op.create_index(op.f("ix_registry_imports_file_sha256"), "registry_imports", ["file_sha256"])
    op.create_table(
        "registry_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("bank", sa.String(length=16), nullable=False),
        sa.Column("line_key", sa.String(length=255), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=12), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("payer", sa.String(length=255), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("amount_kopecks", KOPECKS, nullable=False),
        sa.Column("transfer_kopecks", KOPECKS, nullable=True),
        sa.Column("fee_kopecks", KOPECKS, nullable=True),
        sa.ForeignKeyConstraint(["import_id"], ["registry_imports.id"],
                                name=op.f("fk_registry_lines_import_id_registry_imports")),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"],
                                name=op.f("fk_registry_lines_payment_id_payments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_lines")),
        sa.UniqueConstraint("bank", "line_key", name=op.f("uq_registry_lines_bank")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_registry_lines_payment_id")),
    )
    op.create_index(op.f("ix_registry_lines_import_id"), "registry_lines", ["import_id"])
    op.create_index(op.f("ix_payments_posted_at"), "payments", ["posted_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_payments_posted_at"), table_name="payments")
    op.drop_index(op.f("ix_registry_lines_import_id"), table_name="registry_lines")
    op.drop_table("registry_lines")
    op.drop_index(op.f("ix_registry_imports_file_sha256"), table_name="registry_imports")
    op.drop_table("registry_imports")
