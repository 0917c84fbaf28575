"""Helpers shared by the offline-work tests."""

from __future__ import annotations

from sqlalchemy import select

from desktop.db.models import Account, Branch, Meter

CARD = {"card_last4": "5678", "card_rrn": "612345678901", "card_auth_code": "A1B2C3"}


def branch_accounts(ctx, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Up to ``n`` open accounts with a meter in the signed-in operator's branch, by id."""
    with ctx.read() as s:
        return list(s.scalars(
            select(Account.number).join(Branch, Branch.id == Account.branch_id)
            .join(Meter, Meter.account_id == Account.id)
            .where(Branch.code == ctx.actor.branch_code, Account.closed_on.is_(None), Meter.removed_on.is_(None))
            .order_by(Account.id).limit(n)))
