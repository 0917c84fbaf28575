"""Bills as frozen copies of what was printed, their lines, and billing runs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.db.base import Base, Kopecks, UtcDateTime, period_checks, utcnow


class BillingRun(Base):
    """One run of the monthly billing for a period (and optionally one branch).

    Migration 20261202_0008: one 'running' row per period and branch (and per period for a
    whole-network run); ``owner`` (host:pid) and ``heartbeat_at`` tell a live run from a dead
    one; billed/skipped/accrued are added with every batch, so a dead run says what it billed.
    """

    __tablename__ = "billing_runs"
    __table_args__ = (
        *period_checks("period"),
        CheckConstraint("state IN ('running','done','cancelled','interrupted')", name="state"),
        Index("uq_billing_runs_running_branch", "period", "branch_id", unique=True,
              sqlite_where=text("state = 'running' AND branch_id IS NOT NULL"),
              postgresql_where=text("state = 'running' AND branch_id IS NOT NULL")),
        Index("uq_billing_runs_running_all", "period", unique=True,
              sqlite_where=text("state = 'running' AND branch_id IS NULL"),
              postgresql_where=text("state = 'running' AND branch_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"), default=None)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    state: Mapped[str] = mapped_column(String(16), default="running")
    billed: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    accrued_kopecks: Mapped[int] = mapped_column(Kopecks, default=0)
    owner: Mapped[str] = mapped_column(String(80), default="")
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class Bill(Base):
    """A bill for one account and one period; ``document`` is the frozen printed content."""

    __tablename__ = "bills"
    __table_args__ = (
        UniqueConstraint("account_id", "period", name="uq_bills_account_period"),
        # Migration 20261202_0006: charges are never negative (a credit is a recalculation line),
        # the period is a real month and the bill is not due before it is issued.
        *period_checks("period"),
        CheckConstraint("charges_kopecks >= 0", name="charges_not_negative"),
        CheckConstraint("due_on >= issued_on", name="due_after_issue"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))  # uq_bills_account_period serves it
    period: Mapped[str] = mapped_column(String(7))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("billing_runs.id"), default=None)
    issued_on: Mapped[date] = mapped_column()
    due_on: Mapped[date] = mapped_column()
    opening_balance_kopecks: Mapped[int] = mapped_column(Kopecks)
    charges_kopecks: Mapped[int] = mapped_column(Kopecks)
    recalculation_kopecks: Mapped[int] = mapped_column(Kopecks, default=0)
    payments_kopecks: Mapped[int] = mapped_column(Kopecks, default=0)
    amount_due_kopecks: Mapped[int] = mapped_column(Kopecks)
    # JSON of desktop.core.documents.BillDocument: a reprint years later is identical.
    document: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    lines: Mapped[list[BillLine]] = relationship(
        back_populates="bill", order_by="BillLine.line_no", cascade="save-update, merge"
    )


class BillLine(Base):
    """A charge or recalculation line of a bill, per zone."""

    __tablename__ = "bill_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="charge")
    zone: Mapped[str] = mapped_column(String(2))
    basis: Mapped[str] = mapped_column(String(16), default="meter")
    previous_reading: Mapped[int | None] = mapped_column(Integer, default=None)
    current_reading: Mapped[int | None] = mapped_column(Integer, default=None)
    kwh: Mapped[int] = mapped_column(Integer)
    price_kopecks: Mapped[int] = mapped_column(Integer)
    amount_kopecks: Mapped[int] = mapped_column(Kopecks)
    reason: Mapped[str] = mapped_column(Text, default="")

    bill: Mapped[Bill] = relationship(back_populates="lines")
