"""The fiscal receipt is registered after the payment's transaction commits, once per payment:
a retried transaction (a lost race) never reaches the register twice."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from cash_helpers import DESK, balance, key, open_account
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import AuditEvent, Payment
from desktop.services import payments, shifts
from desktop.services.context import ServiceContext
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.errors import Conflict
from desktop.services.fiscal import EmulatorRegister, FiscalFields
from desktop.services.operators import authenticate


class CountingRegister(EmulatorRegister):
    """The emulator, counting what it was asked to print (a real register prints each call)."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[str] = []
        self.fail = fail

    def register(self, shift, operation, amount_kopecks, method, at, key) -> FiscalFields:  # type: ignore[no-untyped-def]
        if self.fail:
            raise OSError("ККТ не отвечает")
        self.calls.append(key)
        return super().register(shift, operation, amount_kopecks, method, at, key)


class LosesRaces(ServiceContext):
    """A desk whose first ``races`` write transactions lose a race at commit: everything in them
    ran (and was rolled back), then Conflict, as a StaleDataError at flush would give."""

    def __init__(self, base: ServiceContext, races: int) -> None:
        super().__init__(base.sessions, base.actor, clock=base.clock, desk=base.desk)
        self.races = races

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with super().transaction() as s:
            yield s
            if self.races and s.new:  # only transactions that write new rows (the payment)
                self.races -= 1
                raise Conflict("Данные изменил другой оператор")


@pytest.fixture
def desk(db, demo_logins) -> ServiceContext:  # type: ignore[no-untyped-def]
    base = ServiceContext(db.sessions, clock=lambda: datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    ctx = base.as_actor(authenticate(base, "sam.op1", DEMO_PASSWORD))
    shifts.open_shift(ctx, 100_000)
    return ctx


def test_a_retried_payment_prints_one_receipt(desk):
    number, before = open_account(desk)
    register = CountingRegister()
    racing = LosesRaces(desk, races=2)
    posted = payments.post_payment(racing, number, 150_000, "cash", idempotency_key=key(), register=register)
    assert racing.races == 0  # the transaction really ran three times
    assert register.calls == [f"payment:{posted.id}"]  # and the register was asked once
    assert posted.receipt_number == 1 and not posted.already_posted
    assert balance(desk, number) == before + 150_000
    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == 1
        assert s.scalar(select(func.count()).where(AuditEvent.action == "payment.fiscal")) == 1
    assert shifts.x_report(desk).receipts_issued == 1
    # The same attempt again (a double click): no second posting, no second receipt.
    again = payments.post_payment(desk, number, 150_000, "cash", idempotency_key=_key_of(desk, posted.id),
                                  register=register)
    assert again.already_posted and again.id == posted.id and register.calls == [f"payment:{posted.id}"]


def _key_of(ctx: ServiceContext, payment_id: int) -> str:
    with ctx.read() as s:
        return s.scalar(select(Payment.idempotency_key).where(Payment.id == payment_id))


def test_a_register_failure_leaves_the_payment_posted_and_the_retry_prints_once(desk):
    number, before = open_account(desk)
    attempt = key()
    with pytest.raises(OSError):
        payments.post_payment(desk, number, 70_000, "cash", idempotency_key=attempt,
                              register=CountingRegister(fail=True))
    # Money taken is never lost to the register: the payment stands, without a receipt yet.
    assert balance(desk, number) == before + 70_000
    with desk.read() as s:
        row = s.scalar(select(Payment).where(Payment.idempotency_key == attempt))
        assert row.receipt_number is None
    register = CountingRegister()
    retried = payments.post_payment(desk, number, 70_000, "cash", idempotency_key=attempt, register=register)
    assert register.calls == [f"payment:{retried.id}"] and retried.receipt_number == 1
    assert balance(desk, number) == before + 70_000
    # A third try finds the receipt and registers nothing.
    third = payments.post_payment(desk, number, 70_000, "cash", idempotency_key=attempt, register=register)
    assert third.already_posted and len(register.calls) == 1
    assert payments.fiscalize(desk, retried.id, register).receipt_number == 1 and len(register.calls) == 1


def test_a_reversal_registers_after_commit_too(desk):
    number, _ = open_account(desk)
    register = CountingRegister()
    posted = payments.post_payment(desk, number, 20_000, "cash", idempotency_key=key(), register=register)
    back = payments.reverse_payment(desk, posted.id, "ошибка суммы", "sam.senior",
                                    DEMO_PASSWORD, register=register)
    assert register.calls == [f"payment:{posted.id}", f"payment:{back.id}"]
    assert back.receipt_number == 2 and back.kind == "reversal"
