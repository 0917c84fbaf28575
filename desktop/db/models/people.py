"""Branches, operators, customers (persons) and their accounts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.db.base import AccountNumber, Base, Kopecks, UtcDateTime, search_key, utcnow


class Branch(Base):
    """A service centre: the head office or a branch office."""

    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    town: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(200), default="")


class Operator(Base):
    """A person who works at a desk: operator, senior operator or administrator."""

    __tablename__ = "operators"
    __table_args__ = (
        CheckConstraint("role IN ('operator','senior','admin')", name="role"),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(160), default="")
    role: Mapped[str] = mapped_column(String(16))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    branch: Mapped[Branch] = relationship(lazy="joined", innerjoin=True)


class Customer(Base):
    """A person; one person may hold several accounts."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_name: Mapped[str] = mapped_column(String(80))
    first_name: Mapped[str] = mapped_column(String(80))
    middle_name: Mapped[str] = mapped_column(String(80), default="")
    # Lower case with ё folded to е, computed in Python: SQLite folds ASCII only and a
    # PostgreSQL server with LC_CTYPE=C does not fold Cyrillic (perf-notes pitfalls 1 and 3).
    name_key: Mapped[str] = mapped_column(search_key(250))
    phone: Mapped[str | None] = mapped_column(String(11), index=True, default=None)
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    accounts: Mapped[list[Account]] = relationship(back_populates="customer")

    __table_args__ = (
        # Name search reads customers in (name_key, id) order straight from this index.
        Index("ix_customers_name_key", "name_key", "id"),
    )
    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class Account(Base):
    """A personal account (лицевой счёт): one supply point at one address."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("consumer_group IN ('urban','electric_stove','rural')", name="group"),
        CheckConstraint("length(number) = 12", name="number_length"),
        Index("ix_accounts_address", "town_key", "street_key", "house", "flat"),
        # Search by street without a town, in (house, flat, id) order (desktop/services/search.py).
        Index("ix_accounts_street", "street_key", "house", "flat", "id"),
        # Part of an account number: pg_trgm on PostgreSQL; on SQLite the FTS5 trigram table
        # accounts_number_fts (migration 20261130_0002) does this job and is not mapped.
        Index(
            "ix_accounts_number_trgm",
            "number",
            postgresql_using="gin",
            postgresql_ops={"number": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(AccountNumber, unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    town: Mapped[str] = mapped_column(String(80))
    street: Mapped[str] = mapped_column(String(120))
    house: Mapped[str] = mapped_column(String(16))
    flat: Mapped[str] = mapped_column(String(16), default="")
    town_key: Mapped[str] = mapped_column(search_key(80))
    street_key: Mapped[str] = mapped_column(search_key(120))
    consumer_group: Mapped[str] = mapped_column(String(16), default="urban")
    residents: Mapped[int] = mapped_column(Integer, default=1)
    # Electric-heating homes may prove a raised consumption-range threshold (domain.md 9.2).
    range_threshold_kwh: Mapped[int] = mapped_column(Integer, default=1200)
    balance_kopecks: Mapped[int] = mapped_column(Kopecks, default=0)
    bills_by_email_only: Mapped[bool] = mapped_column(Boolean, default=False)
    sms_notifications: Mapped[bool] = mapped_column(Boolean, default=False)
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    customer: Mapped[Customer] = relationship(back_populates="accounts")
    branch: Mapped[Branch] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def address(self) -> str:
        text = f"{self.town}, {self.street}, д. {self.house}"
        return f"{text}, кв. {self.flat}" if self.flat else text

