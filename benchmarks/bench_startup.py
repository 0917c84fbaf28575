"""Cold start to the login dialog painted, as a ratio to a bare PySide6 window started alike."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_startup.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import interleaved, median_ms, write

ROOT = Path(__file__).resolve().parents[1]
SMOKE_ARGS = ["--rounds", "2"]

# The baseline: a bare window with a table, shown and painted once.
BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QTableWidget(5, 3)); w.show()
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time(), flush=True); app.quit()
        return False
f = Painted(); w.centralWidget().viewport().installEventFilter(f)
app.exec()
"""


def _timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=True)
    painted = float(out.stdout.strip().splitlines()[-1])
    return painted - start


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   ENERGODESK_DATA_DIR=tmp, ENERGODESK_CONFIG_DIR=tmp, ENERGODESK_BENCH_PAINTED="1",
                   PYTHONPATH=str(ROOT))
        url = f"sqlite:///{tmp}/bench.sqlite3"
        desk = [sys.executable, "-m", "desktop", "--database", url]
        # --demo on a database with no demo yet: each round is a first start (the build behind the
        # dialog is cut short when the benchmark quits after the paint, and leaves nothing).
        demo = [sys.executable, "-m", "desktop", "--demo", "--database", f"sqlite:///{tmp}/demo.sqlite3"]
        bare = [sys.executable, "-c", BARE]
        _timed(desk, env)  # warm the disk cache and create + migrate the database once
        samples = interleaved(args.rounds, {"bare_window": lambda: _timed(bare, env),
                                            "energodesk_login": lambda: _timed(desk, env),
                                            "energodesk_demo_login": lambda: _timed(demo, env)})
    bare_ms, desk_ms = median_ms(samples["bare_window"]), median_ms(samples["energodesk_login"])
    demo_ms = median_ms(samples["energodesk_demo_login"])
    return write("startup", {
        "rounds": args.rounds,
        "bare_window_ms": bare_ms,
        "energodesk_login_dialog_ms": desk_ms,
        "ratio": round(desk_ms / bare_ms, 3),
        "energodesk_demo_login_dialog_ms": demo_ms,
        "demo_ratio": round(demo_ms / bare_ms, 3),
        "target_ratio": 1.5,
        "samples_ms": {k: [round(v * 1000, 1) for v in vs] for k, vs in samples.items()},
    })


if __name__ == "__main__":
    main()
