"""A new installation's first branch and administrator (services.installation) and adding branches
(services.branches): one transaction with audit events, refused once anyone can sign in, one winner
when desks race, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, func, select, text

from desktop.core import passwords
from desktop.database import Database
from desktop.db.models import AuditEvent, Branch, Operator
from desktop.services import branches, installation, operators
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound
from desktop.services.installation import FIRST_START, AlreadyInstalled, create_first_admin

GOOD_PASSWORD = "Zhiguli-Vyazma-48"
SYZ = branches.NewBranch("SYZ", "Сызранское отделение", "Сызрань")


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_DEFAULT", passwords.fast_hasher())


def first_start(db: Database) -> ServiceContext:
    return ServiceContext(db.sessions, FIRST_START, desk="Касса 1")


def counts(db: Database) -> tuple[int, int, int]:
    with db.sessions() as s:
        found = [s.scalar(select(func.count()).select_from(m)) or 0 for m in (Branch, Operator, AuditEvent)]
    return found[0], found[1], found[2]


def test_first_branch_and_administrator_in_one_transaction(db):
    ctx = first_start(db)
    assert not installation.has_operators(ctx)
    actor = create_first_admin(ctx, SYZ, " Ivanova.A ", "  Иванова   Анна Сергеевна ", GOOD_PASSWORD)
    assert (actor.login, actor.role, actor.branch_code, actor.full_name) == (
        "ivanova.a",
        "admin",
        "SYZ",
        "Иванова Анна Сергеевна",
    )
    assert installation.has_operators(ctx)
    with db.sessions() as s:
        op = s.scalar(select(Operator))
        assert op is not None and op.branch.code == "SYZ" and not op.must_change_password
        assert passwords.verify_password(op.password_hash, GOOD_PASSWORD)
        assert GOOD_PASSWORD not in op.password_hash
        events = [
            (e.action, e.operator_id, json.loads(e.details))
            for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]
    assert events == [
        (
            "branch.add",
            None,
            {
                "code": "SYZ",
                "name": "Сызранское отделение",
                "town": "Сызрань",
                "via": "first-start",
                "desk": "Касса 1",
            },
        ),
        (
            "operator.add",
            None,
            {
                "login": "ivanova.a",
                "role": "admin",
                "first_administrator": True,
                "via": "first-start",
                "desk": "Касса 1",
            },
        ),
    ]
    # The administrator signs in and can add the next operator.
    signed = ctx.as_actor(operators.authenticate(ServiceContext(db.sessions), "ivanova.a", GOOD_PASSWORD))
    operators.add_operator(signed, "petrov.k", GOOD_PASSWORD, "operator")
    assert counts(db)[1] == 2


def test_at_an_existing_branch(db, admin_ctx):
    branches.add_branch(admin_ctx, "tlt", "Тольяттинское отделение")
    with pytest.raises(NotFound):
        create_first_admin(first_start(db), "KAZ", "other", "Другой", GOOD_PASSWORD)
    actor = create_first_admin(first_start(db), "tlt", "boss", "Начальник Н. Н.", GOOD_PASSWORD)
    assert actor.branch_code == "TLT" and counts(db)[:2] == (1, 1)


def test_refused_once_anyone_can_sign_in(db):
    create_first_admin(first_start(db), SYZ, "boss", "Начальник Н. Н.", GOOD_PASSWORD)
    before = counts(db)
    with pytest.raises(AlreadyInstalled, match="В базе уже есть администратор"):
        create_first_admin(
            first_start(db), branches.NewBranch("TLT", "Тольятти"), "second", "Второй", GOOD_PASSWORD
        )
    assert counts(db) == before


@pytest.mark.parametrize(
    ("login", "full_name", "password", "field"),
    [
        ("Админ", "Иванова", GOOD_PASSWORD, "login"),
        ("a", "Иванова", GOOD_PASSWORD, "login"),
        ("ivanova", "Иванова", "short1", "password"),
        ("ivanova", "Иванова", " " + GOOD_PASSWORD, "password"),
        ("ivanova", "", GOOD_PASSWORD, "full_name"),
        ("ivanova", "Ива\x00нова", GOOD_PASSWORD, "full_name"),
        ("ivanova", "И" * 161, GOOD_PASSWORD, "full_name"),
    ],
)
def test_bad_administrator_writes_nothing(db, login, full_name, password, field):
    with pytest.raises(InputError) as refused:
        create_first_admin(first_start(db), SYZ, login, full_name, password)
    assert refused.value.field == field and counts(db) == (0, 0, 0)


def test_a_failure_after_the_branch_leaves_no_branch(db, monkeypatch):
    """The branch is inserted first; when the administrator then fails, both are rolled back."""

    def broken(password: str, **_: object) -> str:
        raise OSError("hash failed")

    monkeypatch.setattr(operators, "hash_password", broken)
    with pytest.raises(OSError):
        create_first_admin(first_start(db), SYZ, "boss", "Начальник", GOOD_PASSWORD)
    assert counts(db) == (0, 0, 0)


def test_a_database_out_of_reach_writes_nothing(db, database_url):
    """SQLite: another program holds the file's write lock; PostgreSQL: the database is dropped
    under the desk. Either way a plain message and nothing half-written."""
    import sqlite3

    from desktop.db.engine import make_engine, make_session_factory
    from desktop.services.errors import EnvironmentProblem

    if db.engine.dialect.name == "sqlite":
        blocker = sqlite3.connect(db.engine.url.database)
        blocker.execute("BEGIN EXCLUSIVE")
        engine = make_engine(database_url, busy_timeout_ms=100)
        try:
            with pytest.raises(EnvironmentProblem) as info:
                create_first_admin(
                    ServiceContext(make_session_factory(engine), FIRST_START),
                    SYZ,
                    "boss",
                    "Начальник",
                    GOOD_PASSWORD,
                )
        finally:
            engine.dispose()
            blocker.rollback()
            blocker.close()
        assert info.value.kind == "locked" and counts(db) == (0, 0, 0)
        return
    from tests.conftest import _pg_admin

    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{db.engine.url.database}" WITH (FORCE)'))
    admin.dispose()
    with pytest.raises(EnvironmentProblem):
        create_first_admin(first_start(db), SYZ, "boss", "Начальник", GOOD_PASSWORD)


def test_a_branch_code_taken_between_the_check_and_the_insert(db, admin_ctx):
    """Another desk commits the same code just before our INSERT: the unique index decides and the
    administrator gets the same sentence as for a plain duplicate."""
    other = create_engine(db.engine.url)
    fired = []

    def sneak_in(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO BRANCHES") and not fired:
            fired.append(True)
            with other.begin() as c:
                c.execute(
                    text("INSERT INTO branches (code, name, town, address) VALUES ('NFG', 'Их', '', '')")
                )

    event.listen(db.engine, "before_cursor_execute", sneak_in)
    try:
        with pytest.raises(InputError, match="Отделение с кодом NFG уже есть"):
            branches.add_branch(admin_ctx, "NFG", "Нефтегорское отделение")
    finally:
        event.remove(db.engine, "before_cursor_execute", sneak_in)
        other.dispose()
    assert fired
    with db.sessions() as s:
        assert [b.name for b in s.scalars(select(Branch))] == ["Их"]
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0


# Each desk waits at a barrier (a file per desk in a folder), then all create at once.
DESK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.core import passwords
    from desktop import desk_setup
    from desktop.services.branches import NewBranch
    from desktop.services.installation import AlreadyInstalled

    url, folder, n, me = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    (folder / me).touch()
    while len(list(folder.iterdir())) < n:
        time.sleep(0.01)
    admin = desk_setup.FirstAdmin(NewBranch(me.upper(), "Отделение " + me), "boss." + me, "Начальник",
                                  "Zhiguli-Vyazma-48")
    try:
        actor = desk_setup.create_first_admin(url, "", "Касса " + me, admin)
        print("created", actor.login)
    except AlreadyInstalled as refused:
        print("refused", refused.message)
""")


def test_desks_setting_up_one_empty_database_at_once_make_one_administrator(database_url, db, tmp_path):
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    names = ["ab", "cd", "ef", "gh"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", DESK, database_url, str(barrier), str(len(names)), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in names
    ]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        outcomes.append(out.split()[0])
    assert sorted(outcomes) == ["created", "refused", "refused", "refused"]
    with db.sessions() as s:
        ops = list(s.scalars(select(Operator)))
        assert len(ops) == 1 and s.scalar(select(func.count()).select_from(Branch)) == 1
        assert ops[0].branch.code == ops[0].login.split(".")[1].upper()
