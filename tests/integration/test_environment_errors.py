"""Database trouble comes out as a plain message, and nothing is half-written."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import AuditEvent, Operator
from desktop.services import operators
from desktop.services.context import ServiceContext
from desktop.services.errors import EnvironmentProblem
from tests.conftest import ADMIN


def _count_operators(db) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(Operator))


def test_locked_sqlite_database(db, demo_logins):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite file locking")
    path = db.engine.url.database
    before = _count_operators(db)
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        engine = make_engine(f"sqlite:///{path}", busy_timeout_ms=100)
        ctx = ServiceContext(make_session_factory(engine), ADMIN)
        with pytest.raises(EnvironmentProblem) as info:
            operators.add_operator(ctx, "blocked", "long-enough-1", "operator")
        assert info.value.kind == "locked" and "занята" in info.value.message
        engine.dispose()
    finally:
        blocker.rollback()
        blocker.close()
    assert _count_operators(db) == before


def test_read_only_sqlite_database(db, demo_logins):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite read-only mode")
    engine = make_engine(f"sqlite:///file:{db.engine.url.database}?mode=ro&uri=true", busy_timeout_ms=100)
    ctx = ServiceContext(make_session_factory(engine), ADMIN)
    with pytest.raises(EnvironmentProblem) as info:
        operators.add_operator(ctx, "readonly", "long-enough-1", "operator")
    assert info.value.kind == "readonly"
    engine.dispose()


def test_unreachable_server_writes_nothing(db, demo_logins):
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere")
    ctx = ServiceContext(make_session_factory(engine), ADMIN)
    with pytest.raises(EnvironmentProblem) as info:
        operators.add_operator(ctx, "nowhere", "long-enough-1", "operator")
    assert info.value.kind == "unreachable"
    engine.dispose()


def test_connection_killed_mid_transaction_rolls_back(db, demo_logins):
    """PostgreSQL: the server drops the session between two statements of one service call."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL backend termination")
    from sqlalchemy import text

    from desktop.services import audit

    ctx = ServiceContext(db.sessions, ADMIN)
    before = _count_operators(db)
    with pytest.raises(EnvironmentProblem), ctx.transaction() as s:
        s.add(Operator(login="halfway", full_name="", role="operator", branch_id=1, password_hash="x"))
        s.flush()
        audit.record(s, ctx, "operator.add", login="halfway")
        s.flush()
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        s.execute(text("SELECT 1"))
    assert _count_operators(db) == before
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.details.contains("halfway"))) == 0
