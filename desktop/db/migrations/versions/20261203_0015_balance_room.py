"""balance room: accounts pages half free on PostgreSQL; the bills' account index that the unique key repeats, dropped

Revision ID: 20261203_0015
Revises: 20261203_0014
Create Date: 2026-12-03

Every payment and every billed account updates the account row's balance. On a full page
PostgreSQL writes the new row version on another page and adds it to each of the table's seven
indexes (one of them the number's trigram GIN index). A billing batch updates every row of the
pages it covers, so a page needs room for a second copy of all its rows: at fillfactor 80 only
31 % of a run's updates stayed on their page (measured at 2,000,000 accounts). At 50 they all do
(HOT: no index touched), and the update of a batch's balances took a seventh of the server time
on the 20,000 demo (0.22 s against 1.45 s for 20,000 accounts). The old versions are pruned as
the page is next read, so the room is there again for the next month. The table is about twice
as large (380 MB more at 2,000,000); the indexes are unchanged.

The setting applies to pages as they are filled, so the table is rewritten once here
(``CLUSTER`` by the primary key: it locks the accounts for the rewrite, about a minute at
2,000,000; run the upgrade when the desks are closed, as every upgrade).
PostgreSQL only: SQLite has no such setting.

``ix_bills_account_id`` (both backends): ``uq_bills_account_period`` starts with the account and
serves every query by account, so the second index only cost an insert per bill.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "20261203_0015"
down_revision: str | None = "20261203_0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_bills_account_id", table_name="bills")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE accounts SET (fillfactor = 50)")
        # CLUSTER (unlike VACUUM FULL) may run in the migration's transaction; in id order, as
        # the rows were loaded. It only rewrites: the table is not kept clustered afterwards.
        op.execute("CLUSTER accounts USING pk_accounts")
        op.execute("ALTER TABLE accounts SET WITHOUT CLUSTER")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE accounts RESET (fillfactor)")
    op.create_index("ix_bills_account_id", "bills", ["account_id"], unique=False)
