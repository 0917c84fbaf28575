"""The append-only audit trail and company-wide settings kept in the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import AccountNumber, Base, UtcDateTime, utcnow


class AuditEvent(Base):
    """Who did what, when, at which branch, on which account. Rows are never updated."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_account_at", "account_number", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"), default=None)
    action: Mapped[str] = mapped_column(String(48), index=True)
    account_number: Mapped[str | None] = mapped_column(AccountNumber, default=None)
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[int | None] = mapped_column(default=None)
    # JSON with the details; never a password, a full card number or a full phone.
    details: Mapped[str] = mapped_column(Text, default="{}")


class CompanySetting(Base):
    """A company-wide setting shared by all desks (payee details, thresholds), as JSON."""

    __tablename__ = "company_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
