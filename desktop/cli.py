"""The `energodesk` command: the GUI, schema upgrades, demo data, operators, bills, accounts."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from desktop import __version__

# A bug (not a user's mistake) ends with this status and one line; the traceback goes to the log.
EXIT_BUG = 70
# Far above any real network (2 million accounts), far below what the databases' integers hold.
MAX_COUNT = 100_000_000


class UserError(Exception):
    """A mistake of the user: printed as one line, exit status 2."""


def one_line(text: str) -> str:
    """``text`` as one printable line: what the user typed may hold newlines or NUL bytes."""
    flat = " ".join(str(text).split())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in flat)


def _fail(message: str) -> None:
    sys.stderr.write(f"energodesk: {one_line(message)}\n")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse.ArgumentParser.error
        # One line, no usage dump: scripts and administrators read the reason.
        _fail(message)
        sys.exit(2)


def _database_option(default: object = None) -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument("--database", metavar="URL", default=default,
                        help="SQLAlchemy URL (default: configured or local file)")
    return common


def _positive(text: str, high: int = MAX_COUNT) -> int:
    # ASCII digits only: int() would also take "١٢" and "1_000".
    digits = text.strip()
    if not (digits.isascii() and digits.lstrip("+-").isdigit() and len(digits) < 30):
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:40]!r}")
    value = int(digits)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    if value > high:
        raise argparse.ArgumentTypeError(f"must be at most {high:,}".replace(",", " "))
    return value


def _months(text: str) -> int:
    return _positive(text, 240)


def _whole(text: str) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.lstrip("+-").isdigit() and len(digits) < 19):
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:40]!r}")
    return int(digits)


def build_parser() -> argparse.ArgumentParser:
    # Before the subcommand (`energodesk --database URL demo`) or after it: the subcommands'
    # option has no default of its own, or it would put None over the one given before.
    parser = _Parser(prog="energodesk", description="EnergoDesk customer service desk",
                     parents=[_database_option()])
    common = _database_option(argparse.SUPPRESS)
    parser.add_argument("--demo", action="store_true", help="start the desk on the demo database")
    parser.add_argument("--version", action="version", version=f"energodesk {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    db = sub.add_parser("db", help="database schema").add_subparsers(dest="action", required=True,
                                                                       parser_class=_Parser)
    db.add_parser("upgrade", parents=[common], help="migrate to the newest schema")

    demo = sub.add_parser("demo", parents=[common], help="fill an empty database with demo data")
    demo.add_argument("--customers", type=_positive, required=True)
    demo.add_argument("--seed", type=_whole, default=1)
    demo.add_argument("--months", type=_months, default=24)
    demo.add_argument("--bill-months", type=_whole, default=None, metavar="K",
                      help="bill the last K months (default: all 24 up to 50,000 customers, "
                           "only the last month above, to keep 2 million customers under 20 minutes)")

    op = sub.add_parser("operator", help="operators").add_subparsers(dest="action", required=True,
                                                                      parser_class=_Parser)
    add = op.add_parser("add", parents=[common], help="create an operator (password from standard input)")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=("operator", "senior", "admin"))
    add.add_argument("--branch", metavar="CODE")
    add.add_argument("--name", default="", help="full name")
    unlock = op.add_parser("unlock", parents=[common], help="unlock an operator")
    unlock.add_argument("login")
    reset = op.add_parser("reset-password", parents=[common],
                          help="set a temporary password (from standard input), changed at next sign-in")
    reset.add_argument("login")

    account = sub.add_parser("account", help="accounts").add_subparsers(dest="action", required=True,
                                                                         parser_class=_Parser)
    lst = account.add_parser("list", parents=[common], help="print account numbers")
    lst.add_argument("--limit", type=_positive)
    show = account.add_parser("show", parents=[common], help="print an account card")
    show.add_argument("account")
    show.add_argument("--json", action="store_true", required=True)

    _register_extensions(sub, common)
    return parser


# Later areas (bills, payments) add their subcommands here without touching the core parser.
EXTENSIONS: list[Callable[[Any, argparse.ArgumentParser], None]] = []


def _register_extensions(sub: Any, common: argparse.ArgumentParser) -> None:
    for register in EXTENSIONS:
        register(sub, common)


def progress_printer(unit: str, every: float = 2.0) -> Callable[[int, int], bool]:
    """A service's ``progress(done, total)`` that prints "done / total UNIT (N s)" to standard error."""
    import time

    started = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int) -> bool:
        now = time.monotonic()
        if now - last[0] > every or done == total:
            last[0] = now
            print(f"  {done:,} / {total:,} {unit} ({now - started:.0f} s)", file=sys.stderr)
        return True

    return progress


def resolve_url(explicit: str | None) -> str:
    """--database, else the desk's configured database, else the local SQLite file."""
    if explicit is not None:
        if not explicit.strip():
            raise UserError("пустой адрес базы данных (--database)")
        return explicit
    from desktop.desk_settings import DATABASE_URL, DeskSettings
    from desktop.paths import local_database_url

    return DeskSettings.default().get(DATABASE_URL) or local_database_url()


def open_db(url: str | None, *, upgrade_older: bool | None = None, create: bool = False) -> Any:
    """The database of --database (or the configured one), checked and migrated.

    A SQLite file named with --database must exist (a typo must not make a new empty database)
    unless ``create`` (db upgrade, demo); its folder must exist in any case. The desk's own
    local file is created on first use, folder included.
    """
    from desktop.database import DatabaseOpenError, open_database

    explicit = url is not None
    try:
        return open_database(resolve_url(url), upgrade_older=upgrade_older, create=create or not explicit,
                             make_folder=not explicit)
    except DatabaseOpenError as error:
        raise UserError(str(error)) from None


