"""Billing runs as rows: one running run per period and branch, claimed in the database, with a lease.

A run claims its period under a lock the database holds for the claiming transaction (a
PostgreSQL advisory lock on the period's name, SQLite's single write lock), so two runs that start
together see each other: the second is refused with who runs it and since when. Two partial
unique indexes (migration 20261202_0008) back this up: one running row per (period, branch) and
one per period for the whole network.

A run proves it is alive by its owner (host:pid) and a heartbeat written with every batch. A run
whose process is gone (same host, pid not alive) or whose heartbeat is older than the lease is
dead: the next claim marks it 'interrupted' with what it billed and an audit event, and the new
run goes on with the accounts still without a bill (each account's bill, lines and balance are
one transaction, so nothing is charged twice).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from desktop.core.periods import Period
from desktop.db.base import utcnow
from desktop.db.locks import lock_name
from desktop.db.models import BillingRun, Branch, Operator
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import Conflict

# A live run writes its heartbeat with every batch (a batch takes seconds); two minutes of
# silence means its process or its connection is gone.
RUN_LEASE = timedelta(seconds=120)
STATES = ("running", "done", "cancelled", "interrupted")


class RunInProgress(Conflict):
    """Another billing run of the same period (and branch) is going on."""


def owner_tag() -> str:
    """Who runs it: this host and process ('host:pid'), what liveness is checked against."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def _pid_gone(owner: str) -> bool:
    """True when ``owner`` names a process of this host that no longer exists."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname()[:60] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # exists, belongs to someone else
        return False
    return False


def is_alive(run: BillingRun, now: datetime | None = None) -> bool:
    """A 'running' row whose process still exists and whose heartbeat is within the lease."""
    if run.state != "running":
        return False
    if _pid_gone(run.owner or ""):
        return False
    beat = run.heartbeat_at or run.started_at
    return beat is not None and (now or utcnow()) - beat <= RUN_LEASE


def _who(s: Session, run: BillingRun) -> str:
    if run.operator_id is None:
        name = "командная строка"
    else:
        name = s.scalar(select(Operator.full_name).where(Operator.id == run.operator_id)) or "оператор"
    return f"{name} ({run.owner})" if run.owner else name


def _busy_message(s: Session, ctx: ServiceContext, run: BillingRun) -> str:
    branch = ""
    if run.branch_id is not None:
        code = s.scalar(select(Branch.code).where(Branch.id == run.branch_id))
        branch = f", отделение {code}"
    since = run.started_at.astimezone(ctx.zone()) if run.started_at else None
    when = f" с {since:%d.%m.%Y %H:%M}" if since else ""
    return (f"Расчёт за {run.period}{branch} уже идёт: его запустил {_who(s, run)}{when}, "
            f"выставлено {run.billed}. Дождитесь окончания.")


def mark_interrupted(s: Session, ctx: ServiceContext, run: BillingRun, why: str) -> None:
    """Record a run that stopped without finishing: state, time, and its audit event."""
    run.state = "interrupted"
    run.finished_at = ctx.clock()
    audit.record(s, ctx, "billing.interrupted", entity="billing_run", entity_id=run.id, period=run.period,
                 branch_id=run.branch_id, billed=run.billed, skipped=run.skipped,
                 accrued_kopecks=run.accrued_kopecks, owner=run.owner, reason=why)


@dataclass(frozen=True)
class Claimed:
    run_id: int
    resumed: tuple[tuple[int, int], ...]  # (run id, billed) of dead runs this one finishes


def _running(period: Period, branch_id: int | None):  # type: ignore[no-untyped-def]
    query = select(BillingRun).where(BillingRun.period == period.key, BillingRun.state == "running")
    if branch_id is not None:
        # A whole-network run covers this branch too.
        query = query.where(or_(BillingRun.branch_id.is_(None), BillingRun.branch_id == branch_id))
    return query.order_by(BillingRun.id)


def claim(ctx: ServiceContext, period: Period, branch_id: int | None, branch_code: str | None) -> Claimed:
    """Start a run of ``period`` (one branch or all), or raise RunInProgress naming who runs it."""
    # First a plain read: a live run is refused at once, even while it holds SQLite's write lock
    # for one of its batches (the claim below would wait for that lock).
    with ctx.read() as s:
        for other in s.scalars(_running(period, branch_id)):
            if is_alive(other):
                raise RunInProgress(_busy_message(s, ctx, other))
    with ctx.transaction() as s:
        lock_name(s, f"energodesk.billing_run.{period.key}")
        resumed = []
        now = utcnow()
        for other in s.scalars(_running(period, branch_id)):
            if is_alive(other, now):
                raise RunInProgress(_busy_message(s, ctx, other))
            mark_interrupted(s, ctx, other, "процесс расчёта остановлен (нет отметок о работе)")
            resumed.append((other.id, other.billed))
        s.flush()
        run = BillingRun(period=period.key, branch_id=branch_id, operator_id=ctx.actor.operator_id,
                         started_at=ctx.clock(), state="running", owner=owner_tag(), heartbeat_at=now)
        s.add(run)
        s.flush()
        audit.record(s, ctx, "billing.start", entity="billing_run", entity_id=run.id, period=period.key,
                     branch=branch_code, resumes=[r for r, _ in resumed])
        return Claimed(run.id, tuple(resumed))


def count_batch(s: Session, run_id: int, billed: int, skipped: int, accrued: int) -> None:
    """Add a batch's counts to its run and beat the heart, inside the batch's transaction."""
    s.execute(update(BillingRun).where(BillingRun.id == run_id).values(
        billed=BillingRun.billed + billed, skipped=BillingRun.skipped + skipped,
        accrued_kopecks=BillingRun.accrued_kopecks + accrued, heartbeat_at=utcnow()))


def finish(ctx: ServiceContext, run_id: int, state: str, **details: object) -> BillingRun:
    """Close a run as 'done', 'cancelled' or 'interrupted', with its audit event."""
    with ctx.transaction() as s:
        run = s.get(BillingRun, run_id)
        assert run is not None
        if state == "interrupted":
            mark_interrupted(s, ctx, run, str(details.get("reason", "")))
            return run
        run.state = state
        run.finished_at = ctx.clock()
        audit.record(s, ctx, "billing.run", entity="billing_run", entity_id=run_id, period=run.period,
                     billed=run.billed, skipped=run.skipped, accrued_kopecks=run.accrued_kopecks,
                     state=state, **details)
        return run


@dataclass(frozen=True)
class RunRow:
    """A run as the desk shows it: a dead 'running' row reads 'interrupted'."""

    id: int
    period: str
    branch: str | None
    state: str
    started_at: datetime
    finished_at: datetime | None
    billed: int
    skipped: int
    accrued_kopecks: int
    owner: str


def list_runs(ctx: ServiceContext, period: str | None = None, limit: int = 50) -> list[RunRow]:
    """The latest runs (of one period), newest first."""
    with ctx.read() as s:
        query = (select(BillingRun, Branch.code).outerjoin(Branch, BillingRun.branch_id == Branch.id)
                 .order_by(BillingRun.id.desc()).limit(limit))
        if period is not None:
            query = query.where(BillingRun.period == period)
        now = utcnow()
        return [RunRow(r.id, r.period, code, "interrupted" if r.state == "running" and not is_alive(r, now)
                       else r.state, r.started_at, r.finished_at, r.billed, r.skipped, r.accrued_kopecks,
                       r.owner or "")
                for r, code in s.execute(query)]
