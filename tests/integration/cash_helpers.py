"""Helpers shared by the cash-desk integration tests."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from desktop.db.base import Base, utcnow
from desktop.db.models import Account, Payment
from desktop.services.context import ServiceContext


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


# Payments taken at a desk belong to a cash shift; the demo's history (bank and online
# payments) has none, so tests count only what the desk posted.
DESK = Payment.shift_id.is_not(None)


def key() -> str:
    return uuid.uuid4().hex


def with_clock(ctx: ServiceContext, clock: Clock) -> ServiceContext:
    return ServiceContext(ctx.sessions, ctx.actor, clock=clock, desk=ctx.desk)


def open_account(ctx: ServiceContext) -> tuple[str, int]:
    """An open account's number and its balance."""
    with ctx.read() as s:
        acc = s.scalars(select(Account).where(Account.closed_on.is_(None)).order_by(Account.id)).first()
        return acc.number, acc.balance_kopecks


def balance(ctx: ServiceContext, number: str) -> int:
    with ctx.read() as s:
        return s.scalar(select(Account.balance_kopecks).where(Account.number == number))


def dump_database(ctx: ServiceContext) -> str:
    """Every value of every table as one text (to search for what must never be stored)."""
    parts = []
    with ctx.read() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)):
                parts.append(" ".join(str(v) for v in row))
    return "\n".join(parts)
