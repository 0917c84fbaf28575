"""Registry imports under faults, with real processes: two desks importing one file at once, an import
killed with SIGKILL mid-way, the database locked or the connection dropped between batches."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest
from sqlalchemy import create_engine, func, select, text

from desktop.db.models import Account, RegistryImport, RegistryLine
from desktop.services import registries
from desktop.services.context import ServiceContext
from desktop.services.demo.registry_files import sample_payments, write_sber
from desktop.services.errors import EnvironmentProblem

ADMIN_ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def _accounts(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return list(s.scalars(select(Account.number).where(Account.closed_on.is_(None)).order_by(Account.id)))


def _state(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Registry lines posted, and the sum of all balances."""
    with db.sessions() as s:
        return (s.scalar(select(func.count()).select_from(RegistryLine)),
                s.scalar(select(func.sum(Account.balance_kopecks))))


def _cli(database_url: str, path, fmt: str = "sber") -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    return subprocess.Popen([sys.executable, "-m", "desktop", "payments", "import", str(path), "--format", fmt,
                             "--database", database_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ADMIN_ENV)


def _posted(out: str) -> tuple[int, int]:
    posted = int(re.search(r"^posted: (\d+)", out, re.MULTILINE).group(1))  # type: ignore[union-attr]
    already = int(re.search(r"^already posted: (\d+)", out, re.MULTILINE).group(1))  # type: ignore[union-attr]
    return posted, already


def test_two_desks_import_the_same_file_at_once(db, demo_logins, database_url, tmp_path):
    lines = sample_payments(_accounts(db), 6_000, date(2026, 12, 1))
    path = write_sber(tmp_path / "r.txt", lines)
    count_before, total_before = _state(db)
    desks = [_cli(database_url, path), _cli(database_url, path)]
    outputs = [desk.communicate(timeout=600) for desk in desks]
    for desk, (_out, err) in zip(desks, outputs, strict=True):
        assert desk.returncode == 0, err
    results = [_posted(out) for out, _ in outputs]
    assert sum(posted for posted, _ in results) == 6_000
    assert all(posted + already == 6_000 for posted, already in results)
    assert _state(db) == (count_before + 6_000, total_before + sum(p.kopecks for p in lines))


def test_an_import_killed_mid_way_resumes_exactly_once(db, demo_logins, database_url, tmp_path):
    lines = sample_payments(_accounts(db), 40_000, date(2026, 12, 1))
    path = write_sber(tmp_path / "r.txt", lines)
    _, total_before = _state(db)
    desk = _cli(database_url, path)
    watcher = create_engine(database_url)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            with watcher.connect() as conn:
                if conn.scalar(text("SELECT COUNT(*) FROM registry_lines")):
                    break
            time.sleep(0.05)
        desk.send_signal(signal.SIGKILL)
        desk.communicate(timeout=60)
    finally:
        watcher.dispose()
    assert desk.returncode == -signal.SIGKILL  # killed while posting, not after it finished
    posted_before_kill, total_mid = _state(db)
    assert 0 < posted_before_kill < 40_000
    with db.sessions() as s:
        killed = s.scalars(select(RegistryImport)).one()
        # The counters were written with each batch: they say exactly what was posted.
        assert (killed.state, killed.posted_count) == ("running", posted_before_kill)
        assert total_mid - total_before == killed.posted_kopecks

    again = _cli(database_url, path)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert _posted(out) == (40_000 - posted_before_kill, posted_before_kill)
    assert _state(db) == (40_000, total_before + sum(p.kopecks for p in lines))


def test_a_locked_database_stops_between_batches_with_nothing_half_written(db, demo_logins, database_url,
                                                                           tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("a second writer holding the lock is SQLite's way of being busy")
    senior = ServiceContext(db.sessions)
    lines = sample_payments(_accounts(db), 9, date(2026, 12, 1))
    path = write_sber(tmp_path / "r.txt", lines)
    blocker = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)

    def lock_after_first(done: int, total: int) -> bool:
        blocker.execute("BEGIN IMMEDIATE")  # another desk starts writing and does not let go
        return True

    try:
        with pytest.raises(EnvironmentProblem, match="занята другой кассой"):
            registries.import_registry(senior, path, "sber", lock_after_first, batch_size=4)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with db.sessions() as s:
        row = s.scalars(select(RegistryImport)).one()
        assert (row.state, row.posted_count) == ("running", 4)
    assert _state(db)[0] == 4
    rest = registries.import_registry(senior, path, "sber", batch_size=4)
    assert (rest.posted, rest.already_posted) == (5, 4)


def test_a_dropped_connection_between_batches_is_survived(db, demo_logins, database_url, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("server-side connection kill is PostgreSQL's")
    senior = ServiceContext(db.sessions)
    lines = sample_payments(_accounts(db), 9, date(2026, 12, 1))
    path = write_sber(tmp_path / "r.txt", lines)
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")

    def drop_connections(done: int, total: int) -> bool:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        return True

    try:
        result = registries.import_registry(senior, path, "sber", drop_connections, batch_size=4)
    finally:
        admin.dispose()
    assert (result.posted, result.cancelled) == (9, False)
    assert _state(db)[0] == 9
