"""Helpers shared by the benchmarks: medians of interleaved rounds, JSON results."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def interleaved(rounds: int, cases: dict[str, Callable[[], float | None]]) -> dict[str, list[float]]:
    """Run every case once per round, in turn, so machine noise hits all cases alike.

    A case returns its own measured seconds, or None to be timed as a whole call.
    """
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, case in cases.items():
            start = time.perf_counter()
            measured = case()
            samples[name].append(measured if measured is not None else time.perf_counter() - start)
    return samples


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 3)


def commit() -> str:
    """The checked-out commit (with "+changes" when the work tree differs), or "unknown"."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def conditions(load_before: tuple[float, float, float] | None = None,
               load_after: tuple[float, float, float] | None = None) -> dict[str, Any]:
    """What a figure was measured under: date, commit, CPUs and the load averages (1/5/15 min)
    at the start and the end of the measurement (the machines are shared)."""
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "commit": commit(),
        "cpus": os.cpu_count(),
        "load_average_start": [round(x, 2) for x in (load_before or os.getloadavg())],
        "load_average_end": [round(x, 2) for x in (load_after or os.getloadavg())],
    }


def write(name: str, result: dict[str, Any]) -> dict[str, Any]:
    """Add the machine's description, print the JSON and save it as results/NAME.json."""
    result = {
        "benchmark": name,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        **result,
    }
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    (RESULTS / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    print(text)
    return result
