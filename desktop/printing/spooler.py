"""The one printing boundary: a PDF and its document kind in; printed on that kind's printer, or PrintError.

Qt-free. On Linux and macOS the PDF itself goes to the system spooler (CUPS, through ``lp``), so
the printer gets vector text and a small job; on Windows ``desktop.printing.qt_spooler`` prints
it through Qt page by page. Callers run it off the GUI thread (the desk's serial runner).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

BILLS, RECEIPTS, REPORTS = "bills", "receipts", "reports"
KINDS = (BILLS, RECEIPTS, REPORTS)
KIND_NAMES = {BILLS: "счетов", RECEIPTS: "чеков", REPORTS: "отчётов"}

# A receipt is only "printed" once the spooler says the job completed; a bill or a report is
# handed over once the spooler has queued it (a branch batch would otherwise wait for paper).
WAIT_SECONDS = {BILLS: 0.0, RECEIPTS: 30.0, REPORTS: 0.0}
# The system's printer list is asked again after this long: a printer installed meanwhile shows
# up, while a dialog opened twice in a row does not wait for the spooler again.
LIST_SECONDS = 30.0

_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
_JOB_ID = re.compile(r"request id is (\S+)")
_A4 = (595.0, 842.0)


class PrintError(Exception):
    """Printing failed; ``str(error)`` is one line for the operator."""


class NoPrinterError(PrintError):
    """No printer is chosen for this kind (or none is installed): offer a choice or Save as PDF."""

    def __init__(self, message: str, installed: list[str]) -> None:
        super().__init__(message)
        self.installed = installed


@dataclass(frozen=True)
class Printed:
    """Where a document went: the printer's name and the spooler's job id."""

    printer: str
    job: str


class Spooler(Protocol):
    """A system's printers: the names it reports and a way to hand it a PDF file."""

    def printers(self) -> list[str]: ...

    def submit(self, path: Path, printer: str, title: str, page_pt: tuple[float, float] | None,
               wait: float) -> str: ...


def page_size(pdf: bytes) -> tuple[float, float] | None:
    """The first page's size in points from its /MediaBox (reportlab writes it in the clear)."""
    found = _MEDIA_BOX.search(pdf, 0, 1 << 20)
    if found is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in found.groups())
    return abs(x1 - x0), abs(y1 - y0)


def _media(page_pt: tuple[float, float] | None) -> str:
    if page_pt is None:
        return ""
    width, height = page_pt
    if abs(width - _A4[0]) < 2 and abs(height - _A4[1]) < 2:
        return "A4"
    # A roll receipt: 80 mm wide and as long as its content.
    return f"Custom.{width:.2f}x{height:.2f}"


