"""Declarative base, naming convention and column types shared by every mapping."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeEngine

# A fixed naming convention keeps constraint names identical on SQLite and PostgreSQL,
# which Alembic's batch mode needs to find them again.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every mapped class."""

    metadata = MetaData(naming_convention=NAMING)


class Kopecks(TypeDecorator[int]):
    """Money as a signed integer number of kopecks (SQLite has no exact decimal)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: int | None, dialect: Dialect) -> int | None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"kopecks must be int, got {type(value).__name__}")
        return value


class AccountNumber(TypeDecorator[str]):
    """A 12-character account number; a string, never an integer (leading zeros matter)."""

    impl = String(12)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is not None and not isinstance(value, str):
            raise TypeError("account numbers are strings")
        return value


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases (SQLite stores naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use desktop.db.base.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def search_key(length: int) -> TypeEngine[str]:
    """A normalised search key column: VARCHAR, compared byte-wise (COLLATE "C") on PostgreSQL.

    The "C" collation makes ``key >= p AND key < p || U+FFFF`` an exact prefix range and lets a
    btree serve it and the ORDER BY on any server locale (perf-notes pitfall 1); SQLite's
    default BINARY collation already compares that way.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def utcnow() -> datetime:
    """The current moment, timezone-aware."""
    return datetime.now(UTC)


def period_checks(column: str) -> tuple[CheckConstraint, CheckConstraint]:
    """CHECK that ``column`` holds a billing period 'YYYY-MM' with ASCII digits and a month 01-12.

    One rule, written per dialect (SQLite has GLOB, PostgreSQL regular expressions); both carry
    the name ck_<table>_<column>_format, so a refusal reads the same on either database.
    """
    name = f"{column}_format"
    sqlite = CheckConstraint(
        f"{column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr({column}, 6, 2) BETWEEN '01' AND '12' "
        f"AND {column} >= '1900-01'",
        name=name,
    ).ddl_if(dialect="sqlite")
    postgresql = CheckConstraint(
        f"{column} ~ '^[0-9]{{4}}-(0[1-9]|1[0-2])$' AND {column} >= '1900-01'", name=name
    ).ddl_if(dialect="postgresql")
    return sqlite, postgresql
