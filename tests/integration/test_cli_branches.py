"""`energodesk branch add/list` and a new installation from the command line alone: branch, then the first
operator; every refusal one line with exit 2 and nothing written, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.core import passwords
from desktop.database import Database, open_database
from desktop.db.models import AuditEvent, Branch, Operator

GOOD_PASSWORD = "Zhiguli-Vyazma-48"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """``energodesk ARGV`` in this process: (status, standard output, standard error)."""
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as stop:  # argparse refusals
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Argon2id at test cost: the operator hashes stay real, only cheaper."""
    monkeypatch.setattr(passwords, "_DEFAULT", passwords.fast_hasher())


@pytest.fixture
def opened(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.close()


def rows(db: Database) -> tuple[list[tuple[str, str, str]], list[str], list[tuple[str, dict[str, object]]]]:
    """(branches, operator logins, audit events) as they are in the database."""
    with db.sessions() as s:
        branches = [(b.code, b.name, b.town) for b in s.scalars(select(Branch).order_by(Branch.code))]
        logins = list(s.scalars(select(Operator.login).order_by(Operator.login)))
        events = [
            (e.action, json.loads(e.details)) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]
    return branches, logins, events


def refused(code: int, err: str, words: str) -> None:
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, (code, err)
    assert lines[0].startswith("energodesk: ") and words in lines[0], (words, lines[0])


def test_a_new_installation_from_the_command_line(database_url, opened):
    db = ["--database", database_url]
    code, _, err = run("operator", "add", "ivanova.a", "--role", "admin", *db, stdin=GOOD_PASSWORD + "\n")
    refused(code, err, "сначала добавьте его командой «energodesk branch add КОД --name НАЗВАНИЕ»")
    assert rows(opened) == ([], [], [])

    code, out, err = run(
        "branch", "add", "syz", "--name", "  Сызранское   отделение ", "--town", "Сызрань", *db
    )
    assert (code, out, err) == (0, "branch SYZ added: Сызранское отделение\n", "")
    code, out, _ = run("branch", "add", "TLT", "--name", "Тольяттинское отделение", *db)
    assert code == 0
    code, out, err = run(
        "operator",
        "add",
        "ivanova.a",
        "--role",
        "admin",
        "--name",
        "Иванова А. С.",
        *db,
        stdin=GOOD_PASSWORD + "\n",
    )
    assert (code, err) == (0, "") and out == "operator ivanova.a (admin) added at SYZ\n"  # the first branch
    code, out, _ = run(
        "operator",
        "add",
        "petrov.k",
        "--role",
        "operator",
        "--branch",
        "tlt",
        *db,
        stdin=GOOD_PASSWORD + "\n",
    )
    assert code == 0 and out.endswith("at TLT\n")

    code, out, err = run("branch", "list", *db)
    assert (code, err) == (0, "")
    assert out == "SYZ\tСызранское отделение\tСызрань\t1\nTLT\tТольяттинское отделение\t\t1\n"

    branches, logins, events = rows(opened)
    assert branches == [("SYZ", "Сызранское отделение", "Сызрань"), ("TLT", "Тольяттинское отделение", "")]
    assert logins == ["ivanova.a", "petrov.k"]
    assert [action for action, _ in events] == ["branch.add", "branch.add", "operator.add", "operator.add"]
    assert events[0][1] == {"code": "SYZ", "name": "Сызранское отделение", "town": "Сызрань", "via": "cli"}
    assert not any(GOOD_PASSWORD in json.dumps(details, ensure_ascii=False) for _, details in events)

    # The new administrator signs in with the password given on standard input.
    from desktop.services.context import ServiceContext
    from desktop.services.operators import authenticate

    actor = authenticate(ServiceContext(opened.sessions), "ivanova.a", GOOD_PASSWORD)
    assert (actor.role, actor.branch_code, actor.full_name) == ("admin", "SYZ", "Иванова А. С.")


BAD = [
    ("duplicate code", ["SAM", "--name", "Другой офис"], "Отделение с кодом SAM уже есть"),
    ("duplicate in lower case", ["sam", "--name", "Другой офис"], "Отделение с кодом SAM уже есть"),
    ("Cyrillic code", ["СЫЗ", "--name", "Сызрань"], "Код отделения — от 2 до 8 латинских букв или цифр"),
    ("one letter", ["S", "--name", "Сызрань"], "Код отделения — от 2 до 8"),
    ("nine letters", ["SYZRANSKO", "--name", "Сызрань"], "Код отделения — от 2 до 8"),
    ("space inside", ["S Z", "--name", "Сызрань"], "Код отделения — от 2 до 8"),
    ("NUL in code", ["SY\x00Z", "--name", "Сызрань"], "Код отделения — от 2 до 8"),
    ("empty code", ["", "--name", "Сызрань"], "Код отделения — от 2 до 8"),
    ("NUL in name", ["SYZ", "--name", "Сыз\x00рань"], "В поле «название» недопустимые знаки"),
    ("control in name", ["SYZ", "--name", "Сыз\x1bрань"], "В поле «название» недопустимые знаки"),
    ("surrogate in name", ["SYZ", "--name", "Сыз\udcffрань"], "В поле «название» недопустимые знаки"),
    (
        "name too long",
        ["SYZ", "--name", "я" * 121],
        "Название отделения — не длиннее 120 знаков (сейчас 121)",
    ),
    ("empty name", ["SYZ", "--name", " \t "], "Укажите название отделения"),
    ("town too long", ["SYZ", "--name", "Сызрань", "--town", "г" * 81], "Город отделения — не длиннее 80"),
    ("NUL in town", ["SYZ", "--name", "Сызрань", "--town", "\x00"], "В поле «город» недопустимые знаки"),
    ("no name", ["SYZ"], "the following arguments are required: --name"),
]


@pytest.mark.parametrize(("case", "argv", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_branches_are_refused_in_one_line_and_nothing_is_written(
    database_url, opened, case, argv, message
):
    assert run("branch", "add", "SAM", "--name", "Головной офис", "--database", database_url)[0] == 0
    before = rows(opened)
    code, out, err = run("branch", "add", *argv, "--database", database_url)
    refused(code, err, message)
    assert out == "" and rows(opened) == before


def test_a_name_at_the_limits_is_kept_whole(database_url, opened):
    name, town = "Я" * 120, "Г" * 80
    assert (
        run("branch", "add", "ABCD1234", "--name", name, "--town", town, "--database", database_url)[0] == 0
    )
    assert rows(opened)[0] == [("ABCD1234", name, town)]


def test_operator_add_names_the_missing_branch(database_url, opened):
    run("branch", "add", "SAM", "--name", "Головной офис", "--database", database_url)
    for branch, words in (
        ("KAZ", "Нет отделения с кодом KAZ (список: energodesk branch list)"),
        ("K\x00Z", "Код отделения — от 2 до 8"),
    ):
        code, _, err = run(
            "operator",
            "add",
            "ivanova.a",
            "--role",
            "admin",
            "--branch",
            branch,
            "--database",
            database_url,
            stdin=GOOD_PASSWORD + "\n",
        )
        refused(code, err, words)
    assert rows(opened)[1] == []


def test_branch_list_of_an_empty_database_prints_nothing(database_url):
    assert run("branch", "list", "--database", database_url) == (0, "", "")


def test_branch_commands_on_a_database_out_of_reach():
    for argv in (["branch", "list"], ["branch", "add", "SYZ", "--name", "Сызрань"]):
        code, _, err = run(*argv, "--database", "postgresql://nobody@127.0.0.1:1/none")
        refused(code, err, "Нет связи")


def test_two_administrators_adding_the_same_code_at_once(database_url, opened):
    """Separate processes started together: one adds the branch, the other is refused in one line."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    argv = [
        sys.executable,
        "-m",
        "desktop",
        "branch",
        "add",
        "NFG",
        "--name",
        "Нефтегорское отделение",
        "--database",
        database_url,
    ]
    procs = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(4)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out, err))
    assert sorted(code for code, _, _ in results) == [0, 2, 2, 2], results
    for code, _, err in results:
        if code == 2:
            refused(code, err, "Отделение с кодом NFG уже есть")
    branches, _, events = rows(opened)
    assert branches == [("NFG", "Нефтегорское отделение", "")]
    assert [action for action, _ in events] == ["branch.add"]
    with opened.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Branch)) == 1
