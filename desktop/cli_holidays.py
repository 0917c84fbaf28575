"""`energodesk holiday list|add|remove`: the non-working days due dates of requests skip."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.cli import COMMANDS, EXTENSIONS, UserError, _Parser, open_db


def _day(text: str) -> date:
    for parse in (date.fromisoformat, lambda t: date(int(t[6:10]), int(t[3:5]), int(t[0:2]))):
        try:
            value = parse(text.strip())
        except (ValueError, IndexError):
            continue
        if len(text.strip()) == 10:
            return value
    raise argparse.ArgumentTypeError(f"дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, а не {text[:20]!r}")


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"год от 2000 до 2100, а не {text[:10]!r}")
    return int(text)


def _register(sub: Any, common: argparse.ArgumentParser) -> None:
    holiday = sub.add_parser("holiday", help="non-working days for request due dates").add_subparsers(
        dest="action", required=True, parser_class=_Parser)
    lst = holiday.add_parser("list", parents=[common], help="print the days: date, name, working weekend")
    lst.add_argument("--year", type=_year)
    add = holiday.add_parser("add", parents=[common], help="add or rename a non-working day")
    add.add_argument("day", type=_day)
    add.add_argument("--name", required=True)
    add.add_argument("--working", action="store_true", help="a Saturday or Sunday made a working day")
    remove = holiday.add_parser("remove", parents=[common], help="take a day off the list")
    remove.add_argument("day", type=_day)


def _cmd_holiday(args: argparse.Namespace) -> int:
    from desktop.services import holidays
    from desktop.services.context import ServiceContext

    if args.action == "add" and not args.name.strip():
        raise UserError("укажите название дня (--name)")
    db = open_db(args.database)
    ctx = ServiceContext(db.sessions)
    try:
        if args.action == "list":
            for row in holidays.list_holidays(ctx, args.year):
                print(f"{row.day.isoformat()}\t{row.name}\t{'рабочий' if row.working else 'выходной'}")
        elif args.action == "add":
            row = holidays.set_holiday(ctx, args.day, args.name, working=args.working)
            print(f"{row.day.isoformat()} {'рабочий' if row.working else 'выходной'}: {row.name}")
        else:
            holidays.remove_holiday(ctx, args.day)
            print(f"{args.day.isoformat()} removed")
    finally:
        db.close()
    return 0


EXTENSIONS.append(_register)
COMMANDS["holiday"] = _cmd_holiday
