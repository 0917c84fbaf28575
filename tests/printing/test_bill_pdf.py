"""The bill PDF: content read back, fonts embedded, QR codes decoded to the exact payload."""

from __future__ import annotations

import dataclasses
import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from desktop.core.documents import BillDocument
from desktop.core.money import format_rub
from desktop.printing.batch import write_batch
from desktop.printing.bill_pdf import draw_bill, render_bill, render_bills
from desktop.printing.samples import sample_bill


def _squash(text: str) -> str:
    # The pdf_text fixture collapses whitespace and no-break spaces; do the same here.
    return " ".join(text.replace("\u00a0", " ").split())


def test_bill_text_has_account_amounts_and_period(pdf_text):
    bill = sample_bill()
    data = render_bill(bill)
    assert data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = (pdf_text(data))
    assert bill.account in text
    assert "СЧЁТ за электроэнергию" in text
    assert "за ноябрь 2026" in text
    assert "10.12.2026" in text and "01.12.2026" in text
    for kopecks in (bill.amount_due_kopecks, bill.payments_kopecks, bill.charges_kopecks,
                    -bill.opening_balance_kopecks):
        assert _squash(format_rub(kopecks)) in text
    assert _squash(format_rub(bill.recalculations_kopecks, sign=True)) in text
    assert "по прибору учёта" in text and "7,28" in text and "3,64" in text
    assert "п. 61 Правил № 354" in text                  # recalculation reason
    assert "ИЗВЕЩЕНИЕ" in text and "линия отреза" in text
    assert text.count(bill.account) >= 2                   # bill and tear-off slip


def test_bill_fonts_are_embedded_dejavu_only(check_fonts):
    check_fonts(render_bill(sample_bill()))


def test_both_qr_codes_decode_to_the_exact_payload(qr_codes):
    bill = sample_bill()
    payload = bill.qr_payload.encode("utf-8")
    assert qr_codes(render_bill(bill)) == payload * 2      # the bill and the slip


def test_long_bill_continues_on_a_second_page():
    bill = sample_bill(recalculations=12)
    reader = PdfReader(io.BytesIO(render_bill(bill)))
    assert len(reader.pages) == 2
    last = _squash(reader.pages[1].extract_text())
    assert "продолжение" in last and "ИЗВЕЩЕНИЕ" in last
    assert _squash(format_rub(bill.amount_due_kopecks)) in last


def test_overpaid_bill_shows_overpayment_and_zero_due(pdf_text):
    bill = dataclasses.replace(sample_bill(), opening_balance_kopecks=1_000_000,
                               amount_due_kopecks=0)
    text = (pdf_text(render_bill(bill)))
    assert "Переплата на начало периода" in text and "Переплата на конец периода" in text
    assert "0,00 ₽" in text


def test_batch_is_one_pdf_in_order(tmp_path, check_fonts):
    bills = [sample_bill(f"{i:012d}", seq=i) for i in range(7)]
    out = tmp_path / "batch.pdf"
    assert render_bills(iter(bills), out) == 7
    reader = PdfReader(out)
    assert len(reader.pages) == 7
    for page, bill in zip(reader.pages, bills):
        assert bill.account in page.extract_text()
    check_fonts(out.read_bytes())


def test_batch_across_chunks():
    bills = (sample_bill(f"{i:012d}", seq=i) for i in range(8))
    buf = io.BytesIO()
    assert write_batch(bills, buf, draw_bill, pagesize=A4, title="т", chunk=3) == 8
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert [p.extract_text().count(f"{i:012d}") >= 2 for i, p in enumerate(reader.pages)] == [
        True] * 8
    fonts = {f["/BaseFont"] for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert len(fonts) == 6                                  # 3 chunks x 2 faces, unique tags


def test_stored_json_renders_the_same_text(pdf_text):
    bill = sample_bill()
    again = BillDocument.from_json(bill.to_json())
    assert pdf_text(render_bill(again)) == pdf_text(render_bill(bill))
