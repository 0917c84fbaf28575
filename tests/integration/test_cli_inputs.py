"""The command line never prints a traceback: the cases of issue 11, then generated arguments for every
subcommand the parser has (those added by later branches too)."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from desktop import cli
from desktop.core import passwords
from desktop.db.models import Account, BillingRun, Operator


def _run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """``energodesk ARGV`` in this process: (exit status, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            mock.patch.object(sys, "stdin", io.StringIO(stdin)):
        try:
            code = cli.main(argv)
        except SystemExit as stop:  # argparse: --help, or a refused argument
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    return code, out.getvalue(), err.getvalue()


def _one_line_refusal(code: int, err: str, words: str = "") -> None:
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, (code, err)
    assert words in lines[0], (words, lines[0])


@pytest.fixture
def fast_operator_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Argon2id, test-sized: every successful `operator add` would otherwise cost a second."""
    monkeypatch.setattr(passwords, "_DEFAULT", passwords.fast_hasher())


# --- the cases listed in the issue ------------------------------------------------------------


def test_listed_cases(database_url, demo_logins, tmp_path, fast_operator_hashes):
    db = ["--database", database_url]
    _one_line_refusal(*_run(["account", "list", "--limit", "99999999999999999999999", *db])[::2], "at most")
    _one_line_refusal(*_run(["operator", "add", "long.one", "--role", "operator", *db], "a1" * 600)[::2],
                      "не длиннее 128")
    for weak in ("12345678", "password"):
        _one_line_refusal(*_run(["operator", "add", "weak.one", "--role", "operator", *db], weak)[::2],
                          "Пароль")
        _one_line_refusal(*_run(["operator", "reset-password", "sam.op1", *db], weak)[::2], "Пароль")
    _one_line_refusal(*_run(["account", "list", "--database", ""])[::2], "пустой адрес")
    missing = tmp_path / "no-such-folder" / "x.sqlite3"
    for argv in (["account", "list"], ["db", "upgrade"], ["demo", "--customers", "3"]):
        _one_line_refusal(*_run([*argv, "--database", f"sqlite:///{missing}"])[::2], "не существует")
    assert not missing.parent.exists()
    typo = tmp_path / "typo.sqlite3"
    _one_line_refusal(*_run(["account", "list", "--database", f"sqlite:///{typo}"])[::2], "не найден")
    assert not typo.exists()
    _one_line_refusal(*_run(["bill", "run", "--period", "1999-01", *db])[::2], "нет тарифов")
    for digits in ("٢٠٢٦-١١", "２０２６-１１"):
        _one_line_refusal(*_run(["bill", "run", "--period", digits, *db])[::2], "ГГГГ-ММ")
    _one_line_refusal(*_run(["account", "show", "a\x00b\nc", "--json", *db])[::2], "12 цифр")
    code, _out, _ = _run(["operator", "add", "good.one", "--role", "operator", "--name", "Ф\x00", *db], "Volga-2026-x")
    assert code == 2
    from desktop.database import open_database

    opened = open_database(database_url)
    with opened.sessions() as s:
        assert s.scalar(select(func.count()).select_from(BillingRun)) == 0
        assert s.scalar(select(Operator.id).where(Operator.login.in_(("long.one", "weak.one", "good.one")))) is None
    opened.close()


def test_db_upgrade_of_a_database_that_is_not_utf8(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL database's encoding")
    from tests.conftest import _pg_admin

    url = make_url(database_url)
    name = f"{url.database}_latin1"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'LATIN1\' '
                          "LC_COLLATE 'C' LC_CTYPE 'C'"))
    try:
        target = url.set(database=name).render_as_string(hide_password=False)
        _one_line_refusal(*_run(["db", "upgrade", "--database", target])[::2], "UTF8")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- generated arguments for every subcommand ---------------------------------------------------


def _leaves(parser: argparse.ArgumentParser,
            path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [(path, parser)]
    found = []
    for action in subs:
        for name, child in action.choices.items():
            found += _leaves(child, (*path, name))
    return found


# Every subcommand, found in the parser: what later branches register through cli.EXTENSIONS
# is covered as soon as it is there. Not run here: `check` imports every module by name (also
# names it is given) and makes a QCoreApplication, which would stay in this test process.
NOT_IN_PROCESS = {("check",)}
LEAVES = [leaf for leaf in _leaves(cli.build_parser()) if leaf[0] not in NOT_IN_PROCESS]

JUNK = ["", " ", "0", "-1", "1", "3", "99999999999999999999999", "1e3", "2026-11", "1999-01", "2026-13",
        "٢٠٢٦-١١", "a\x00b", "\udcff", "x" * 2000, "\n", "SAM", "syz", "operator", "senior", "admin",
        "sam.op1", "--json", "-", "Иванова", "csv", "sber", "out.pdf"]


def _text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(JUNK), st.text(max_size=24), st.from_regex(r"-?[0-9]{1,24}", fullmatch=True))


def _safe(value: str) -> str:
    # Generated paths stay inside the test's folder (the current directory).
    return "./" + value.lstrip("/~") if value.startswith(("/", "~")) else value


@st.composite
def _arguments(draw: st.DrawFn, parser: argparse.ArgumentParser, urls: list[str], accounts: list[str],
               folder: Path) -> list[str]:
    argv: list[str] = []
    value = st.one_of(_text(), st.sampled_from(accounts))
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:  # a positional
            argv.append(_safe(draw(value)))
            continue
        if not draw(st.booleans()) and not (action.required and draw(st.integers(0, 9)) > 0):
            continue
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        elif action.dest == "database":
            argv += [flag, draw(st.sampled_from(urls))]
        elif action.dest == "out":
            argv += [flag, draw(st.sampled_from([str(folder / "bill.pdf"), str(folder), str(folder / "no" / "x.pdf"),
                                                 "", "out.pdf"]))]
        elif action.choices is not None:
            argv += [flag, draw(st.one_of(st.sampled_from(list(action.choices)), _text()))]
        else:
            argv += [flag, _safe(draw(value))]
    if "--database" not in argv:
        argv += ["--database", urls[0]]
    return argv


@pytest.mark.parametrize("examples", [8])
def test_generated_arguments_never_give_a_traceback(database_url, demo_logins, tmp_path, monkeypatch,
                                                    fast_operator_hashes, examples):
    monkeypatch.chdir(tmp_path)
    from desktop.database import open_database

    opened = open_database(database_url)
    with opened.sessions() as s:
        accounts = list(s.scalars(select(Account.number).order_by(Account.id).limit(3)))
    opened.close()
    urls = [database_url] * 6 + ["", "sqlite:///" + str(tmp_path / "none" / "x.db"), "mysql://x/y", "::bad::",
                                 "postgresql://nobody@127.0.0.1:1/none"]
    seen: list[tuple[str, ...]] = []
    for path, parser in LEAVES:
        seen.append(path)

        # `case` runs within this iteration (called below), so it sees this `path`.
        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        @given(argv=_arguments(parser, urls, accounts, tmp_path), stdin=_text())
        def case(argv: list[str], stdin: str) -> None:
            code, _out, err = _run([*path, *argv], stdin + "\n")  # noqa: B023
            assert "Traceback" not in err, (path, argv, err)  # noqa: B023
            assert code in (0, 2), (path, argv, code, err)  # noqa: B023
            if code == 2:
                assert len(err.strip().splitlines()) == 1, (path, argv, err)  # noqa: B023

        case()
    assert {("db", "upgrade"), ("demo",), ("operator", "add"), ("account", "show"), ("bill", "run")} <= set(seen)
