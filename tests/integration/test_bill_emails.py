"""Bills by e-mail through the queue to a real aiosmtpd server on loopback; failures stay queued."""

from __future__ import annotations

import email
import email.policy
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from desktop.db.models import Account, Customer, OutgoingMessage
from desktop.services import bill_documents, billing
from desktop.services.context import Actor, ServiceContext
from desktop.services.mail import SmtpSettings
from desktop.services.mail_queue import queue_bill_emails, send_due_emails, smtp_password

HOST = "127.0.0.1"
ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")
NOW = datetime(2026, 11, 2, 6, tzinfo=UTC)


class Collector:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


class Busy:
    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        return "451 4.3.0 Try again later"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname=HOST, port=port)
    controller.start()
    yield handler, port
    controller.stop()


def settings(port: int) -> SmtpSettings:
    return SmtpSettings(host=HOST, port=port, security="none", from_addr="bills@samaraenergo.ru",
                        from_name="ПАО «Самараэнерго»")


def _prepare(db) -> tuple[ServiceContext, list[str]]:
    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: NOW)
    billing.run_billing(ctx, "2026-10")
    with db.sessions.begin() as s:
        s.execute(update(Account).values(bills_by_email_only=False))
        rows = s.execute(select(Account.id, Account.number, Customer.id).join(Customer)
                         .order_by(Account.id).limit(2)).all()
        for i, (aid, _number, cid) in enumerate(rows):
            s.execute(update(Account).where(Account.id == aid).values(bills_by_email_only=True))
            s.execute(update(Customer).where(Customer.id == cid).values(email=f"payer{i}@mail.ru"))
    return ctx, [r[1] for r in rows]


def test_bills_arrive_with_the_pdf(db, demo_logins, server, memory_keyring):
    handler, port = server
    ctx, numbers = _prepare(db)
    assert queue_bill_emails(ctx, "2026-10") == 2
    assert queue_bill_emails(ctx, "2026-10") == 0  # once per bill
    memory_keyring.set_password("EnergoDesk", "smtp", "unused-on-loopback")
    report = send_due_emails(db.sessions, settings(port), smtp_password(), clock=lambda: NOW)
    assert (report.sent, report.retrying, report.failed) == (2, 0, 0)
    assert len(handler.received) == 2
    for (mail_from, rcpt, content), (i, number) in zip(handler.received, enumerate(numbers)):
        assert mail_from == "bills@samaraenergo.ru" and rcpt == [f"payer{i}@mail.ru"]
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert parsed["Subject"] == f"Счёт за электроэнергию за октябрь 2026 г., лицевой счёт {number}"
        (attachment,) = parsed.iter_attachments()
        assert attachment.get_filename() == f"Счёт_{number}_2026-10.pdf"
        pdf = attachment.get_content()
        assert pdf.startswith(b"%PDF")
        from io import BytesIO

        from pypdf import PdfReader

        expected = bill_documents.bill_pdf(ctx, number, "2026-10")
        text = lambda b: PdfReader(BytesIO(b)).pages[0].extract_text()  # noqa: E731
        assert text(pdf) == text(expected)
    with db.sessions() as s:
        assert {m.state for m in s.scalars(select(OutgoingMessage))} == {"sent"}
    assert send_due_emails(db.sessions, settings(port), None, clock=lambda: NOW).sent == 0


def test_failing_server_keeps_the_message_queued(db, demo_logins):
    ctx, _ = _prepare(db)
    queue_bill_emails(ctx, "2026-10")
    port = free_port()
    controller = Controller(Busy(), hostname=HOST, port=port)
    controller.start()
    try:
        report = send_due_emails(db.sessions, settings(port), None, clock=lambda: NOW, rand=lambda: 0.5)
    finally:
        controller.stop()
    assert (report.sent, report.retrying) == (0, 2)
    with db.sessions() as s:
        for msg in s.scalars(select(OutgoingMessage)):
            assert msg.state == "queued" and msg.attempts == 1 and "451" in msg.last_error
            assert msg.next_attempt_at == NOW + timedelta(seconds=60) and msg.attachment.startswith(b"%PDF")
    # Nothing listens at all: still queued (transient), retried later, never lost.
    later = NOW + timedelta(minutes=5)
    report = send_due_emails(db.sessions, settings(free_port()), None, clock=lambda: later, timeout=2)
    assert report.retrying == 2
    with db.sessions() as s:
        assert {(m.state, m.attempts) for m in s.scalars(select(OutgoingMessage))} == {("queued", 2)}


