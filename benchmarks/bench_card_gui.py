"""Enter to the card painted, offscreen: the whole road of an exact account number.

Each round puts a 12-digit number into accountSearch, presses Enter, and spins the event loop
(never sleeping) until the card shows that number and its labels (accountNumberLabel,
customerNameLabel, addressLabel, balanceLabel) have received their Paint event: that is
``enter_to_card``, the figure of the target. ``enter_to_window_grab`` then adds a full
``grab()`` of the window (every widget repainted, the readings chart included), an upper bound
of what a first paint of the whole window costs. The card is loaded by the real worker
(desk.call -> account_card on a pool thread) from the database given. The account changes
every round, and each round starts when the previous card's pages have finished loading
(they load after the card, in the background); the rounds of the two cases (``enter_to_card`` and, for comparison,
``service_only``: account_card called directly) are interleaved. Target (issue 3): 50 ms.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m benchmarks.bench_card_gui \\
         [--database URL] [--rounds 41]
Without --database a 300-customer demo is built in a temporary SQLite file.
Prints JSON and writes benchmarks/results/card_gui_<database>.json.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_card_gui.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ENERGODESK_NO_DIALOGS", "1")

from benchmarks.common import conditions, write

SMOKE_ARGS = ["--rounds", "5"]
TARGET_MS = 16.0  # issue 19: Enter to the card's labels painted, median (one frame at 60 Hz)
TARGET_P90_MS = 25.0
TARGET_WINDOW_MS = 50.0  # the full window's first paint, the readings chart included


def _demo_url(folder: str) -> str:
    from desktop.database import open_database
    from desktop.services.demo.build import build_demo
    from desktop.services.demo.generator import DemoPlan

    url = f"sqlite:///{Path(folder) / 'card_gui.sqlite3'}"
    db = open_database(url)
    build_demo(db.engine, DemoPlan(300, seed=3))
    db.close()
    return url


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL of a demo database (default: build a small one)")
    parser.add_argument("--rounds", type=int, default=41)
    parser.add_argument("--label", default="", help="suffix of the results file name, e.g. _2m")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()

    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.app import launch
    from desktop.services.accounts import account_card, list_accounts
    from desktop.services.demo.build import DEMO_PASSWORD

    app = QApplication.instance() or QApplication([])
    i18n.install(app)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("ENERGODESK_CONFIG_DIR", str(Path(folder) / "config"))
        os.environ.setdefault("ENERGODESK_DATA_DIR", str(Path(folder) / "data"))
        url = args.database or _demo_url(folder)
        window = launch(url, login="sam.op1", password=DEMO_PASSWORD)
        ctx = window.desk.ctx
        numbers = list_accounts(ctx, limit=20_000)
        rnd = random.Random(5)
        label = window.card.account_label
        card = window.card
        watched = [card.account_label, card.name_label, card.address_label, card.balance_label]
        painted: dict[int, float] = {}  # label -> when its Paint event with the new text arrived

        class PaintWatch(QObject):
            def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
                if event.type() == QEvent.Type.Paint and obj.text():  # cleared before: the new card
                    painted.setdefault(id(obj), time.perf_counter())
                return False

        watch = PaintWatch()
        for widget in watched:
            widget.installEventFilter(watch)

        def settle() -> None:
            """Let the previous card's pages finish loading (their results arrive after the card),
            and paint what they changed, as a shown window does within a frame while the operator
            types the next number. Offscreen, processEvents() leaves those regions dirty, and the
            next card's first repaint() painted them all: the previous customer's chart and history
            were counted into the next Enter (up to 28 ms of a round on SQLite)."""
            for _ in range(3):
                window.desk.wait()
                app.processEvents()
                app.sendPostedEvents()
            while card.pages_pending():  # the pages filled after the visible one, a turn each
                app.processEvents()
                window.desk.wait()
            for _ in range(2):
                app.processEvents()
                app.sendPostedEvents()
            window.repaint()

        def enter_to_card(number: str) -> tuple[float, float, float]:
            window.search.setText(number)
            for widget in watched:  # every label gets a new text, so every label must repaint
                widget.clear()
            settle()
            painted.clear()
            start = time.perf_counter()
            QTest.keyClick(window.search, Qt.Key.Key_Return)
            while label.text() != number:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
            while len(painted) < len(watched):
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
            # The figure: when the last of the four labels was painted. The loop gets control
            # back only after the pages have been given the card too (their models, the chart):
            # reported beside it as enter_to_loop.
            card_ms = (max(painted.values()) - start) * 1000
            loop_ms = (time.perf_counter() - start) * 1000
            window.grab()  # layout and paint of the whole window with the new card
            return card_ms, loop_ms, (time.perf_counter() - start) * 1000

        def service_only(number: str) -> float:
            start = time.perf_counter()
            account_card(ctx, number)
            return (time.perf_counter() - start) * 1000

        for number in rnd.sample(numbers, 3):  # warm up imports, caches, statement cache
            enter_to_card(number)
        samples: dict[str, list[float]] = {"enter_to_card": [], "enter_to_loop": [], "enter_to_window_grab": [],
                                           "service_only": []}
        for number in rnd.sample(numbers, min(args.rounds, len(numbers))):
            card_ms, loop_ms, grab_ms = enter_to_card(number)
            samples["enter_to_card"].append(card_ms)
            samples["enter_to_loop"].append(loop_ms)
            samples["enter_to_window_grab"].append(grab_ms)
            samples["service_only"].append(service_only(number))
        database = window.desk.database.kind
        window.close()
        window.deleteLater()
        app.processEvents()
    med = {k: round(statistics.median(v), 3) for k, v in samples.items()}
    p90 = round(sorted(samples["enter_to_card"])[int(0.9 * (len(samples["enter_to_card"]) - 1))], 3)
    return write(
        f"card_gui_{database.lower()}{args.label}",
        {
            "database": database,
            "url_kind": url.split(":", 1)[0],
            "rounds": len(samples["enter_to_card"]),
            "conditions": conditions(load_before),
            "median_ms": med,
            "p90_enter_to_card_ms": p90,
            "targets_ms": {"enter_to_card_median": TARGET_MS, "enter_to_card_p90": TARGET_P90_MS,
                           "enter_to_window_grab_median": TARGET_WINDOW_MS},
            "meets_target": (med["enter_to_card"] < TARGET_MS and p90 < TARGET_P90_MS
                             and med["enter_to_window_grab"] < TARGET_WINDOW_MS),
        },
    )


if __name__ == "__main__":
    result = main()
    raise SystemExit(0 if result["meets_target"] else 1)
