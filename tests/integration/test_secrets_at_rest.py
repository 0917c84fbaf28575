"""No temporary password at rest: not in the SQLite file or its WAL, not in pg_dump, not in a log."""

from __future__ import annotations

import logging
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cash_helpers import Clock
from sms_helpers import OK as PHONE  # the loopback gateway accepts this number
from sms_helpers import gateway_for, server  # noqa: F401 - a fixture
from sqlalchemy import delete, select
from sqlalchemy.engine import make_url

from desktop.db.models import Account, Customer, OnlineAccount
from desktop.services import online_accounts as oa
from desktop.services.context import ServiceContext
from desktop.services.sms.sender import send_due

pytestmark = pytest.mark.usefixtures("fast_hashes")
CHECKED = {"document_seen": True, "name_matches": True, "phone_confirmed": True}


def _raw_sqlite(url: str) -> bytes:
    """The database file and its -wal and -shm files, byte for byte, as they are on disk now."""
    path = Path(make_url(url).database or "")
    parts = [path.read_bytes()]
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            parts.append(extra.read_bytes())
    assert len(parts) >= 2, "the WAL file should still be there while the database is open"
    return b"\n".join(parts)


def _pg_dump(url: str) -> bytes:
    parsed = make_url(url)
    tool = shutil.which("pg_dump")
    if tool is None:
        pytest.skip("pg_dump is not installed")
    done = subprocess.run(
        [tool, "--no-owner", "-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432),
         "-U", parsed.username or "postgres", parsed.database or ""],
        capture_output=True, timeout=120, check=True)
    return done.stdout


def test_temporary_passwords_are_nowhere_at_rest(db, database_url, operator_ctx, issued, server, caplog):
    caplog.set_level(logging.DEBUG)
    clock = Clock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    ctx = ServiceContext(operator_ctx.sessions, operator_ctx.actor, clock=clock)
    with ctx.sessions.begin() as s:
        s.execute(delete(OnlineAccount))
        number = s.scalars(select(Account.number).order_by(Account.number)).first()
    # A registration, then a reset after the customer forgot it, both delivered; a third
    # password is asked for and delivered, then changed at the first sign-in.
    gateway = gateway_for(server)
    oa.register(ctx, number, phone=PHONE, email=None, consent_personal_data=True)
    send_due(ctx.sessions, gateway, clock)
    clock.advance(hours=2)
    oa.reset_password(ctx, number, checklist=CHECKED)
    send_due(ctx.sessions, gateway, clock)
    clock.advance(hours=2)
    oa.reset_password(ctx, number, checklist=CHECKED)
    send_due(ctx.sessions, gateway, clock)
    assert oa.sign_in(ctx, number, issued[-1]).status == "must_change"
    assert len(set(issued)) == 3 and all(password in form["msg"] for password, form
                                          in zip(issued, server.sent, strict=True))

    raw = _raw_sqlite(database_url) if db.engine.dialect.name == "sqlite" else _pg_dump(database_url)
    # The dump does hold what was written at the same time (so the search can find things) ...
    assert PHONE.encode() in raw and b"online_password" in raw
    # ... but no temporary password, in any case of letters.
    for password in issued:
        assert password.encode() not in raw
        assert password.lower().encode() not in raw.lower()
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    assert "accepted" in logged, "the SMS gateway logs what it does"
    for password in issued:
        assert password not in logged
    with ctx.sessions() as s:
        assert s.scalar(select(Customer.phone).where(Customer.phone == PHONE)) == PHONE


def test_a_reset_takes_the_old_password_away_before_the_new_one_is_sent(operator_ctx, deliver):
    clock = Clock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    ctx = ServiceContext(operator_ctx.sessions, operator_ctx.actor, clock=clock)
    with ctx.sessions.begin() as s:
        s.execute(delete(OnlineAccount))
        number = s.scalars(select(Account.number).order_by(Account.number)).first()
    oa.register(ctx, number, phone=PHONE, email=None, consent_personal_data=True)
    first = deliver(ctx)
    clock.advance(minutes=10)
    oa.reset_password(ctx, number, checklist=CHECKED)
    assert oa.sign_in(ctx, number, first).status == "wrong"
    clock.advance(minutes=1)
    second = deliver(ctx)
    assert second != first and oa.sign_in(ctx, number, second).status == "must_change"
    with ctx.sessions() as s:
        online = s.scalar(select(OnlineAccount).where(OnlineAccount.login == number))
    assert online.password_expires_at == clock.now + timedelta(hours=24)
