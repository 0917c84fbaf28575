"""Shared fixtures: a fresh database per test on SQLite and PostgreSQL, an in-memory keyring."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.database import Database, open_database  # noqa: E402
from desktop.db.schema import upgrade  # noqa: E402
from desktop.services.context import Actor, ServiceContext  # noqa: E402
from cups_fixtures import cups_pdf  # noqa: E402,F401 - the real CUPS queue fixture for printing tests


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


# --- SQLite ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy."""
    path = tmp_path_factory.mktemp("tpl") / "template.sqlite3"
    db = open_database(f"sqlite:///{path}")
    db.close()
    return path


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated, empty database of each backend (its own database per test)."""
    if request.param == "sqlite":
        target = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite:///{target}"
    else:
        name, url = _pg_database(request.getfixturevalue("pg_template"))
        yield url
        _pg_drop(name)


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
def demo_logins(db: Database) -> list:
    """A small demo network: 6 branches, their operators, 60 customers with 24 months of readings."""
    from desktop.services.demo.build import build_demo
    from desktop.services.demo.generator import DemoPlan

    return build_demo(db.engine, DemoPlan(60, seed=7))


@pytest.fixture
def operator_ctx(db: Database, demo_logins: list) -> ServiceContext:
    """Signed in as the demo operator of the Samara head office."""
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.operators import authenticate

    base = ServiceContext(db.sessions)
    return base.as_actor(authenticate(base, "sam.op1", DEMO_PASSWORD))


@pytest.fixture
def senior_ctx(db: Database, demo_logins: list) -> ServiceContext:
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.operators import authenticate

    base = ServiceContext(db.sessions)
    return base.as_actor(authenticate(base, "sam.senior", DEMO_PASSWORD))
