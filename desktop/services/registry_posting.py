"""Posts one batch of checked registry lines: payments, their once-ever keys, balances, one transaction.

A line whose key (bank + the format's key fields) is already in registry_lines was posted
before and is counted, not posted. The UNIQUE constraint on (bank, line_key) is the final
word: when another desk posts the same lines at the same moment, this batch's transaction
fails on it, and the batch is done again, finding those lines already posted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import String, Table, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from desktop.core.registry_format import RegistryFormat
from desktop.core.registry_reader import RegistryLine
from desktop.db.models import Base
from desktop.services import audit
from desktop.services.context import ServiceContext

_ATTEMPTS = 3
_A = Base.metadata.tables["accounts"]
_P = Base.metadata.tables["payments"]
_L = Base.metadata.tables["registry_lines"]
_I = Base.metadata.tables["registry_imports"]

REFUSED_UNKNOWN = "лицевой счёт не найден"
REFUSED_CLOSED = "лицевой счёт закрыт"


@dataclass(frozen=True)
class RefusedLine:
    """A line that was not posted, and why (its account does not exist or is closed)."""

    line_no: int
    account: str
    amount_kopecks: int
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line_no, "account": self.account, "amount_kopecks": self.amount_kopecks,
                "reason": self.reason}

    def __str__(self) -> str:
        from desktop.core.money import format_rub

        return f"строка {self.line_no}: л/с {self.account}, {format_rub(self.amount_kopecks)} — {self.reason}"


@dataclass(frozen=True)
class BatchOutcome:
    posted: int
    posted_kopecks: int
    already_posted: int
    refused: tuple[RefusedLine, ...]


def post_batch(ctx: ServiceContext, import_id: int, fmt: RegistryFormat,
               batch: Sequence[RegistryLine]) -> BatchOutcome:
    """Post what is new in ``batch`` in one transaction (again, if a concurrent import raced it)."""
    for attempt in range(_ATTEMPTS):
        try:
            with ctx.transaction() as s:
                return _post(s, ctx, import_id, fmt, batch)
        except IntegrityError:
            # Another desk posted some of these keys between our check and our insert.
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _post(s: Session, ctx: ServiceContext, import_id: int, fmt: RegistryFormat,
          batch: Sequence[RegistryLine]) -> BatchOutcome:
    # Write first: on SQLite this takes the write lock before the reads below, so they run inside
    # the writing transaction and see every committed line (a deferred transaction that reads
    # first fails with "database is locked" when another desk commits in between). On PostgreSQL
    # a concurrent import of the same lines meets the UNIQUE key instead (see post_batch).
    s.execute(update(_I).where(_I.c.id == import_id).values(state=_I.c.state))
    keys = [line.key for line in batch]
    seen = set(s.scalars(select(_L.c.line_key).where(_L.c.bank == fmt.bank, _L.c.line_key.in_(keys))))
    accounts = _accounts(s, {line.account for line in batch})
    fresh: list[tuple[RegistryLine, int]] = []
    refused: list[RefusedLine] = []
    already = 0
    for line in batch:
        if line.key in seen:
            already += 1  # posted by an earlier import, or twice in this file
            continue
        found = accounts.get(line.account)
        if found is None or found[1] is not None:
            reason = REFUSED_UNKNOWN if found is None else REFUSED_CLOSED
            refused.append(RefusedLine(line.line_no, line.account, line.amount_kopecks, reason))
            continue
        seen.add(line.key)
        fresh.append((line, found[0]))
    now = ctx.clock()
    if fresh:
        _insert(s, import_id, fmt, fresh, now)
    posted_kopecks = sum(line.amount_kopecks for line, _ in fresh)
    s.execute(update(_I).where(_I.c.id == import_id).values(
        posted_count=_I.c.posted_count + len(fresh), posted_kopecks=_I.c.posted_kopecks + posted_kopecks,
        duplicate_count=_I.c.duplicate_count + already, refused_count=_I.c.refused_count + len(refused),
        refused_kopecks=_I.c.refused_kopecks + sum(r.amount_kopecks for r in refused)))
    audit.record(s, ctx, "registry.batch", entity="registry_import", entity_id=import_id, format=fmt.name,
                 lines=len(batch), first_line=batch[0].line_no if batch else None, posted=len(fresh),
                 posted_kopecks=posted_kopecks, already_posted=already, refused=len(refused))
    return BatchOutcome(len(fresh), posted_kopecks, already, tuple(refused))


def _accounts(s: Session, numbers: set[str]) -> dict[str, tuple[int, date | None]]:
    """id and closing date of each account that exists, by number."""
    query: Executable
    if s.get_bind().dialect.name == "postgresql":
        # Not "number IN (...)": with thousands of values PostgreSQL plans it on the trigram GIN
        # index of account numbers and takes seconds; a join to the unnested array probes the
        # unique btree (or hashes) in milliseconds.
        query = text("SELECT a.id, a.number, a.closed_on FROM unnest(CAST(:numbers AS varchar[])) AS n(number) "
                     "JOIN accounts a ON a.number = n.number").bindparams(
                         bindparam("numbers", sorted(numbers), type_=ARRAY(String)))
    else:
        query = select(_A.c.id, _A.c.number, _A.c.closed_on).where(_A.c.number.in_(numbers))
    return {number: (aid, closed) for aid, number, closed in s.execute(query)}


_PAYMENT_COLUMNS = ("account_id", "kind", "method", "amount_kopecks", "idempotency_key", "posted_at", "reason",
                    "receipt_state")
_LINE_COLUMNS = ("import_id", "payment_id", "bank", "line_key", "line_no", "account", "paid_on", "payer", "period",
                 "reference", "amount_kopecks", "transfer_kopecks", "fee_kopecks")


def _insert(s: Session, import_id: int, fmt: RegistryFormat, fresh: list[tuple[RegistryLine, int]],
            now: datetime) -> None:
    # A registry payment counts from the moment it is posted here (дата зачисления), like a desk
    # payment: the next bill lists it among the payments since the last bill. The bank's own date
    # of payment stays on its registry line.
    payments = [(aid, "payment", fmt.channel, line.amount_kopecks, f"registry:{import_id}:{line.line_no}", now, "",
                 "none") for line, aid in fresh]
    postgres = s.get_bind().dialect.name == "postgresql"
    _write(s, _P, _PAYMENT_COLUMNS, payments, postgres)
    # The new ids by their unique keys: RETURNING with the rows' order kept makes SQLite insert
    # row by row, and COPY returns nothing.
    keys = [p[4] for p in payments]
    ids = dict(s.execute(select(_P.c.idempotency_key, _P.c.id).where(_P.c.idempotency_key.in_(keys))).all())
    _write(s, _L, _LINE_COLUMNS, [
        (import_id, ids[key], fmt.bank, line.key, line.line_no, line.account, line.paid_on, line.payer, line.period,
         line.reference, line.amount_kopecks, line.transfer_kopecks, line.fee_kopecks)
        for (line, _), key in zip(fresh, keys, strict=True)], postgres)
    per_account: dict[int, int] = defaultdict(int)
    for line, aid in fresh:
        per_account[aid] += line.amount_kopecks
    # In account order, so two imports touching the same accounts cannot deadlock; the version
    # moves so a desk holding an older copy of the account refreshes instead of overwriting.
    deltas = sorted(per_account.items())
    if postgres:
        s.execute(text(
            "UPDATE accounts AS a SET balance_kopecks = a.balance_kopecks + d.delta, version = a.version + 1 "
            "FROM unnest(CAST(:ids AS integer[]), CAST(:deltas AS bigint[])) AS d(id, delta) WHERE a.id = d.id"),
            {"ids": [aid for aid, _ in deltas], "deltas": [delta for _, delta in deltas]})
        return
    s.execute(
        update(_A).where(_A.c.id == bindparam("aid"))
        .values(balance_kopecks=_A.c.balance_kopecks + bindparam("delta"), version=_A.c.version + 1),
        [{"aid": aid, "delta": delta} for aid, delta in deltas],
    )


def _write(s: Session, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[object, ...]],
           postgres: bool) -> None:
    """Insert rows in the session's transaction through the driver: COPY on PostgreSQL (several
    times faster than INSERT there), one executemany on SQLite (SQLAlchemy's per-row parameter
    processing costs more than the insert itself). Values are written as SQLAlchemy's types
    write them; the driver's errors come out as SQLAlchemy's (IntegrityError, OperationalError)."""
    driver = s.connection().connection.driver_connection
    assert driver is not None
    if postgres:
        import psycopg

        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        errors: type[Exception] = psycopg.Error
    else:
        import sqlite3

        statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        errors = sqlite3.Error
    try:
        if postgres:
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            driver.cursor().executemany(statement, [tuple(map(_sqlite_value, row)) for row in rows])
    except errors as error:
        # As SQLAlchemy would have wrapped it: a UNIQUE violation becomes IntegrityError (post_batch
        # does the batch again), a lost or locked database OperationalError (EnvironmentProblem).
        raise DBAPIError.instance(statement, None, error, errors) from error


def _sqlite_value(value: object) -> object:
    """A value as SQLAlchemy's SQLite types write it: aware moments as naive UTC text, dates ISO."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value
