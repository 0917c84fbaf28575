"""Signed-in contexts on a fixed company clock for the customer-requests tests."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.services.accounts import list_accounts
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


def bulk_requests(engine, count: int, seed: int = 1) -> None:  # type: ignore[no-untyped-def]
    """``count`` requests over the demo network's accounts and branches, straight through Core
    (the register's scale, not the services', is under test). Numbers: BRANCH-YEAR-SEQ, unique."""
    import random
    from datetime import date, timedelta

    from sqlalchemy import insert, select

    from desktop.db.models import Account, Branch, CustomerRequest
    from desktop.db.models.requests import CHANNELS, RESULTS, STATES, TYPES

    rng = random.Random(seed)
    with engine.begin() as conn:
        accounts = list(conn.execute(select(Account.id)).scalars())
        branches = list(conn.execute(select(Branch.id, Branch.code)))
        seqs: dict[int, int] = {}
        rows = []
        for i in range(count):
            branch_id, code = branches[i % len(branches)]
            seqs[branch_id] = seqs.get(branch_id, 0) + 1
            day = date(2026, 1, 12) + timedelta(days=rng.randrange(320))
            at = datetime(day.year, day.month, day.day, 5 + rng.randrange(10), rng.randrange(60), tzinfo=UTC)
            state = rng.choice(STATES)
            rows.append(dict(
                number=f"{code}-2026-{seqs[branch_id]:06d}", branch_id=branch_id, year=2026, seq=seqs[branch_id],
                account_id=rng.choice(accounts), type=rng.choice(TYPES), channel=rng.choice(CHANNELS),
                text=f"Обращение {i}", registered_at=at, registered_on=day, registered_by=None,
                due_on=day + timedelta(days=14 + rng.randrange(20)), due_by_hand=False, state=state,
                assignee_id=None, answer="Ответ" if state == "closed" else "",
                result=rng.choice(RESULTS) if state == "closed" else None,
                closed_at=at if state == "closed" else None, version=1,
            ))
            if len(rows) == 5000:
                conn.execute(insert(CustomerRequest), rows)
                rows = []
        if rows:
            conn.execute(insert(CustomerRequest), rows)
