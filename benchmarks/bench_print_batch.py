"""A branch batch of bills sent to a cups-pdf printer: total time, memory, the GUI event loop's longest gap.

Run: ./run.sh bench print_batch [--bills 2000] [--drain]    (needs CUPS and lpadmin rights)
The batch runs as the desk runs it: desktop.printing.bill_batch.print_bills on the desk's serial
TaskRunner (the bills rendered by its spawned child process, the jobs spooled by the runner's
thread), progress queued to a QProgressBar, while a 10 ms QTimer ticks on the GUI thread; the
longest gap between ticks is the GUI's worst stall (goal <= 50 ms). A bare 10 ms loop in a
process of its own runs meanwhile (control_*): on a loaded machine it shows the gaps the
scheduler gives any process, which the desk's code cannot remove. The floor, measured in the
same run, is rendering the same bills into one file with no printer and no Qt
(desktop.printing.bill_pdf.render_bills). The desk process's memory is sampled at 25/50/100 %,
the rendering child's after each job: flat means the last sample is not above the first by more
than a few MB. Writes benchmarks/results/print_batch.json.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_print_batch.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import write
from desktop.printing.bill_batch import JOB_SIZE, print_bills
from desktop.printing.bill_pdf import render_bills
from desktop.printing.samples import sample_bill
from desktop.printing.spooler import PrintService

SMOKE_ARGS = ["--bills", "20", "--job-size", "10", "--idle-seconds", "1"]
PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
_C = {**os.environ, "LC_ALL": "C"}


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return round(pages * resource.getpagesize() / 2**20, 1)


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux: KB


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False,
                          cwd=Path(__file__).parent)
    return done.stdout.strip()


def _bills(n: int):  # type: ignore[no-untyped-def]
    return (sample_bill(f"{i:012d}", seq=i) for i in range(1, n + 1))


def _floor(bills: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        render_bills(_bills(bills), Path(tmp) / "batch.pdf")
        return time.perf_counter() - start


def _queue() -> str:
    name = f"energodesk-bench-{os.getpid()}"
    done = subprocess.run(["lpadmin", "-p", name, "-v", "cups-pdf:/", "-E", "-P", PPD], capture_output=True,
                          text=True, env=_C, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench_print_batch: cannot add a cups-pdf queue: {done.stderr.strip()}")
    return name


def _drain(printer: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        pending = subprocess.run(["lpstat", "-o", printer], capture_output=True, text=True, env=_C, check=False).stdout
        if not pending.strip():
            return time.perf_counter() - start
        time.sleep(0.5)
    return None


class _TimedService(PrintService):
    """The desk's print service, noting when each job was with the spooler (lp, lpstat)."""

    def __init__(self, printer: str) -> None:
        super().__init__({"bills": printer})
        self.spooling: list[tuple[float, float]] = []

    def print_pdf(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        begin = time.perf_counter()
        try:
            return super().print_pdf(*args, **kwargs)
        finally:
            self.spooling.append((begin, time.perf_counter()))


# A bare 10 ms tick loop in a process of its own, at the benchmark's own priority, for as long as
# the batch runs: the gaps a loaded machine gives any process, which no code of the desk can remove.
_CONTROL = """
import select, sys, time
last = start = time.perf_counter(); worst = 0.0; over = 0
while not select.select([sys.stdin], [], [], 0.01)[0]:
    now = time.perf_counter(); gap = now - last; last = now
    worst = max(worst, gap); over += gap > 0.05
print(round(worst * 1000, 1), over, round(time.perf_counter() - start, 2))
"""


def _control() -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _CONTROL], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)


def _control_result(control: subprocess.Popen[str]) -> dict[str, float]:
    out, _err = control.communicate("stop\n", timeout=30)
    worst, over, seconds = (float(v) for v in out.split())
    return {"control_longest_gap_ms": worst, "control_gaps_over_50ms_per_min": _per_minute(int(over), seconds)}


def _per_minute(count: int, seconds: float) -> float:
    return round(count * 60 / seconds, 1) if seconds > 0 else 0.0


