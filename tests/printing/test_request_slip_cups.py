"""The slip through the desk's real printing path into a real CUPS queue (cups-pdf), read back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image

from desktop.services import requests
from tests.integration.request_helpers import first_account, signed_in

QUEUE = "energodesk-pdf"  # a cups-pdf queue: each job becomes a PDF in ~/PDF


class _Settings:
    def __init__(self, printer: str) -> None:
        self.printer = printer

    def get(self, key: str) -> str:
        return self.printer


class _Desk:
    """Only what print_slip reads of a desk: its settings (the bills printer)."""

    def __init__(self, printer: str) -> None:
        self.settings = _Settings(printer)


def _queue_ready() -> bool:
    if shutil.which("lpstat") is None:
        return False
    out = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True)
    return out.returncode == 0 and "enabled" in out.stdout


@pytest.mark.skipif(not _queue_ready(), reason=f"no enabled CUPS queue {QUEUE}")
def test_the_slip_reaches_the_spooler_and_comes_out_as_one_page(qapp, db, demo_logins, tmp_path) -> None:
    from desktop.views.slip_printing import print_slip

    ctx = signed_in(db, "sam.op1")
    made = requests.register_request(ctx, first_account(ctx), "complaint", "Долго ждал в очереди")
    title = f"slip-test-{os.getpid()}-{db.engine.dialect.name}"
    out = Path.home() / "PDF"
    before = set(out.glob("*.pdf")) if out.is_dir() else set()
    print_slip(_Desk(QUEUE), requests.slip_pdf(ctx, made.id), title)
    deadline = time.monotonic() + 90
    found: list[Path] = []
    while time.monotonic() < deadline and not found:
        time.sleep(0.5)
        found = [p for p in set(out.glob("*.pdf")) - before if title in p.name] if out.is_dir() else []
    assert found, f"no job {title} came out of {QUEUE}"
    info = subprocess.run(["pdfinfo", str(found[0])], capture_output=True, text=True)
    while info.returncode != 0 and time.monotonic() < deadline:  # Ghostscript still writing it
        time.sleep(0.5)
        info = subprocess.run(["pdfinfo", str(found[0])], capture_output=True, text=True)
    try:
        assert info.returncode == 0 and re.search(r"^Pages:\s+1$", info.stdout, re.M), info.stdout + info.stderr
        # What came out of the spooler carries the slip's ink, not an empty page.
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(found[0]), str(tmp_path / "out")],
                       check=True)
        assert sum(Image.open(tmp_path / "out.png").convert("L").histogram()[:128]) > 500
    finally:
        found[0].unlink()