# --- after a run, through the command line ------------------------------------------------------

class Refuses:
    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        return "550 5.1.1 Mailbox unavailable"


def _email_customers(db, count: int = 2) -> list[str]:
    with db.sessions.begin() as s:
        s.execute(update(Account).values(bills_by_email_only=False))
        rows = s.execute(select(Account.id, Account.number, Customer.id).join(Customer)
                         .order_by(Account.id).limit(count)).all()
        for i, (aid, _number, cid) in enumerate(rows):
            s.execute(update(Account).where(Account.id == aid).values(bills_by_email_only=True))
            s.execute(update(Customer).where(Customer.id == cid).values(email=f"payer{i}@mail.ru"))
    return [r[1] for r in rows]


def _cli(*argv: str, stdin: str = "") -> Any:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "desktop", *argv], capture_output=True, text=True, input=stdin,
                          timeout=300, env=env, cwd=root)


def test_a_run_queues_and_mail_send_delivers(db, demo_logins, server, database_url):
    from io import BytesIO

    from pypdf import PdfReader

    from desktop.services.mail_queue import resend_bill_email

    handler, port = server
    numbers = _email_customers(db)
    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: NOW)
    result = billing.run_billing(ctx, "2026-10")
    assert result.emails_queued == 2 and "писем со счетами в очереди: 2" in result.summary()
    assert bill_documents.bills_for_account(ctx, numbers[0])[0].email_state == "queued"
    assert billing.run_billing(ctx, "2026-10").emails_queued == 0  # each bill once

    done = _cli("mail", "send", "--database", database_url)
    assert done.returncode == 2 and "SMTP не настроен" in done.stderr and len(done.stderr.splitlines()) == 1
    done = _cli("mail", "setup", "--host", HOST, "--port", str(port), "--security", "none",
                "--from", "bills@samaraenergo.ru", "--from-name", "ПАО «Самараэнерго»", "--database", database_url)
    assert done.returncode == 0, done.stderr
    done = _cli("mail", "send", "--database", database_url)
    assert done.returncode == 0, done.stderr
    assert "Отправлено: 2, не отправлено (ошибка): 0, осталось в очереди: 0" in done.stdout
    assert sorted(rcpt[0] for _f, rcpt, _c in handler.received) == ["payer0@mail.ru", "payer1@mail.ru"]
    for _from, rcpt, content in handler.received:
        number = numbers[int(rcpt[0][5])]
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        (attachment,) = parsed.iter_attachments()
        assert attachment.get_filename() == f"Счёт_{number}_2026-10.pdf"
        text = lambda b: PdfReader(BytesIO(b)).pages[0].extract_text()  # noqa: E731
        assert text(attachment.get_content()) == text(bill_documents.bill_pdf(ctx, number, "2026-10"))
    assert bill_documents.bills_for_account(ctx, numbers[0])[0].email_state == "sent"
    assert _cli("mail", "send", "--database", database_url).stdout.startswith("Отправлено: 0")

    # A refused address: failed with the reason on the bills list; the senior sends it again.
    refusing_port = free_port()
    refusing = Controller(Refuses(), hostname=HOST, port=refusing_port)
    refusing.start()
    try:
        resend_bill_email(ctx, numbers[1], "2026-10")
        assert bill_documents.bills_for_account(ctx, numbers[1])[0].email_state == "queued"
        _cli("mail", "setup", "--host", HOST, "--port", str(refusing_port), "--security", "none",
             "--from", "bills@samaraenergo.ru", "--database", database_url)
        done = _cli("mail", "send", "--database", database_url)
        assert "Отправлено: 0, не отправлено (ошибка): 1" in done.stdout, done.stderr
    finally:
        refusing.stop()
    row = bill_documents.bills_for_account(ctx, numbers[1])[0]
    assert row.email_state == "failed" and "550" in row.email_error
    resend_bill_email(ctx, numbers[1], "2026-10")
    _cli("mail", "setup", "--host", HOST, "--port", str(port), "--security", "none",
         "--from", "bills@samaraenergo.ru", "--database", database_url)
    assert "Отправлено: 1" in _cli("mail", "send", "--database", database_url).stdout
    assert len(handler.received) == 3 and bill_documents.bills_for_account(ctx, numbers[1])[0].email_state == "sent"
    with db.sessions() as s:
        from desktop.db.models import AuditEvent

        actions = set(s.scalars(select(AuditEvent.action)))
        assert {"bill.email_queued", "bill.email_resend", "mail.settings"} <= actions
