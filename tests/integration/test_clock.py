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


# 01:30 on 1 December in Samara (UTC+4) is 21:30 on 30 November in UTC.
SAMARA_0130 = datetime(2026, 11, 30, 21, 30, tzinfo=UTC)


def test_a_bill_issued_at_0130_samara_time_carries_the_samara_date(db: Database, demo_logins: list) -> None:
    from sqlalchemy import func, select

    from desktop.db.models import Bill
    from desktop.services.billing import run_billing

    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: SAMARA_0130)
    result = run_billing(ctx, "2026-11")
    assert result.billed > 0
    with ctx.read() as s:
        dates = set(s.scalars(select(Bill.issued_on).where(Bill.period == "2026-11")))
        created = s.scalar(select(func.min(Bill.created_at)).where(Bill.period == "2026-11"))
    assert dates == {date(2026, 12, 1)}  # not the UTC date (30 November)
    assert created is not None


def test_receipt_and_shift_report_print_the_company_time(db: Database, demo_logins: list) -> None:
    from desktop.services import payments, shifts
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.operators import authenticate

    base = ServiceContext(db.sessions, clock=lambda: SAMARA_0130)
    ctx = base.as_actor(authenticate(base, "sam.op1", DEMO_PASSWORD))
    shifts.open_shift(ctx, 10_000)
    number = _first_account(ctx)
    posted = payments.post_payment(ctx, number, 50_000, "cash", idempotency_key="clock-test-0001")
    receipt = payments.receipt_document(ctx, posted.id)
    assert (receipt.issued_at.date(), receipt.issued_at.hour, receipt.issued_at.minute) == (date(2026, 12, 1), 1, 30)
    report = shifts.x_report(ctx)
    assert (report.opened_at.date(), report.opened_at.hour) == (date(2026, 12, 1), 1)
    assert (report.printed_at.date(), report.printed_at.hour) == (date(2026, 12, 1), 1)


def _first_account(ctx: ServiceContext) -> str:
    from desktop.services.accounts import list_accounts

    return list_accounts(ctx, limit=1)[0]
