"""Bills by e-mail through the outgoing queue: queued once per bill, sent with retries, never lost.

``queue_bill_emails`` puts one OutgoingMessage (channel 'email', purpose 'bill', the PDF
attached) per bill of the period for accounts with "bills by e-mail only" and an address.
``send_due_emails`` sends what is due: a transient SMTP failure schedules a retry with
back-off (RetryPolicy), a permanent one (or too many attempts) marks the message 'failed'
with ``last_error`` — it stays in the table, visible, for an operator to fix and re-queue.
"""

from __future__ import annotations

import random
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.periods import Period
from desktop.db.base import utcnow
from desktop.db.models import Account, Bill, Customer, OutgoingMessage
from desktop.services import audit
from desktop.services.billing import bill_pdf, parse_period
from desktop.services.context import ServiceContext
from desktop.services.mail import MailError, SmtpSettings, build_bill_email, send_email
from desktop.services.sms.retry import RetryPolicy, next_attempt_delay

# Bills wait for a working day's worth of retries before being shown as failed.
BILL_POLICY = RetryPolicy(base_seconds=60.0, factor=2.0, cap_seconds=3600.0, max_attempts=8)
SMTP_SECRET = "smtp"


def bill_subject(account: str, period: Period) -> str:
    return f"Счёт за электроэнергию {period.name_for} г., лицевой счёт {account}"


def bill_body(period: Period, payee_name: str) -> str:
    return (f"Здравствуйте!\n\nВо вложении счёт за электроэнергию {period.name_for} г.\n"
            f"Оплатить можно по QR-коду в приложении банка.\n\n{payee_name}")


def queue_bill_emails(ctx: ServiceContext, period: str | Period) -> int:
    """Queue the period's bills of e-mail-only accounts (each bill once); returns how many."""
    ctx.require("senior")
    p = parse_period(period)
    with ctx.read() as s:
        rows = s.execute(
            select(Account.id, Account.number, Customer.email)
            .join(Customer, Account.customer_id == Customer.id)
            .join(Bill, and_(Bill.account_id == Account.id, Bill.period == p.key))
            .where(Account.bills_by_email_only.is_(True), Customer.email.is_not(None), Customer.email != "")
            .order_by(Account.id)
        ).all()
        queued_names = set(s.scalars(select(OutgoingMessage.attachment_name).where(
            OutgoingMessage.purpose == "bill", OutgoingMessage.channel == "email")))
    from desktop.services.billing import load_payee

    count = 0
    for aid, number, email in rows:
        name = _filename(number, p.key)
        if name in queued_names:
            continue
        pdf = bill_pdf(ctx, number, p)
        with ctx.transaction() as s:
            payee = load_payee(s)
            s.add(OutgoingMessage(channel="email", purpose="bill", account_id=aid, recipient=email,
                                  subject=bill_subject(number, p), body=bill_body(p, payee.name),
                                  attachment=pdf, attachment_name=name, state="queued",
                                  next_attempt_at=ctx.clock()))
            audit.record(s, ctx, "bill.email_queued", account_number=number, period=p.key)
        count += 1
    return count


def _filename(number: str, period: str) -> str:
    """The attachment's name; with the account and period it also marks a bill as queued once."""
    return f"Счёт_{number}_{period}.pdf"


@dataclass(frozen=True)
class SendReport:
    sent: int
    retrying: int
    failed: int


def smtp_password() -> str | None:
    """The SMTP password from the keyring (SecretsUnavailable when there is no keyring)."""
    from desktop.keyring_store import get_secret

    return get_secret(SMTP_SECRET)


def send_due_emails(sessions: sessionmaker[Session], settings: SmtpSettings, password: str | None,
                    clock: Callable[[], datetime] = utcnow, policy: RetryPolicy = BILL_POLICY,
                    *, limit: int = 100, timeout: float = 30.0, context: ssl.SSLContext | None = None,
                    rand: Callable[[], float] = random.random) -> SendReport:
    """Send queued e-mails whose time has come; each message's outcome is its own transaction."""
    now = clock()
    with sessions() as s:
        ids = list(s.scalars(select(OutgoingMessage.id).where(
            OutgoingMessage.channel == "email", OutgoingMessage.state == "queued",
            OutgoingMessage.next_attempt_at <= now).order_by(OutgoingMessage.next_attempt_at,
                                                             OutgoingMessage.id).limit(limit)))
    sent = retrying = failed = 0
    for mid in ids:
        with sessions.begin() as s:
            msg = s.get(OutgoingMessage, mid)
            if msg is None or msg.state != "queued":
                continue
            message = build_bill_email(msg.recipient, msg.subject, msg.body, msg.attachment or b"",
                                       msg.attachment_name)
            msg.attempts += 1
            try:
                send_email(settings, password, message, timeout, context=context)
            except MailError as error:
                msg.last_error = str(error) + (f" (код {error.code})" if error.code else "")
                if error.transient and msg.attempts < policy.max_attempts:
                    msg.next_attempt_at = now + timedelta(seconds=next_attempt_delay(msg.attempts, rand, policy))
                    retrying += 1
                else:
                    msg.state = "failed"
                    failed += 1
            else:
                msg.state, msg.sent_at, msg.last_error = "sent", clock(), ""
                sent += 1
    return SendReport(sent, retrying, failed)
