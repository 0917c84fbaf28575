"""Where a request's acknowledgement slip goes to paper: the desk's one printing boundary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.printing.spooler import REPORTS
from desktop.views.paper import PaperJob


def print_slip(desk: Any, parent: QWidget, data: bytes, title: str,
               on_result: Callable[[bool, str], None]) -> PaperJob:
    """Send the slip's PDF (A5 on A4 paper) to the desk's reports printer, off the GUI thread.

    The slip is an office document like a report, so it goes where reports go; with no printer
    chosen the operator picks one or saves the PDF. ``on_result(ok, text)`` says where it went.
    """
    job = PaperJob(desk, parent, REPORTS, title, on_result)
    job.print(data)
    return job
