"""The desk's local read copy of its branch (a SQLite file), refreshed from the shared database by queries.

Not replication: the copy is rebuilt by plain keyset-batched SELECTs into a new file that then
replaces the old one in one rename, so a reader sees the whole old copy or the whole new one,
never a half-written mix. PostgreSQL stays the one source of truth; the copy only serves search,
the card, readings and payments while the link is down (see offline_journal, offline_replay).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.db.models import Account, Bill, Branch, Customer, Meter, Reading, Tariff
from desktop.services.shifts import company_setting, seller

BATCH = 5_000  # accounts per keyset batch: a few MB per round trip, a bounded transaction

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE accounts (
    number TEXT PRIMARY KEY, account_id INTEGER NOT NULL, branch TEXT NOT NULL, name TEXT NOT NULL,
    name_key TEXT NOT NULL, address TEXT NOT NULL, street_key TEXT NOT NULL, house TEXT NOT NULL,
    flat TEXT NOT NULL, phone TEXT, balance_kopecks INTEGER NOT NULL, closed_on TEXT,
    consumer_group TEXT NOT NULL, range_threshold_kwh INTEGER NOT NULL);
CREATE TABLE meters (
    meter_id INTEGER PRIMARY KEY, account_number TEXT NOT NULL, serial TEXT NOT NULL,
    zones INTEGER NOT NULL, digits INTEGER NOT NULL, installed_on TEXT NOT NULL);
CREATE TABLE last_readings (
    meter_id INTEGER NOT NULL, zone TEXT NOT NULL, value INTEGER NOT NULL, taken_on TEXT NOT NULL,
    period TEXT NOT NULL, reading_id INTEGER NOT NULL, PRIMARY KEY (meter_id, zone));
CREATE TABLE last_bills (
    account_number TEXT PRIMARY KEY, period TEXT NOT NULL, amount_due_kopecks INTEGER NOT NULL);
CREATE TABLE tariffs (
    consumer_group TEXT NOT NULL, zones INTEGER NOT NULL, zone TEXT NOT NULL, range_no INTEGER NOT NULL,
    from_kwh INTEGER NOT NULL, to_kwh INTEGER, price_kopecks INTEGER NOT NULL, valid_from TEXT NOT NULL,
    valid_to TEXT);
"""
# Built after the bulk load: cheaper than keeping them up to date row by row.
INDEXES = """
CREATE INDEX ix_accounts_name ON accounts (name_key);
CREATE INDEX ix_accounts_street ON accounts (street_key, house, flat);
CREATE INDEX ix_accounts_phone ON accounts (phone);
CREATE INDEX ix_meters_account ON meters (account_number);
"""


@dataclass(frozen=True)
class RefreshResult:
    """What one refresh did: how many rows, how long, how big the file is."""

    branch: str
    accounts: int
    meters: int
    readings: int
    bills: int
    seconds: float
    file_bytes: int
    refreshed_at: datetime


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


def _batches(engine: Engine, branch_id: int, batch: int) -> Iterator[list]:
    """Accounts of the branch with their customers, by id, ``batch`` at a time (keyset, no OFFSET)."""
    last = 0
    while True:
        query = (
            select(Account.id, Account.number, Customer.last_name, Customer.first_name, Customer.middle_name,
                   Customer.name_key, Account.town, Account.street, Account.street_key, Account.house,
                   Account.flat, Customer.phone, Account.balance_kopecks, Account.closed_on,
                   Account.consumer_group, Account.range_threshold_kwh)
            .join(Customer, Customer.id == Account.customer_id)
            .where(Account.branch_id == branch_id, Account.id > last)
            .order_by(Account.id).limit(batch)
        )
        with engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _details(engine: Engine, account_ids: list[int]) -> tuple[list, list, list]:
    """Active meters, their last non-estimate reading per zone, and each account's last bill."""
    with engine.connect() as conn:
        meters = conn.execute(
            select(Meter.id, Meter.account_id, Meter.serial, Meter.zones, Meter.digits, Meter.installed_on)
            .where(Meter.account_id.in_(account_ids), Meter.removed_on.is_(None))).all()
        meter_ids = [m[0] for m in meters]
        readings: list = []
        if meter_ids and conn.dialect.name == "postgresql":
            readings = _last_readings_lateral(conn, meter_ids)
        elif meter_ids:
            # The same "previous reading" the entry form uses: newest by date, then by id, per zone.
            rank = func.row_number().over(partition_by=(Reading.meter_id, Reading.zone),
                                          order_by=(Reading.taken_on.desc(), Reading.id.desc())).label("rank")
            ranked = (select(Reading.meter_id, Reading.zone, Reading.value, Reading.taken_on, Reading.period,
                             Reading.id, rank)
                      .where(Reading.meter_id.in_(meter_ids), Reading.source != "estimate").subquery())
            readings = conn.execute(select(ranked.c.meter_id, ranked.c.zone, ranked.c.value, ranked.c.taken_on,
                                           ranked.c.period, ranked.c.id).where(ranked.c.rank == 1)).all()
        rank = func.row_number().over(partition_by=Bill.account_id, order_by=Bill.period.desc()).label("rank")
        ranked = select(Bill.account_id, Bill.period, Bill.amount_due_kopecks, rank).where(
            Bill.account_id.in_(account_ids)).subquery()
        bills = conn.execute(select(ranked.c.account_id, ranked.c.period, ranked.c.amount_due_kopecks)
                             .where(ranked.c.rank == 1)).all()
    return meters, readings, bills


