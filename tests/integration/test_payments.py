"""Payments on both databases: exactly once, balance, card data, corrections, concurrency."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from cash_helpers import DESK, Clock, balance, dump_database, key, open_account, with_clock
from sqlalchemy import func, select, update

from desktop.db.models import Account, AuditEvent, CashShift, Payment
from desktop.services import payments, shifts
from desktop.services.context import ServiceContext
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.errors import AuthError, InputError, NotFound
from desktop.services.operators import authenticate

PAN = "4276380012345678"  # a well-formed card number that must never be stored
CARD = {"card_last4": "5678", "card_rrn": "612345678901", "card_auth_code": "A1B2C3"}


@pytest.fixture
def shift_open(operator_ctx):
    return shifts.open_shift(operator_ctx, 100_000)


def test_same_key_posts_once(operator_ctx, shift_open):
    number, before = open_account(operator_ctx)
    attempt = key()
    first = payments.post_payment(operator_ctx, number, 123_456, "cash", idempotency_key=attempt,
                                  tendered_kopecks=130_000)
    again = payments.post_payment(operator_ctx, number, 123_456, "cash", idempotency_key=attempt,
                                  tendered_kopecks=130_000)
    assert first.change_kopecks == 6_544 and not first.already_posted
    assert again.id == first.id and again.already_posted
    assert balance(operator_ctx, number) == before + 123_456 == first.balance_after_kopecks
    with operator_ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == 1
        assert s.scalar(select(func.count()).where(AuditEvent.action == "payment.post")) == 1


def test_same_key_for_another_amount_is_a_conflict(operator_ctx, shift_open):
    from desktop.services.errors import Conflict

    number, _ = open_account(operator_ctx)
    attempt = key()
    payments.post_payment(operator_ctx, number, 100, "cash", idempotency_key=attempt)
    with pytest.raises(Conflict):
        payments.post_payment(operator_ctx, number, 200, "cash", idempotency_key=attempt)


def test_same_key_from_two_threads_posts_once(operator_ctx, shift_open):
    number, before = open_account(operator_ctx)
    attempt = key()
    results, errors = [], []

    def post():
        try:
            results.append(payments.post_payment(operator_ctx, number, 5_000, "cash", idempotency_key=attempt))
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if operator_ctx.sessions.kw["bind"].dialect.name == "postgresql":
        assert not errors
    assert len({r.id for r in results}) == 1
    assert balance(operator_ctx, number) == before + 5_000


def test_balance_is_initial_plus_sum_of_payments(operator_ctx, shift_open):
    number, before = open_account(operator_ctx)
    amounts = [1, 99, 100_000, 2_500_00, 17_77]
    for amount in amounts:
        payments.post_payment(operator_ctx, number, amount, "cash", idempotency_key=key())
    payments.post_payment(operator_ctx, number, 3_000, "card", idempotency_key=key(), **CARD)
    assert balance(operator_ctx, number) == before + sum(amounts) + 3_000
    with operator_ctx.read() as s:
        assert s.scalar(select(func.sum(Payment.amount_kopecks)).where(DESK)) == sum(amounts) + 3_000


@pytest.mark.parametrize(
    ("amount", "method", "extra", "field", "text"),
    [
        (0, "cash", {}, "amount", "больше нуля"),
        (-100, "cash", {}, "amount", "больше нуля"),
        (50_000_001, "cash", {}, "amount", "больше допустимой"),
        (10_000, "cash", {"tendered_kopecks": 9_999}, "tendered", "меньше суммы"),
        (10_000, "card", {**CARD, "card_rrn": "12345"}, "card_rrn", "12 цифр"),
        (10_000, "card", {**CARD, "card_rrn": "12345678901A"}, "card_rrn", "12 цифр"),
        (10_000, "card", {**CARD, "card_auth_code": "12345"}, "card_auth_code", "6 букв"),
        (10_000, "card", {**CARD, "card_auth_code": "12 456"}, "card_auth_code", "6 букв"),
        (10_000, "card", {**CARD, "card_last4": "567"}, "card_last4", "4 цифры"),
        (10_000, "card", {**CARD, "card_last4": None}, "card_last4", "4 цифры"),
        (10_000, "cash", {"card_last4": "x"}, None, None),
        (10_000, "bitcoin", {}, "method", "наличные или карта"),
    ],
)
def test_bad_input_posts_nothing(operator_ctx, shift_open, amount, method, extra, field, text):
    number, before = open_account(operator_ctx)
    if field is None:  # harmless junk in card fields of a cash payment is ignored
        payments.post_payment(operator_ctx, number, amount, method, idempotency_key=key(), **extra)
        return
    with pytest.raises(InputError) as error:
        payments.post_payment(operator_ctx, number, amount, method, idempotency_key=key(), **extra)
    assert error.value.field == field and text in error.value.message
    assert balance(operator_ctx, number) == before
    with operator_ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == 0


@pytest.mark.parametrize("where", ["card_last4", "card_rrn", "card_auth_code"])
@pytest.mark.parametrize("written", [PAN, "4276 3800 1234 5678", "4276-3800-1234-5678", "2200700112345"])
def test_full_card_number_is_refused_and_stored_nowhere(operator_ctx, shift_open, where, written):
    number, before = open_account(operator_ctx)
    with pytest.raises(InputError) as error:
        payments.post_payment(operator_ctx, number, 10_000, "card", idempotency_key=key(),
                              **{**CARD, where: written})
    digits = written.replace(" ", "").replace("-", "")
    assert "Полный номер карты" in error.value.message
    assert digits not in error.value.message and written not in error.value.message
    # Also pasted into a cash payment's card fields.
    with pytest.raises(InputError):
        payments.post_payment(operator_ctx, number, 10_000, "cash", idempotency_key=key(), **{where: written})
    payments.post_payment(operator_ctx, number, 10_000, "card", idempotency_key=key(), **CARD)
    dump = dump_database(operator_ctx)
    assert digits not in dump and digits[:6] + digits[-4:] not in dump.replace(" ", "")
    with operator_ctx.read() as s:
        details = " ".join(s.scalars(select(AuditEvent.details)))
    assert digits not in details
    assert balance(operator_ctx, number) == before + 10_000


def test_no_shift_closed_account_unknown_account(operator_ctx):
    number, before = open_account(operator_ctx)
    with pytest.raises(InputError, match="смена не открыта") as error:
        payments.post_payment(operator_ctx, number, 100, "cash", idempotency_key=key())
    assert error.value.field == "shift"
    shifts.open_shift(operator_ctx, 0)
    with operator_ctx.transaction() as s:
        s.execute(update(Account).where(Account.number == number).values(closed_on=date(2026, 1, 1)))
    with pytest.raises(InputError, match="закрыт"):
        payments.post_payment(operator_ctx, number, 100, "cash", idempotency_key=key())
    with pytest.raises(NotFound):
        payments.post_payment(operator_ctx, "999999999999", 100, "cash", idempotency_key=key())
    with pytest.raises(InputError, match="12 цифр"):
        payments.post_payment(operator_ctx, "12345", 100, "cash", idempotency_key=key())
    assert balance(operator_ctx, number) == before


def test_sanity_limit_is_a_company_setting(operator_ctx, shift_open):
    from desktop.db.models import CompanySetting

    number, _ = open_account(operator_ctx)
    with operator_ctx.transaction() as s:
        s.add(CompanySetting(key="payment.max_kopecks", value="100000"))
    with pytest.raises(InputError, match="1\u00a0000,00"):
        payments.post_payment(operator_ctx, number, 100_001, "cash", idempotency_key=key())
    payments.post_payment(operator_ctx, number, 100_000, "cash", idempotency_key=key())


def test_recent_duplicate_warning(operator_ctx, shift_open):
    clock = Clock()
    ctx = with_clock(operator_ctx, clock)
    number, _ = open_account(ctx)
    assert payments.recent_duplicate(ctx, number, 50_000) is None
    posted = payments.post_payment(ctx, number, 50_000, "cash", idempotency_key=key())
    clock.advance(minutes=3)
    assert payments.recent_duplicate(ctx, number, 50_000).id == posted.id
    assert payments.recent_duplicate(ctx, number, 50_001) is None
    clock.advance(minutes=3)
    assert payments.recent_duplicate(ctx, number, 50_000) is None


def test_reversal_in_same_shift_and_refund_later(operator_ctx, senior_ctx):
    clock = Clock()
    ctx = with_clock(operator_ctx, clock)
    number, before = open_account(ctx)
    shifts.open_shift(ctx, 0)
    p1 = payments.post_payment(ctx, number, 40_000, "cash", idempotency_key=key())
    p2 = payments.post_payment(ctx, number, 25_000, "card", idempotency_key=key(), **CARD)

    with pytest.raises(InputError, match="причину"):
        payments.reverse_payment(ctx, p1.id, " ", "sam.senior", DEMO_PASSWORD)
    with pytest.raises(AuthError) as wrong:
        payments.reverse_payment(ctx, p1.id, "ошибка", "sam.senior", "wrong-password")
    # A plain operator's right password gets the very same answer as a wrong one.
    with pytest.raises(AuthError) as not_senior:
        payments.reverse_payment(ctx, p1.id, "ошибка", "sam.op2", DEMO_PASSWORD)
    assert wrong.value.message == not_senior.value.message and not_senior.value.field == "approver"
    reversal = payments.reverse_payment(ctx, p1.id, "ошиблись счётом", "sam.senior", DEMO_PASSWORD)
    assert reversal.kind == "reversal" and reversal.amount_kopecks == -40_000
    with pytest.raises(InputError, match="уже возвращён"):
        payments.reverse_payment(ctx, p1.id, "ещё раз", "sam.senior", DEMO_PASSWORD)
    with pytest.raises(InputError, match="только платёж"):
        payments.reverse_payment(ctx, reversal.id, "возврат возврата", "sam.senior", DEMO_PASSWORD)

    shifts.close_shift(ctx, 0)
    clock.advance(days=2)
    shifts.open_shift(ctx, 0)
    refund = payments.reverse_payment(ctx, p2.id, "двойная оплата", "sam.senior", DEMO_PASSWORD)
    assert refund.kind == "refund" and refund.method == "card"
    assert balance(ctx, number) == before

    history = payments.payments_history(ctx, number)
    by_id = {row.id: row for row in history}
    assert by_id[p1.id].state == payments.STATE_REVERSED
    assert by_id[p2.id].state == payments.STATE_REFUNDED
    assert by_id[refund.id].reverses_id == p2.id and by_id[refund.id].reason == "двойная оплата"
    assert history[0].id == refund.id
    with ctx.read() as s:
        original = s.get(Payment, p1.id)
        assert original.amount_kopecks == 40_000 and original.kind == "payment"  # never edited
        approver = s.get(Payment, refund.id).approved_by_id
        assert approver == senior_ctx.actor.operator_id
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == 4


def test_receipt_state_history_and_document(operator_ctx, shift_open):
    number, _ = open_account(operator_ctx)
    p = payments.post_payment(operator_ctx, number, 98_765, "cash", idempotency_key=key(),
                              tendered_kopecks=100_000)
    payments.mark_receipt(operator_ctx, p.id, printed=False)
    row = payments.payments_history(operator_ctx, number)[0]
    assert row.state == payments.STATE_RECEIPT_NOT_PRINTED and row.operator_name == operator_ctx.actor.full_name
    assert row.shift_number == 1 and row.method == "cash"
    doc = payments.receipt_document(operator_ctx, p.id, copy=True)
    assert doc.is_copy and doc.emulated and doc.receipt_number == 1 and doc.shift_number == 1
    assert doc.operation == "Приход" and doc.amount_kopecks == 98_765
    assert doc.cash_tendered_kopecks == 100_000 and number in doc.item_name
    assert doc.fpd.startswith("ЭМУЛ-") and doc.fd_number
    assert doc == payments.receipt_document(operator_ctx, p.id, copy=True)  # same fiscal fields again
    payments.mark_receipt(operator_ctx, p.id, printed=True)
    assert payments.payments_history(operator_ctx, number)[0].state == payments.STATE_POSTED


def _operator_contexts(db, count: int) -> list[ServiceContext]:
    from desktop.core.passwords import fast_hasher, hash_password
    from desktop.db.models import Operator

    with db.sessions.begin() as s:
        branch_id = s.scalar(select(Account.branch_id).limit(1))
        hashed = hash_password("concurrency-1", hasher=fast_hasher())
        for i in range(count):
            s.add(Operator(login=f"conc{i}", full_name=f"Кассир {i}", role="operator",
                           branch_id=branch_id, password_hash=hashed))
    base = ServiceContext(db.sessions)
    return [base.as_actor(authenticate(base, f"conc{i}", "concurrency-1")) for i in range(count)]


def test_concurrent_desks_on_one_account_lose_nothing(db, demo_logins):
    threads_n, per_thread = 8, 25
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite is the single-desk mode; concurrent desks share PostgreSQL")
    ctxs = _operator_contexts(db, threads_n)
    number, before = open_account(ctxs[0])
    for ctx in ctxs:
        shifts.open_shift(ctx, 0)
    barrier = threading.Barrier(threads_n)
    errors: list[BaseException] = []
    posted: dict[int, int] = {}

    def desk(i: int, ctx: ServiceContext) -> None:
        barrier.wait()
        total = 0
        try:
            for j in range(per_thread):
                amount = 100 * (i + 1) + j
                payments.post_payment(ctx, number, amount, "cash" if j % 2 else "card",
                                      idempotency_key=key(), **({} if j % 2 else CARD))
                total += amount
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        posted[i] = total

    workers = [threading.Thread(target=desk, args=(i, c)) for i, c in enumerate(ctxs)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not errors, errors[:3]
    assert balance(ctxs[0], number) == before + sum(posted.values())
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == threads_n * per_thread
    for i, ctx in enumerate(ctxs):
        x = shifts.x_report(ctx)
        assert x.cash_payments_kopecks + x.card_payments_kopecks == posted[i]
        assert x.receipts_issued == per_thread
        with db.sessions() as s:
            numbers = s.scalars(select(Payment.receipt_number).join(CashShift)
                                .where(CashShift.operator_id == ctx.actor.operator_id)).all()
        assert sorted(numbers) == list(range(1, per_thread + 1))
