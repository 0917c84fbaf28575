"""`energodesk mail send` (CONTRACTS.md) and `energodesk mail setup`, registered through cli.EXTENSIONS."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from desktop.cli import COMMANDS, EXTENSIONS, UserError, _Parser, _positive, open_db, read_password


def _register(sub: Any, common: argparse.ArgumentParser) -> None:
    mail = sub.add_parser("mail", help="bills by e-mail").add_subparsers(dest="action", required=True,
                                                                         parser_class=_Parser)
    mail.add_parser("send", parents=[common], help="send the queued bill e-mails")
    setup = mail.add_parser("setup", parents=[common],
                            help="the company's SMTP server (the password is read from standard input)")
    setup.add_argument("--host", required=True)
    setup.add_argument("--port", required=True, type=lambda t: _positive(t, 65_535))
    setup.add_argument("--security", choices=("starttls", "ssl", "none"), default="starttls")
    setup.add_argument("--user", default=None)
    setup.add_argument("--from", dest="from_addr", required=True, metavar="ADDRESS")
    setup.add_argument("--from-name", default="")


def _password(user: str | None) -> str | None:
    """The SMTP password from the keyring; without a keyring (a headless box) it is asked for and
    kept in memory only (perf-notes 7), never written anywhere."""
    from desktop.keyring_store import SecretsUnavailable
    from desktop.services.mail_queue import smtp_password

    if not user:
        return None
    try:
        stored = smtp_password()
    except SecretsUnavailable as error:
        print(f"{error}", file=sys.stderr)
        stored = None
    if stored:
        return stored
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("Пароль SMTP: ")
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise UserError("нет пароля SMTP: сохраните его (energodesk mail setup) или передайте на стандартный ввод")
    return line.rstrip("\r\n")


def _cmd_mail(args: argparse.Namespace) -> int:
    from desktop.services.context import ServiceContext
    from desktop.services.mail import SmtpSettings
    from desktop.services.mail_queue import load_smtp_settings, save_smtp_settings, send_due_emails

    if args.action == "setup":
        try:
            settings = SmtpSettings(host=args.host, port=args.port, security=args.security, user=args.user,
                                    from_addr=args.from_addr, from_name=args.from_name)
        except ValueError as error:
            raise UserError(f"настройки SMTP: {error}") from None
        password = read_password("Пароль SMTP: ") if args.user else None
    db = open_db(args.database)
    ctx = ServiceContext(db.sessions)
    try:
        if args.action == "setup":
            where = save_smtp_settings(ctx, settings, password)
            print(f"Настройки SMTP сохранены{'; пароль — в хранилище ' + where if where else ''}")
            return 0
        with ctx.read() as s:
            settings = load_smtp_settings(s)
        if settings is None:
            raise UserError("SMTP не настроен: energodesk mail setup --host ... --port ... --from ...")
        password = _password(settings.user)
        sent = failed = retrying = 0
        while True:  # batches of 100 until nothing is due now
            report = send_due_emails(db.sessions, settings, password)
            sent, failed, retrying = sent + report.sent, failed + report.failed, retrying + report.retrying
            if report.sent + report.failed + report.retrying == 0:
                break
        left = _left(db.sessions)
        print(f"Отправлено: {sent}, не отправлено (ошибка): {failed}, осталось в очереди: {left}")
        return 0
    finally:
        db.close()


def _left(sessions: Any) -> int:
    from sqlalchemy import func, select

    from desktop.db.models import OutgoingMessage

    with sessions() as s:
        return s.scalar(select(func.count()).select_from(OutgoingMessage).where(
            OutgoingMessage.channel == "email", OutgoingMessage.state == "queued")) or 0


EXTENSIONS.append(_register)
COMMANDS["mail"] = _cmd_mail
