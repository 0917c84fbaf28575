"""The acknowledgement slip of a customer request, rendered from the database and read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from desktop.services import requests
from tests.integration.request_helpers import first_account, signed_in


def test_slip_carries_number_date_kind_text_due_date_and_how_to_ask(db, demo_logins, pdf_text, check_fonts,
                                                                     tmp_path: Path) -> None:
    ctx = signed_in(db, "sam.op1")
    account = first_account(ctx)
    made = requests.register_request(ctx, account, "bill_dispute",
                                     "Прошу пересчитать счёт за октябрь:\nв счёте 13345, передано 12345.", "email")
    data = requests.slip_pdf(ctx, made.id)
    check_fonts(data)
    text = pdf_text(data)
    for expected in ("Талон о регистрации обращения", "№ SAM-2026-000001", "03.11.2026 11:00",
                     "Несогласие со счётом", account, "Электронная почта", "не позднее 18.11.2026",
                     "Прошу пересчитать счёт за октябрь:", "в счёте 13345, передано 12345.",
                     "по телефону", "Узнать, как рассматривается обращение"):
        assert expected in text, expected
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    (tmp_path / "slip.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(tmp_path / "slip.pdf"),
                    str(tmp_path / "slip")], check=True)
    image = Image.open(tmp_path / "slip.png").convert("L")
    assert image.size[0] < image.size[1]  # A5 portrait
    dark = sum(image.histogram()[:128])
    assert dark > 2000  # ink on the page, not a blank sheet


def test_a_text_of_4000_characters_fits_on_more_pages(db, demo_logins, pdf_text) -> None:
    ctx = signed_in(db, "sam.op1")
    long_text = ("Очень длинное обращение о перебоях. " * 120)[:4000]
    made = requests.register_request(ctx, first_account(ctx), "complaint", long_text)
    data = requests.slip_pdf(ctx, made.id)
    text = pdf_text(data)
    assert "Очень длинное обращение о перебоях." in text and "Узнать, как рассматривается" in text
