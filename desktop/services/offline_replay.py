"""Replaying the desk's outbox into the shared database through the ordinary services, exactly once.

Each operation goes through post_payment / save_readings with the idempotency key it was taken
with, so the shared database's unique constraints decide whether it was already applied (a desk
killed between the shared commit and the local "done" replays it again and gets "already
posted"). A journal row is marked done only after the shared commit. What the services refuse
(the account closed meanwhile, a reading entered elsewhere on the same meter, the shift closed)
becomes a conflict for a senior, never dropped and never posted twice. Shift openings and
closings go through open_shift / close_shift the same way; while one is in conflict, that
operator's later operations wait (pending) for the senior. A lost link stops the replay with the
rest still pending.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.db.models import Account
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import EnvironmentProblem, ServiceError
from desktop.services.offline_journal import CONFLICT, DONE, PENDING, Journal, Operation


class LinkDown(Exception):
    """The shared database stopped answering during the replay; the rest stays pending."""


@dataclass
class ReplayReport:
    """What one replay did."""

    done: int = 0
    already: int = 0  # applied by an earlier, interrupted replay: marked done, not posted again
    conflicts: list[int] = field(default_factory=list)
    waiting: int = 0  # left pending behind an operator's shift conflict, until a senior resolves it
    pending_left: int = 0
    link_lost: bool = False


def _context(sessions: sessionmaker[Session], op: Operation) -> ServiceContext:
    # The operation's own moment: the payment's time and the reading's date are when the
    # customer stood at the counter, not when the link came back.
    return ServiceContext(sessions, op.actor, clock=lambda: op.taken_at, desk=op.desk)


def _payment(ctx: ServiceContext, op: Operation) -> tuple[str, bool]:
    from desktop.services.payments import post_payment

    p = op.payload
    posted = post_payment(ctx, op.account, op.amount_kopecks, p["method"], idempotency_key=op.key,
                          tendered_kopecks=p.get("tendered_kopecks"), card_last4=p.get("card_last4"),
                          card_rrn=p.get("card_rrn"), card_auth_code=p.get("card_auth_code"))
    return json.dumps({"payment_id": posted.id, "receipt": posted.receipt_number,
                       "shift": posted.shift_number}), posted.already_posted


def _reading(ctx: ServiceContext, op: Operation) -> tuple[str, bool]:
    from desktop.services.errors import InputError
    from desktop.services.readings import save_readings

    p = op.payload
    with ctx.read() as s:
        closed = s.scalar(select(Account.closed_on).where(Account.number == op.account))
    if closed is not None:
        raise InputError(f"Лицевой счёт {op.account} закрыт {closed:%d.%m.%Y}: показания не приняты")
    saved = save_readings(ctx, op.account, p["values"], taken_on=date.fromisoformat(p["taken_on"]),
                          confirm_rollover_zones=p.get("rollover_zones", ()),
                          confirmation_reason=p.get("reason"), expected_previous=p.get("expected_previous"),
                          idempotency_key=op.key)
    return json.dumps({"reading_ids": list(saved.reading_ids), "period": saved.period}), saved.already_saved


def _shift_open(ctx: ServiceContext, op: Operation) -> tuple[str, bool]:
    from desktop.services.shifts import open_shift

    info = open_shift(ctx, int(op.payload["opening_float_kopecks"]), idempotency_key=op.key)
    return json.dumps({"shift_id": info.id, "shift": info.number}), info.already_opened


def _shift_close(ctx: ServiceContext, op: Operation) -> tuple[str, bool]:
    from desktop.db.models import CashShift
    from desktop.services.shifts import close_shift

    p = op.payload
    with ctx.read() as s:
        already = s.scalar(select(CashShift.id).where(CashShift.close_key == op.key)) is not None
    report = close_shift(ctx, int(p["counted_cash_kopecks"]), p.get("comment", ""), idempotency_key=op.key,
                         opened_with_key=p.get("shift"), expected_totals=p.get("expected_totals"))
    return json.dumps({"shift_id": report.shift_id, "shift": report.shift_number,
                       "expected_cash_kopecks": report.expected_cash_kopecks}), already


_APPLY: dict[str, Callable[[ServiceContext, Operation], tuple[str, bool]]] = {
    "payment": _payment, "reading": _reading, "shift_open": _shift_open, "shift_close": _shift_close}
SHIFT_KINDS = ("shift_open", "shift_close")


def _held_back(journal: Journal) -> dict[int | None, int]:
    """Operators whose shift opening or closing is in conflict, by the conflict's journal number:
    their later operations wait for the senior (a payment would land in the wrong shift)."""
    held: dict[int | None, int] = {}
    for op in journal.operations(CONFLICT):
        if op.kind in SHIFT_KINDS:
            held.setdefault(op.actor.operator_id, op.seq)
    return held


def _link_error(error: BaseException) -> bool:
    if isinstance(error, EnvironmentProblem):
        return True
    return isinstance(error, (OperationalError, DBAPIError)) and not isinstance(error, IntegrityError)


def replay(sessions: sessionmaker[Session], journal: Journal, *,
           on_step: Callable[[Operation, str], None] | None = None) -> ReplayReport:
    """Apply every pending operation in journal order; stop (the rest pending) when the link drops."""
    report = ReplayReport()
    held = _held_back(journal)
    for op in journal.operations(PENDING):
        if op.actor.operator_id in held and op.seq > held[op.actor.operator_id]:
            report.waiting += 1
            continue
        ctx = _context(sessions, op)
        try:
            result, already = _APPLY[op.kind](ctx, op)
        except ServiceError as error:
            if _link_error(error):
                report.link_lost = True
                break
            if op.kind in SHIFT_KINDS:  # held even when a replay beside this one settled it first
                held.setdefault(op.actor.operator_id, op.seq)
            if not journal.settle(op.seq, CONFLICT, message=str(error)):
                continue  # a replay running beside this one settled it meanwhile: its result stands
            report.conflicts.append(op.seq)
            _audit_conflict(ctx, op, str(error))
            if on_step:
                on_step(op, CONFLICT)
            continue
        except Exception as error:  # noqa: BLE001 - decided below: link or a refusal to show
            if _link_error(error):
                report.link_lost = True
                break
            if op.kind in SHIFT_KINDS:
                held.setdefault(op.actor.operator_id, op.seq)
            if not journal.settle(op.seq, CONFLICT, message=f"Не удалось провести: {type(error).__name__}"):
                continue
            report.conflicts.append(op.seq)
            if on_step:
                on_step(op, CONFLICT)
            continue
        journal.settle(op.seq, DONE, result)  # only now: the shared commit has happened
        if already:
            report.already += 1
        else:
            report.done += 1
        if on_step:
            on_step(op, DONE)
    report.pending_left = journal.pending_count()
    return report


def _audit_conflict(ctx: ServiceContext, op: Operation, message: str) -> None:
    """Leave the conflict in the shared audit too, so the head office sees it; best effort."""
    try:
        with ctx.transaction() as s:
            audit.record(s, ctx, "offline.conflict", account_number=op.account, entity=op.kind,
                         key=op.key, message=message, amount_kopecks=op.amount_kopecks or None)
    except Exception:  # noqa: BLE001 - the local journal already keeps the conflict
        pass
