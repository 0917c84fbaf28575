"""The A4 report document: title, header on every page, totals, «Страница N из M», DejaVu only."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfReader

from desktop.core.table_report import Column, Kind, TableReport
from desktop.printing.report_pdf import render_report


def _report(days: int) -> TableReport:
    start = date(2026, 1, 1)
    rows = tuple((start + timedelta(days=i), 1000_00 + i, 0, 123_45, 0, 1123_45 + i, 3) for i in range(days))
    columns = (Column("День", Kind.DATE), Column("Наличные", Kind.MONEY), Column("Карта", Kind.MONEY),
               Column("Банк", Kind.MONEY), Column("Онлайн", Kind.MONEY), Column("Итого", Kind.MONEY),
               Column("Платежей", Kind.INTEGER))
    totals = ("Итого", sum(r[1] for r in rows), 0, 123_45 * days, 0, sum(r[5] for r in rows), 3 * days)
    return TableReport("Сборы по дням", f"с 01.01.2026 по {rows[-1][0]:%d.%m.%Y}", columns, rows, totals,
                       ("Суммы — за вычетом возвратов.",))


def test_a_long_report_on_several_a4_pages(pdf_text, check_fonts):
    data = render_report(_report(120), printed_at="15.12.2026 10:00")
    assert data.startswith(b"%PDF")
    check_fonts(data)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 3
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    texts = [" ".join(page.extract_text().replace("\u00a0", " ").split()) for page in pages]
    assert texts[0].startswith("Сборы по дням с 01.01.2026 по 30.04.2026 Сформирован 15.12.2026 10:00")
    for number, text in enumerate(texts, start=1):
        assert "День Наличные Карта Банк Онлайн Итого Платежей" in text  # the header on every page
        assert f"Страница {number} из {len(pages)}" in text
    everything = pdf_text(data)
    assert "01.01.2026 1 000,00 ₽ 0,00 ₽ 123,45 ₽ 0,00 ₽ 1 123,45 ₽ 3" in everything
    assert "Итого 120 071,40 ₽ 0,00 ₽ 14 814,00 ₽ 0,00 ₽ 134 885,40 ₽ 360" in texts[-1]
    assert "Суммы — за вычетом возвратов." in texts[-1]


def test_a_wide_report_turns_the_page(check_fonts):
    columns = (Column("Отделение", width=11), Column("Лицевой счёт", width=14), Column("ФИО"),
               Column("Адрес", width=40), Column("Долг", Kind.MONEY), Column("Начислено", Kind.MONEY),
               Column("Последняя оплата", Kind.DATE))
    rows = (("SAM", "012345678901", "Иванова Мария Петровна", "г. Самара, ул. Ленина, д. 1, кв. 2 " * 3, 5000_00,
             1200_00, None),)
    data = render_report(TableReport("Должники", "на 15.12.2026", columns, rows))
    check_fonts(data)
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    assert "012345678901" in page.extract_text()
