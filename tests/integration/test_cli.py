"""The `energodesk` command line: contracts of CONTRACTS.md, one-line errors, exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import text

from desktop.cli import main


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_list_show_round_trip(capsys, database_url):
    code, out, _ = run(capsys, "demo", "--customers", "25", "--seed", "3", "--database", database_url)
    assert code == 0 and "sam.op1" in out
    code, out, _ = run(capsys, "account", "list", "--limit", "3", "--database", database_url)
    numbers = out.split()
    assert code == 0 and len(numbers) == 3 and all(len(n) == 12 for n in numbers)
    code, out, _ = run(capsys, "account", "show", numbers[0], "--json", "--database", database_url)
    card = json.loads(out)
    assert card["account"] == numbers[0] and isinstance(card["balance_kopecks"], int)
    assert card["online_account"].keys() == {"registered", "must_change_password", "locked"}


def test_database_before_the_subcommand_is_the_one_used(capsys, database_url, tmp_path, monkeypatch):
    # `energodesk --database URL demo` once filled the default local file instead (the
    # subcommand's own option, left out, put None over the URL given before it).
    monkeypatch.setenv("ENERGODESK_DATA_DIR", str(tmp_path / "data"))
    code, out, _ = run(capsys, "--database", database_url, "demo", "--customers", "5", "--seed", "3")
    assert code == 0 and "sam.op1" in out
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.sqlite3"))
    code, out, _ = run(capsys, "--database", database_url, "account", "list", "--limit", "2")
    assert code == 0 and len(out.split()) == 2
    # After the subcommand it wins over one given before it.
    code, _, err = run(capsys, "--database", database_url, "account", "list",
                       "--database", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 2 and "Нет связи" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["account", "show", "12345", "--json"], "12 цифр"),
        (["account", "show", "999999999999", "--json"], "не найден"),
        (["demo", "--customers", "0"], "must be 1 or more"),
        (["demo", "--customers", "abc"], "not a whole number"),
        (["operator", "add", "x", "--role", "boss"], "invalid choice"),
        (["account", "list", "--limit", "-1"], "must be 1 or more"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, database_url, argv, message):
    try:
        code = main([*argv, "--database", database_url])
    except SystemExit as exit_info:  # argparse refusals
        code = exit_info.code
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err


def test_errors_are_single_lines_without_traceback(tmp_path):
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"this is not a database" * 200)
    cases = [
        (["account", "list", "--database", f"sqlite:///{corrupt}"], "повреждён"),
        (["account", "list", "--database", "postgresql://nobody@127.0.0.1:1/none"], "Нет связи"),
        (["account", "list", "--database", "mysql://x/y"], "Поддерживаются только"),
        (["account", "list", "--database", "::not a url::"], "Неверный адрес"),
        (["account", "show", "12a", "--json", "--database", f"sqlite:///{tmp_path}/x.db"], "12 цифр"),
        (["bogus"], "invalid choice"),
    ]
    for argv, message in cases:
        done = subprocess.run([sys.executable, "-m", "desktop", *argv], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 2, (argv, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (argv, done.stderr)
    assert corrupt.read_bytes().startswith(b"this is not a database")  # nothing overwritten


def test_operator_add_reads_password_from_stdin(capsys, monkeypatch, database_url):
    run(capsys, "demo", "--customers", "5", "--database", database_url)
    code, out, err = run(capsys, "operator", "add", "ivanova", "--role", "senior", "--branch", "SYZ",
                         "--database", database_url, stdin="s3cret-pass\n", monkeypatch=monkeypatch)
    assert code == 0 and "SYZ" in out
    code, _, err = run(capsys, "operator", "add", "petrova", "--role", "operator",
                       "--database", database_url, stdin="short\n", monkeypatch=monkeypatch)
    assert code == 2 and "не короче" in err
    code, _, err = run(capsys, "demo", "--customers", "5", "--database", database_url)
    assert code == 2 and "пустую базу" in err


def test_newer_schema_is_refused(capsys, database_url):
    from desktop.database import open_database

    db = open_database(database_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '29991231_9999'"))
    db.close()
    code, _, err = run(capsys, "account", "list", "--database", database_url)
    assert code == 2 and "новее программы" in err
    code, _, err = run(capsys, "db", "upgrade", "--database", database_url)
    assert code == 2 and "новее программы" in err
