"""`energodesk branch add` and `energodesk branch list`, registered through cli.EXTENSIONS.

A new installation needs a branch before its first operator (`energodesk operator add` puts the
operator at a branch); the desk's first-start dialog creates both for a database with no operator.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli import COMMANDS, EXTENSIONS, _Parser, open_db


def _register(sub: Any, common: argparse.ArgumentParser) -> None:
    branch = sub.add_parser("branch", help="branches (service centres)").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    add = branch.add_parser("add", parents=[common], help="add a branch")
    add.add_argument("code", help="2-8 Latin letters or digits, e.g. SYZ")
    add.add_argument("--name", required=True, help="e.g. «Сызранское отделение»")
    add.add_argument("--town", default="")
    branch.add_parser("list", parents=[common], help="print the branches: code, name, town, operators")


def _cmd_branch(args: argparse.Namespace) -> int:
    from desktop.services import branches
    from desktop.services.context import ServiceContext

    if args.action == "add":
        # Checked before the database is opened: a typo is refused even with no database at hand.
        branches.new_branch(args.code, args.name, args.town)
    db = open_db(args.database)
    ctx = ServiceContext(db.sessions)
    try:
        if args.action == "add":
            added = branches.add_branch(ctx, args.code, args.name, args.town)
            print(f"branch {added.code} added: {added.name}")
        else:
            for row in branches.list_branches(ctx):
                print(f"{row.code}\t{row.name}\t{row.town}\t{row.operators}")
    finally:
        db.close()
    return 0


EXTENSIONS.append(_register)
COMMANDS["branch"] = _cmd_branch
