"""Text is checked once, against its column: the same Russian answer on SQLite and PostgreSQL, nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from cash_helpers import key, open_account
from sqlalchemy import func, select
from test_readings import NOV20, at, find_account

from desktop.db.models import AuditEvent, CashOperation, Operator, Payment, Reading, Tariff
from desktop.db.text_limits import text_problem
from desktop.services import operators, payments, readings, shifts, tariffs
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.errors import InputError, ServiceError

# (what was typed, words of the answer)
BAD_TEXT = [
    ("Клиент\x00 топил печь", "недопустимый символ (NUL)"),
    ("Клиент топил \udcff печь", "недопустимые символы"),
]


def _rows(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _audits(db) -> int:  # type: ignore[no-untyped-def]
    # A senior's approval is its own audited event (desktop.services.operators.approve), given
    # before the correction is checked; everything else must stay as it was.
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action != "operator.approval"))


def _refused(db, call, model, words: str, label: str) -> None:  # type: ignore[no-untyped-def]
    rows, audits = _rows(db, model), _audits(db)
    with pytest.raises(InputError) as refused:
        call()
    assert label in refused.value.message and words in refused.value.message, refused.value.message
    assert "\n" not in refused.value.message
    assert (_rows(db, model), _audits(db)) == (rows, audits)


@pytest.mark.parametrize("typed, words", [*BAD_TEXT, ("Очень долго " * 50, "не длиннее 500 символов")])
def test_reading_reason(db, demo_logins, operator_ctx, typed, words):
    ctx = at(operator_ctx, NOV20)
    form = find_account(ctx)
    values = {"T1": form.previous["T1"].value + int(form.usual_avg * 10)}
    _refused(db, lambda: readings.save_readings(ctx, form.account_number, values, confirmation_reason=typed),
             Reading, words, "Причина")


@pytest.mark.parametrize("typed, words", [*BAD_TEXT, ("я" * 501, "не больше 500 символов")])
def test_cash_comment(db, demo_logins, operator_ctx, typed, words):
    shifts.open_shift(operator_ctx, 0)
    _refused(db, lambda: shifts.cash_in(operator_ctx, 1_000, typed), CashOperation, words, "Комментарий")


@pytest.mark.parametrize("typed, words", [BAD_TEXT[0], ("я" * 501, "не больше 500 символов")])
def test_reversal_reason(db, demo_logins, operator_ctx, typed, words):
    shifts.open_shift(operator_ctx, 0)
    number, _ = open_account(operator_ctx)
    paid = payments.post_payment(operator_ctx, number, 10_000, "cash", idempotency_key=key())
    _refused(db, lambda: payments.reverse_payment(operator_ctx, paid.id, typed, "sam.senior", DEMO_PASSWORD),
             Payment, words, "Причина")


@pytest.mark.parametrize("typed, words", [BAD_TEXT[0], ("примечание " * 20, "200 символов")])
def test_tariff_note(db, demo_logins, senior_ctx, typed, words):
    senior = at(senior_ctx, NOV20)
    _refused(db, lambda: tariffs.add_tariff(senior, group="urban", zones=1, zone="T1", price="7,44",
                                            valid_from=date(2027, 1, 1), note=typed), Tariff, words, "Примечание")


@pytest.mark.parametrize("typed, words", [BAD_TEXT[0], ("Ф" * 161, "не больше 160 символов")])
def test_full_name(db, demo_logins, admin_ctx, typed, words):
    _refused(db, lambda: operators.add_operator(admin_ctx, "new.one", "Zhiguli-tmp-58", "operator", full_name=typed),
             Operator, words, "ФИО")


@pytest.mark.parametrize("login", ["sam\x00op1", "sam\udcffop1", "s" * 100_000])
def test_lookups_with_impossible_text_answer_in_russian(db, demo_logins, admin_ctx, login):
    """A NUL byte in a query parameter is a raw DataError on PostgreSQL; a lone surrogate cannot be
    encoded by either driver: both come out as an operator's message."""
    with pytest.raises(ServiceError) as refused:
        operators.unlock_operator(admin_ctx, login)
    assert "\n" not in refused.value.message and refused.value.message[0].isupper()


def test_the_rule_itself():
    assert text_problem("обычный текст", 20) is None
    assert text_problem("a" * 21, 20) == "не больше 20 символов (сейчас 21)"
    assert text_problem("без предела" * 1000, None) is None
