"""`energodesk payments import FILE --format NAME` and `payments formats` (CONTRACTS.md), via cli.EXTENSIONS."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli import COMMANDS, EXTENSIONS, _Parser, open_db, progress_printer


def _register(sub: Any, common: argparse.ArgumentParser) -> None:
    payments = sub.add_parser("payments", help="payments from outside the desk").add_subparsers(
        dest="action", required=True, parser_class=_Parser)
    imp = payments.add_parser("import", parents=[common],
                              help="import a bank payment registry; prints lines posted, already posted, refused")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", required=True, metavar="NAME", help="registry format (see: payments formats)")
    payments.add_parser("formats", help="list the registry formats this desk knows")


def _cmd_payments(args: argparse.Namespace) -> int:
    from desktop.core.money import format_rub
    from desktop.services import registries
    from desktop.services.context import ServiceContext

    if args.action == "formats":
        for name, fmt in sorted(registries.registry_formats().items()):
            print(f"{name}\t{fmt.encoding_label}\t{fmt.title}")
        return 0
    # The format and the file are checked before the database is opened: a typo costs nothing.
    registries.get_format(args.format)
    db = open_db(args.database)
    ctx = ServiceContext(db.sessions)
    try:
        result = registries.import_registry(ctx, args.file, args.format, progress_printer("lines"))
    finally:
        db.close()
    if result.imported_before is not None:
        print(f"note: this file was imported before, on {result.imported_before:%d.%m.%Y %H:%M}")
    print(f"posted: {result.posted} ({format_rub(result.posted_kopecks)})")
    print(f"already posted: {result.already_posted}")
    print(f"refused: {result.refused_count} ({format_rub(result.refused_kopecks)})")
    for line in result.refused:
        print(f"  {line}")
    hidden = result.refused_count - len(result.refused)
    if hidden:
        print(f"  … and {hidden} more refused lines (first {len(result.refused)} listed)")
    return 0


EXTENSIONS.append(_register)
COMMANDS["payments"] = _cmd_payments
