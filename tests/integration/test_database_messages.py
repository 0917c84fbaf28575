"""Each database trouble has its own message: no such database, no such role, no server, a read-only WAL."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.cli import main
from desktop.database import DatabaseOpenError, open_database
from desktop.db.engine import sqlite_file_problem
from desktop.db.models import CompanySetting
from desktop.services.errors import EnvironmentProblem
from tests.conftest import PG_ADMIN_URL


def _open_error(url: str) -> str:
    with pytest.raises(DatabaseOpenError) as refused:
        open_database(url)
    return str(refused.value)


def test_postgresql_troubles_are_told_apart(pg_template, capsys):
    base = make_url(PG_ADMIN_URL)
    cases = {
        "no database": (base.set(database="energodesk_no_such_db"), "нет базы данных «energodesk_no_such_db»"),
        "no role": (base.set(username="no_such_role_x"), "нет пользователя «no_such_role_x»"),
        "no server": (base.set(port=1), "Нет связи с сервером базы данных"),
    }
    seen = {}
    for name, (url, words) in cases.items():
        text = url.render_as_string(hide_password=False)
        message = _open_error(text)
        assert words in message, (name, message)
        seen[name] = message.split(": ", 1)[1]
        assert main(["account", "list", "--database", text]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and words in err
    assert len(set(seen.values())) == 3, seen


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable even for root (chmod, else the immutable attribute), then undo it."""
    mode = path.stat().st_mode
    os.chmod(path, 0o444)
    immutable = False
    if os.access(path, os.W_OK):  # root ignores the mode
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
            os.chmod(path, mode)
            pytest.skip("cannot make a file read-only for this user here")
        immutable = True
    try:
        yield
    finally:
        if immutable:
            subprocess.run([shutil.which("chattr") or "chattr", "-i", str(path)], check=True)
        os.chmod(path, mode)


def test_read_only_wal_file_is_named_not_the_network(db, admin_ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite journal files")
    path = Path(db.engine.url.database)
    with db.sessions.begin() as s:
        s.add(CompanySetting(key="probe", value="1"))  # the WAL now holds a frame
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    with _read_only(wal):
        assert "-wal" in (sqlite_file_problem(path) or "")
        with pytest.raises(EnvironmentProblem) as refused, admin_ctx.transaction() as s:
            s.add(CompanySetting(key="probe2", value="2"))
        assert refused.value.kind == "readonly" and "-wal" in refused.value.message
        assert "сеть" not in refused.value.message.lower()
    with db.sessions.begin() as s:
        s.add(CompanySetting(key="probe3", value="3"))  # writable again


def test_unwritable_folder_is_named(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with _read_only(folder):
        message = _open_error(f"sqlite:///{folder / 'new.sqlite3'}")
    assert "Нет прав на запись в папку" in message and "сеть" not in message.lower()
