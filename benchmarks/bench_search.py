"""Search box and account card timings on an existing demo database.

    PYTHONPATH=. python benchmarks/bench_search.py --database sqlite:///demo.sqlite3 [--rounds 21] [--explain]

The database is one built by ``energodesk demo --customers N`` (or
desktop.services.demo.build.build_demo). Every round times the first page (50 rows) of each
search shape through desktop.services.search.search, and the account card through
desktop.services.accounts.account_card and through hand-written SQL on a bare driver
connection loading the same data; shapes are interleaved within a round and the sample
account changes every round. Medians are reported (the machines are noisy: a single round can
be several times off). JSON goes to stdout and into benchmarks/results/search.json under the
database kind. Targets (issue 3): first page < 100 ms for every shape, card within 3x of hand SQL.
``--explain`` also prints the PostgreSQL/SQLite plan of every statement and fails on a full scan
of accounts or customers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_search.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, func, select

from benchmarks.common import conditions
from desktop.database import open_database
from desktop.db.models import Account, Customer
from desktop.services.accounts import account_card
from desktop.services.context import ServiceContext
from desktop.services.search import search

RESULTS = Path(__file__).with_name("results") / "search.json"
PAGE_TARGET_MS = 20.0  # issue 19 (was 100 ms in issue 3)
CARD_RATIO_TARGET = 2.0  # issue 19 (was 3x in issue 3)


def street_name(street: str) -> str:
    return re.sub(r"^(ул\.|пр\.|б-р) |\s*ш\.$", "", street)


def samples(db, count: int, seed: int = 11) -> list[dict]:  # type: ignore[no-untyped-def]
    """``count`` random accounts with what a customer would say about them."""
    rnd = random.Random(seed)
    with db.sessions() as s:
        top = s.scalar(select(func.max(Account.id)))
        out = []
        while len(out) < count:
            row = s.execute(
                select(Account.number, Account.town, Account.street, Account.house, Account.flat,
                       Customer.last_name, Customer.first_name, Customer.middle_name, Customer.phone)
                .join(Customer, Customer.id == Account.customer_id)
                .where(Account.id == rnd.randint(1, top))
            ).first()
            if row is not None and row.phone and row.flat:
                out.append(row._asdict())
    return out


def _wrong(word: str, k: int) -> str:
    """The word with its k-th letter from the middle replaced ("Степанова" -> "Степонова")."""
    i = min(len(word) - 1, len(word) // 2 + k - 1)
    return word[:i] + ("о" if word[i].lower() != "о" else "а") + word[i + 1:]


def shapes(p: dict) -> dict[str, str]:
    n = p["number"]
    return {
        "exact_account": f"{n[:4]} {n[4:8]} {n[8:]}",
        "qr_st00012": f"ST00012|Name=ПАО Самараэнерго|PersonalAcc=40702810954400100001|PersAcc={n}|Sum=100000",
        "partial_account_6": n[4:10],
        "partial_account_4": n[-4:],
        "phone": f"+7 ({p['phone'][1:4]}) {p['phone'][4:7]}-{p['phone'][7:9]}-{p['phone'][9:]}",
        "surname": p["last_name"],
        "surname_initials": f"{p['last_name']} {p['first_name'][0]}. {p['middle_name'][0]}.",
        "address_full": f"{p['town']}, {street_name(p['street'])} {p['house']}-{p['flat']}",
        "address_no_town": f"{street_name(p['street']).lower()} {p['house']} кв {p['flat']}",
        "street_only": p["street"],
        "typo_nothing": p["last_name"][:-2] + "ыщ" + p["last_name"][-2:],
        # One and two wrong letters (issue 13): found through the similar surnames (migration 0011).
        "typo_one_letter": _wrong(p["last_name"], 1),
        "typo_two_letters": _wrong(_wrong(p["last_name"], 1), 2),
    }



def hand_card(raw, number: str) -> tuple:  # type: ignore[no-untyped-def]
    """The card's data with hand-written SQL on a bare DBAPI connection (the fastest honest way)."""
    ph = "?" if raw.__class__.__module__.startswith("sqlite3") else "%s"
    cur = raw.cursor()
    cur.execute(
        "SELECT a.id, a.number, a.customer_id, c.last_name, c.first_name, c.middle_name, a.town, a.street, "
        "a.house, a.flat, b.code, b.name, a.consumer_group, a.residents, a.balance_kopecks, c.phone, c.email, "
        "a.bills_by_email_only, a.sms_notifications, a.closed_on FROM accounts a "
        f"JOIN customers c ON c.id = a.customer_id JOIN branches b ON b.id = a.branch_id WHERE a.number = {ph}",
        (number,),
    )
    acc = cur.fetchone()
    aid, cid = acc[0], acc[2]
    cur.execute(
        "SELECT id, serial, zones, digits, installed_on, next_verification_on FROM meters "
        f"WHERE account_id = {ph} AND removed_on IS NULL ORDER BY id",
        (aid,),
    )
    meters = []
    for m in cur.fetchall():
        cur.execute(
            f"SELECT zone, value FROM readings WHERE meter_id = {ph} AND taken_on = "
            f"(SELECT max(taken_on) FROM readings WHERE meter_id = {ph}) ORDER BY id",
            (m[0], m[0]),
        )
        meters.append((m, cur.fetchall()))
    cur.execute(f"SELECT must_change_password, locked FROM online_accounts WHERE account_id = {ph}", (aid,))
    online = cur.fetchone()
    # The two newest bills: the last one's period and amount due, both bills' charges (the
    # card's "debt older than two months" alert needs them).
    cur.execute(f"SELECT period, amount_due_kopecks, charges_kopecks + recalculation_kopecks FROM bills "
                f"WHERE account_id = {ph} ORDER BY period DESC, id DESC LIMIT 2", (aid,))
    bill = cur.fetchall()
    cur.execute(
        f"SELECT amount_kopecks, posted_at FROM payments WHERE account_id = {ph} AND kind = 'payment' "
        "ORDER BY posted_at DESC LIMIT 1",
        (aid,),
    )
    payment = cur.fetchone()
    cur.execute(f"SELECT number FROM accounts WHERE customer_id = {ph} AND id <> {ph} ORDER BY number", (cid, aid))
    others = cur.fetchall()
    cur.close()
    if ph == "%s":
        raw.commit()  # end the read transaction like the service does
    return acc, meters, online, bill, payment, others


