"""Live recalculation of the readings page: preview() for one keystroke, and the form load.

The page calls ``desktop.core.reading_preview.preview`` on every keystroke; the 2 ms
target of issue 4 includes the label update, which the GUI benchmark measures. Here:
the median and 95th percentile of preview() alone, for a three-zone meter (the most
work: three zones, range split) over a realistic keystroke sequence, and the median of
``reading_form`` (the one database call when the page opens) on a demo SQLite file.

Run: PYTHONPATH=. python benchmarks/bench_readings.py [--calls N]
Prints JSON and writes benchmarks/results/readings.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_readings.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.reading_preview import PreviousReading, ReadingForm, preview
from desktop.core.tariffs import SAMARA_TARIFFS

RESULTS = Path(__file__).resolve().parent / "results"
TODAY = date(2026, 11, 20)


def three_zone_form() -> ReadingForm:
    previous = {"T1": 45_210, "T2": 23_877, "T3": 17_034}
    return ReadingForm(
        account_number="010001234567", meter_id=1, serial="12345678", zones=3, digits=6,
        previous={z: PreviousReading(v, date(2026, 10, 21), "2026-10", i)
                  for i, (z, v) in enumerate(previous.items())},
        consumer_group="urban", rates=tuple(r for r in SAMARA_TARIFFS if r.group == "urban" and r.zones == 3),
        today=TODAY, usual_avg=Decimal("412.50"), usual_same_month=455,
    )


def keystrokes(form: ReadingForm) -> list[dict[str, str]]:
    """The texts after each keystroke while typing the three zones one after another."""
    final = {"T1": "045390", "T2": "023961", "T3": "017101"}
    typed = {z: str(p.value) for z, p in form.previous.items()}
    states = []
    for zone, text in final.items():
        typed[zone] = ""
        for i in range(1, len(text) + 1):
            typed[zone] = text[:i]
            states.append(dict(typed))
    return states


def bench_preview(calls: int) -> dict:
    form = three_zone_form()
    states = keystrokes(form)
    for state in states * 20:  # warm-up
        preview(form, state)
    samples = []
    clock = time.perf_counter_ns
    for i in range(calls):
        state = states[i % len(states)]
        start = clock()
        preview(form, state)
        samples.append(clock() - start)
    samples.sort()
    final = preview(form, states[-1])
    assert final.can_save and final.cost_kopecks is not None
    return {
        "preview_calls": calls,
        "preview_median_us": round(statistics.median(samples) / 1000, 1),
        "preview_p95_us": round(samples[int(len(samples) * 0.95)] / 1000, 1),
        "preview_max_us": round(samples[-1] / 1000, 1),
        "preview_final_cost_kopecks": final.cost_kopecks,
        "target_ms_including_label_update": 2.0,
    }


def bench_form(customers: int, rounds: int) -> dict:
    from desktop.database import open_database
    from desktop.services.accounts import list_accounts
    from desktop.services.context import ServiceContext
    from desktop.services.demo.build import build_demo
    from desktop.services.demo.generator import DemoPlan
    from desktop.services.readings import reading_form

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.sqlite3")
        try:
            build_demo(db.engine, DemoPlan(customers, seed=7))
            ctx = ServiceContext(db.sessions, clock=lambda: datetime(2026, 11, 20, 8, tzinfo=UTC))
            numbers = list_accounts(ctx, limit=rounds)
            reading_form(ctx, numbers[0])
            samples = []
            for number in numbers:
                start = time.perf_counter()
                reading_form(ctx, number)
                samples.append(time.perf_counter() - start)
        finally:
            db.close()
    return {"form_customers": customers, "form_calls": len(samples),
            "form_median_ms": round(statistics.median(samples) * 1000, 2)}


SMOKE_ARGS = ["--calls", "500", "--customers", "100", "--form-rounds", "5"]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--customers", type=int, default=2_000)
    parser.add_argument("--form-rounds", type=int, default=50)
    args = parser.parse_args(argv)
    result = {
        "benchmark": "readings",
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        **bench_preview(args.calls),
        **bench_form(args.customers, args.form_rounds),
    }
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    (RESULTS / "readings.json").write_text(text + "\n", encoding="utf-8")
    print(text)
    return result


if __name__ == "__main__":
    main()
