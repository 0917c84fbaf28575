"""The account card read on the driver's cursor: the same card as through SQLAlchemy, errors
translated, the connection left usable, the PostgreSQL statement prepared once (both databases)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import SQLAlchemyError

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Account, Meter
from desktop.services import payments, shifts
from desktop.services.accounts import _MAIN, account_card, card_from_rows, list_accounts
from desktop.services.context import ServiceContext
from desktop.services.errors import EnvironmentProblem
from tests.conftest import ADMIN


def _through_core(ctx: ServiceContext, number: str):  # type: ignore[no-untyped-def]
    """The card as the statement's rows come through SQLAlchemy Core (its own type processing)."""
    with ctx.read_core() as conn:
        return card_from_rows(ctx, conn.execute(_MAIN, {"number": number, "today": ctx.today()}).all())


def test_every_demo_card_equals_the_core_reading(db, demo_logins, admin_ctx):
    # Give the demo the cases its data lacks: a removed and a second installed meter, a closed
    # account, a customer with two more accounts.
    numbers = list_accounts(admin_ctx)
    with db.sessions.begin() as s:
        first = s.scalar(select(Account).where(Account.number == numbers[0]))
        meter = s.scalar(select(Meter).where(Meter.account_id == first.id))
        s.add(Meter(account_id=first.id, serial=f"T-{uuid.uuid4().hex[:8]}", zones=1, digits=5,
                    installed_on=date(2026, 1, 10)))
        s.add(Meter(account_id=first.id, serial=f"R-{uuid.uuid4().hex[:8]}", zones=2, digits=6,
                    installed_on=date(2020, 1, 10), removed_on=date(2021, 1, 10)))
        s.execute(update(Account).where(Account.number == numbers[1]).values(closed_on=date(2026, 11, 1)))
        owner = s.scalar(select(Account.customer_id).where(Account.number == numbers[2]))
        s.execute(update(Account).where(Account.number.in_(numbers[3:5])).values(customer_id=owner))
    cards = [account_card(admin_ctx, n) for n in numbers]
    assert cards == [_through_core(admin_ctx, n) for n in numbers]
    # The comparison covered every kind of value the card carries.
    assert len(cards[0].meters) == 2 and meter.serial in [m.serial for m in cards[0].meters]
    assert cards[0].meters[-1].last_readings == {} and cards[0].meters[-1].last_reading_date is None
    assert cards[1].closed
    assert cards[2].other_accounts == sorted(numbers[3:5])
    assert any(c.online_registered for c in cards) and any(not c.online_registered for c in cards)
    assert any(c.last_payment_on for c in cards) and any(c.last_bill_period for c in cards)
    assert any(c.balance_kopecks < 0 for c in cards) and any(c.balance_kopecks > 0 for c in cards)
    assert all(isinstance(m.installed_on, date) and isinstance(m.last_reading_date, date)
               for c in cards[2:] for m in c.meters)


def test_last_payment_date_is_the_companys_date(db, operator_ctx):
    # 21:30 UTC on 2 December is 01:30 on 3 December in Samara (UTC+4).
    moment = datetime(2026, 12, 2, 21, 30, tzinfo=UTC)
    ctx = ServiceContext(operator_ctx.sessions, operator_ctx.actor, clock=lambda: moment)
    shifts.open_shift(ctx, 0)
    number = list_accounts(ctx, limit=1)[0]
    payments.post_payment(ctx, number, 500_00, "cash", idempotency_key=uuid.uuid4().hex)
    card = account_card(ctx, number)
    assert (card.last_payment_kopecks, card.last_payment_on) == (500_00, date(2026, 12, 3))


def test_a_failed_read_is_translated_and_leaves_the_connection_usable(db, demo_logins, admin_ctx):
    number = list_accounts(admin_ctx, limit=1)[0]
    account_card(admin_ctx, number)
    with db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE online_accounts RENAME TO online_accounts_away"))
    try:
        # SQLite calls it an OperationalError (an EnvironmentProblem for the desk), PostgreSQL a
        # ProgrammingError (a bug): either way SQLAlchemy's classes, as on every other path,
        # never the driver's own exception.
        with pytest.raises((EnvironmentProblem, SQLAlchemyError)) as info:
            account_card(admin_ctx, number)
        assert not isinstance(info.value, db.engine.dialect.loaded_dbapi.Error)
        assert "online_accounts" in str(info.value)
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE online_accounts_away RENAME TO online_accounts"))
    # The pooled connection that failed (a PostgreSQL transaction in error) works again.
    assert account_card(admin_ctx, number).account == number


def test_unreachable_server(db):
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere")
    ctx = ServiceContext(make_session_factory(engine), ADMIN)
    with pytest.raises(EnvironmentProblem) as info:
        account_card(ctx, "010000000001")
    assert info.value.kind == "unreachable"
    engine.dispose()


def test_postgresql_plans_the_card_once_and_survives_a_killed_connection(db, demo_logins, admin_ctx):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("prepared statements and server connections are PostgreSQL's")
    numbers = list_accounts(admin_ctx, limit=8)
    db.engine.dispose()  # one connection from here on: the pool hands it to each card in turn
    for number in numbers:
        account_card(admin_ctx, number)
    pooled = db.engine.raw_connection()  # the one connection the sequential cards used
    killer = db.engine.connect()  # another one, opened while that one is checked out
    try:
        uses = pooled.driver_connection.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE '%FROM accounts JOIN customers%'").fetchall()
        pid = pooled.driver_connection.info.backend_pid
        pooled.driver_connection.commit()
    finally:
        pooled.close()
    assert uses == [(len(numbers),)]  # one statement, prepared once, executed for every card
    with killer:
        killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        killer.commit()
    # The pool hands out the killed connection next; its ping finds it dead and it is replaced.
    assert account_card(admin_ctx, numbers[0]).account == numbers[0]
