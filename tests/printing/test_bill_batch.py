"""A batch of bills: spooler jobs of JOB_SIZE bills on a real cups-pdf queue, cancel between jobs, save as one PDF."""

from __future__ import annotations

import subprocess

from desktop.printing.bill_batch import print_bills, save_bills
from desktop.printing.samples import sample_bill
from desktop.printing.spooler import PrintService


def _bills(n: int):  # type: ignore[no-untyped-def]
    return (sample_bill(f"{i:012d}", seq=i) for i in range(1, n + 1))


class Recording:
    """Takes jobs without paper: for the cancel arithmetic only."""

    def __init__(self) -> None:
        self.titles: list[str] = []

    def printers(self) -> list[str]:
        return ["p"]

    def submit(self, path, printer, title, page_pt, wait):  # type: ignore[no-untyped-def]
        self.titles.append(title)
        return "p-1"


def test_jobs_of_a_few_bills_reach_the_printer(cups_pdf):
    seen: list[tuple[int, int]] = []
    outcome = print_bills(PrintService({"bills": cups_pdf.name}), _bills(5), 5, cups_pdf.name, "Счета SAM",
                          lambda done, total: seen.append((done, total)) or True, job_size=2)
    assert (outcome.sent, outcome.total, outcome.cancelled) == (5, 5, False)
    assert seen == [(2, 5), (4, 5), (5, 5)]
    pages = [subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True, check=True).stdout
             for p in cups_pdf.printed(3)]
    assert sorted(int(line.split()[-1]) for info in pages for line in info.splitlines()
                  if line.startswith("Pages:")) == [1, 2, 2]


def test_cancel_stops_between_batches_and_sends_no_half_job():
    spooler = Recording()
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 150  # the operator pressed Cancel while bill 150 was being rendered

    outcome = print_bills(PrintService({"bills": "p"}, spooler), _bills(400), 400, "p", "Счета", progress,
                          job_size=100)
    assert outcome.cancelled and outcome.sent == 100 and len(spooler.titles) == 1
    assert spooler.titles == ["Счета (1-100 из 400)"]


def test_save_as_one_pdf_or_nothing(tmp_path):
    target = tmp_path / "batch.pdf"
    outcome = save_bills(_bills(60), 60, str(target), lambda d, t: d < 50)
    assert outcome.cancelled and not target.exists() and not list(tmp_path.iterdir())
    outcome = save_bills(_bills(3), 3, str(target), lambda d, t: True)
    assert outcome.saved_to == str(target) and target.read_bytes().startswith(b"%PDF")
