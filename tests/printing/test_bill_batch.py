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
    # Rendered in the child: progress never goes back, passes each job's end and reaches the total.
    done = [d for d, _total in seen]
    assert done == sorted(done) and {2, 4, 5} <= set(done) and seen[-1] == (5, 5)
    assert len(outcome.child_rss_mb) == 3
    pages = [subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True, check=True).stdout
             for p in cups_pdf.printed(3)]
    assert sorted(int(line.split()[-1]) for info in pages for line in info.splitlines()
                  if line.startswith("Pages:")) == [1, 2, 2]


def test_cancel_stops_between_batches_and_sends_no_half_job():
    spooler = Recording()
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 15  # the operator pressed Cancel while bill 15 was being rendered

    outcome = print_bills(PrintService({"bills": "p"}, spooler), _bills(40), 40, "p", "Счета", progress,
                          job_size=10)
    assert outcome.cancelled and outcome.sent == 10 and len(spooler.titles) == 1
    assert spooler.titles == ["Счета (1-10 из 40)"]


def test_cancel_kills_the_rendering_child_and_leaves_no_files(tmp_path, monkeypatch):
    import multiprocessing
    import os
    import signal
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the job files are made here
    spooler = Recording()
    children: list[multiprocessing.process.BaseProcess] = []

    def progress(done: int, total: int) -> bool:
        if done < 12:
            return True
        children.extend(p for p in multiprocessing.active_children() if p.name == "energodesk-render")
        return False  # Cancel while the child renders the second job

    outcome = print_bills(PrintService({"bills": "p"}, spooler), _bills(1000), 1000, "p", "Счета", progress,
                          job_size=10)
    assert outcome.cancelled and outcome.sent == 10 and spooler.titles == ["Счета (1-10 из 1000)"]
    assert len(children) == 1
    assert children[0].exitcode == -signal.SIGKILL  # killed mid-job, not left to finish it
    try:
        os.kill(children[0].pid, 0)
    except ProcessLookupError:
        pass  # and reaped
    else:
        raise AssertionError("the rendering child is still running after Cancel")
    assert not [p for p in multiprocessing.active_children() if p.name == "energodesk-render"]
    assert not list(tmp_path.iterdir())  # the half-rendered job's file is gone


def test_a_rendering_error_in_the_child_is_raised_and_nothing_is_sent():
    import pytest

    from desktop.printing.render_child import RenderFailed

    spooler = Recording()
    with pytest.raises(RenderFailed) as raised:
        print_bills(PrintService({"bills": "p"}, spooler), ["not a bill"], 1, "p", "Счета", lambda d, t: True)
    assert "ошибка подготовки счетов" in str(raised.value) and "Traceback" in raised.value.details
    assert spooler.titles == []


def test_save_as_one_pdf_or_nothing(tmp_path):
    target = tmp_path / "batch.pdf"
    outcome = save_bills(_bills(60), 60, str(target), lambda d, t: d < 50)
    assert outcome.cancelled and not target.exists() and not list(tmp_path.iterdir())
    outcome = save_bills(_bills(3), 3, str(target), lambda d, t: True)
    assert outcome.saved_to == str(target) and target.read_bytes().startswith(b"%PDF")
