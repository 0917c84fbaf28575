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
from typing import cast

from sqlalchemy import Table, and_, select, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.periods import Period
from desktop.db.base import utcnow
from desktop.db.models import Account, Bill, Customer, OutgoingMessage
from desktop.services import audit
from desktop.services.bill_documents import bill_pdf
from desktop.services.billing import load_payee, parse_period
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound
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
    """Queue the period's bills of e-mail-only accounts (each bill once); returns how many.

    Set-based and without rendering: the PDF is made from the frozen bill when the letter is
    first sent (and kept, so every retry sends the same bytes), so a run of two million bills
    queues its letters in one statement's time.
    """
    ctx.require("senior")
    p = parse_period(period)
    with ctx.transaction() as s:
        rows = s.execute(
            select(Account.id, Account.number, Customer.email)
            .join(Customer, Account.customer_id == Customer.id)
            .join(Bill, and_(Bill.account_id == Account.id, Bill.period == p.key))
            .where(Account.bills_by_email_only.is_(True), Customer.email.is_not(None), Customer.email != "")
            .order_by(Account.id)
        ).all()
        queued = set(s.scalars(select(OutgoingMessage.attachment_name).where(
            OutgoingMessage.purpose == "bill", OutgoingMessage.channel == "email",
            OutgoingMessage.attachment_name.like(f"%\\_{p.key}.pdf", escape="\\"))))
        payee = load_payee(s)
        now = ctx.clock()
        new = [dict(channel="email", purpose="bill", account_id=aid, recipient=email,
                    subject=bill_subject(number, p), body=bill_body(p, payee.name), attachment=None,
                    attachment_name=_filename(number, p.key), state="queued", attempts=0,
                    next_attempt_at=now, last_error="", created_at=now)
               for aid, number, email in rows if _filename(number, p.key) not in queued]
        if new:
            s.execute(cast(Table, OutgoingMessage.__table__).insert(), new)  # a Table, typed FromClause
            audit.record(s, ctx, "bill.email_queued", entity="outgoing_message", period=p.key, count=len(new))
    return len(new)


def resend_bill_email(ctx: ServiceContext, number: str, period: str | Period) -> None:
    """Send one bill's letter again (senior): back to the queue now, or queued anew."""
    from desktop.services.bill_documents import _account_id

    ctx.require("senior")
    p = parse_period(period)
    with ctx.transaction() as s:
        aid = _account_id(s, number)
        acc = s.get(Account, aid)
        assert acc is not None
        if s.scalar(select(Bill.id).where(Bill.account_id == aid, Bill.period == p.key)) is None:
            raise NotFound(f"Нет счёта за {p.name} по лицевому счёту {acc.number}")
        email = s.scalar(select(Customer.email).where(Customer.id == acc.customer_id))
        if not email:
            raise InputError("У клиента нет адреса e-mail: укажите его в контактах", field="email")
        name = _filename(acc.number, p.key)
        msg = s.scalar(select(OutgoingMessage).where(OutgoingMessage.account_id == aid,
                                                     OutgoingMessage.purpose == "bill",
                                                     OutgoingMessage.attachment_name == name)
                       .order_by(OutgoingMessage.id.desc()).limit(1))
        if msg is None:
            payee = load_payee(s)
            msg = OutgoingMessage(channel="email", purpose="bill", account_id=aid, recipient=email,
                                  subject=bill_subject(acc.number, p), body=bill_body(p, payee.name),
                                  attachment=None, attachment_name=name)
            s.add(msg)
        # The address as it is now (the operator may just have corrected it).
        msg.recipient, msg.state, msg.attempts, msg.last_error = email, "queued", 0, ""
        msg.next_attempt_at = ctx.clock()
        s.flush()
        audit.record(s, ctx, "bill.email_resend", account_number=acc.number, entity="outgoing_message",
                     entity_id=msg.id, period=p.key)


@dataclass(frozen=True)
class EmailState:
    state: str  # queued | sent | failed
    reason: str  # the last error ("" when none)


def bill_email_states(s: Session, account_id: int) -> dict[str, EmailState]:
    """period -> the state of that bill's latest letter, for the account's bills list."""
    out: dict[str, EmailState] = {}
    for name, state, error in s.execute(
        select(OutgoingMessage.attachment_name, OutgoingMessage.state, OutgoingMessage.last_error)
        .where(OutgoingMessage.account_id == account_id, OutgoingMessage.purpose == "bill")
        .order_by(OutgoingMessage.id)
    ):
        out[name[-11:-4]] = EmailState(state, error or "")
    return out


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
        _attach_pdf(sessions, mid)
        with sessions.begin() as s:
            msg = s.get(OutgoingMessage, mid)
            if msg is None or msg.state != "queued":
                continue
            if not msg.attachment:
                msg.state, msg.last_error = "failed", "Нет счёта для вложения"
                failed += 1
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


def _attach_pdf(sessions: sessionmaker[Session], mid: int) -> None:
    """Render a queued bill letter's PDF from the frozen bill once, before its first attempt."""
    from desktop.services.errors import ServiceError

    with sessions() as s:
        row = s.execute(select(OutgoingMessage.attachment.is_(None), OutgoingMessage.attachment_name,
                               Account.number)
                        .join(Account, Account.id == OutgoingMessage.account_id)
                        .where(OutgoingMessage.id == mid, OutgoingMessage.purpose == "bill")).first()
    if row is None or not row[0]:
        return
    try:
        pdf = bill_pdf(ServiceContext(sessions), row.number, row.attachment_name[-11:-4])
    except ServiceError:
        return  # no such bill any more: the send step marks the letter failed
    with sessions.begin() as s:
        s.execute(update(OutgoingMessage).where(OutgoingMessage.id == mid, OutgoingMessage.attachment.is_(None))
                  .values(attachment=pdf))


def load_smtp_settings(session: Session) -> SmtpSettings | None:
    """The company's SMTP settings (company settings key "smtp"), or None when not set up."""
    from desktop.services.company_settings import get_value

    value = get_value(session, "smtp")
    return SmtpSettings(**value) if value else None


def save_smtp_settings(ctx: ServiceContext, settings: SmtpSettings, password: str | None) -> str | None:
    """Store the SMTP settings (administrator) and the password in the keyring; returns the
    keyring backend's name (None when no password was given)."""
    from dataclasses import asdict

    from desktop.keyring_store import set_secret
    from desktop.services.company_settings import set_value

    ctx.require("admin")
    where = set_secret(SMTP_SECRET, password) if password else None
    with ctx.transaction() as s:
        set_value(s, "smtp", asdict(settings))
        audit.record(s, ctx, "mail.settings", entity="company_settings", host=settings.host, port=settings.port,
                     security=settings.security, password_saved=bool(password))
    return where