class CupsSpooler:
    """CUPS through its command-line clients (lp, lpstat, cancel), present on Linux and macOS."""

    def __init__(self, poll: float = 0.2) -> None:
        self.poll = poll

    @staticmethod
    def _run(args: list[str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}  # parse English answers, whatever the desk's locale
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, check=False)
        except FileNotFoundError:
            raise PrintError("Система печати (CUPS) не установлена на этом компьютере.") from None
        except subprocess.TimeoutExpired:
            raise PrintError("Система печати не отвечает. Проверьте службу печати (cupsd).") from None

    def printers(self) -> list[str]:
        if shutil.which("lpstat") is None:
            return []
        done = self._run(["lpstat", "-e"])
        return [line.strip() for line in done.stdout.splitlines() if line.strip()]

    def state(self, printer: str) -> str:
        """'' when the printer takes jobs, else one line saying why it does not."""
        done = self._run(["lpstat", "-p", printer])
        text = (done.stdout + done.stderr).lower()
        if done.returncode != 0 or "invalid destination" in text or not done.stdout.strip():
            if "scheduler is not running" in text or "connect" in text:
                return "Служба печати (CUPS) не запущена."
            return f"Принтера «{printer}» нет в системе. Выберите другой принтер в настройках рабочего места."
        if " disabled " in f" {text} ":
            return f"Принтер «{printer}» остановлен (включите его или выберите другой)."
        accepting = self._run(["lpstat", "-a", printer])
        if "not accepting" in accepting.stdout.lower():
            return f"Принтер «{printer}» не принимает задания (проверьте его или выберите другой)."
        return ""

    def submit(self, path: Path, printer: str, title: str, page_pt: tuple[float, float] | None,
               wait: float) -> str:
        problem = self.state(printer)
        if problem:
            raise PrintError(problem)
        args = ["lp", "-d", printer, "-t", title or "EnergoDesk"]
        media = _media(page_pt)
        if media:
            args += ["-o", f"media={media}"]
        done = self._run([*args, "--", str(path)], timeout=120)
        found = _JOB_ID.search(done.stdout)
        if done.returncode != 0 or found is None:
            reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
            raise PrintError(f"Принтер «{printer}» не принял документ: {reason[0]}".rstrip(": "))
        job = found.group(1)
        if wait > 0:
            self._wait(job, printer, wait)
        return job

    def _wait(self, job: str, printer: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pending = self._run(["lpstat", "-W", "not-completed", "-o", printer]).stdout.split()
            if job not in pending:
                return
            problem = self.state(printer)
            if problem:
                break
            time.sleep(self.poll)
        else:
            problem = f"Принтер «{printer}» не напечатал документ за {seconds:.0f} с."
        # Take the job back: a reprint must not come out twice when the printer wakes up.
        self._run(["cancel", job])
        raise PrintError(problem + " Задание снято.")


def default_spooler() -> Spooler:
    """CUPS on Linux and macOS; Qt's printing on Windows (no spooler that takes a PDF there)."""
    if sys.platform == "win32":
        from desktop.printing.qt_spooler import QtSpooler

        return QtSpooler()
    return CupsSpooler()


class PrintService:
    """Prints a PDF of a document kind on the printer chosen for that kind (or one named)."""

    def __init__(self, chosen: Mapping[str, str] | Callable[[str], str], spooler: Spooler | None = None) -> None:
        self._chosen = chosen
        self.spooler = spooler or default_spooler()
        self._listed: tuple[float, list[str]] | None = None  # (when, names): the last answer of the spooler

    def printer_for(self, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"unknown document kind {kind!r}")
        name = self._chosen(kind) if callable(self._chosen) else self._chosen.get(kind, "")
        return (name or "").strip()

    def printers(self) -> list[str]:
        """The system's printers, asked now (blocking: off the GUI thread); the answer is kept."""
        names = self.spooler.printers()
        self._listed = (time.monotonic(), list(names))
        return names

    def known_printers(self, max_age: float = LIST_SECONDS) -> list[str] | None:
        """The printers listed within ``max_age`` seconds, or None: never asks the spooler (GUI thread)."""
        listed = self._listed
        if listed is None or time.monotonic() - listed[0] > max_age:
            return None
        return list(listed[1])

    def print_pdf(self, pdf: bytes | Path, kind: str, *, printer: str | None = None, title: str = "",
                  wait: float | None = None) -> Printed:
        """Print ``pdf`` (bytes or a file) on ``printer`` or the kind's printer; PrintError says why not."""
        name = (printer or "").strip() or self.printer_for(kind)
        if not name:
            installed = self.printers()
            if installed:
                raise NoPrinterError(f"Принтер для {KIND_NAMES[kind]} не выбран в настройках рабочего места.",
                                     installed)
            raise NoPrinterError("На этом компьютере не установлен ни один принтер.", [])
        seconds = WAIT_SECONDS[kind] if wait is None else wait
        if isinstance(pdf, Path):
            with pdf.open("rb") as head:
                size = page_size(head.read(1 << 16))
            return Printed(name, self.spooler.submit(pdf, name, title, size, seconds))
        if not pdf.startswith(b"%PDF"):
            raise PrintError("Документ не подготовлен к печати (это не PDF).")
        fd, temp = tempfile.mkstemp(prefix="energodesk-print-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(pdf)
            return Printed(name, self.spooler.submit(Path(temp), name, title, page_size(pdf), seconds))
        finally:
            os.unlink(temp)
