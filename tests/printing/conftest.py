"""Helpers that read rendered PDFs back: text, fonts, pixels and QR codes."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def _pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    # pypdf splits wrapped lines and may keep no-break spaces: compare on single spaces.
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def pdf_text():
    """All text of a PDF with whitespace collapsed to single plain spaces."""
    return _pdf_text


@pytest.fixture
def check_fonts(tmp_path: Path):
    """Assert via `pdffonts` that every font is an embedded DejaVu (no Helvetica leak)."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")

    def run(data: bytes) -> None:
        path = tmp_path / "fonts.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
        rows = [(line.split()[0], line.split()[-5]) for line in out]
        assert rows, "no fonts listed"
        for name, embedded in rows:
            assert embedded == "yes", f"{name} is not embedded"
            assert "DejaVuSans" in name and "Helvetica" not in name, name

    return run


@pytest.fixture
def qr_codes(tmp_path: Path):
    """The exact bytes of every QR code zbar finds on page 1 rendered at 200 dpi."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg or pdftoppm is not installed")

    def run(data: bytes) -> bytes:
        pdf = tmp_path / "page.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf),
                        str(tmp_path / "page")], check=True)
        (png,) = tmp_path.glob("page-*.png")
        # -Sbinary: the exact bytes; zbar's text mode guesses the charset (perf-notes pitfall 6).
        result = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", str(png)],
                                capture_output=True)
        return result.stdout

    return run
