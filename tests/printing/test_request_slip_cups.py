"""The slip through the desk's printing boundary into a real CUPS queue (cups-pdf), read back."""

from __future__ import annotations

import re
import subprocess

from PIL import Image

from desktop.printing.spooler import REPORTS, PrintService
from desktop.services import requests
from tests.cups_fixtures import CupsPdf, cups_pdf  # noqa: F401 - the fixture
from tests.integration.request_helpers import first_account, signed_in


def test_the_slip_reaches_the_spooler_and_comes_out_as_one_page(db, demo_logins, tmp_path,
                                                                 cups_pdf: CupsPdf) -> None:
    ctx = signed_in(db, "sam.op1")
    made = requests.register_request(ctx, first_account(ctx), "complaint", "Долго ждал в очереди")
    # The slip goes where views/slip_printing.py sends it: the reports printer of the desk.
    service = PrintService({REPORTS: cups_pdf.name})
    done = service.print_pdf(requests.slip_pdf(ctx, made.id), REPORTS, title=f"Обращение {made.number}")
    assert done.printer == cups_pdf.name
    [out] = cups_pdf.printed(1, timeout=90)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M), info.stdout
    # What came out of the spooler carries the slip's ink, not an empty page; the number's digits survive.
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(out), str(tmp_path / "out")], check=True)
    assert sum(Image.open(tmp_path / "out.png").convert("L").histogram()[:128]) > 500
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert made.number.split("-")[-1] in text
