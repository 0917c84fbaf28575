"""`energodesk holiday ...` and `account show --json` with open_requests, on both databases."""

from __future__ import annotations

import json
from datetime import date

from desktop.services import requests
from tests.integration.request_helpers import first_account, signed_in
from tests.integration.test_cli_branches import run


def test_holidays_from_the_command_line_move_due_dates(db, database_url, demo_logins) -> None:
    code, out, _ = run("holiday", "list", "--year", "2026", "--database", database_url)
    assert code == 0 and "2026-11-04\tДень народного единства\tвыходной" in out
    code, out, err = run("holiday", "add", "10.11.2026", "--name", "Региональный праздник", "--database", database_url)
    assert code == 0, err
    ctx = signed_in(db, "sam.op1")
    assert requests.due_date(ctx, "complaint") == date(2026, 11, 19)
    code, _, err = run("holiday", "remove", "2026-11-10", "--database", database_url)
    assert code == 0, err
    assert requests.due_date(ctx, "complaint") == date(2026, 11, 18)
    for argv in (("holiday", "add", "31.02.2026", "--name", "x"), ("holiday", "add", "2026-11-11", "--name", " "),
                 ("holiday", "add", "2026-11-11", "--name", "Среда", "--working"),
                 ("holiday", "remove", "2026-11-11"), ("holiday", "list", "--year", "20x6")):
        code, out, err = run(*argv, "--database", database_url)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, (argv, err)


def test_account_show_counts_open_requests(db, database_url, demo_logins) -> None:
    ctx = signed_in(db, "sam.op1")
    number = first_account(ctx)
    code, out, _ = run("account", "show", number, "--json", "--database", database_url)
    assert code == 0 and json.loads(out)["open_requests"] == 0
    made = requests.register_request(ctx, number, "complaint", "Жалоба")
    requests.register_request(ctx, number, "suggestion", "Предложение")
    requests.close_request(ctx, made.id, "resolved", "Ответ дан")
    code, out, _ = run("account", "show", number, "--json", "--database", database_url)
    assert json.loads(out)["open_requests"] == 1
