"""Customers' online accounts, their consents, and the outgoing SMS and e-mail queue."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base, UtcDateTime, utcnow


class OnlineAccount(Base):
    """A customer's online account (личный кабинет), tied to one personal account."""

    __tablename__ = "online_accounts"
    __table_args__ = (CheckConstraint("failed_attempts >= 0", name="failed_attempts_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    password_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    last_reset_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class Consent(Base):
    """A consent given (or withdrawn) by a customer, with who recorded it and when."""

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_customer_kind", "customer_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    # personal_data, notifications, bills_by_email
    kind: Mapped[str] = mapped_column(String(24))
    given_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    channel: Mapped[str] = mapped_column(String(16), default="desk")
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)


class OutgoingMessage(Base):
    """An SMS or e-mail waiting to be sent, sent, delivered or failed; never silently lost."""

    __tablename__ = "outgoing_messages"
    __table_args__ = (
        Index("ix_outgoing_state_next", "state", "next_attempt_at"),
        CheckConstraint("channel IN ('sms','email')", name="channel"),
        CheckConstraint("state IN ('queued','sent','delivered','failed')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))
    purpose: Mapped[str] = mapped_column(String(24))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True, default=None)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200), default="")
    # For a password SMS the body is scrubbed once the gateway has taken the message.
    body: Mapped[str] = mapped_column(Text, default="")
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    attachment_name: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    gateway_id: Mapped[str | None] = mapped_column(String(64), default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