def _last_readings_lateral(conn, meter_ids: list[int]) -> list:  # type: ignore[no-untyped-def]
    """PostgreSQL: per meter, its newest few non-estimate rows straight from ix_readings_meter_date
    (a window over all readings of 5,000 meters made the planner scan the whole table: 14 s a batch
    at 2 million accounts). The newest row of each zone is kept, as the entry form does."""
    meters = select(Meter.id).where(Meter.id.in_(meter_ids)).subquery()
    newest = (select(Reading.zone, Reading.value, Reading.taken_on, Reading.period, Reading.id)
              .where(Reading.meter_id == meters.c.id, Reading.source != "estimate")
              .order_by(Reading.taken_on.desc(), Reading.id.desc()).limit(12).lateral())
    rows = conn.execute(select(meters.c.id, newest.c.zone, newest.c.value, newest.c.taken_on, newest.c.period,
                               newest.c.id).select_from(meters.join(newest, true()))).all()
    seen: set[tuple[int, str]] = set()
    out = []
    for row in rows:  # each meter's rows arrive newest first
        if (row[0], row[1]) not in seen:
            seen.add((row[0], row[1]))
            out.append(row)
    return out


def _address(town: str, street: str, house: str, flat: str) -> str:
    text = f"{town}, {street}, д. {house}"
    return f"{text}, кв. {flat}" if flat else text


def refresh(engine: Engine, path: Path, branch_code: str, *, batch: int = BATCH,
            clock=lambda: datetime.now(timezone.utc)) -> RefreshResult:  # type: ignore[no-untyped-def]
    """Rebuild the local copy of ``branch_code`` at ``path`` from the shared database.

    Written to ``path``.new and renamed over ``path`` at the end: an interrupted refresh (the
    link drops, the desk is killed) leaves the previous copy whole. The freshness recorded is
    the moment the refresh *started*: anything changed after it may be missing.
    """
    import time

    started = clock()
    t0 = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".new")
    scratch.unlink(missing_ok=True)
    with Session(engine) as s:
        # What an offline receipt prints: the seller and the place of settlement.
        company = seller(s)
        vat = company_setting(s, "receipt.vat_percent", 22)
        branch = s.scalar(select(Branch).where(Branch.code == branch_code))
        place = (f"{branch.name}, {branch.address}" if branch.address else branch.name) if branch else ""
    with engine.connect() as conn:
        branch_id = conn.scalar(select(Branch.id).where(Branch.code == branch_code))
        tariffs = conn.execute(select(Tariff.consumer_group, Tariff.zones, Tariff.zone, Tariff.range_no,
                                      Tariff.from_kwh, Tariff.to_kwh, Tariff.price_kopecks, Tariff.valid_from,
                                      Tariff.valid_to)).all()
    if branch_id is None:
        raise LookupError(f"Нет филиала с кодом {branch_code}")
    counts = dict(accounts=0, meters=0, readings=0, bills=0)
    with closing(sqlite3.connect(scratch)) as local:
        local.execute("PRAGMA journal_mode=OFF")  # a scratch file: it is renamed in whole or thrown away
        local.execute("PRAGMA synchronous=OFF")
        local.executescript(SCHEMA)
        local.executemany("INSERT INTO tariffs VALUES (?,?,?,?,?,?,?,?,?)",
                          [(*t[:7], t[7].isoformat(), t[8].isoformat() if t[8] else None) for t in tariffs])
        for rows in _batches(engine, branch_id, batch):
            numbers = {r[0]: r[1] for r in rows}
            local.executemany("INSERT INTO accounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (r[1], r[0], branch_code, " ".join(p for p in r[2:5] if p), r[5], _address(r[6], r[7], r[9], r[10]),
                 r[8], r[9], r[10], r[11], r[12], r[13].isoformat() if r[13] else None, r[14], r[15])
                for r in rows])
            meters, readings, bills = _details(engine, list(numbers))
            local.executemany("INSERT INTO meters VALUES (?,?,?,?,?,?)", [
                (m[0], numbers[m[1]], m[2], m[3], m[4], m[5].isoformat()) for m in meters])
            local.executemany("INSERT INTO last_readings VALUES (?,?,?,?,?,?)", [
                (r[0], r[1], r[2], r[3].isoformat(), r[4], r[5]) for r in readings])
            local.executemany("INSERT INTO last_bills VALUES (?,?,?)", [
                (numbers[b[0]], b[1], b[2]) for b in bills])
            for name, got in (("accounts", rows), ("meters", meters), ("readings", readings), ("bills", bills)):
                counts[name] += len(got)
        local.executescript(INDEXES)
        local.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("branch", branch_code), ("refreshed_at", _utc_text(started)),
            ("accounts", str(counts["accounts"])),
            ("receipt", json.dumps({**company, "settlement_place": place, "vat_percent": vat}, ensure_ascii=False))])
        local.commit()
    with open(scratch, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(scratch, path)  # the atomic swap
    return RefreshResult(branch_code, counts["accounts"], counts["meters"], counts["readings"], counts["bills"],
                         time.perf_counter() - t0, path.stat().st_size, started)


def freshness(path: Path) -> datetime | None:
    """When the copy at ``path`` was taken (UTC), or None when there is no copy yet."""
    if not Path(path).exists():
        return None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as local:
        row = local.execute("SELECT value FROM meta WHERE key = 'refreshed_at'").fetchone()
    return datetime.fromisoformat(row[0]) if row else None


def receipt_settings(path: Path) -> dict:
    """The seller, the place of settlement and the VAT rate as they were when the copy was taken."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as local:
        row = local.execute("SELECT value FROM meta WHERE key = 'receipt'").fetchone()
    return json.loads(row[0]) if row else {}
