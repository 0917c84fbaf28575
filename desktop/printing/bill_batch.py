"""A branch's bills for a month to the bills printer: jobs of JOB_SIZE bills, progress, cancel between jobs.

Qt-free worker (the desk runs it on its serial runner; the benchmark calls it directly). Each
job is rendered into a temporary PDF file (flat memory, see desktop.printing.batch) and handed
to the printing boundary, so the printer starts while the rest is still being rendered.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from desktop.printing.spooler import BILLS, PrintService

JOB_SIZE = 250  # bills per spooler job: a printer's queue shows progress; cancelling loses at most one job


@dataclass(frozen=True)
class BatchOutcome:
    """How far a branch batch got: bills sent (or saved), of how many, where."""

    sent: int
    total: int
    printer: str
    cancelled: bool
    saved_to: str = ""


def print_branch(ctx: Any, service: PrintService, period: str, branch: str, printer: str, save_to: str,
                 progress: Callable[[int, int], bool], job_size: int = JOB_SIZE) -> BatchOutcome:
    """Print (or, with ``save_to``, save as one PDF) the branch's bills; ``progress`` False cancels."""
    from desktop.printing.bill_pdf import render_bills
    from desktop.services import billing
    from desktop.services.errors import NotFound

    total = billing.count_branch_bills(ctx, branch, period)
    if total == 0:
        raise NotFound(f"Нет счетов отделения {branch.upper()} за {billing.parse_period(period).name}")
    docs: Iterator[Any] = iter(billing.branch_bill_documents(ctx, branch, period))
    folder = str(Path(save_to).parent) if save_to else None
    done = 0
    while done < total:
        size = total if save_to else job_size
        part = list(islice(docs, size)) if not save_to else None
        fd, temp = tempfile.mkstemp(prefix="energodesk-bills-", suffix=".pdf", dir=folder)
        os.close(fd)
        try:
            stopped = False

            def counted() -> Iterator[Any]:
                nonlocal stopped
                source = part if part is not None else docs
                for i, doc in enumerate(source, start=done + 1):
                    yield doc
                    if i % 50 == 0 and not progress(i, total):
                        stopped = True
                        return

            count = render_bills(counted(), temp)
            if count == 0:
                break
            if save_to:
                if stopped:
                    return BatchOutcome(0, total, "", True)
                os.replace(temp, save_to)
                progress(count, total)
                return BatchOutcome(count, total, "", False, save_to)
            if stopped:
                # Cancelled while rendering this job: it is not sent, nothing prints half.
                return BatchOutcome(done, total, printer, True)
            start = done + 1
            service.print_pdf(Path(temp), BILLS, printer=printer,
                              title=f"Счета {branch.upper()} {period} ({start}-{done + count} из {total})")
            done += count
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        if not progress(done, total) and done < total:
            return BatchOutcome(done, total, printer, True)
    return BatchOutcome(done, total, printer, False)
