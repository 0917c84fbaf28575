"""Bill e-mails through real aiosmtpd servers on loopback: plain, STARTTLS, implicit TLS, failures."""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.core.emails import EmailError
from desktop.services.mail import MailError, SmtpSettings, build_bill_email, send_email

HOST = "127.0.0.1"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256))
SUBJECT = "Счёт за электроэнергию за ноябрь 2025 г., лицевой счёт 630000123456"
BODY = "Здравствуйте!\n\nВо вложении счёт за ноябрь 2025 г.\nПАО «Самараэнерго»"
FILENAME = "Счёт_630000123456_2025-11.pdf"
USER, PASSWORD = "desk-bills", "S3cret-Pa55"


class Collector:
    """An aiosmtpd handler that keeps what arrives and refuses some recipients."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user"
        if address.startswith("busy@"):
            return "451 4.3.0 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


def free_port() -> int:
    # aiosmtpd's Controller cannot listen on port 0 (it connects back to its port).
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    handler: Collector
    port: int


@dataclass
class Cert:
    certfile: Path
    keyfile: Path

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.certfile, self.keyfile)
        return ctx

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certfile))


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "energodesk-test-smtp")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    certfile, keyfile = folder / "cert.pem", folder / "key.pem"
    certfile.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return Cert(certfile, keyfile)


def _run(**kwargs: Any) -> Iterator[Server]:
    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname=HOST, port=port, **kwargs)
    controller.start()
    try:
        yield Server(handler, port)
    finally:
        controller.stop()


@pytest.fixture
def plain_server() -> Iterator[Server]:
    yield from _run()


@pytest.fixture
def starttls_server(cert: Cert) -> Iterator[Server]:
    yield from _run(
        tls_context=cert.server_context(), require_starttls=True, authenticator=authenticator, auth_require_tls=True
    )


@pytest.fixture
def ssl_server(cert: Cert) -> Iterator[Server]:
    # aiosmtpd only counts STARTTLS as TLS; this connection is TLS from the first byte.
    yield from _run(ssl_context=cert.server_context(), authenticator=authenticator, auth_require_tls=False)


def bill(to: str = "Ivanov.P@Mail.RU") -> EmailMessage:
    return build_bill_email(to, SUBJECT, BODY, PDF, FILENAME)


def settings(port: int, security: str = "none", user: str | None = None) -> SmtpSettings:
    return SmtpSettings(
        host=HOST, port=port, security=security, user=user,  # type: ignore[arg-type]
        from_addr="Bills@Samaraenergo.RU", from_name="ПАО «Самараэнерго»",
    )


def check_arrival(server: Server, to: str = "Ivanov.P@mail.ru") -> None:
    assert len(server.handler.received) == 1
    mail_from, rcpt_tos, content = server.handler.received[0]
    assert mail_from == "Bills@samaraenergo.ru"
    assert rcpt_tos == [to]
    parsed = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["Subject"] == SUBJECT
    assert parsed["To"] == to
    assert parsed["From"].addresses[0].display_name == "ПАО «Самараэнерго»"
    assert parsed["Message-ID"]
    text = parsed.get_body(("plain",))
    assert text is not None and text.get_content().strip() == BODY
    attachments = list(parsed.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_filename() == FILENAME
    assert attachments[0].get_content() == PDF


def test_plain_loopback_delivery(plain_server: Server) -> None:
    send_email(settings(plain_server.port), None, bill(), timeout=5)
    check_arrival(plain_server)


def test_starttls_with_login(starttls_server: Server, cert: Cert) -> None:
    send_email(
        settings(starttls_server.port, "starttls", USER), PASSWORD, bill(), timeout=5, context=cert.client_context()
    )
    check_arrival(starttls_server)


def test_implicit_tls_with_login(ssl_server: Server, cert: Cert) -> None:
    send_email(settings(ssl_server.port, "ssl", USER), PASSWORD, bill(), timeout=5, context=cert.client_context())
    check_arrival(ssl_server)


def test_untrusted_certificate_is_permanent(starttls_server: Server) -> None:
    # The default context trusts only the system store, not our self-signed test cert.
    with pytest.raises(MailError) as caught:
        send_email(settings(starttls_server.port, "starttls", USER), PASSWORD, bill(), timeout=5)
    assert caught.value.transient is False
    assert starttls_server.handler.received == []


def test_wrong_password_is_permanent(starttls_server: Server, cert: Cert) -> None:
    with pytest.raises(MailError) as caught:
        send_email(
            settings(starttls_server.port, "starttls", USER), "wrong", bill(), timeout=5, context=cert.client_context()
        )
    assert caught.value.transient is False
    assert caught.value.code == 535
    assert starttls_server.handler.received == []


def test_non_ascii_password_is_permanent(starttls_server: Server, cert: Cert) -> None:
    with pytest.raises(MailError) as caught:
        send_email(
            settings(starttls_server.port, "starttls", USER), "пароль", bill(), timeout=5, context=cert.client_context()
        )
    assert caught.value.transient is False
    assert "латиницей" in str(caught.value)


def test_plain_server_cannot_fake_starttls(plain_server: Server) -> None:
    with pytest.raises(MailError) as caught:
        send_email(settings(plain_server.port, "starttls"), None, bill(), timeout=5)
    assert caught.value.transient is False


def test_refused_recipient_is_permanent(plain_server: Server) -> None:
    with pytest.raises(MailError) as caught:
        send_email(settings(plain_server.port), None, bill("nobody@mail.ru"), timeout=5)
    assert (caught.value.transient, caught.value.code) == (False, 550)
    assert "nobody" not in str(caught.value)  # the address stays out of messages and logs
    assert plain_server.handler.received == []


def test_busy_recipient_is_transient(plain_server: Server) -> None:
    with pytest.raises(MailError) as caught:
        send_email(settings(plain_server.port), None, bill("busy@mail.ru"), timeout=5)
    assert (caught.value.transient, caught.value.code) == (True, 451)


def test_connection_refused_is_transient() -> None:
    with pytest.raises(MailError) as caught:
        send_email(settings(free_port()), None, bill(), timeout=2)
    assert caught.value.transient is True


def test_silent_server_times_out_transient() -> None:
    # Accepts the TCP connection (backlog) but never sends a greeting.
    with socket.socket() as silent:
        silent.bind((HOST, 0))
        silent.listen(1)
        with pytest.raises(MailError) as caught:
            send_email(settings(silent.getsockname()[1]), None, bill(), timeout=0.3)
    assert caught.value.transient is True


def test_plain_smtp_only_on_loopback() -> None:
    with pytest.raises(ValueError):
        SmtpSettings(host="smtp.samaraenergo.ru", port=25, security="none", from_addr="bills@samaraenergo.ru")
    with pytest.raises(ValueError):
        SmtpSettings(host="smtp.samaraenergo.ru", port=587, security="tls", from_addr="b@s.ru")  # type: ignore[arg-type]
    with pytest.raises(EmailError):
        SmtpSettings(host="smtp.samaraenergo.ru", port=587, from_addr="not an address")


def test_build_validates_inputs() -> None:
    with pytest.raises(EmailError):
        build_bill_email("ivanov", SUBJECT, BODY, PDF, FILENAME)
    with pytest.raises(ValueError):
        build_bill_email("a@mail.ru", SUBJECT, BODY, b"not a pdf", FILENAME)
    with pytest.raises(ValueError):
        build_bill_email("a@mail.ru", "Счёт\r\nBcc: evil@x.ru", BODY, PDF, FILENAME)
    message = build_bill_email("a@mail.ru", SUBJECT, BODY, PDF, "../../etc/счёт")
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "_.._etc_счёт.pdf"