def explain(db, ctx, texts: dict[str, str]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Plans of every statement each shape runs; full scans of the big tables are reported."""
    captured: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        captured.append((statement, parameters))

    problems: dict[str, list[str]] = {}
    pg = db.engine.dialect.name == "postgresql"
    for shape, text in texts.items():
        captured.clear()
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            page = search(ctx, text)
            if page.next_cursor:
                search(ctx, text, after=page.next_cursor)
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
        with db.engine.connect() as conn:
            for statement, params in captured:
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                prefix = "EXPLAIN " if pg else "EXPLAIN QUERY PLAN "
                plan = [str(r[-1] if not pg else r[0]) for r in conn.exec_driver_sql(prefix + statement, params)]
                print(f"--- {shape}\n" + "\n".join(plan), file=sys.stderr)
                bad = [line for line in plan if re.search(r"Seq Scan on (accounts|customers)", line)
                       or re.match(r"SCAN (accounts|customers)\b(?! USING)", line)]
                if bad:
                    problems.setdefault(shape, []).extend(bad)
    return problems


SMOKE_ARGS = ["--customers", "300", "--rounds", "3"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL of a demo database (default: build one)")
    parser.add_argument("--customers", type=int, default=20_000, help="size of the demo built without --database")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.database is None:
        import tempfile

        from desktop.services.demo.build import build_demo
        from desktop.services.demo.generator import DemoPlan

        folder = tempfile.mkdtemp(prefix="energodesk-bench-search-")
        args.database = f"sqlite:///{folder}/demo.sqlite3"
        built = open_database(args.database)
        build_demo(built.engine, DemoPlan(args.customers, seed=1))
        built.close()

    db = open_database(args.database, upgrade_older=False, create=False)
    ctx = ServiceContext(db.sessions)
    with db.sessions() as s:
        customers = s.scalar(select(func.count()).select_from(Customer))
    load_before = os.getloadavg()
    people = samples(db, 3 * args.rounds + 3)
    for p in people[:3]:  # imports, the statement caches, the pool's connections
        for text in shapes(p).values():
            search(ctx, text)
        account_card(ctx, p["number"])
    # The hand-written SQL gets a connection of its own, checked out for the whole run: taken
    # from the pool and dropped, it went back and the service was handed the same connection
    # (and, on SQLite, the same page cache) while the hand loader kept using it.
    hand_connection = db.engine.raw_connection()
    raw = hand_connection.driver_connection
    loaders = {"service": lambda n: account_card(ctx, n), "hand_sql": lambda n: hand_card(raw, n)}
    times: dict[str, list[float]] = {}
    rows_found: dict[str, list[int]] = {}

    def timed(name: str, call) -> object:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = call()
        times.setdefault(name, []).append((time.perf_counter() - t) * 1000)
        return out

    for i in range(args.rounds):
        p, a, b = people[3 + 3 * i: 6 + 3 * i]
        texts = list(shapes(p).items())
        texts = texts[i % len(texts):] + texts[:i % len(texts)]  # no shape always goes first
        for shape, text in texts:
            # Cold: the first time this person's rows are read; warm: the same text again.
            page = timed(f"cold/{shape}", lambda: search(ctx, text))  # noqa: B023 - called right here
            timed(f"warm/{shape}", lambda: search(ctx, text))  # noqa: B023
            rows_found.setdefault(shape, []).append(len(page.rows))  # type: ignore[attr-defined]
            if shape in ("exact_account", "qr_st00012", "address_full", "address_no_town", "phone"):
                assert p["number"] in [r.account for r in page.rows], (shape, text)  # type: ignore[attr-defined]
        # Cold card: each loader meets an account nobody has read in this run (a for the one
        # going first, b for the other; the order alternates). Warm card: both loaders have
        # read account a once, then each loads it again, in alternating order.
        first, second = ("service", "hand_sql") if i % 2 == 0 else ("hand_sql", "service")
        timed(f"card_cold/{first}", lambda: loaders[first](a["number"]))  # noqa: B023 - called right here
        timed(f"card_cold/{second}", lambda: loaders[second](b["number"]))  # noqa: B023
        loaders[second](a["number"])
        for name in (second, first):
            timed(f"card_warm/{name}", lambda: loaders[name](a["number"]))  # noqa: B023
    load_after = os.getloadavg()
    hand_connection.close()
    med = {k: round(statistics.median(v), 3) for k, v in times.items()}

    def group(prefix: str) -> dict[str, float]:
        return {k.split("/", 1)[1]: v for k, v in med.items() if k.startswith(prefix + "/")}

    cold, warm = group("cold"), group("warm")
    card_cold, card_warm = group("card_cold"), group("card_warm")
    ratios = {"cold": round(card_cold["service"] / card_cold["hand_sql"], 2),
              "warm": round(card_warm["service"] / card_warm["hand_sql"], 2)}
    worst = {"cold": max(cold.values()), "warm": max(warm.values())}
    result = {
        "database": db.engine.dialect.name,
        "customers": customers,
        "rounds": args.rounds,
        "conditions": conditions(load_before, load_after),
        "first_page_ms_median": {"cold": cold, "warm": warm},
        "first_page_rows_median": {k: statistics.median(v) for k, v in rows_found.items()},
        "first_page_ms_max_median": worst,
        "slowest_shape": {"cold": max(cold, key=cold.__getitem__), "warm": max(warm, key=warm.__getitem__)},
        "card_ms_median": {"cold": card_cold, "warm": card_warm},
        "card_ratio_service_to_hand_sql": ratios,
        "targets": {"first_page_ms": PAGE_TARGET_MS, "card_ratio": CARD_RATIO_TARGET},
        "meets_targets": max(worst.values()) < PAGE_TARGET_MS and max(ratios.values()) <= CARD_RATIO_TARGET,
    }
    if args.explain:
        problems = explain(db, ctx, shapes(people[0]))
        result["full_scans"] = problems
        result["meets_targets"] = result["meets_targets"] and not problems
    db.close()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    stored = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    stored[result["database"]] = result
    args.output.write_text(json.dumps(stored, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if result["meets_targets"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
