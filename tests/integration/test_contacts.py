"""Contacts and subscriptions: validation, consents with who/when, history, optimistic version."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.models import Account, AuditEvent, Customer
from desktop.services import contacts as cs
from desktop.services.errors import Conflict, InputError


@pytest.fixture
def number(operator_ctx) -> str:
    with operator_ctx.sessions() as s:
        return s.scalar(select(Account.number).order_by(Account.number).limit(1))


def _save(ctx, number, version, **kw):  # type: ignore[no-untyped-def]
    args = {"phone": "8 (927) 111-22-33", "email": " Petrov@Mail.RU ", "bills_by_email_only": False,
            "sms_notifications": False} | kw
    return cs.update_contacts(ctx, number, expected_version=version, **args)


def test_save_normalises_audits_and_shows_history(operator_ctx, number):
    before = cs.contacts(operator_ctx, number)
    after = _save(operator_ctx, number, before.version)
    assert after.phone == "79271112233" and after.phone_display == "+7 927 111-22-33"
    assert after.email == "Petrov@mail.ru" and after.version == before.version + 1
    entry = after.history[0]
    assert entry.action == "contacts.update" and entry.operator not in ("", "—")
    assert "+7 927 ***-**-33" in entry.summary and "79271112233" not in entry.summary
    with operator_ctx.sessions() as s:
        details = s.scalar(select(AuditEvent.details).where(AuditEvent.action == "contacts.update"))
    assert "79271112233" not in details and "Petrov@mail.ru" not in details


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"email": "petrov@"}, "email"),
        ({"email": "", "bills_by_email_only": True}, "bills_by_email_only"),
        ({"phone": "", "sms_notifications": True}, "sms_notifications"),
        ({"bills_by_email_only": True}, "bills_by_email_only"),  # no consent yet
        ({"sms_notifications": True}, "sms_notifications"),  # no consent yet
    ],
)
def test_bad_values_save_nothing(operator_ctx, number, kw, field):
    before = cs.contacts(operator_ctx, number)
    with pytest.raises(InputError) as caught:
        _save(operator_ctx, number, before.version, **kw)
    assert caught.value.field == field
    after = cs.contacts(operator_ctx, number)
    assert (after.phone, after.email, after.version, after.history) == (
        before.phone, before.email, before.version, before.history)


def test_consents_unlock_subscriptions_and_withdrawal_switches_them_off(operator_ctx, senior_ctx, number):
    info = cs.give_consent(operator_ctx, number, "bills_by_email")
    info = cs.give_consent(operator_ctx, number, "notifications")
    given = {c.kind: c for c in info.consents}
    assert given["bills_by_email"].given and given["bills_by_email"].given_by and given["bills_by_email"].given_at
    with pytest.raises(InputError, match="уже дано"):
        cs.give_consent(operator_ctx, number, "notifications")
    info = _save(operator_ctx, number, info.version, bills_by_email_only=True, sms_notifications=True)
    assert info.bills_by_email_only and info.sms_notifications
    info = cs.withdraw_consent(senior_ctx, number, "notifications")
    assert not info.sms_notifications and info.bills_by_email_only
    notif = {c.kind: c for c in info.consents}["notifications"]
    assert not notif.given and notif.withdrawn_at is not None and notif.withdrawn_by
    assert [h.action for h in info.history[:3]] == ["consent.withdraw", "contacts.update", "consent.give"]
    assert "SMS-уведомления" in info.history[0].summary


def test_stale_version_is_a_conflict(operator_ctx, senior_ctx, number):
    seen = cs.contacts(operator_ctx, number)
    _save(senior_ctx, number, seen.version, phone="+7 927 000-00-09")
    with pytest.raises(Conflict):
        _save(operator_ctx, number, seen.version, phone="+7 927 000-00-08")
    with operator_ctx.sessions() as s:
        acc = s.scalar(select(Account).where(Account.number == number))
        assert s.get(Customer, acc.customer_id).phone == "79270000009"


def test_flag_only_change_bumps_the_version(operator_ctx, number):
    info = cs.give_consent(operator_ctx, number, "notifications")
    info = _save(operator_ctx, number, info.version)
    again = _save(operator_ctx, number, info.version, sms_notifications=True)
    assert again.version == info.version + 1
    with pytest.raises(Conflict):
        _save(operator_ctx, number, info.version, sms_notifications=False)
