"""The background SMS sender over the database queue (outgoing_messages).

``send_due`` takes due messages one at a time, each in its own transaction that holds the
row (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two desks never send the same message),
hands it to the gateway and records the answer:

- accepted: state 'sent', the gateway's id kept, the text scrubbed. A password SMS never had
  its password in the database: the password is drawn here, for the gateway, and only its hash
  is stored (desktop/services/temporary_passwords.py);
- retry: next_attempt_at moved on with back-off (RetryPolicy); after the last attempt 'failed';
- failed: state 'failed' with the reason, the text scrubbed as well.

A gateway that is not configured (demo, queue-only) leaves the message queued without
spending its attempts. ``poll_statuses`` turns 'sent' into 'delivered' or 'failed'.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.phones import mask_phone
from desktop.db.models import CompanySetting, OutgoingMessage
from desktop.services.sms.gateway import HttpSmsGateway, QueueOnlyGateway, SmsErrorKind, SmsGateway
from desktop.services.sms.retry import DEFAULT_POLICY, RetryPolicy, next_attempt_delay
from desktop.services.temporary_passwords import PASSWORD_PURPOSE
from desktop.services.temporary_passwords import compose as compose_password

log = logging.getLogger("energodesk.sms")

SCRUBBED = "[текст удалён после передачи SMS-шлюзу]"
SETTING_GATEWAY = "sms.gateway"
SECRET_NAME = "sms:api_id"
# How long after sending we keep asking the gateway about delivery.
POLL_WINDOW = timedelta(hours=24)
# A queue-only (demo) gateway is asked again this often; attempts are not spent.
IDLE_RETRY = timedelta(minutes=1)


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)  # no gateway configured: still queued


def _due(s: Session, now: datetime, skip: set[int]) -> OutgoingMessage | None:
    query = (
        select(OutgoingMessage)
        .where(
            OutgoingMessage.channel == "sms",
            OutgoingMessage.state == "queued",
            OutgoingMessage.next_attempt_at <= now,
        )
        .order_by(OutgoingMessage.next_attempt_at, OutgoingMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if skip:
        query = query.where(OutgoingMessage.id.not_in(skip))
    return s.scalar(query)


def send_due(
    sessions: sessionmaker[Session],
    gateway: SmsGateway,
    clock: Callable[[], datetime],
    policy: RetryPolicy = DEFAULT_POLICY,
    *,
    limit: int = 20,
    rand: Callable[[], float] = random.random,
) -> SendReport:
    """Send up to ``limit`` due SMS; each message is one transaction."""
    report = SendReport()
    seen: set[int] = set()
    for _ in range(limit):
        with sessions.begin() as s:
            message = _due(s, clock(), seen)
            if message is None:
                break
            seen.add(message.id)
            text = message.body
            if message.purpose == PASSWORD_PURPOSE and getattr(gateway, "delivers", True):
                composed, why = compose_password(s, message, clock())
                if composed is None:
                    message.state, message.last_error, message.body = "failed", why, SCRUBBED
                    report.failed.append(message.id)
                    continue
                text = composed
            result = gateway.send(message.recipient, text, client_ref=f"msg-{message.id}")
            del text  # a password SMS: nothing keeps the text once the gateway has answered
            now = clock()
            if result.state == "accepted":
                message.state = "sent"
                message.gateway_id = result.gateway_id
                message.sent_at = now
                message.attempts += 1
                message.last_error = ""
                message.body = SCRUBBED
                report.sent.append(message.id)
                continue
            error = result.error
            reason = error.message if error is not None else "Неизвестная ошибка SMS-шлюза"
            if error is not None and error.kind is SmsErrorKind.NOT_CONFIGURED:
                message.next_attempt_at = now + IDLE_RETRY
                message.last_error = reason
                report.held.append(message.id)
                continue
            message.attempts += 1
            if result.state == "retry" and message.attempts < policy.max_attempts:
                delay = next_attempt_delay(message.attempts, rand, policy)
                message.next_attempt_at = now + timedelta(seconds=delay)
                message.last_error = reason
                report.retried.append(message.id)
                log.info("sms msg-%s to %s: retry in %.0f s (%s)",
                         message.id, mask_phone(message.recipient), delay, reason)
            else:
                message.state = "failed"
                message.last_error = reason
                message.body = SCRUBBED
                report.failed.append(message.id)
                log.warning("sms msg-%s to %s failed: %s", message.id, mask_phone(message.recipient), reason)
    return report


def poll_statuses(
    sessions: sessionmaker[Session],
    gateway: SmsGateway,
    clock: Callable[[], datetime],
    *,
    limit: int = 50,
) -> dict[int, str]:
    """Ask the gateway about sent messages; returns {message id: new state} for those that moved."""
    changed: dict[int, str] = {}
    now = clock()
    with sessions.begin() as s:
        ids = list(
            s.scalars(
                select(OutgoingMessage.id)
                .where(
                    OutgoingMessage.channel == "sms",
                    OutgoingMessage.state == "sent",
                    OutgoingMessage.gateway_id.is_not(None),
                    OutgoingMessage.sent_at > now - POLL_WINDOW,
                )
                .order_by(OutgoingMessage.id)
                .limit(limit)
            )
        )
    for message_id in ids:
        with sessions.begin() as s:
            message = s.scalar(
                select(OutgoingMessage)
                .where(OutgoingMessage.id == message_id, OutgoingMessage.state == "sent")
                .with_for_update(skip_locked=True)
            )
            if message is None or message.gateway_id is None:
                continue
            delivery = gateway.status(message.gateway_id)
            if delivery == "delivered":
                message.state = "delivered"
            elif delivery == "failed":
                message.state = "failed"
                message.last_error = "Оператор связи не доставил SMS"
            else:
                continue
            changed[message.id] = message.state
    return changed


def gateway_from_settings(sessions: sessionmaker[Session]) -> SmsGateway:
    """The gateway the company chose (setting 'sms.gateway'): queue-only by default.

    ``{"kind": "http", "base_url": "https://sms.ru", "sender": "...", "timeout": 10}``
    uses the SMS.ru-style HTTP gateway with the key from the keyring entry 'sms:api_id'.
    """
    with sessions() as s:
        raw = s.scalar(select(CompanySetting.value).where(CompanySetting.key == SETTING_GATEWAY))
    try:
        config = json.loads(raw) if raw else {}
    except ValueError:
        config = {}
    if not isinstance(config, dict) or config.get("kind", "queue_only") != "http":
        return QueueOnlyGateway()
    from desktop.keyring_store import SecretsUnavailable, get_secret

    try:
        key = get_secret(SECRET_NAME)
    except SecretsUnavailable as error:
        log.warning("SMS gateway key unavailable: %s", error)
        key = None
    if not key:
        log.warning("SMS gateway 'http' configured but no key in the keyring (%s); messages stay queued",
                    SECRET_NAME)
        return QueueOnlyGateway()
    try:
        return HttpSmsGateway(
            key,
            base_url=str(config.get("base_url") or "https://sms.ru"),
            timeout=float(config.get("timeout") or 10.0),
            sender=config.get("sender") or None,
            test_mode=bool(config.get("test_mode", False)),
        )
    except ValueError as error:
        log.warning("SMS gateway settings refused: %s; messages stay queued", error)
        return QueueOnlyGateway()
