"""Bank payment registries: each import of a file, and each line it posted (never deleted)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import AccountNumber, Base, Kopecks, UtcDateTime, utcnow


class RegistryImport(Base):
    """One import of a registry file: who, when, which file, what was posted, refused, already there.

    The counters are updated in the same transaction as every batch of posted lines, so after
    a crash they still say exactly what was posted; ``state`` stays "running" then.
    """

    __tablename__ = "registry_imports"
    __table_args__ = (CheckConstraint("state IN ('running','done','cancelled')", name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    order_number: Mapped[str] = mapped_column(String(32), default="")
    order_date: Mapped[date | None] = mapped_column(Date, default=None)
    lines_total: Mapped[int] = mapped_column(Integer)
    amount_total_kopecks: Mapped[int] = mapped_column(Kopecks)
    posted_count: Mapped[int] = mapped_column(Integer, default=0)
    posted_kopecks: Mapped[int] = mapped_column(Kopecks, default=0)
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0)
    refused_count: Mapped[int] = mapped_column(Integer, default=0)
    refused_kopecks: Mapped[int] = mapped_column(Kopecks, default=0)
    # The refused lines as JSON [{"line", "account", "amount_kopecks", "reason"}], the first 1,000.
    refused: Mapped[str] = mapped_column(Text, default="[]")
    state: Mapped[str] = mapped_column(String(10), default="running")
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class RegistryLine(Base):
    """A registry line that was posted: its payment, and the key that posts it once, ever.

    The key is the bank plus the format's key fields (CONTRACTS.md); the database refuses a
    second row with the same key, so two desks importing overlapping files post each line once.
    """

    __tablename__ = "registry_lines"
    __table_args__ = (UniqueConstraint("bank", "line_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("registry_imports.id"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)
    bank: Mapped[str] = mapped_column(String(16))
    line_key: Mapped[str] = mapped_column(String(255))
    line_no: Mapped[int] = mapped_column(Integer)
    account: Mapped[str] = mapped_column(AccountNumber)
    paid_on: Mapped[date] = mapped_column(Date)
    payer: Mapped[str] = mapped_column(String(255), default="")
    period: Mapped[str | None] = mapped_column(String(7), default=None)
    reference: Mapped[str] = mapped_column(String(100), default="")
    amount_kopecks: Mapped[int] = mapped_column(Kopecks)
    transfer_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
    fee_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
