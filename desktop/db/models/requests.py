"""Customer requests and complaints, their append-only history, numbering counters and holidays."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base, UtcDateTime, utcnow

REQUEST_TEXT_MAX = 4000  # characters of the customer's text, an answer or a note

TYPES = ("complaint", "bill_dispute", "recalculation", "meter", "online_account", "suggestion", "other")
CHANNELS = ("in_person", "sms", "email", "post")
STATES = ("new", "in_work", "answered", "closed")
RESULTS = ("resolved", "refused", "forwarded")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ",".join(f"'{v}'" for v in values) + ")"


class CustomerRequest(Base):
    """A request or complaint registered at a desk; never deleted, closed with a result.

    ``number`` is branch code, year and the branch's sequence of that year (SYZ-2026-000042),
    unique across the network; the sequence comes from RequestCounter in the same transaction.
    """

    __tablename__ = "customer_requests"
    __table_args__ = (
        CheckConstraint(_in("type", TYPES), name="type"),
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("state", STATES), name="state"),
        CheckConstraint("result IS NULL OR " + _in("result", RESULTS), name="result"),
        CheckConstraint("state <> 'closed' OR (result IS NOT NULL AND answer <> '')", name="closed_answered"),
        UniqueConstraint("branch_id", "year", "seq"),
        # The card: open requests of one account; the register: keyset pages in each sort order.
        Index("ix_customer_requests_account_state", "account_id", "state"),
        Index("ix_customer_requests_registered", "registered_at", "id"),
        Index("ix_customer_requests_due", "due_on", "id"),
        Index("ix_customer_requests_branch_registered", "branch_id", "registered_at", "id"),
        Index("ix_customer_requests_state_due", "state", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    type: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text, info={"max_length": REQUEST_TEXT_MAX})
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    registered_on: Mapped[date] = mapped_column(Date)  # the company's date of registration
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    due_on: Mapped[date] = mapped_column(Date)
    due_by_hand: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(10), default="new")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    answer: Mapped[str] = mapped_column(Text, default="", info={"max_length": REQUEST_TEXT_MAX})
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    result: Mapped[str | None] = mapped_column(String(10), default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class RequestEvent(Base):
    """One step in a request's history (registered, assigned, note, answer, due date, closed); never updated."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("customer_requests.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    who: Mapped[str] = mapped_column(String(160), default="")  # the operator's name then
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="", info={"max_length": REQUEST_TEXT_MAX})


class RequestCounter(Base):
    """The last sequence number given to a request of one branch in one year."""

    __tablename__ = "request_counters"

    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Holiday(Base):
    """A non-working day (a public holiday or a transferred day off), or, with ``working``, a
    Saturday or Sunday the decree made a working day. Due dates skip the former, count the latter."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    working: Mapped[bool] = mapped_column(Boolean, default=False)
