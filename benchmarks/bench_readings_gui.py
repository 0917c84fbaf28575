"""The readings page, offscreen: one keystroke to updated labels, and the 24-month chart drawn.

keystroke: time from a QLineEdit text change to every label of the page updated (the
pure preview plus the label, checkbox, warning and button updates), for a three-zone
meter over a realistic typing sequence; median and 95th percentile. Target: 2 ms.
chart: time to set 24 months of data on the pyqtgraph chart and render the widget to an
image (``grab()``); median. Target: 100 ms. No database: the form is built in memory.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. python benchmarks/bench_readings_gui.py
Prints JSON and writes benchmarks/results/readings_gui.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

if not __package__:  # run as `python benchmarks/bench_readings_gui.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_readings import keystrokes, three_zone_form
from benchmarks.common import write

SMOKE_ARGS = ["--keystrokes", "200", "--chart-rounds", "3"]

# PySide6 6.12.0 on CPython 3.11 drops a reference to None on every call of a void Qt method
# (sys.getrefcount(None) falls by one per QLabel.setText); thousands of keystrokes would
# deallocate None and abort ("none_dealloc"). On 3.12+ None is immortal and this is moot.
# Benchmark-only guard; the application itself needs a fixed PySide6 or Python >= 3.12.
# The same happens to True/False returned from Python overrides of Qt virtuals.
# Extra references that are never given back (so nothing is freed at exit either).
def _guard_singletons(refs: int = 3_000_000) -> None:
    import ctypes

    for obj in (None, True, False):
        handle = ctypes.py_object(obj)
        for _ in range(refs):
            ctypes.pythonapi.Py_IncRef(handle)


class _Desk:
    """Enough of desktop.views.desk.Desk for a page that is fed its form directly."""

    actor = None

    def call(self, *args: Any, **kwargs: Any) -> None:  # never reached: no loading here
        raise AssertionError("the benchmark does not touch the database")


def _points() -> list:
    from desktop.core.periods import Period
    from desktop.services.readings import MonthPoint

    start = Period(2024, 11)
    points = []
    for i in range(24):
        p = start.shift(i)
        kwh = {"T1": 180 + (i * 37) % 90, "T2": 90 + (i * 13) % 40, "T3": 60 + (i * 7) % 30}
        basis = "share" if i in (5, 17) else "meter"
        points.append(MonthPoint(p.key, kwh, sum(kwh.values()), 150_000 + i * 1000, basis != "meter", basis, 3,
                                 {1: kwh}))
    return points


def bench_keystroke(app: Any, count: int) -> dict:
    from desktop.views.pages.readings_page import ReadingsPage

    page = ReadingsPage(_Desk())
    page.resize(1100, 700)
    page.show()
    form = three_zone_form()
    page.number = form.account_number
    page._form_loaded(form)
    app.processEvents()
    states = keystrokes(form)
    inputs = {zone: row.input for zone, row in page.rows.items()}

    def type_state(state: dict[str, str]) -> None:
        for zone, text in state.items():
            if inputs[zone].text() != text:
                inputs[zone].setText(text)  # textChanged -> preview -> labels, synchronously

    for state in states * 5:  # warm-up
        type_state(state)
    samples = []
    clock = time.perf_counter_ns
    i = 0
    while len(samples) < count:
        state = states[i % len(states)]
        i += 1
        changed = [z for z, t in state.items() if inputs[z].text() != t]
        if len(changed) != 1:  # the start of a new round resets every zone: not one keystroke
            type_state(state)
            continue
        zone = changed[0]
        start = clock()
        inputs[zone].setText(state[zone])
        samples.append(clock() - start)
        app.processEvents()  # let the paint happen outside the measured span
    type_state(states[-1])
    assert page.last_preview is not None and page.last_preview.can_save
    label = page.rows["T1"].consumption.text()
    samples.sort()
    page.close()
    return {
        "keystrokes": len(samples),
        "keystroke_median_ms": round(statistics.median(samples) / 1e6, 3),
        "keystroke_p95_ms": round(samples[int(len(samples) * 0.95)] / 1e6, 3),
        "keystroke_target_ms": 2.0,
        "keystroke_final_cost_label": page.cost_label.text(),
        "keystroke_final_T1_label": label,
    }


def bench_chart(app: Any, rounds: int) -> dict:
    from desktop.views.consumption_chart import ConsumptionChart

    chart = ConsumptionChart()
    chart.resize(560, 320)
    chart.show()
    app.processEvents()
    points = _points()
    samples = []
    for i in range(rounds + 2):
        data = points if i % 2 == 0 else points[1:] + points[:1]  # new data each round
        t0 = time.perf_counter()
        chart.set_points(data)
        image = chart.grab()
        elapsed = time.perf_counter() - t0
        if i >= 2:  # warm-up rounds
            samples.append(elapsed)
    assert not image.isNull() and sum(len(s.heights) for s in chart.series.values()) == 24
    chart.close()
    return {
        "chart_rounds": len(samples),
        "chart_median_ms": round(statistics.median(samples) * 1000, 2),
        "chart_max_ms": round(max(samples) * 1000, 2),
        "chart_target_ms": 100.0,
        "chart_years": sorted(chart.series),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keystrokes", type=int, default=5_000)
    parser.add_argument("--chart-rounds", type=int, default=30)
    args = parser.parse_args(argv)
    _guard_singletons()
    from PySide6.QtWidgets import QApplication

    from desktop import i18n

    app = QApplication.instance() or QApplication([])
    i18n.install(app)
    result = {
        "platform": os.environ.get("QT_QPA_PLATFORM"),
        "today_of_form": date(2026, 11, 20).isoformat(),
        **bench_keystroke(app, args.keystrokes),
        **bench_chart(app, args.chart_rounds),
    }
    return write("readings_gui", result)


if __name__ == "__main__":
    main()
