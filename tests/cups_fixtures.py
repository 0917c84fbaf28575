"""A real CUPS server with cups-pdf queues for the printing tests, and what those queues printed.

Under CI=true a missing CUPS fails the test (like PostgreSQL); elsewhere it skips.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
_names = itertools.count(1)
_C = {**os.environ, "LC_ALL": "C"}


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CUPS is required under CI=true: {message}")
    pytest.skip(message)


def cups_output_dir() -> Path:
    """The folder cups-pdf writes to: `Out` of /etc/cups/cups-pdf.conf, ${HOME} of this user."""
    out = "${HOME}/PDF"
    try:
        for line in Path("/etc/cups/cups-pdf.conf").read_text().splitlines():
            if line.strip().startswith("Out "):
                out = line.split(None, 1)[1].strip()
    except OSError:
        pass
    home = pwd.getpwuid(os.getuid()).pw_dir
    return Path(out.replace("${HOME}", home).replace("${USER}", pwd.getpwuid(os.getuid()).pw_name))


def _job_id(path: Path) -> str:
    """The CUPS job id cups-pdf appended to the file name (``...-job_161.pdf``), or ''."""
    found = re.search(r"-job_(\d+)$", path.stem)
    return found.group(1) if found else ""


def lp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, env=_C, check=False, timeout=30)


class CupsPdf:
    """One cups-pdf queue of this test: its name, and the PDFs it printed (read back from disk)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.folder = cups_output_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.seen = set(self.folder.iterdir())
        self.before = set(self.seen)

    def printed(self, count: int = 1, timeout: float = 60) -> list[Path]:
        """Waits for ``count`` new PDFs from this queue (cups-pdf writes a second or two after lp).

        The output folder is shared by every queue of this user (other tests, other checkouts on
        the same machine): a PDF counts only when its ``-job_N`` suffix (the PPD's Label 2) is a
        job of this queue.
        """
        deadline = time.monotonic() + timeout
        new: list[Path] = []
        while time.monotonic() < deadline:
            jobs = self._jobs()
            new = sorted((p for p in self.folder.iterdir() if p not in self.seen and p.suffix == ".pdf"
                          and _job_id(p) in jobs and self._complete(p)), key=lambda p: p.stat().st_mtime)
            if len(new) >= count:
                self.seen.update(new)
                return new
            time.sleep(0.2)
        raise AssertionError(f"{self.name}: {count} PDF(s) expected in {self.folder}, found {len(new)}")

    def _jobs(self) -> set[str]:
        """The ids of every job this queue has had (``lpstat -W all -o QUEUE``: QUEUE-ID per line)."""
        out = lp("lpstat", "-W", "all", "-o", self.name).stdout
        return {line.split()[0].rsplit("-", 1)[-1] for line in out.splitlines() if line.strip()}

    @staticmethod
    def _complete(path: Path) -> bool:
        try:
            return path.stat().st_size > 0 and path.read_bytes().rstrip().endswith(b"%%EOF")
        except OSError:
            return False

    def disable(self) -> None:
        assert lp("cupsdisable", self.name).returncode == 0

    def enable(self) -> None:
        assert lp("cupsenable", self.name).returncode == 0

    def remove(self) -> None:
        lp("lpadmin", "-x", self.name)

    def clean(self) -> None:
        """Delete what this queue printed (cups-pdf keeps every job in the user's folder)."""
        for path in self.seen - self.before:
            path.unlink(missing_ok=True)

    def add(self) -> None:
        done = lp("lpadmin", "-p", self.name, "-v", "cups-pdf:/", "-E", "-P", PPD)
        assert done.returncode == 0, done.stderr


@pytest.fixture
def cups_pdf() -> Iterator[CupsPdf]:
    """A fresh cups-pdf queue for this test (removed afterwards), on the running CUPS server."""
    if shutil.which("lpadmin") is None or shutil.which("lpstat") is None:
        _missing("CUPS is not installed (apt-get install cups printer-driver-cups-pdf)")
    if not Path(PPD).exists():
        _missing("cups-pdf is not installed (apt-get install printer-driver-cups-pdf)")
    if "scheduler is running" not in lp("lpstat", "-r").stdout:
        _missing("the CUPS scheduler is not running (./run.sh test starts it)")
    queue = CupsPdf(f"energodesk-test-{os.getpid()}-{next(_names)}")
    queue.add()
    try:
        yield queue
    finally:
        queue.remove()
        queue.clean()


def pdf_text(path: Path) -> str:
    """What pdftotext extracts (Ghostscript drops the fonts' ToUnicode: digits survive, Cyrillic not)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_size_pt(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert found, info
    return float(found.group(1)), float(found.group(2))


def qr_payloads(path: Path, tmp: Path) -> bytes:
    """The exact bytes of every QR code on page 1 at 200 dpi, end to end (zbarimg -Sbinary, pitfall 6)."""
    png = tmp / f"qr-{path.stem}"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", str(path), str(png)],
                   check=True)
    result = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", f"{png}.png"], capture_output=True, check=False)
    return result.stdout

