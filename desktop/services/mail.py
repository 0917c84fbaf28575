"""Bills by e-mail: SMTP settings, the message with the PDF attached, sending with classified errors."""

from __future__ import annotations

import logging
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal

from desktop.core.emails import EmailError, normalize_email

log = logging.getLogger(__name__)

Security = Literal["starttls", "ssl", "none"]

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


class MailError(Exception):
    """Sending failed; `transient` says whether trying again later may succeed.

    The message is Russian, for the operator, and never carries the address.
    """

    def __init__(self, message: str, *, transient: bool, code: int | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.code = code  # the SMTP reply code, when the server gave one


@dataclass(frozen=True)
class SmtpSettings:
    """Where bills are sent from. The password is not here: it lives in the keyring."""

    host: str
    port: int
    security: Security = "starttls"
    user: str | None = None
    from_addr: str = ""
    from_name: str = ""  # e.g. 'ПАО «Самараэнерго»'

    def __post_init__(self) -> None:
        if self.security not in ("starttls", "ssl", "none"):
            raise ValueError(f"unknown SMTP security {self.security!r}")
        # Plain SMTP would send the password and customers' bills in the clear;
        # it exists only for loopback test servers.
        if self.security == "none" and self.host not in _LOOPBACK_HOSTS:
            raise ValueError("SMTP without TLS is allowed only on loopback")
        if not self.host or not 0 < self.port < 65536:
            raise ValueError("SMTP host and port are required")
        object.__setattr__(self, "from_addr", normalize_email(self.from_addr))


def _safe_filename(filename: str) -> str:
    name = _UNSAFE_FILENAME.sub("_", filename).strip(" .")
    if not name:
        name = "bill"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name


def build_bill_email(
    to: str,
    subject: str,
    body: str,
    pdf_bytes: bytes,
    filename: str,
    *,
    from_addr: str | None = None,
    from_name: str = "",
) -> EmailMessage:
    """A plain-text letter (UTF-8) with the bill attached as application/pdf.

    `to` is validated with normalize_email (EmailError on bad input). The
    sender can be left for send_email, which fills it from the settings.
    """
    recipient = normalize_email(to)
    if not pdf_bytes.startswith(b"%PDF-"):
        raise ValueError("the attachment is not a PDF")
    if "\n" in subject or "\r" in subject or not subject.strip():
        raise ValueError("subject must be one non-empty line")
    message = EmailMessage()
    message["To"] = recipient
    # Pre-encoded: CPython 3.11's folder drops the space between two encoded words
    # in a long Cyrillic subject ("электроэнергию за" arrives as "электроэнергиюза").
    subject = subject.strip()
    charset = "us-ascii" if subject.isascii() else "utf-8"
    message.set_raw("Subject", Header(subject, charset, header_name="Subject").encode())
    message["Date"] = formatdate(localtime=True)
    if from_addr:
        _set_sender(message, normalize_email(from_addr), from_name)
    # base64 keeps Cyrillic compact and safe on servers without 8BITMIME.
    message.set_content(body, subtype="plain", charset="utf-8", cte="base64")
    message.add_attachment(pdf_bytes, maintype="application", subtype="pdf", filename=_safe_filename(filename))
    return message


def _set_sender(message: EmailMessage, addr: str, name: str) -> None:
    local, domain = addr.split("@")
    message["From"] = Address(display_name=name, username=local, domain=domain)
    # An explicit domain: make_msgid() would otherwise ask DNS for our FQDN.
    message["Message-ID"] = make_msgid(domain=domain)


def send_email(
    settings: SmtpSettings,
    password: str | None,
    message: EmailMessage,
    timeout: float = 30.0,
    *,
    context: ssl.SSLContext | None = None,
) -> None:
    """Deliver `message` to the SMTP server in `settings`, or raise MailError.

    `context` defaults to the system trust store with host-name checking; pass
    one with a corporate CA (or a test certificate) when needed. Certificate
    problems are permanent: they need an administrator, not a retry. A message
    without From gets the settings' sender (and a Message-ID) added in place.
    """
    if "From" not in message:
        _set_sender(message, settings.from_addr, settings.from_name)
    recipients = [str(a.addr_spec) for a in message["To"].addresses] if "To" in message else []
    if not recipients:
        raise MailError("В письме не указан получатель", transient=False)
    tls = context or ssl.create_default_context()
    client: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=tls)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        client.ehlo()
        if settings.security == "starttls":
            client.starttls(context=tls)
            client.ehlo()
        if settings.user:
            client.login(settings.user, password or "")
        refused = client.send_message(message, from_addr=settings.from_addr, to_addrs=recipients)
        if refused:
            codes = [code for code, _ in refused.values()]
            raise MailError(
                "Почтовый сервер отклонил адрес получателя",
                transient=all(400 <= c < 500 for c in codes),
                code=codes[0],
            )
        client.quit()
        client = None
    except MailError:
        raise
    except Exception as exc:  # classified below; anything unexpected is re-raised there
        raise _classify(exc) from exc
    finally:
        if client is not None:
            client.close()  # after a failure: no QUIT, it could hang on a dead link
    log.info("bill e-mail sent via %s:%s", settings.host, settings.port)


def _classify(exc: Exception) -> MailError:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError("Почтовый сервер не принял логин или пароль", transient=False, code=exc.smtp_code)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return MailError(
            "Почтовый сервер отклонил адрес получателя",
            transient=bool(codes) and all(400 <= c < 500 for c in codes),
            code=codes[0] if codes else None,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        # 4xx: "try again later"; 5xx: the server means it.
        transient = 400 <= exc.smtp_code < 500
        return MailError("Почтовый сервер отказал в отправке", transient=transient, code=exc.smtp_code)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailError("Почтовый сервер не поддерживает защищённое соединение", transient=False)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError("Сертификат почтового сервера не прошёл проверку", transient=False)
    if isinstance(exc, ssl.SSLError):
        return MailError("Не удалось установить защищённое соединение с почтовым сервером", transient=False)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return MailError("Почтовый сервер не ответил вовремя", transient=True)
    if isinstance(exc, (smtplib.SMTPServerDisconnected, OSError)):
        return MailError("Нет связи с почтовым сервером", transient=True)
    if isinstance(exc, smtplib.SMTPException):
        return MailError("Ошибка при отправке письма", transient=False)
    if isinstance(exc, EmailError):
        return MailError(str(exc), transient=False)
    if isinstance(exc, UnicodeEncodeError):
        # smtplib sends AUTH credentials as ASCII only.
        return MailError("Логин и пароль почтового ящика должны быть латиницей", transient=False)
    raise exc
