"""The desk's outbox: payments and readings taken while the shared database was out of reach.

A local SQLite file (WAL, synchronous=FULL: a taken payment survives a power cut) kept apart from
the read copy, so refreshing the copy never touches it. Each operation carries the idempotency key
it will be replayed with; rows are never deleted: pending -> done (after the shared commit) or
-> conflict (for a senior) -> resolved.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.services.context import Actor

PENDING, DONE, CONFLICT, RESOLVED = "pending", "done", "conflict", "resolved"
KINDS = ("payment", "reading", "shift_open", "shift_close")

SCHEMA = """
CREATE TABLE IF NOT EXISTS operations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'reading', 'shift_open', 'shift_close')),
    account TEXT NOT NULL,
    amount_kopecks INTEGER NOT NULL DEFAULT 0,
    payload TEXT NOT NULL,
    actor TEXT NOT NULL,
    desk TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','done','conflict','resolved')),
    result TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    settled_at TEXT
);
CREATE INDEX IF NOT EXISTS ix_operations_state ON operations (state, seq);
CREATE INDEX IF NOT EXISTS ix_operations_account ON operations (account);
"""


@dataclass(frozen=True)
class Operation:
    """One journalled operation, as replay and the conflicts list see it."""

    seq: int
    key: str
    kind: str
    account: str
    amount_kopecks: int
    payload: dict[str, Any]
    actor: Actor
    desk: str
    taken_at: datetime
    state: str
    result: str
    message: str
    settled_at: datetime | None


def _actor_json(actor: Actor) -> str:
    return json.dumps([actor.operator_id, actor.login, actor.full_name, actor.role, actor.branch_id,
                       actor.branch_code])


def _row(r: sqlite3.Row) -> Operation:
    return Operation(r["seq"], r["key"], r["kind"], r["account"], r["amount_kopecks"], json.loads(r["payload"]),
                     Actor(*json.loads(r["actor"])), r["desk"], datetime.fromisoformat(r["taken_at"]), r["state"],
                     r["result"], r["message"],
                     datetime.fromisoformat(r["settled_at"]) if r["settled_at"] else None)


def _widen_kinds(conn: sqlite3.Connection) -> None:
    """A journal written before offline shifts allows only payments and readings in its CHECK:
    copy it whole into a table that allows the shift operations too (one local transaction)."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'operations'").fetchone()
    if row is None or "shift_open" in row[0]:
        return
    conn.executescript(
        "BEGIN IMMEDIATE;"
        "ALTER TABLE operations RENAME TO operations_before_shifts;"
        "DROP INDEX IF EXISTS ix_operations_state; DROP INDEX IF EXISTS ix_operations_account;"
        + SCHEMA +
        "INSERT INTO operations SELECT * FROM operations_before_shifts;"
        "DROP TABLE operations_before_shifts;"
        "COMMIT;")


class Journal:
    """The outbox file of one desk. Every method is one local transaction."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            _widen_kinds(conn)
            conn.executescript(SCHEMA)  # commits on its own: not inside _connect's transaction
        finally:
            conn.close()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def append(self, kind: str, account: str, payload: dict[str, Any], actor: Actor, desk: str, taken_at: datetime,
               *, amount_kopecks: int = 0, key: str | None = None) -> Operation:
        """Journal one operation with a fresh idempotency key (or the caller's, for a retried click)."""
        key = key or f"off-{uuid.uuid4().hex}"
        with self._connect() as conn:
            existing = conn.execute("SELECT * FROM operations WHERE key = ?", (key,)).fetchone()
            if existing is None:
                conn.execute(
                    "INSERT INTO operations (key, kind, account, amount_kopecks, payload, actor, desk, taken_at)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (key, kind, account, amount_kopecks, json.dumps(payload, ensure_ascii=False), _actor_json(actor),
                     desk, taken_at.astimezone(UTC).isoformat()))
            return _row(conn.execute("SELECT * FROM operations WHERE key = ?", (key,)).fetchone())

    def operations(self, *states: str, account: str | None = None) -> list[Operation]:
        """Operations in journal order, of the given states (all when none are given)."""
        where: list[str] = []
        args: list[str] = []
        if states:
            where.append(f"state IN ({','.join('?' * len(states))})")
            args.extend(states)
        if account is not None:
            where.append("account = ?")
            args.append(account)
        sql = "SELECT * FROM operations" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY seq"
        with self._connect() as conn:
            return [_row(r) for r in conn.execute(sql, args)]

    def pending_count(self) -> int:
        with self._connect() as conn:
            count: int = conn.execute("SELECT count(*) FROM operations WHERE state = 'pending'").fetchone()[0]
            return count

    def settle(self, seq: int, state: str, result: str = "", message: str = "",
               *, from_states: tuple[str, ...] = (PENDING,)) -> bool:
        """Mark an operation done, conflict or resolved; False when it was no longer in ``from_states``."""
        now = datetime.now(UTC).isoformat()
        with self._connect() as conn:
            changed = conn.execute(
                f"UPDATE operations SET state = ?, result = ?, message = ?, settled_at = ? "
                f"WHERE seq = ? AND state IN ({','.join('?' * len(from_states))})",
                (state, result, message, now, seq, *from_states)).rowcount
        return changed == 1

    def reopen(self, seq: int, message: str, patch: dict[str, Any] | None = None) -> bool:
        """A senior sends a conflict back to the queue: replayed again with the same key, a reading
        now on top of whatever the shared database holds, a shift closed on the shared database's
        totals (the senior has looked at both). ``patch`` adds to the payload (a closing's comment)."""
        with self._connect() as conn:
            return conn.execute(
                "UPDATE operations SET state = 'pending', message = ?, settled_at = NULL, "
                "payload = json_patch(json_remove(payload, '$.expected_previous', '$.expected_totals'), ?) "
                "WHERE seq = ? AND state = 'conflict'",
                (message, json.dumps(patch or {}, ensure_ascii=False), seq)).rowcount == 1
