"""Cash shifts, cash in/out operations and payments (never deleted, reversed by new rows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base, Kopecks, UtcDateTime, utcnow


class CashShift(Base):
    """A cashier's shift at one desk: opened with a float, closed with a count and a Z-report."""

    __tablename__ = "cash_shifts"
    # The database itself refuses what open_shift and close_shift refuse (migration 20261202_0006):
    # one open shift per operator even when ten desks press "open" at once, numbers unique per
    # desk (or per operator where the desk has no name), only the two known states.
    __table_args__ = (
        CheckConstraint("state IN ('open','closed')", name="state"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("opening_float_kopecks >= 0", name="float_not_negative"),
        CheckConstraint("(state = 'closed') = (closed_at IS NOT NULL)",
                        name="closed_at_matches_state"),
        Index("uq_cash_shifts_one_open_per_operator", "operator_id", unique=True,
              sqlite_where=text("state = 'open'"), postgresql_where=text("state = 'open'")),
        Index("uq_cash_shifts_desk_number", "desk", "number", unique=True,
              sqlite_where=text("desk <> ''"), postgresql_where=text("desk <> ''")),
        Index("uq_cash_shifts_operator_number", "operator_id", "number", unique=True,
              sqlite_where=text("desk = ''"), postgresql_where=text("desk = ''")),
        # Offline desks replay "open" and "close" with their journal keys (migration 20261203_0013).
        Index("uq_cash_shifts_open_key", "open_key", unique=True),
        Index("uq_cash_shifts_close_key", "close_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), index=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    desk: Mapped[str] = mapped_column(String(64), default="")
    number: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(8), default="open")
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    opening_float_kopecks: Mapped[int] = mapped_column(Kopecks, default=0)
    expected_cash_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
    expected_card_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
    counted_cash_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
    difference_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
    difference_comment: Mapped[str] = mapped_column(Text, default="",
                                                    info={"max_length": 500})
    receipts_issued: Mapped[int] = mapped_column(Integer, default=0)
    z_report: Mapped[str] = mapped_column(Text, default="")
    open_key: Mapped[str | None] = mapped_column(String(64), default=None)
    close_key: Mapped[str | None] = mapped_column(String(64), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CashOperation(Base):
    """Cash put into or taken out of the drawer during a shift (float top-up, collection)."""

    __tablename__ = "cash_operations"
    __table_args__ = (
        CheckConstraint("kind IN ('cash_in','cash_out')", name="kind"),
        CheckConstraint("amount_kopecks > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("cash_shifts.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    kind: Mapped[str] = mapped_column(String(8))
    amount_kopecks: Mapped[int] = mapped_column(Kopecks)
    comment: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Payment(Base):
    """A payment, reversal or refund. Corrections are new rows pointing at the original."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("kind IN ('payment','reversal','refund')", name="kind"),
        CheckConstraint("method IN ('cash','card','bank','online')", name="method"),
        Index("ix_payments_account_time", "account_id", "posted_at"),
        # What post_payment and reverse_payment refuse, refused by the database too
        # (migration 20261202_0006): a payment is positive, a correction negative and points at
        # the payment it corrects; money at the desk belongs to a cash shift; one correction
        # per payment.
        CheckConstraint("(kind = 'payment' AND amount_kopecks > 0) OR "
                        "(kind IN ('reversal','refund') AND amount_kopecks < 0)", name="amount_sign"),
        CheckConstraint("(kind = 'payment' AND reverses_id IS NULL) OR "
                        "(kind <> 'payment' AND reverses_id IS NOT NULL)", name="correction_target"),
        CheckConstraint("method NOT IN ('cash','card') OR shift_id IS NOT NULL", name="desk_money_in_shift"),
        CheckConstraint("change_kopecks IS NULL OR change_kopecks >= 0", name="change_not_negative"),
        Index("uq_payments_reverses_id", "reverses_id", unique=True),
        # Collections over a date range (desktop/services/collections.py).
        Index("ix_payments_posted_at", "posted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    kind: Mapped[str] = mapped_column(String(10), default="payment")
    method: Mapped[str] = mapped_column(String(8))
    # Signed: a payment is positive, a reversal or refund negative.
    amount_kopecks: Mapped[int] = mapped_column(Kopecks)
    tendered_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
    change_kopecks: Mapped[int | None] = mapped_column(Kopecks, default=None)
    card_last4: Mapped[str | None] = mapped_column(String(4), default=None)
    card_rrn: Mapped[str | None] = mapped_column(String(12), default=None)
    card_auth_code: Mapped[str | None] = mapped_column(String(6), default=None)
    # A double click or a retry after a dropped connection posts once.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("cash_shifts.id"), index=True, default=None)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"), default=None)
    posted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), default=None)
    reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    receipt_number: Mapped[int | None] = mapped_column(Integer, default=None)
    receipt_state: Mapped[str] = mapped_column(String(16), default="none")