def _in_desk(bills: int, printer: str, job_size: int, idle_seconds: float) -> dict[str, object]:
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QProgressBar

    from desktop.views.runner import TaskRunner

    app = QApplication.instance() or QApplication([])

    class Progress(QObject):
        changed = Signal(int, int)

    bar = QProgressBar()
    relay = Progress()
    relay.changed.connect(lambda done, total: (bar.setMaximum(total), bar.setValue(done)))
    memory: dict[str, float] = {}
    marks = {bills // 4: "25%", bills // 2: "50%"}

    def progress(done: int, total: int) -> bool:
        relay.changed.emit(done, total)  # from the worker: queued to the GUI thread, as in BatchDialog
        for mark, label in marks.items():
            if done >= mark and label not in memory:
                memory[label] = _rss_mb()
        return True

    gaps: list[float] = []
    ends: list[float] = []  # when each gap ended
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        ends.append(now)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    runner = TaskRunner(serial=True)
    service = _TimedService(printer)
    outcome: list[object] = []
    # The same loop with nothing running: what the shared machine alone does to the ticks.
    timer.start()
    idle_until = time.perf_counter() + idle_seconds
    while time.perf_counter() < idle_until:
        app.processEvents()
        time.sleep(0.001)
    idle_gap, idle_over = max(gaps), sum(1 for g in gaps if g > 0.05)
    gaps.clear()
    ends.clear()
    control = _control()
    start = last[0] = time.perf_counter()
    runner.run(lambda: print_bills(service, _bills(bills), bills, printer, "Счета BENCH", progress, job_size),
               outcome.append, outcome.append)
    while not outcome:
        app.processEvents()  # the benchmark's own event loop, standing in for exec()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    timer.stop()
    machine = _control_result(control)
    runner.wait()
    memory["100%"] = _rss_mb()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    child = tuple(getattr(outcome[0], "child_rss_mb", ()))

    def spooling(end: float, gap: float) -> bool:
        return any(b <= end and e >= end - gap for b, e in service.spooling)

    over = [(end, gap) for end, gap in zip(ends, gaps, strict=True) if gap > 0.05]
    worst = sorted(over, key=lambda item: -item[1])[:5]
    return {"submitted_s": round(elapsed, 2), "longest_gap_ms": round(max(gaps) * 1000, 1),
            "longest_gaps": [{"at_s": round(end - gap - start, 1), "ms": round(gap * 1000, 1),
                              "while_spooling": spooling(end, gap)} for end, gap in worst],
            "gaps_over_50ms_per_min": _per_minute(len(over), elapsed),
            "gaps_over_50ms_while_spooling": sum(1 for end, gap in over if spooling(end, gap)),
            "spooling_s": round(sum(e - b for b, e in service.spooling), 2),
            **machine,
            "idle_seconds": idle_seconds,
            "idle_gaps_over_50ms_per_min": _per_minute(idle_over, idle_seconds),
            "gap_p99_ms": round(sorted(gaps)[int(len(gaps) * 0.99)] * 1000, 1),
            "child_rss_mb_per_job": list(child),
            "child_memory_growth_mb": round(child[-1] - child[0], 1) if child else None,
            "idle_longest_gap_ms": round(idle_gap * 1000, 1),
            "gaps_over_50ms": sum(1 for g in gaps if g > 0.05),
            "ticks": len(gaps), "rss_mb": memory, "sent": getattr(outcome[0], "sent", 0)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bills", type=int, default=2000)
    parser.add_argument("--job-size", type=int, default=JOB_SIZE)
    parser.add_argument("--drain", action="store_true", help="also wait until cups-pdf wrote every job")
    parser.add_argument("--idle-seconds", type=float, default=30,
                        help="the tick loop alone first, for the machine's own gaps (a loaded machine has some)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    load_start, commit = os.getloadavg(), _commit()
    printer = _queue()
    out_dir = Path.home() / "PDF"
    before = set(out_dir.iterdir()) if out_dir.exists() else set()
    try:
        desk = _in_desk(args.bills, printer, args.job_size, args.idle_seconds)
        # Peaks before the floor's in-process render: the desk's own and its children's (the renderer).
        peaks = {"desk": _peak_mb(resource.RUSAGE_SELF), "children": _peak_mb(resource.RUSAGE_CHILDREN)}
        floor = _floor(args.bills)
        drained = _drain(printer, 3600) if args.drain else None
    finally:
        subprocess.run(["cancel", "-a", printer], capture_output=True, env=_C, check=False)
        subprocess.run(["lpadmin", "-x", printer], capture_output=True, env=_C, check=False)
        for path in (set(out_dir.iterdir()) - before) if out_dir.exists() else ():
            path.unlink(missing_ok=True)  # cups-pdf's copies of the benchmark's jobs
    load = os.getloadavg()
    rss = desk["rss_mb"]
    assert isinstance(rss, dict)
    return write("print_batch", {
        "bills": args.bills,
        "job_size": args.job_size,
        "render_only_s": round(floor, 2),
        **desk,
        "ratio_to_render_only": round(float(desk["submitted_s"]) / floor, 2),
        "memory_growth_25_to_100_mb": round(rss["100%"] - rss.get("25%", rss["100%"]), 1),
        "spooler_drained_s": round(drained, 1) if drained is not None else None,
        "goal_longest_gap_ms": 50,
        "peak_rss_mb": peaks,
        "commit": commit,
        "loadavg_start": [round(v, 2) for v in load_start],
        "loadavg": [round(v, 2) for v in load],
    })


if __name__ == "__main__":
    main()
