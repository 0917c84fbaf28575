"""Signed-in contexts on a fixed company clock for the customer-requests tests."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.services.accounts import list_accounts
from desktop.services.demo.request_samples import bulk_requests  # noqa: F401  (the register tests use it)
from desktop.services.context import ServiceContext

# Tuesday 3 November 2026, 11:00 in Samara; Wednesday 4 November is a public holiday.
TUESDAY = datetime(2026, 11, 3, 7, 0, tzinfo=UTC)


def signed_in(db, login: str, clock=lambda: TUESDAY) -> ServiceContext:  # type: ignore[no-untyped-def]
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.operators import authenticate

    base = ServiceContext(db.sessions, clock=clock)
    return base.as_actor(authenticate(base, login, DEMO_PASSWORD))


def first_account(ctx: ServiceContext) -> str:
    return list_accounts(ctx, 1)[0]


def other_branch_operator(demo_logins: list) -> str:
    return next(d.login for d in demo_logins if d.branch != "SAM" and d.role == "operator")

