"""Counter speed: the standard walk-in visit through the real window, by key events only.

Each visit is a one-zone customer with a debt: the bill's QR payload typed as a scanner types it
and its Enter, F5, the reading, Enter (saved), F7, Enter (the amount due), the cash, Enter (posted,
receipt printed). The desk's receipts printer is a PrintService whose spooler writes each job's
PDF to a temporary folder (``FileSpooler``: no CUPS needed, the same render and print path as the
desk's). tests/gui/visit_driver.py sends the keys as platform
key events to the window with the keyboard and waits only for the desk's own background work
(instant input). Reported: keys per visit, navigation and data apart (target: at most 6
navigation keys), and the wall time per visit from the first scanned character to the receipt
written. Baseline, interleaved visit by visit: the same reading, payment and receipt through the
services directly (``services_only``), so ``gui_over_services`` is what the window adds.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m benchmarks.bench_counter \\
         [--database URL] [--visits 15]
Without --database a 300-customer demo is built in a temporary SQLite file.
Prints JSON and writes benchmarks/results/counter_<database>.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

if not __package__:  # run as `python benchmarks/bench_counter.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ENERGODESK_NO_DIALOGS", "1")

from benchmarks.common import write

SMOKE_ARGS = ["--visits", "3"]
RECEIPT_QUEUE = "bench-receipts"
TARGET_NAVIGATION_KEYS = 6
DAY = date(2026, 11, 20)  # inside the readings window of the demo's October readings


def _demo_url(folder: str) -> str:
    from desktop.database import open_database
    from desktop.services.demo.build import build_demo
    from desktop.services.demo.generator import DemoPlan

    url = f"sqlite:///{Path(folder) / 'counter.sqlite3'}"
    db = open_database(url)
    build_demo(db.engine, DemoPlan(300, seed=3))
    db.close()
    return url


def _customers(ctx: Any, wanted: int) -> list[tuple[str, str, int]]:
    """One-zone debtors read in October: (number, reading to enter, kopecks due)."""
    from desktop.services import readings
    from desktop.services.accounts import account_card, list_accounts

    found = []
    for number in list_accounts(ctx, limit=20_000):
        card = account_card(ctx, number)
        if card.balance_kopecks >= 0 or card.closed or not card.last_bill_period:
            continue
        form = readings.reading_form(ctx, number)
        if form.zones == 1 and form.usual_avg and form.previous["T1"].period == "2026-10":
            found.append((number, str(form.previous["T1"].value + int(form.usual_avg)), -card.balance_kopecks))
            if len(found) == wanted:
                break
    return found


class FileSpooler:
    """A spooler that "prints" by writing each job's PDF into a folder (a benchmark's printer only)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.jobs = 0

    def printers(self) -> list[str]:
        return [RECEIPT_QUEUE]

    def submit(self, path: Path, printer: str, title: str, page_pt: tuple[float, float] | None,
               wait: float) -> str:
        self.jobs += 1
        (self.folder / f"job-{self.jobs}.pdf").write_bytes(path.read_bytes())
        return f"{printer}-{self.jobs}"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL of a demo database (default: build a small one)")
    parser.add_argument("--visits", type=int, default=15)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.app import launch
    from desktop.printing.spooler import PrintService
    from desktop.services import bill_documents, payments, readings, shifts
    from desktop.services.context import ServiceContext
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.views.pages.payments_page import print_receipt
    from tests.gui.visit_driver import Keyboard, Visit, standard_visit

    app = QApplication.instance() or QApplication([])
    i18n.install(app)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("ENERGODESK_CONFIG_DIR", str(Path(folder) / "config"))
        os.environ.setdefault("ENERGODESK_DATA_DIR", str(Path(folder) / "data"))
        url = args.database or _demo_url(folder)
        window = launch(url, login="sam.op1", password=DEMO_PASSWORD)
        moment = datetime(DAY.year, DAY.month, DAY.day, 8, 0, tzinfo=UTC)
        ctx = ServiceContext(window.desk.ctx.sessions, window.desk.ctx.actor, clock=lambda: moment,
                             desk=window.desk.ctx.desk)
        window.desk.ctx = ctx
        desk_spooler = FileSpooler(Path(folder) / "desk-receipts")
        window.desk.printing = PrintService({"receipts": RECEIPT_QUEUE}, desk_spooler)
        people = _customers(ctx, 2 * args.visits + 1)
        if len(people) < 3:
            raise SystemExit("bench_counter: the database has too few one-zone debtors read in October")
        if shifts.current_shift(ctx) is None:
            shifts.open_shift(ctx, 100_000)
        window.shift.refresh()
        window.show()
        window.activateWindow()
        keyboard = Keyboard(window.desk, window)
        keyboard.settle()
        window.focus_search()
        baseline = PrintService({"receipts": RECEIPT_QUEUE}, FileSpooler(Path(folder) / "baseline-receipts"))

        def visit_gui(number: str, reading: str, due: int) -> tuple[float, int, int]:
            period = bill_documents.bills_for_account(ctx, number)[0].period
            payload = bill_documents.bill_document(ctx, number, period).qr_payload
            cash = str(due // 100 + 500)
            before = (keyboard.count.navigation, keyboard.count.data)
            jobs = desk_spooler.jobs
            start = time.perf_counter()
            standard_visit(keyboard, Visit(payload, reading, cash), check=False)
            seconds = time.perf_counter() - start
            last = payments.payments_history(ctx, number)[0]
            assert last.amount_kopecks == due and last.method == "cash", (number, last)
            assert desk_spooler.jobs == jobs + 1 and last.receipt_state == "printed", (number, last)
            return seconds, keyboard.count.navigation - before[0], keyboard.count.data - before[1]

        def visit_services(number: str, reading: str, due: int) -> float:
            start = time.perf_counter()
            form = readings.reading_form(ctx, number)
            readings.save_readings(ctx, number, {"T1": reading}, taken_on=DAY, expected_previous=form.previous)
            posted = payments.post_payment(ctx, number, due, "cash", idempotency_key=uuid.uuid4().hex,
                                           tendered_kopecks=(due // 100 + 500) * 100)
            ok, detail, *_unprinted = print_receipt(ctx, baseline, posted.id, False)
            assert ok, detail
            return time.perf_counter() - start

        visit_gui(*people[0])  # warm-up: imports, the chart, statement caches
        gui: list[float] = []
        base: list[float] = []
        navigation: list[int] = []
        data: list[int] = []
        for i in range(args.visits):
            if 2 * i + 2 >= len(people):
                break
            seconds, nav, typed = visit_gui(*people[2 * i + 1])
            gui.append(seconds)
            navigation.append(nav)
            data.append(typed)
            base.append(visit_services(*people[2 * i + 2]))
        database = window.desk.database.kind
        window.close()
        window.deleteLater()
        app.processEvents()
    gui_ms = statistics.median(gui) * 1000
    base_ms = statistics.median(base) * 1000
    return write(
        f"counter_{database.lower()}",
        {
            "database": database,
            "visits": len(gui),
            "navigation_keys_per_visit": max(navigation),
            "data_keys_per_visit_median": statistics.median(data),
            "visit_wall_ms_median": round(gui_ms, 1),
            "services_only_ms_median": round(base_ms, 1),
            "gui_over_services": round(gui_ms / base_ms, 2),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "target_navigation_keys": TARGET_NAVIGATION_KEYS,
            "meets_target": max(navigation) <= TARGET_NAVIGATION_KEYS,
        },
    )


if __name__ == "__main__":
    result = main()
    raise SystemExit(0 if result["meets_target"] else 1)
