"""Online accounts: registration, reset with the identity check, limits, sign-in, atomicity."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cash_helpers import Clock
from sqlalchemy import delete, event, func, select

from desktop.db.models import Account, AuditEvent, CompanySetting, Consent, Customer, OnlineAccount, OutgoingMessage
from desktop.services import online_accounts as oa
from desktop.services import temporary_passwords
from desktop.services.context import ServiceContext
from desktop.services.errors import AuthError, InputError, NotFound, PermissionDenied

pytestmark = pytest.mark.usefixtures("fast_hashes")
CHECKED = {"document_seen": True, "name_matches": True, "phone_confirmed": True}
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def ctx(operator_ctx: ServiceContext, clock: Clock) -> ServiceContext:
    # The demo registers about a quarter of its accounts online; these tests count rows from an
    # empty table, so they start from a network where nobody has registered yet.
    with operator_ctx.sessions.begin() as s:
        s.execute(delete(OnlineAccount))
    return ServiceContext(operator_ctx.sessions, operator_ctx.actor, clock=clock)


@pytest.fixture
def senior(senior_ctx: ServiceContext, clock: Clock) -> ServiceContext:
    return ServiceContext(senior_ctx.sessions, senior_ctx.actor, clock=clock)


def _accounts(ctx: ServiceContext, n: int, *, mobile: bool = True) -> list[tuple[str, str | None]]:
    with ctx.sessions() as s:
        rows = s.execute(
            select(Account.number, Customer.phone)
            .join(Customer, Account.customer_id == Customer.id)
            .where(Customer.phone.is_not(None) if mobile else Customer.phone.is_(None))
            .order_by(Account.number)
            .limit(n)
        ).all()
    assert len(rows) == n
    return [(a, p) for a, p in rows]


@pytest.fixture
def number(ctx: ServiceContext) -> str:
    return _accounts(ctx, 1)[0][0]


def _register(ctx: ServiceContext, number: str, phone: str = "+7 927 555-44-33") -> oa.ResetResult:
    return oa.register(ctx, number, phone=phone, email="ivanova@mail.ru", consent_personal_data=True,
                       consent_notifications=True)


def _online(ctx: ServiceContext, number: str) -> OnlineAccount | None:
    with ctx.sessions() as s:
        return s.scalar(select(OnlineAccount).where(OnlineAccount.login == number))


def _count(ctx: ServiceContext, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_register_sends_first_password_and_records_consents(ctx, number, issued, deliver):
    result = _register(ctx, number)
    assert result.masked_phone == "+7 927 ***-**-33" and result.state == "queued"
    status = oa.status(ctx, number)
    assert status.registered and status.login == number and status.must_change_password
    assert not status.locked and status.password_expires_at == T0 + timedelta(hours=24)
    assert status.last_message is not None and status.last_message.id == result.message_id
    with ctx.sessions() as s:
        msg = s.get(OutgoingMessage, result.message_id)
        acc = s.scalar(select(Account).where(Account.number == number))
        cust = s.get(Customer, acc.customer_id)
        kinds = sorted(s.scalars(select(Consent.kind).where(Consent.customer_id == cust.id)))
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.account_number == number)))
    assert cust.phone == "79275554433" and cust.email == "ivanova@mail.ru"
    assert kinds == ["notifications", "personal_data"]
    assert {"online.register", "contacts.update", "consent.give"} <= set(actions)
    # The queued SMS has no password yet: it is made when the gateway takes the message.
    assert msg.recipient == "79275554433" and not issued and msg.body == temporary_passwords.PENDING_BODY
    assert oa.sign_in(ctx, number, "anything-1").status == "wrong"
    password = deliver(ctx)
    (phone, text), = deliver.phone.inbox
    assert phone == "79275554433" and password in text
    assert number not in text and acc.street not in text and len(text) <= 70
    # The hash verifies the password the SMS carries, and the first sign-in must change it.
    assert oa.sign_in(ctx, number, password).status == "must_change"


def test_already_registered_is_refused_with_the_portal_words(ctx, number):
    _register(ctx, number)
    with pytest.raises(oa.AlreadyRegistered, match="Пользователь с таким именем уже существует"):
        _register(ctx, number)
    assert _count(ctx, OnlineAccount) == 1 and _count(ctx, OutgoingMessage) == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"consent_personal_data": False}, "consent_personal_data"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "+7 846 123-45-67"}, "phone"),  # a landline cannot take an SMS
        ({"email": "ivanova@@mail"}, "email"),
    ],
)
def test_register_bad_input_changes_nothing(ctx, number, kwargs, field):
    args = {"phone": "+79275554433", "email": "a@mail.ru", "consent_personal_data": True,
            "consent_notifications": False} | kwargs
    with pytest.raises(InputError) as caught:
        oa.register(ctx, number, **args)
    assert caught.value.field == field
    assert _count(ctx, OnlineAccount) == 0 and _count(ctx, OutgoingMessage) == 0 and _count(ctx, Consent) == 0


def test_reset_needs_the_whole_identity_checklist(ctx, number):
    _register(ctx, number)
    before = _online(ctx, number).password_hash
    for missing in CHECKED:
        with pytest.raises(InputError, match="проверьте личность"):
            oa.reset_password(ctx, number, checklist=CHECKED | {missing: False})
    with pytest.raises(InputError):
        oa.reset_password(ctx, number, checklist={})
    assert _online(ctx, number).password_hash == before and _count(ctx, OutgoingMessage) == 1


def test_reset_of_unregistered_account_is_explained(ctx, number):
    with pytest.raises(NotFound, match="не зарегистрирован"):
        oa.reset_password(ctx, number, checklist=CHECKED)


def test_sign_in_flow_after_reset(ctx, number, deliver, clock):
    _register(ctx, number)
    first = deliver(ctx)
    oa.change_password(ctx, number, first, "Volga2026river")
    assert oa.sign_in(ctx, number, "Volga2026river").status == "ok"
    clock.advance(minutes=5)
    result = oa.reset_password(ctx, number, checklist=CHECKED)
    assert oa.sign_in(ctx, number, "Volga2026river").status == "wrong"  # taken away at the reset
    temporary = deliver(ctx)
    assert result.masked_phone == "+7 927 ***-**-33"
    assert oa.sign_in(ctx, number, "Volga2026river").status == "wrong"  # the old password is gone
    assert oa.sign_in(ctx, number, temporary).status == "must_change"
    with pytest.raises(InputError, match="букв"):
        oa.change_password(ctx, number, temporary, "onlyletters")
    with pytest.raises(AuthError):
        oa.change_password(ctx, number, "not-it-123", "Samara2027kwh")
    oa.change_password(ctx, number, temporary, "Samara2027kwh")
    assert oa.sign_in(ctx, number, "Samara2027kwh").status == "ok"
    assert oa.sign_in(ctx, number, temporary).status == "wrong"
    status = oa.status(ctx, number)
    assert not status.must_change_password and status.password_expires_at is None
    with ctx.sessions() as s:
        details = json.loads(s.scalar(select(AuditEvent.details).where(AuditEvent.action == "online.reset")))
    assert details["checklist"] == CHECKED and details["message_id"] == result.message_id
    assert temporary not in json.dumps(details) and "79275554433" not in json.dumps(details)


def test_temporary_password_expires_after_24_hours(ctx, number, issued, deliver, clock):
    _register(ctx, number)
    deliver(ctx)
    clock.advance(hours=23, minutes=59)
    assert oa.sign_in(ctx, number, issued[-1]).status == "must_change"
    clock.advance(minutes=2)
    assert oa.sign_in(ctx, number, issued[-1]).status == "expired"
    assert oa.status(ctx, number).expired
    with pytest.raises(AuthError, match="истёк"):
        oa.change_password(ctx, number, issued[-1], "Samara2027kwh")


def test_lock_after_wrong_attempts_and_senior_unlock(ctx, senior, number, issued, deliver):
    _register(ctx, number)
    deliver(ctx)
    results = [oa.sign_in(ctx, number, f"wrong-{i}").status for i in range(5)]
    assert results == ["wrong"] * 4 + ["locked"]
    assert oa.sign_in(ctx, number, issued[-1]).status == "locked"  # even the right password
    assert oa.status(ctx, number).locked
    with pytest.raises(Exception, match="старший оператор"):
        oa.reset_password(ctx, number, checklist=CHECKED)
    with pytest.raises(PermissionDenied):
        oa.unlock(ctx, number)
    assert not oa.unlock(senior, number).locked
    assert oa.sign_in(ctx, number, issued[-1]).status == "must_change"
    assert oa.sign_in(ctx, "no-such-login", "whatever1").status == "wrong"


def test_at_most_three_resets_per_account_per_day(ctx, number, clock):
    _register(ctx, number)
    for _ in range(3):
        clock.advance(minutes=10)
        oa.reset_password(ctx, number, checklist=CHECKED)
    assert oa.status(ctx, number).resets_left_today == 0
    hash_before = _online(ctx, number).password_hash
    with pytest.raises(oa.LimitReached, match="не больше 3"):
        oa.reset_password(ctx, number, checklist=CHECKED)
    assert _online(ctx, number).password_hash == hash_before and _count(ctx, OutgoingMessage) == 4
    clock.advance(hours=24)
    oa.reset_password(ctx, number, checklist=CHECKED)


def test_per_operator_rate_from_company_setting(ctx, senior, clock):
    with ctx.sessions.begin() as s:
        s.add(CompanySetting(key=oa.SETTING_RESETS_PER_OPERATOR_HOUR, value="2"))
    numbers = [n for n, _ in _accounts(ctx, 3)]
    for n in numbers:
        _register(ctx, n)
    oa.reset_password(ctx, numbers[0], checklist=CHECKED)
    oa.reset_password(ctx, numbers[1], checklist=CHECKED)
    with pytest.raises(oa.LimitReached, match="за час"):
        oa.reset_password(ctx, numbers[2], checklist=CHECKED)
    oa.reset_password(senior, numbers[2], checklist=CHECKED)  # another operator is not limited
    clock.advance(minutes=61)
    oa.reset_password(ctx, numbers[2], checklist=CHECKED)


def test_no_phone_on_file_is_explained_and_nothing_changes(ctx, number):
    _register(ctx, number)
    with ctx.sessions.begin() as s:
        acc = s.scalar(select(Account).where(Account.number == number))
        s.get(Customer, acc.customer_id).phone = None
    before = _online(ctx, number).password_hash
    with pytest.raises(oa.NoPhone, match="нет номера телефона"):
        oa.reset_password(ctx, number, checklist=CHECKED)
    with ctx.sessions.begin() as s:
        acc = s.scalar(select(Account).where(Account.number == number))
        s.get(Customer, acc.customer_id).phone = "78461234567"  # a landline
    with pytest.raises(oa.NoPhone, match="мобильный"):
        oa.reset_password(ctx, number, checklist=CHECKED)
    assert _online(ctx, number).password_hash == before and _count(ctx, OutgoingMessage) == 1
    assert not oa.status(ctx, number).has_mobile_phone


def test_no_hash_without_a_queued_message(ctx, number, issued, deliver):
    _register(ctx, number)
    deliver(ctx)
    before = _online(ctx, number).password_hash
    audits = _count(ctx, AuditEvent)

    def refuse(*_args: object) -> None:
        raise RuntimeError("queue insert failed")

    event.listen(OutgoingMessage, "before_insert", refuse)
    try:
        with pytest.raises(RuntimeError, match="queue insert failed"):
            oa.reset_password(ctx, number, checklist=CHECKED)
    finally:
        event.remove(OutgoingMessage, "before_insert", refuse)
    online = _online(ctx, number)
    assert online.password_hash == before and online.last_reset_at is None
    assert oa.sign_in(ctx, number, issued[-1]).status == "must_change"  # the old password still works
    assert _count(ctx, OutgoingMessage) == 1 and _count(ctx, AuditEvent) == audits


def test_registration_without_message_leaves_no_account(ctx, number):
    def refuse(*_args: object) -> None:
        raise RuntimeError("queue insert failed")

    event.listen(OutgoingMessage, "before_insert", refuse)
    try:
        with pytest.raises(RuntimeError):
            _register(ctx, number)
    finally:
        event.remove(OutgoingMessage, "before_insert", refuse)
    assert _count(ctx, OnlineAccount) == 0 and _count(ctx, Consent) == 0
