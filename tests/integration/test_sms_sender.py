"""The DB-queue SMS sender against a loopback server playing SMS.ru: send, retry, fail, deliver, scrub."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cash_helpers import Clock
from sms_helpers import DOWN, ERROR_CODE, KEY, OK, SLOW, FakeSmsRu, server  # noqa: F401 - a fixture
from sms_helpers import gateway_for as _gateway
from sqlalchemy import String, Text, inspect, select, text

from desktop.db.models import Account, CompanySetting, Customer, OutgoingMessage
from desktop.services import online_accounts as oa
from desktop.services import temporary_passwords
from desktop.services.context import ServiceContext
from desktop.services.sms import HttpSmsGateway, QueueOnlyGateway, RetryPolicy
from desktop.services.sms.sender import SCRUBBED, gateway_from_settings, poll_statuses, send_due

pytestmark = pytest.mark.usefixtures("fast_hashes")
CHECKED = {"document_seen": True, "name_matches": True, "phone_confirmed": True}
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def ctx(operator_ctx: ServiceContext, clock: Clock) -> ServiceContext:
    return ServiceContext(operator_ctx.sessions, operator_ctx.actor, clock=clock)


def _registered(ctx: ServiceContext, phone: str) -> tuple[str, int]:
    """A registered online account whose first-password SMS goes to ``phone``."""
    with ctx.sessions() as s:
        taken = set(s.scalars(select(OutgoingMessage.account_id)))
        number = s.scalar(select(Account.number).where(Account.id.not_in(taken) if taken else True)
                          .order_by(Account.number).limit(1))
    result = oa.register(ctx, number, phone=phone, email=None, consent_personal_data=True)
    return number, result.message_id


def _message(ctx: ServiceContext, message_id: int) -> OutgoingMessage:
    with ctx.sessions() as s:
        return s.get(OutgoingMessage, message_id)


POLICY = RetryPolicy(base_seconds=10, factor=2, cap_seconds=100, jitter=0.2, max_attempts=3)


def test_accepted_message_is_sent_scrubbed_then_delivered(ctx, server, clock, issued):
    number, mid = _registered(ctx, OK)
    report = send_due(ctx.sessions, _gateway(server), clock, POLICY)
    assert report.sent == [mid]
    assert server.sent[0]["msg"].startswith("Временный пароль ЛК: " + issued[0])
    msg = _message(ctx, mid)
    assert (msg.state, msg.gateway_id, msg.attempts, msg.sent_at) == ("sent", "000000-00000001", 1, T0)
    assert msg.body == SCRUBBED
    assert oa.status(ctx, number).last_message.state == "sent"
    assert send_due(ctx.sessions, _gateway(server), clock, POLICY).sent == []  # never twice
    assert poll_statuses(ctx.sessions, _gateway(server), clock) == {}  # still with the gateway
    server.delivery["000000-00000001"] = 103
    assert poll_statuses(ctx.sessions, _gateway(server), clock) == {mid: "delivered"}
    assert oa.status(ctx, number).last_message.state == "delivered"


def test_delivery_report_of_failure(ctx, server, clock):
    _number, mid = _registered(ctx, OK)
    send_due(ctx.sessions, _gateway(server), clock, POLICY)
    server.delivery["000000-00000001"] = 104
    assert poll_statuses(ctx.sessions, _gateway(server), clock) == {mid: "failed"}
    assert _message(ctx, mid).last_error


def test_error_code_fails_at_once_and_scrubs(ctx, server, clock, issued):
    _number, mid = _registered(ctx, ERROR_CODE)
    report = send_due(ctx.sessions, _gateway(server), clock, POLICY)
    assert report.failed == [mid]
    msg = _message(ctx, mid)
    assert msg.state == "failed" and msg.last_error == "На этот номер нельзя отправить SMS"
    assert issued[0] not in msg.body


@pytest.mark.parametrize("phone", [SLOW, DOWN])
def test_timeout_and_server_error_retry_with_backoff_then_fail(ctx, server, clock, phone):
    _number, mid = _registered(ctx, phone)
    gateway = _gateway(server)
    assert send_due(ctx.sessions, gateway, clock, POLICY, rand=lambda: 0.5).retried == [mid]
    msg = _message(ctx, mid)
    assert (msg.state, msg.attempts) == ("queued", 1)
    assert msg.next_attempt_at == T0 + timedelta(seconds=10)
    assert msg.last_error in ("SMS-шлюз не ответил вовремя", "Ошибка на сервере SMS-шлюза")
    assert send_due(ctx.sessions, gateway, clock, POLICY).retried == []  # not due yet
    clock.now += timedelta(seconds=10)
    assert send_due(ctx.sessions, gateway, clock, POLICY, rand=lambda: 0.5).retried == [mid]
    assert _message(ctx, mid).next_attempt_at == clock.now + timedelta(seconds=20)
    clock.now += timedelta(seconds=20)
    assert send_due(ctx.sessions, gateway, clock, POLICY).failed == [mid]
    msg = _message(ctx, mid)
    assert (msg.state, msg.attempts, msg.body) == ("failed", 3, SCRUBBED)


def test_queue_only_gateway_keeps_the_message_queued_without_spending_attempts(ctx, clock):
    _number, mid = _registered(ctx, OK)
    for _ in range(5):
        assert send_due(ctx.sessions, QueueOnlyGateway(), clock, POLICY).held == [mid]
        clock.now += timedelta(minutes=2)
    msg = _message(ctx, mid)
    assert (msg.state, msg.attempts) == ("queued", 0) and "демонстрационный" in msg.last_error


def test_gateway_choice_from_company_settings(ctx, server, memory_keyring):
    assert isinstance(gateway_from_settings(ctx.sessions), QueueOnlyGateway)
    host, port = server.server_address[:2]
    with ctx.sessions.begin() as s:
        s.add(CompanySetting(key="sms.gateway", value=json.dumps({"kind": "http", "base_url": f"http://{host}:{port}"})))
    assert isinstance(gateway_from_settings(ctx.sessions), QueueOnlyGateway)  # no key in the keyring yet
    from desktop.keyring_store import set_secret

    set_secret("sms:api_id", KEY)
    gateway = gateway_from_settings(ctx.sessions)
    assert isinstance(gateway, HttpSmsGateway) and KEY not in repr(gateway)


def test_no_copy_of_the_password_anywhere_after_sending(ctx, server, clock, issued, db):
    number, _mid = _registered(ctx, OK)
    send_due(ctx.sessions, _gateway(server), clock, POLICY)
    clock.now += timedelta(minutes=1)
    oa.reset_password(ctx, number, checklist=CHECKED)
    _other, _ = _registered(ctx, ERROR_CODE)
    send_due(ctx.sessions, _gateway(server), clock, POLICY)
    assert len(issued) == 3 and all(issued)
    dump = []
    inspector = inspect(db.engine)
    with db.engine.connect() as conn:
        for table in inspector.get_table_names():
            columns = [c["name"] for c in inspector.get_columns(table) if isinstance(c["type"], (String, Text))]
            if not columns:
                continue
            quoted = ", ".join(f'"{c}"' for c in columns)
            for row in conn.execute(text(f'SELECT {quoted} FROM "{table}"')):
                dump.extend(str(v) for v in row if v is not None)
    everything = "\n".join(dump)
    assert "online_password" in everything  # the dump does see the queue
    for password in issued:
        assert password not in everything
        assert password.lower() not in everything.lower()
    with ctx.sessions() as s:
        assert s.scalar(select(Customer.phone).where(Customer.phone == OK)) == OK


def test_a_newer_reset_replaces_the_waiting_sms_and_only_its_password_is_sent(ctx, server, clock, issued):
    number, first = _registered(ctx, OK)
    clock.now += timedelta(minutes=1)
    second = oa.reset_password(ctx, number, checklist=CHECKED).message_id
    assert _message(ctx, first).state == "failed" and "Заменено" in _message(ctx, first).last_error
    assert send_due(ctx.sessions, _gateway(server), clock, POLICY).sent == [second]
    assert len(issued) == 1 and len(server.sent) == 1
    assert oa.sign_in(ctx, number, issued[0]).status == "must_change"


def test_a_password_sms_that_waited_past_its_lifetime_is_not_sent(ctx, server, clock, issued):
    number, mid = _registered(ctx, OK)
    clock.now += timedelta(hours=24)
    assert send_due(ctx.sessions, _gateway(server), clock, POLICY).failed == [mid]
    msg = _message(ctx, mid)
    assert msg.state == "failed" and "срок" in msg.last_error and msg.body == SCRUBBED
    assert issued == [] and server.sent == []
    assert oa.sign_in(ctx, number, "anything-12").status == "wrong"


def test_queue_only_gateway_draws_no_password(ctx, clock, issued):
    _number, mid = _registered(ctx, OK)
    gateway = QueueOnlyGateway()
    assert send_due(ctx.sessions, gateway, clock, POLICY).held == [mid]
    assert issued == [] and _message(ctx, mid).body == temporary_passwords.PENDING_BODY
