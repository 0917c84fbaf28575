"""Receipt and shift report PDFs: notices, copy mark, change, masked card, page sizes."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from desktop.core.documents import OPERATION_INCOME_REFUND, PAY_CARD
from desktop.printing.receipt_pdf import render_receipt
from desktop.printing.samples import sample_receipt, sample_shift_report
from desktop.printing.shift_report_pdf import render_shift_report


def _card_receipt(**kw):
    return sample_receipt(payment_method=PAY_CARD, cash_tendered_kopecks=None,
                          card_last4="4242", card_rrn="612345678901", card_auth_code="A1B2C3",
                          **kw)


def test_cash_receipt_content(pdf_text):
    text = pdf_text(render_receipt(sample_receipt()))
    assert text.count("НЕ ЯВЛЯЕТСЯ ФИСКАЛЬНЫМ") == 2
    assert "КОПИЯ" not in text
    assert "КАССОВЫЙ ЧЕК" in text and "ПРИХОД" in text
    assert "Оплата электроэнергии по л/с 012345678901" in text
    assert "ИТОГ" in text and "1 234,56 ₽" in text
    assert "СДАЧА" in text and "765,44 ₽" in text
    assert "НДС 22/122" in text and "222,63 ₽" in text
    assert "Смена № 245" in text and "Чек № 17" in text and "03.12.2026 10:42" in text


def test_copy_mark_and_refund(pdf_text):
    text = pdf_text(render_receipt(sample_receipt(is_copy=True,
                                                operation=OPERATION_INCOME_REFUND)))
    assert "КОПИЯ" in text and "ВОЗВРАТ ПРИХОДА" in text


def test_card_receipt_shows_last_four_digits_only(pdf_text):
    text = pdf_text(render_receipt(_card_receipt()))
    assert "**** 4242" in text and "612345678901" in text and "A1B2C3" in text
    assert "БЕЗНАЛИЧНЫМИ" in text and "СДАЧА" not in text


@pytest.mark.parametrize("layout", ["roll80", "a4"])
def test_page_sizes_and_fonts(layout, check_fonts):
    for data in (render_receipt(sample_receipt(), layout),
                 render_shift_report(sample_shift_report(), layout)):
        box = PdfReader(io.BytesIO(data)).pages[0].mediabox
        if layout == "roll80":
            assert float(box.width) == pytest.approx(80 * mm)
            assert 80 * mm < float(box.height) < 300 * mm     # fitted to the content
        else:
            assert (round(float(box.width)), round(float(box.height))) == (595, 842)
        check_fonts(data)


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="roll80"):
        render_receipt(sample_receipt(), "a5")  # type: ignore[arg-type]


def test_z_report_content(pdf_text):
    text = pdf_text(render_shift_report(sample_shift_report("Z")))
    assert "ОТЧЁТ О ЗАКРЫТИИ СМЕНЫ" in text and "НЕ ЯВЛЯЕТСЯ ФИСКАЛЬНЫМ" in text
    assert "Закрыта" in text and "03.12.2026 18:05" in text
    assert "42 шт. / 56 789,12 ₽" in text and "31 шт. / 43 210,00 ₽" in text
    assert "Должно быть в кассе" in text and "32 554,56 ₽" in text
    assert "Недостача" in text and "1 000,00 ₽" in text
    assert "Инкассация" in text and "−30 000,00 ₽" in text


def test_x_report_is_marked_as_interim(pdf_text):
    text = pdf_text(render_shift_report(sample_shift_report("X"), "a4"))
    assert "ОТЧЁТ БЕЗ ГАШЕНИЯ" in text and "Закрыта" not in text
