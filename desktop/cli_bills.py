"""`energodesk bill run` and `energodesk bill pdf` (CONTRACTS.md), registered through cli.EXTENSIONS."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop.cli import COMMANDS, EXTENSIONS, UserError, _Parser, _positive, open_db


def _register(sub: Any, common: argparse.ArgumentParser) -> None:
    bill = sub.add_parser("bill", help="bills").add_subparsers(dest="action", required=True, parser_class=_Parser)
    run = bill.add_parser("run", parents=[common], help="bill every account (of one branch) for a month")
    run.add_argument("--period", required=True, metavar="YYYY-MM")
    run.add_argument("--branch", metavar="CODE")
    run.add_argument("--batch-size", type=_batch, default=500, metavar="N",
                     help="accounts per transaction (default 500)")
    run.add_argument("--workers", type=_workers, default=None, metavar="N",
                     help="processes billing batches side by side (default: one per core, at most 4, "
                          "for 20,000 accounts and more; one otherwise)")
    runs = bill.add_parser("runs", parents=[common], help="the latest billing runs (a dead one reads interrupted)")
    runs.add_argument("--period", metavar="YYYY-MM")
    pdf = bill.add_parser("pdf", parents=[common], help="write an account's bill for a month as PDF")
    pdf.add_argument("account")
    pdf.add_argument("--period", required=True, metavar="YYYY-MM")
    pdf.add_argument("--out", required=True, metavar="FILE")
    prn = bill.add_parser("print", parents=[common], help="print an account's bill for a month")
    prn.add_argument("account")
    prn.add_argument("--period", required=True, metavar="YYYY-MM")
    prn.add_argument("--printer", metavar="NAME", help="default: the desk's bills printer ([printers] bills)")


def _batch(text: str) -> int:
    return _positive(text, 100_000)


def _workers(text: str) -> int:
    return _positive(text, 16)


def _period(text: str) -> str:
    from desktop.core.periods import Period, PeriodError

    try:
        return Period.parse(text).key
    except PeriodError as error:
        raise UserError(str(error)) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file next to ``path`` and rename: never a partial file."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise UserError(f"не удаётся записать {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"не удаётся записать {path}: {error.strerror or error}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cmd_bill(args: argparse.Namespace) -> int:
    from desktop.core.accounts import normalize_account
    from desktop.services import bill_documents, billing
    from desktop.services.context import ServiceContext

    period = _period(args.period) if args.period is not None else None
    if args.action in ("pdf", "print") and normalize_account(args.account) is None:
        raise UserError(f"номер лицевого счёта — 12 цифр, а не {args.account[:40]!r}")
    if args.action == "pdf":
        out = Path(args.out)
        if out.is_dir():
            raise UserError(f"{out} — это папка, нужен файл")
        if not out.parent.exists() and str(out.parent):
            raise UserError(f"нет папки {out.parent}")
    db = open_db(args.database)
    ctx = ServiceContext(db.sessions)
    try:
        if args.action == "runs":
            from desktop.services.billing_runs import list_runs

            zone = ctx.zone()
            for r in list_runs(ctx, period):
                print("\t".join((str(r.id), r.period, r.branch or "*", r.state,
                                  f"{r.started_at.astimezone(zone):%d.%m.%Y %H:%M}", str(r.billed), str(r.skipped),
                                  str(r.accrued_kopecks), r.owner)))
            return 0
        assert period is not None  # --period is required for run and pdf
        if args.action == "run":
            started = time.monotonic()
            last = [0.0]

            def progress(done: int, total: int) -> bool:
                now = time.monotonic()
                if now - last[0] > 2 or done == total:
                    last[0] = now
                    print(f"  {done:,} / {total:,} accounts ({now - started:.0f} s)", file=sys.stderr)
                return True

            result = billing.run_billing(ctx, period, args.branch, progress, batch_size=args.batch_size,
                                         workers=args.workers)
            print(result.summary())
            for problem in result.problems:
                print(f"  пропущен {problem}", file=sys.stderr)
        elif args.action == "print":
            print(f"напечатан на {_print_bill(bill_documents.bill_pdf(ctx, args.account, period), args)}")
        else:
            write_atomically(Path(args.out), bill_documents.bill_pdf(ctx, args.account, period))
            print(f"{args.out}")
    finally:
        db.close()
    return 0


def _print_bill(pdf: bytes, args: argparse.Namespace) -> str:
    """The desk's printing path (desktop.printing.spooler) with the desk settings' bills printer."""
    from desktop.desk_settings import DeskSettings
    from desktop.printing.spooler import BILLS, NoPrinterError, PrintError, PrintService

    printer = (args.printer or "").strip()
    service = PrintService(lambda kind: "" if printer else DeskSettings.default().printer(kind))
    try:
        done = service.print_pdf(pdf, BILLS, printer=printer or None,
                                 title=f"Счёт {args.account} за {args.period}")
    except NoPrinterError as error:
        names = ", ".join(error.installed) or "нет ни одного"
        raise UserError(f"принтер для счетов не выбран: укажите --printer ИМЯ или [printers] bills "
                        f"в настройках рабочего места (принтеры в системе: {names})") from None
    except PrintError as error:
        raise UserError(str(error)) from None
    return f"принтере {done.printer} (задание {done.job})"


EXTENSIONS.append(_register)
COMMANDS["bill"] = _cmd_bill
