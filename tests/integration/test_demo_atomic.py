"""The demo build is all or nothing: kill -9 in the middle leaves nothing, and demo / --demo recover."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text

from desktop import cli
from desktop.database import open_database
from desktop.db.models import Account, AuditEvent, Branch, Operator
from desktop.services.context import ServiceContext
from desktop.services.demo.build import build_demo
from desktop.services.demo.generator import DemoPlan
from desktop.services.demo.loader import SEARCH_TRIGGERS
from desktop.services.errors import InputError
from desktop.services.search import search

pytestmark = pytest.mark.slow


def _counts(url: str) -> tuple[int, int, int]:
    db = open_database(url)
    try:
        with db.sessions() as s:
            return tuple(s.scalar(select(func.count()).select_from(m)) or 0  # type: ignore[return-value]
                         for m in (Branch, Operator, Account))
    finally:
        db.close()


def _triggers(url: str) -> set[str]:
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            if conn.dialect.name != "sqlite":
                return set(SEARCH_TRIGGERS)
            return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    finally:
        db.close()


def _kill_mid_build(url: str) -> None:
    """Start `energodesk demo` in its own process and SIGKILL it after the first chunk is loaded."""
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "demo", "--customers", "21000", "--months", "1", "--bill-months", "0",
         "--database", url], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    deadline = time.monotonic() + 240
    for line in process.stderr:
        if "20,000 /" in line:  # one chunk inserted, the transaction still open
            break
        assert time.monotonic() < deadline, "the build never reported its first chunk"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL


def _searchable(url: str) -> None:
    """The account-number search (FTS5 triggers on SQLite, trigram index on PostgreSQL) finds a part."""
    db = open_database(url)
    try:
        ctx = ServiceContext(db.sessions)
        with db.sessions() as s:
            number = s.scalars(select(Account.number).order_by(Account.id)).first()
        page = search(ctx, number[3:9])
        assert number in [row.account for row in page.rows]
    finally:
        db.close()


def test_killed_demo_leaves_nothing_and_the_demo_command_recovers(database_url, capsys):
    _kill_mid_build(database_url)
    assert _counts(database_url) == (0, 0, 0)
    assert _triggers(database_url) >= set(SEARCH_TRIGGERS)
    assert cli.main(["demo", "--customers", "40", "--database", database_url]) == 0
    assert _counts(database_url)[2] == 40
    _searchable(database_url)
    assert cli.main(["demo", "--customers", "40", "--database", database_url]) == 2
    assert "уже есть данные" in capsys.readouterr().err


def test_killed_demo_and_the_gui_demo_recovers(database_url, qtbot):
    """--demo builds (or checks) the demo behind the painted sign-in dialog, with progress."""
    from desktop.app import _Opener
    from desktop.services.demo.build import DEMO_PASSWORD

    assert DEMO_PASSWORD in cli.DEMO_HINT and "sam.op1" in cli.DEMO_HINT
    _kill_mid_build(database_url)
    for start in ("first", "second"):
        opener = _Opener()
        steps: list[tuple[int, int]] = []
        opener.progress.connect(lambda done, total: steps.append((done, total)))
        with qtbot.waitSignal(opener.opened, timeout=300_000) as opened:
            opener.start(database_url, demo_customers=40, make_folder=False)
        opened.args[0].close()
        assert _counts(database_url)[2] == 40
        if start == "first":
            assert steps[0] == (0, 40) and steps[-1] == (40, 40)
        else:
            assert steps == []  # a second start builds nothing more
    _searchable(database_url)


def test_what_an_older_interrupted_build_left_is_cleared(database_url, capsys):
    """Before this fix a killed build left its branches and operators committed, no accounts, and
    on SQLite the search triggers dropped; the next build clears and repairs that."""
    db = open_database(database_url)
    build_demo(db.engine, DemoPlan(5, seed=2))
    with db.engine.begin() as conn:
        for table in ("online_accounts", "payments", "bill_lines", "bills", "readings", "meters", "accounts",
                      "customers", "audit_events"):
            conn.execute(text(f"DELETE FROM {table}"))
        if conn.dialect.name == "sqlite":
            for name in SEARCH_TRIGGERS:
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
    db.close()
    assert _counts(database_url) == (6, 19, 0)
    assert cli.main(["demo", "--customers", "30", "--database", database_url]) == 0
    assert _counts(database_url) == (6, 19, 30)
    assert _triggers(database_url) >= set(SEARCH_TRIGGERS)
    _searchable(database_url)


def test_a_database_with_more_than_leftovers_is_refused_and_kept(database_url):
    db = open_database(database_url)
    build_demo(db.engine, DemoPlan(5, seed=2))
    with db.engine.begin() as conn:
        for table in ("online_accounts", "payments", "bill_lines", "bills", "readings", "meters", "accounts",
                      "customers"):
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("INSERT INTO audit_events (at, action, entity, details) "
                          "VALUES (CURRENT_TIMESTAMP, 'real.work', '', '{}')"))
    with pytest.raises(InputError, match="уже есть данные"):
        build_demo(db.engine, DemoPlan(5, seed=2))
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 1
        assert s.scalar(select(func.count()).select_from(Operator)) == 19
    db.close()


def test_demo_start_paints_the_sign_in_before_building(tmp_path):
    """`energodesk --demo` on a new database: the dialog is painted first (the process quits at
    the paint, as bench_startup makes it), so the build behind it had not finished and left nothing."""
    target = tmp_path / "demo.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ENERGODESK_BENCH_PAINTED="1")
    done = subprocess.run([sys.executable, "-m", "desktop", "--demo", "--database", f"sqlite:///{target}"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert float(done.stdout.strip().splitlines()[-1]) > 0  # the paint's moment
    assert "Creating the demo database" not in done.stderr
    if target.exists():
        import sqlite3

        with sqlite3.connect(target) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "customers" in tables:
                assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
