"""Cash shifts on both databases: one open shift, cash in/out, X/Z reports, the 24-hour rule."""

from __future__ import annotations

import json

import pytest
from cash_helpers import Clock, key, open_account, with_clock
from sqlalchemy import select

from desktop.db.models import AuditEvent, CashShift
from desktop.services import payments, shifts
from desktop.services.errors import InputError


def test_open_one_shift_at_a_time_numbered_per_operator(operator_ctx):
    assert shifts.current_shift(operator_ctx) is None
    first = shifts.open_shift(operator_ctx, 500_000)
    assert first.number == 1 and first.state == "open" and not first.expired
    with pytest.raises(InputError, match="уже открыта"):
        shifts.open_shift(operator_ctx, 0)
    shifts.close_shift(operator_ctx, 500_000)
    second = shifts.open_shift(operator_ctx, 0)
    assert second.number == 2
    assert shifts.current_shift(operator_ctx).id == second.id


def test_negative_float_is_refused(operator_ctx):
    with pytest.raises(InputError) as error:
        shifts.open_shift(operator_ctx, -1)
    assert error.value.field == "opening_float"


def test_shift_cycle_with_difference_and_frozen_z_report(operator_ctx, senior_ctx):
    number, _ = open_account(operator_ctx)
    shifts.open_shift(operator_ctx, 100_000)
    payments.post_payment(operator_ctx, number, 150_000, "cash", idempotency_key=key(),
                          tendered_kopecks=200_000)
    payments.post_payment(operator_ctx, number, 70_000, "cash", idempotency_key=key())
    card = payments.post_payment(operator_ctx, number, 99_999, "card", idempotency_key=key(),
                                 card_last4="1234", card_rrn="123456789012", card_auth_code="A1B2C3")
    wrong = payments.post_payment(operator_ctx, number, 70_000, "cash", idempotency_key=key())
    payments.reverse_payment(operator_ctx, wrong.id, "ошибка суммы", "sam.senior", "demo-desk-1")
    shifts.cash_in(operator_ctx, 50_000, "размен")
    shifts.cash_out(operator_ctx, 200_000, "инкассация")

    x = shifts.x_report(operator_ctx)
    assert (x.cash_payments_count, x.cash_payments_kopecks) == (3, 290_000)
    assert (x.cash_refunds_count, x.cash_refunds_kopecks) == (1, 70_000)
    assert (x.card_payments_count, x.card_payments_kopecks) == (1, 99_999)
    assert x.cash_in_kopecks == 50_000 and x.cash_out_kopecks == 200_000
    # float + cash payments - cash refunds + cash in - cash out
    assert x.expected_cash_kopecks == 100_000 + 290_000 - 70_000 + 50_000 - 200_000 == 170_000
    assert x.expected_card_kopecks == 99_999
    assert x.receipts_issued == 5
    assert card.receipt_number == 3

    with pytest.raises(InputError) as error:
        shifts.close_shift(operator_ctx, 169_000, "  ")
    assert error.value.field == "comment" and "−10,00" in error.value.message
    z = shifts.close_shift(operator_ctx, 169_000, "не хватает 10 рублей, пересчитано дважды")
    assert z.report_type == "Z" and z.difference_kopecks == -1_000 and z.closed_at is not None
    assert z.expected_cash_kopecks == 170_000

    with operator_ctx.read() as s:
        shift = s.scalar(select(CashShift))
        assert shift.state == "closed" and shift.difference_kopecks == -1_000
        assert shift.counted_cash_kopecks == 169_000 and shift.expected_card_kopecks == 99_999
        assert "пересчитано" in shift.difference_comment
        frozen = json.loads(shift.z_report)
        shift_id = shift.id
        actions = set(s.scalars(select(AuditEvent.action)))
    assert frozen["cash_payments_kopecks"] == 290_000
    assert shifts.z_report(operator_ctx, shift_id) == z
    assert {"shift.open", "shift.close", "shift.cash_in", "shift.cash_out"} <= actions

    # Frozen: nothing posts to a closed shift.
    with pytest.raises(InputError, match="не открыта"):
        payments.post_payment(operator_ctx, number, 100, "cash", idempotency_key=key())
    with pytest.raises(InputError, match="не открыта"):
        shifts.cash_in(operator_ctx, 100)
    with pytest.raises(InputError):
        shifts.x_report(operator_ctx)


def test_zero_difference_needs_no_comment(operator_ctx):
    shifts.open_shift(operator_ctx, 12_345)
    z = shifts.close_shift(operator_ctx, 12_345)
    assert z.difference_kopecks == 0


def test_cash_out_cannot_exceed_the_drawer(operator_ctx):
    shifts.open_shift(operator_ctx, 1_000)
    with pytest.raises(InputError, match="В кассе только"):
        shifts.cash_out(operator_ctx, 1_001)


def test_shift_older_than_24_hours_takes_no_payment_until_closed(operator_ctx):
    clock = Clock()
    ctx = with_clock(operator_ctx, clock)
    number, _ = open_account(ctx)
    shifts.open_shift(ctx, 0)
    clock.advance(hours=23, minutes=59)
    payments.post_payment(ctx, number, 100, "cash", idempotency_key=key())
    clock.advance(minutes=2)
    assert shifts.current_shift(ctx).expired
    with pytest.raises(InputError, match="24 часов"):
        payments.post_payment(ctx, number, 100, "cash", idempotency_key=key())
    with pytest.raises(InputError, match="24 часов"):
        shifts.cash_in(ctx, 100)
    shifts.close_shift(ctx, 100)
    shifts.open_shift(ctx, 0)
    payments.post_payment(ctx, number, 100, "cash", idempotency_key=key())


def test_shift_numbers_per_desk(operator_ctx, db, demo_logins):
    from desktop.services.context import ServiceContext
    from desktop.services.operators import authenticate

    desk_a = ServiceContext(db.sessions, operator_ctx.actor, desk="Касса 1")
    other = authenticate(ServiceContext(db.sessions), "sam.op2", "demo-desk-1")
    desk_a2 = ServiceContext(db.sessions, other, desk="Касса 1")
    assert shifts.open_shift(desk_a, 0).number == 1
    shifts.close_shift(desk_a, 0)
    assert shifts.open_shift(desk_a2, 0).number == 2
