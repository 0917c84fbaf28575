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
from datetime import datetime

from sqlalchemy import bindparam, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.registry_format import RegistryFormat
from desktop.core.registry_reader import RegistryLine
from desktop.db.models import Base
from desktop.services import audit
from desktop.services.bulk_sql import insert_rows, is_postgres, new_ids, rows_by_unique_key
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
    seen = {key for (key,) in rows_by_unique_key(s, "registry_lines", "t.line_key", "line_key",
                                            [line.key for line in batch], "t.bank = :bank", bank=fmt.bank)}
    accounts = {number: (aid, closed) for aid, number, closed in rows_by_unique_key(
        s, "accounts", "t.id, t.number, t.closed_on", "number", sorted({line.account for line in batch}))}
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


_PAYMENT_COLUMNS = ("id", "account_id", "kind", "method", "amount_kopecks", "idempotency_key", "posted_at", "reason",
                    "receipt_state")
_LINE_COLUMNS = ("import_id", "payment_id", "bank", "line_key", "line_no", "account", "paid_on", "payer", "period",
                 "reference", "amount_kopecks", "transfer_kopecks", "fee_kopecks")


def _insert(s: Session, import_id: int, fmt: RegistryFormat, fresh: list[tuple[RegistryLine, int]],
            now: datetime) -> None:
    # A registry payment counts from the moment it is posted here (дата зачисления), like a desk
    # payment: the next bill lists it among the payments since the last bill. The bank's own date
    # of payment stays on its registry line.
    # The ids first, so the registry lines can point at their payments without reading them back.
    ids = new_ids(s, "payments", len(fresh))
    insert_rows(s, _P, _PAYMENT_COLUMNS, [
        (pid, aid, "payment", fmt.channel, line.amount_kopecks, f"registry:{import_id}:{line.line_no}", now, "",
         "none") for pid, (line, aid) in zip(ids, fresh, strict=True)])
    insert_rows(s, _L, _LINE_COLUMNS, [
        (import_id, pid, fmt.bank, line.key, line.line_no, line.account, line.paid_on, line.payer, line.period,
         line.reference, line.amount_kopecks, line.transfer_kopecks, line.fee_kopecks)
        for pid, (line, _) in zip(ids, fresh, strict=True)])
    per_account: dict[int, int] = defaultdict(int)
    for line, aid in fresh:
        per_account[aid] += line.amount_kopecks
    # In account order, so two imports touching the same accounts cannot deadlock; the version
    # moves so a desk holding an older copy of the account refreshes instead of overwriting.
    deltas = sorted(per_account.items())
    if is_postgres(s):
        # "a.id = ANY" lets the planner find the rows by the primary key; joined to the array alone
        # it hashes the whole accounts table for every batch.
        s.execute(text(
            "UPDATE accounts AS a SET balance_kopecks = a.balance_kopecks + d.delta, version = a.version + 1 "
            "FROM unnest(CAST(:ids AS integer[]), CAST(:deltas AS bigint[])) AS d(id, delta) "
            "WHERE a.id = d.id AND a.id = ANY(CAST(:ids AS integer[]))"),
            {"ids": [aid for aid, _ in deltas], "deltas": [delta for _, delta in deltas]})
        return
    s.execute(
        update(_A).where(_A.c.id == bindparam("aid"))
        .values(balance_kopecks=_A.c.balance_kopecks + bindparam("delta"), version=_A.c.version + 1),
        [{"aid": aid, "delta": delta} for aid, delta in deltas],
    )
