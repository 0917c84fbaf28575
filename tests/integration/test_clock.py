"""One clock: the service context's "today" is the company's date, not the UTC or PC date."""

from __future__ import annotations

from datetime import UTC, date, datetime

from desktop.database import Database
from desktop.services.company_settings import update_settings
from desktop.services.context import ServiceContext
from tests.conftest import ADMIN


def test_today_is_the_company_date_after_midnight(db: Database) -> None:
    # 01:30 in Samara (UTC+4) on 1 December is still 30 November in UTC.
    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: datetime(2026, 11, 30, 21, 30, tzinfo=UTC))
    assert ctx.today() == date(2026, 12, 1)
    assert ctx.now().utcoffset() is not None
    assert (ctx.now().hour, ctx.now().minute) == (1, 30)
    # Another operator at the same desk shares the zone and the clock.
    assert ctx.as_actor(ADMIN).today() == date(2026, 12, 1)


def test_a_changed_zone_is_used_at_once(db: Database) -> None:
    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: datetime(2026, 11, 30, 21, 30, tzinfo=UTC))
    assert ctx.today() == date(2026, 12, 1)
    update_settings(ctx, timezone="Europe/London")
    assert ctx.today() == date(2026, 11, 30)
