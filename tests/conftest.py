"""Shared fixtures: a fresh database per test on SQLite and PostgreSQL, an in-memory keyring."""

from __future__ import annotations

import itertools
import os
import queue
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

# Imported now, before any test: hypothesis's pytest plugin otherwise imports it at the very end of
# a run that used none of it, through pytest's assertion rewriting (ast.parse), with the desks'
# threads and their garbage still about, and Python 3.11.7's AST depth check can then fail the
# whole run (seen three times: "SystemError: AST constructor recursion depth mismatch", CPython
# gh-106905, fixed in later releases).
import hypothesis  # noqa: F401
import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cups_fixtures import cups_pdf  # noqa: F401 - the real CUPS queue fixture for printing tests

from desktop.database import Database, open_database
from desktop.db.schema import upgrade
from desktop.services.context import Actor, ServiceContext


def pytest_configure(config: pytest.Config) -> None:
    """The .qm translations are build products (git-ignored): compile the stale ones before any test."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_tool", Path(__file__).parents[1] / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.compile_all()


PG_ADMIN_URL = os.environ.get("ENERGODESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only; tests never touch the system keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and local data of every test go to its own temporary folder."""
    monkeypatch.setenv("ENERGODESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ENERGODESK_DATA_DIR", str(tmp_path / "data"))


# --- PostgreSQL ------------------------------------------------------------------------------

_counter = itertools.count()


def _pg_admin():  # type: ignore[no-untyped-def]
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated template database; each test copies it (CREATE DATABASE ... TEMPLATE)."""
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means "no server"
        admin.dispose()
        message = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {str(error).splitlines()[0]}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    name = f"energodesk_tpl_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        # Cyrillic must be letters to the server: C.UTF-8 ctype (perf-notes pitfall 1).
        conn.execute(
            text(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
        )
    url = make_url(PG_ADMIN_URL).set(database=name)
    engine = create_engine(url)
    upgrade(engine)
    engine.dispose()
    yield name
    _dropper.wait()  # the copies first (a template cannot be dropped while it is being copied)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _pg_database(template: str) -> tuple[str, str]:
    name = f"energodesk_t{os.getpid()}_{next(_counter)}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return name, make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _pg_drop(name: str) -> None:
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class _Dropper:
    """Drops finished tests' databases on a thread of its own while the next test runs.

    DROP DATABASE waits for a checkpoint of the whole server: 3-8 s on the shared machine, which
    each PostgreSQL test used to wait for in its teardown. The session waits for the last ones.
    """

    def __init__(self) -> None:
        # Far behind if need be: every DROP waits for a server checkpoint, which on a server busy
        # with other work (a bulk load, autovacuum of a big database) took most of a minute, and a
        # short queue made every PostgreSQL test's teardown wait for it. 200 copies of 11 MB
        # bound the disk used; the session waits for the rest at its end.
        self.names: queue.Queue[str] = queue.Queue(maxsize=200)
        self.thread: threading.Thread | None = None
        self.errors: list[BaseException] = []

    def drop(self, name: str) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._work, name="drop-test-databases", daemon=True)
            self.thread.start()
        self.names.put(name)

    def _work(self) -> None:
        while True:
            name = self.names.get()
            try:
                _pg_drop(name)
            except BaseException as error:  # noqa: BLE001 - reported when the session ends
                self.errors.append(error)
            finally:
                self.names.task_done()

    def wait(self) -> None:
        self.names.join()
        assert not self.errors, f"test databases not dropped: {self.errors[:3]}"


_dropper = _Dropper()


# --- SQLite ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy."""
    path = tmp_path_factory.mktemp("tpl") / "template.sqlite3"
    db = open_database(f"sqlite:///{path}")
    db.close()
    return path


# --- the demo network, built once per backend ---------------------------------------------------
# About half the tests start from the small demo network. Building it (two Argon2 hashes, 60
# customers with 24 months of readings and bills) took 1.5-3 s a test; it is built once per
# backend and run into a template that each of those tests copies, like the empty schema.

DEMO_PLAN = (60, 7)  # customers, seed
_demo_logins: dict[str, list] = {}
# The demo operator and senior, signed in once on the template (a real Argon2 check each, about a
# second under load): every copy has the same operators with the same ids and the same sign-in.
_demo_actors: dict[str, dict[str, Actor]] = {}


def _build_demo_into(url: str, backend: str) -> None:
    from desktop.services.demo.build import DEMO_PASSWORD, build_demo
    from desktop.services.demo.generator import DemoPlan
    from desktop.services.operators import authenticate

    database = open_database(url)
    try:
        _demo_logins[backend] = build_demo(database.engine, DemoPlan(DEMO_PLAN[0], seed=DEMO_PLAN[1]))
        base = ServiceContext(database.sessions)
        _demo_actors[backend] = {login: authenticate(base, login, DEMO_PASSWORD)
                                 for login in ("sam.op1", "sam.senior")}
    finally:
        database.close()


@pytest.fixture(scope="session")
def sqlite_demo_template(sqlite_template: Path) -> Path:
    path = sqlite_template.with_name("demo.sqlite3")
    shutil.copy(sqlite_template, path)
    _build_demo_into(f"sqlite:///{path}", "sqlite")
    assert not path.with_name(path.name + "-wal").exists() or not path.with_name(path.name + "-wal").stat().st_size
    return path


@pytest.fixture(scope="session")
def pg_demo_template(pg_template: str) -> Iterator[str]:
    name, url = _pg_database(pg_template)
    _build_demo_into(url, "postgresql")
    yield name
    _dropper.wait()
    _pg_drop(name)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated database of each backend (its own database per test): empty,
    or already holding the demo network when the test asks for ``demo_logins``."""
    demo = "demo_logins" in request.fixturenames
    if request.param == "sqlite":
        target = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_demo_template" if demo else "sqlite_template"), target)
        yield f"sqlite:///{target}"
    else:
        name, url = _pg_database(request.getfixturevalue("pg_demo_template" if demo else "pg_template"))
        yield url
        _dropper.drop(name)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.close()


ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")


@pytest.fixture
def admin_ctx(db: Database) -> ServiceContext:
    """A context acting as an administrator with no operator row (like the command line)."""
    return ServiceContext(db.sessions, ADMIN)


@pytest.fixture
def demo_logins(db: Database, database_url: str) -> list:
    """A small demo network: 6 branches, their operators, 60 customers with 24 months of readings
    (``database_url`` copied it from the demo template; the same as ``energodesk demo --customers
    60 --seed 7`` on an empty database)."""
    return list(_demo_logins[db.engine.dialect.name])


@pytest.fixture
def operator_ctx(db: Database, demo_logins: list) -> ServiceContext:
    """Signed in as the demo operator of the Samara head office (on the template, see above)."""
    return ServiceContext(db.sessions).as_actor(_demo_actors[db.engine.dialect.name]["sam.op1"])


@pytest.fixture
def senior_ctx(db: Database, demo_logins: list) -> ServiceContext:
    return ServiceContext(db.sessions).as_actor(_demo_actors[db.engine.dialect.name]["sam.senior"])