def read_password(prompt: str) -> str:
    """From standard input: a line when piped, asked twice on a terminal."""
    if sys.stdin is None:
        raise UserError("пароль читается со стандартного ввода")
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Повторите пароль: ") != first:
            raise UserError("пароли не совпадают")
        return first
    line = sys.stdin.readline()
    if not line:
        raise UserError("пароль не передан на стандартный ввод")
    return line.rstrip("\r\n")


def _cmd_db(args: argparse.Namespace) -> int:
    from desktop.db.schema import current_revision

    db = open_db(args.database, upgrade_older=True, create=True)
    try:
        print(f"schema at revision {current_revision(db.engine)}")
    finally:
        db.close()
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    import time

    from desktop.services.demo.build import DEMO_PASSWORD, build_demo
    from desktop.services.demo.generator import DemoPlan

    db = open_db(args.database, create=True)
    started = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int) -> bool:
        now = time.monotonic()
        if now - last[0] > 5 or done == total:
            last[0] = now
            print(f"  {done:,} / {total:,} customers ({now - started:.0f} s)", file=sys.stderr)
        return True

    try:
        logins = build_demo(db.engine, DemoPlan(args.customers, seed=args.seed, months=args.months,
                                                bill_months=args.bill_months), progress)
    finally:
        db.close()
    print(f"Demo data: {args.customers} customers in {time.monotonic() - started:.1f} s. Operators "
          f"(password {DEMO_PASSWORD}):")
    for login in logins:
        print(f"  {login.login:<14} {login.role:<9} {login.branch}")
    return 0


def _cmd_operator(args: argparse.Namespace) -> int:
    from desktop.services import operators
    from desktop.services.context import ServiceContext

    db = open_db(args.database)
    ctx = ServiceContext(db.sessions)
    try:
        if args.action == "add":
            actor = operators.add_operator(ctx, args.login, read_password("Пароль: "), args.role,
                                           branch_code=args.branch, full_name=args.name)
            print(f"operator {actor.login} ({actor.role}) added at {actor.branch_code}")
        elif args.action == "unlock":
            operators.unlock_operator(ctx, args.login)
            print(f"operator {args.login} unlocked")
        else:
            operators.reset_operator_password(ctx, args.login, read_password("Временный пароль: "))
            print(f"operator {args.login} must change the password at next sign-in")
    finally:
        db.close()
    return 0


def _cmd_account(args: argparse.Namespace) -> int:
    from desktop.core.accounts import normalize_account
    from desktop.services.accounts import account_card, list_accounts
    from desktop.services.context import ServiceContext

    if args.action == "show" and normalize_account(args.account) is None:
        raise UserError(f"номер лицевого счёта — 12 цифр, а не {args.account[:40]!r}")
    db = open_db(args.database)
    ctx = ServiceContext(db.sessions)
    try:
        if args.action == "list":
            for number in list_accounts(ctx, args.limit):
                print(number)
        else:
            print(json.dumps(account_card(ctx, args.account).to_json(), ensure_ascii=False))
    finally:
        db.close()
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    from desktop.first_start import display_problem, gui_database_url

    problem = display_problem()
    if problem:
        raise UserError(problem)
    from desktop.app import run

    if args.demo:
        from desktop.paths import demo_database_url

        url = args.database if args.database is not None else demo_database_url()
        # The demo is built or checked behind the painted sign-in dialog, with a progress bar:
        # nothing here may import SQLAlchemy before the dialog is painted (issue 13).
        return run(resolve_url(url), demo_hint=DEMO_HINT, demo_customers=GUI_DEMO_CUSTOMERS,
                   make_folder=args.database is None)
    url = gui_database_url(args.database)  # the first-start dialog when the desk is not configured
    return run(url) if url else 0


GUI_DEMO_CUSTOMERS = 2000
# The password is desktop.services.demo.build.DEMO_PASSWORD (a test checks they agree), written
# out so that showing the hint imports nothing heavy.
DEMO_HINT = "Демо: логин sam.op1 (оператор), sam.senior (старший) или admin; пароль demo-desk-1"


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "db": _cmd_db,
    "demo": _cmd_demo,
    "operator": _cmd_operator,
    "account": _cmd_account,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 2 with one line on standard error for a user's mistake.

    Never a traceback: a bug is one line too (exit status 70), its traceback in the log.
    """
    if not logging.getLogger().handlers:
        # Without this, Python prints warnings of any module straight to standard error.
        logging.getLogger().addHandler(logging.NullHandler())
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return _cmd_gui(args)
        return COMMANDS[args.command](args)
    except UserError as error:
        _fail(str(error))
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - user-facing service errors become one line
        from desktop.services.errors import ServiceError

        if isinstance(error, ServiceError):
            _fail(error.message)
            return 2
        return _bug(error)


def _bug(error: BaseException) -> int:
    """One line for the user, the traceback for the developers (the log file in the data folder)."""
    from desktop import logs
    from desktop.paths import data_dir

    logs.setup()
    logging.getLogger("energodesk.cli").error("command failed", exc_info=error)
    _fail(f"внутренняя ошибка ({type(error).__name__}); подробности в {data_dir() / 'logs' / 'energodesk.log'}")
    return EXIT_BUG


# One import a line, so that each area adds its module on a line of its own.
# isort: off
# Area modules register their subcommands (EXTENSIONS) and handlers (COMMANDS) on import.
from desktop import cli_bills  # noqa: E402,F401
from desktop import cli_branches  # noqa: E402,F401
from desktop import cli_check  # noqa: E402,F401
from desktop import cli_mail  # noqa: E402,F401
from desktop import cli_payments  # noqa: E402,F401
from desktop import cli_holidays  # noqa: E402,F401


if __name__ == "__main__":
    sys.exit(main())
