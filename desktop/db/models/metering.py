"""Meters, readings per zone, and the date-ranged tariff table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base, UtcDateTime, period_checks, utcnow


class Meter(Base):
    """An electricity meter installed at an account; replaced meters keep their rows."""

    __tablename__ = "meters"
    __table_args__ = (
        CheckConstraint("zones BETWEEN 1 AND 3", name="zones"),
        CheckConstraint("digits BETWEEN 4 AND 8", name="digits"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32))
    model: Mapped[str] = mapped_column(String(64), default="")
    zones: Mapped[int] = mapped_column(Integer)
    digits: Mapped[int] = mapped_column(Integer)
    installed_on: Mapped[date] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date, default=None)
    next_verification_on: Mapped[date | None] = mapped_column(Date, default=None)


class Reading(Base):
    """One meter reading of one zone on one date.

    ``source`` is operator, online, estimate, initial (a new meter's opening reading) or
    closing (a removed meter's last reading). A reading that passed a warning or a rollover
    keeps the operator's confirmation and reason.
    """

    __tablename__ = "readings"
    __table_args__ = (
        CheckConstraint("zone IN ('T1','T2','T3')", name="zone"),
        CheckConstraint("value >= 0", name="value"),
        Index("ix_readings_meter_date", "meter_id", "taken_on"),
        # Migration 20261202_0006: no period 'zz', no source 'x'.
        *period_checks("period"),
        CheckConstraint("source IN ('operator','online','estimate','initial','closing')", name="source"),
        # Migration 20261202_0010: a reading replayed from an offline desk is stored once.
        Index("uq_readings_idempotency_key_zone", "idempotency_key", "zone", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meters.id"))
    zone: Mapped[str] = mapped_column(String(2))
    value: Mapped[int] = mapped_column(Integer)
    taken_on: Mapped[date] = mapped_column(Date)
    # The billing period the reading counts for ('YYYY-MM'); later than taken_on's month
    # when it arrived after the readings window.
    period: Mapped[str] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(String(16), default="operator")
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    rollover: Mapped[bool] = mapped_column(Boolean, default=False)
    warning: Mapped[str | None] = mapped_column(Text, default=None)
    confirmation_reason: Mapped[str | None] = mapped_column(Text, default=None,
                                                            info={"max_length": 500})
    idempotency_key: Mapped[str | None] = mapped_column(String(64), default=None)


class Tariff(Base):
    """A price per kWh for a consumer group, zone scheme, zone and consumption range.

    A change of price is a new row with its own dates; history is never edited.
    """

    __tablename__ = "tariffs"
    __table_args__ = (
        CheckConstraint("zones BETWEEN 1 AND 3", name="zones"),
        Index("ix_tariffs_lookup", "consumer_group", "zones", "zone", "valid_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consumer_group: Mapped[str] = mapped_column(String(16))
    zones: Mapped[int] = mapped_column(Integer)
    zone: Mapped[str] = mapped_column(String(2))
    range_no: Mapped[int] = mapped_column(Integer, default=1)
    from_kwh: Mapped[int] = mapped_column(Integer, default=0)
    to_kwh: Mapped[int | None] = mapped_column(Integer, default=None)
    # Kopecks per kWh with VAT; prices are published to the kopeck.
    price_kopecks: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    note: Mapped[str] = mapped_column(String(200), default="")
