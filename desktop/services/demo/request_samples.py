"""Many customer requests at once, for the register's tests and benchmark (demo databases only: it writes the year 2026's counters)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert, select

from desktop.db.models import Account, Branch, CustomerRequest, RequestCounter
from desktop.db.models.requests import CHANNELS, RESULTS, STATES, TYPES


def bulk_requests(engine: Engine, count: int, seed: int = 1) -> None:
    """``count`` requests over the demo network's accounts and branches, straight through Core
    (the register's scale, not the services', is under test). Numbers: BRANCH-YEAR-SEQ, unique."""
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
        # The counters go on from here, so a request registered afterwards gets the next number.
        conn.execute(insert(RequestCounter), [dict(branch_id=b, year=2026, last=n) for b, n in seqs.items()])
