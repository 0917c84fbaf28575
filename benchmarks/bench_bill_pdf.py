"""Bill PDF speed against a bare reportlab page, and a batch's memory staying flat.

Run: PYTHONPATH=. python benchmarks/bench_bill_pdf.py [--rounds 15] [--bills 2000]
Prints JSON and writes benchmarks/results/bill_pdf.json. The machine is shared and noisy,
so variants run interleaved and only medians (and their ratio, same run) are reported.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_bill_pdf.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop.core.payment_qr import qr_matrix
from desktop.printing.bill_pdf import QR_SIZE, draw_bill, render_bill, render_bills
from desktop.printing.fonts import REGULAR, register_fonts
from desktop.printing.samples import sample_bill

RESULTS = Path(__file__).parent / "results" / "bill_pdf.json"
# `python -m benchmarks --smoke`: tiny arguments for a CI run (checks it works, not the targets).
SMOKE_ARGS = ["--rounds", "3", "--bills", "50"]


class _RecordingCanvas(Canvas):
    """Remembers every string the bill draws, to give the bare page the same text."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.strings: list[tuple[str, float, float, float, str]] = []

    def drawString(self, x, y, text, *args, **kwargs):
        self.strings.append((self._fontname, self._fontsize, x, y, text))
        return super().drawString(x, y, text, *args, **kwargs)

    def drawRightString(self, x, y, text, *args, **kwargs):
        self.strings.append((self._fontname, self._fontsize, x - 100, y, text))
        return super().drawRightString(x, y, text, *args, **kwargs)

    def drawCentredString(self, x, y, text, *args, **kwargs):
        self.strings.append((self._fontname, self._fontsize, x - 50, y, text))
        return super().drawCentredString(x, y, text, *args, **kwargs)


def bare_page(strings, payload: str) -> bytes:
    """The floor: same font, same strings, the QR encoded once and drawn twice as one path."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, initialFontName=REGULAR, pageCompression=1)
    for font, size, x, y, text in strings:
        c.setFont(font, size)
        c.drawString(x, y, text)
    matrix = qr_matrix(payload)
    module = QR_SIZE / (len(matrix) + 8)
    for ox, oy in ((450, 420), (450, 150)):
        path = c.beginPath()
        for r, row in enumerate(matrix):
            col = 0
            while col < len(row):          # dark runs as one rect each, like the bill does
                if row[col]:
                    start = col
                    while col < len(row) and row[col]:
                        col += 1
                    path.rect(ox + start * module, oy - r * module, (col - start) * module, module)
                col += 1
        c.drawPath(path, stroke=0, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def _rss_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) in MB; current from /proc where there is one."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        current = pages * resource.getpagesize() / 2**20
    except OSError:
        current = float("nan")
    return round(current, 1), round(peak, 1)


def bench_single(rounds: int) -> dict[str, float]:
    register_fonts()
    docs = [sample_bill(f"{i:012d}", seq=i) for i in range(rounds)]
    recorder = _RecordingCanvas(io.BytesIO(), pagesize=A4, initialFontName=REGULAR)
    draw_bill(recorder, docs[0])
    strings = recorder.strings
    times: dict[str, list[float]] = {"render_bill": [], "bare_canvas": [], "qr_encode": []}
    render_bill(docs[0]), bare_page(strings, docs[0].qr_payload)   # warm-up: imports, fonts
    for doc in docs:
        order = list(times)
        random.shuffle(order)
        for name in order:
            start = time.perf_counter()
            if name == "render_bill":
                render_bill(doc)
            elif name == "qr_encode":      # shared by both pages: shows what is left to win
                qr_matrix(doc.qr_payload)
            else:
                bare_page(strings, doc.qr_payload)
            times[name].append((time.perf_counter() - start) * 1000)
    med = {name: statistics.median(v) for name, v in times.items()}
    return {
        "render_bill_ms": round(med["render_bill"], 2),
        "bare_canvas_ms": round(med["bare_canvas"], 2),
        "ratio": round(med["render_bill"] / med["bare_canvas"], 3),
        "qr_encode_ms": round(med["qr_encode"], 2),
        "ratio_without_qr_encode": round((med["render_bill"] - med["qr_encode"])
                                         / (med["bare_canvas"] - med["qr_encode"]), 3),
        "strings_per_page": len(strings),
        "rounds": rounds,
    }


def bench_batch(bills: int) -> dict[str, object]:
    marks = {max(1, bills // 10): "10%", max(1, bills // 2): "50%"}
    samples: dict[str, dict[str, float]] = {}

    def docs():
        for i in range(1, bills + 1):
            yield sample_bill(f"{i:012d}", seq=i)
            if i in marks:   # sampled after the bill was handed over (and its chunk drawn)
                current, peak = _rss_mb()
                samples[marks[i]] = {"bills": i, "rss_mb": current, "peak_rss_mb": peak}

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "batch.pdf"
        start = time.perf_counter()
        render_bills(docs(), out)
        elapsed = time.perf_counter() - start
        current, peak = _rss_mb()
        samples["100%"] = {"bills": bills, "rss_mb": current, "peak_rss_mb": peak}
        size = out.stat().st_size
    return {
        "bills": bills,
        "ms_per_bill": round(elapsed * 1000 / bills, 2),
        "total_s": round(elapsed, 1),
        "file_mb": round(size / 2**20, 1),
        "memory": samples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved single-bill rounds")
    parser.add_argument("--bills", type=int, default=2000, help="bills in the batch (CI: 50)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    result = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "single": bench_single(args.rounds),
        "batch": bench_batch(args.bills),
        "target_ratio": 1.5,
    }
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
