"""Wrong-password counters decided by the database: an attempt is counted before the password is checked.

Ten sign-ins in parallel used to read the same counter, check their passwords and each write
"counter + 1", so five wrong guesses became ten. Here every attempt first takes a place with one
atomic ``UPDATE ... SET failed_attempts = failed_attempts + 1 WHERE ... < limit RETURNING``
(committed at once), and only an attempt that got a place checks its password: however many run
at once, at most ``limit`` passwords are tried before the lock. A right password gives the
place back (the counter returns to 0); the attempt that uses the last place and is wrong locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, false, update
from sqlalchemy.orm import Session

from desktop.db.models import OnlineAccount, Operator

_NO_SYNC = {"synchronize_session": False}


@dataclass(frozen=True)
class Lockout:
    """Where a kind of login keeps its counter and its lock."""

    model: type[Operator] | type[OnlineAccount]
    unlocked: ColumnElement[bool]
    lock_column: str

    def lock_value(self, now: datetime) -> Any:
        return now if self.lock_column == "locked_at" else True


OPERATORS = Lockout(Operator, Operator.locked_at.is_(None), "locked_at")
ONLINE = Lockout(OnlineAccount, OnlineAccount.locked == false(), "locked")


def reserve(s: Session, lockout: Lockout, row_id: int, limit: int) -> int | None:
    """Count one more attempt; the new count, or None when the login is locked or out of attempts."""
    model = lockout.model
    return s.execute(
        update(model)
        .where(model.id == row_id, lockout.unlocked, model.failed_attempts < limit)
        .values(failed_attempts=model.failed_attempts + 1)
        .returning(model.failed_attempts),
        execution_options=_NO_SYNC,
    ).scalar()


def succeeded(s: Session, lockout: Lockout, row_id: int) -> None:
    """The password was right: the counter starts again."""
    model = lockout.model
    s.execute(update(model).where(model.id == row_id).values(failed_attempts=0), execution_options=_NO_SYNC)


def lock(s: Session, lockout: Lockout, row_id: int, now: datetime) -> bool:
    """Lock the login; True only for the call that locked it (it writes the audit event)."""
    model = lockout.model
    result = s.execute(
        update(model).where(model.id == row_id, lockout.unlocked)
        .values({lockout.lock_column: lockout.lock_value(now)}),
        execution_options=_NO_SYNC,
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]  # CursorResult of an UPDATE
