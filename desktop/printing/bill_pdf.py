"""The A4 electricity bill (ЕПД-like) with its tear-off slip, drawn straight on the canvas."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from desktop.core.documents import BillDocument, period_label
from desktop.core.payment_qr import qr_matrix
from desktop.printing.fonts import BOLD, REGULAR, new_canvas
from desktop.printing.formats import (
    fmt_date,
    fmt_int,
    fmt_reading,
    fmt_tariff,
    format_rub,
)
from desktop.printing.qr import draw_qr

PAGE_W, PAGE_H = A4
MARGIN = 12 * mm
WIDTH = PAGE_W - 2 * MARGIN
RIGHT = MARGIN + WIDTH
SLIP_H = 84 * mm          # tear-off part, from the bottom margin to the cut line
BODY_BOTTOM = MARGIN + SLIP_H + 4 * mm
QR_SIZE = 32 * mm
ROW_H = 13.0

# (title, width in pt, right-aligned); the last column takes what is left.
_CHARGE_COLS = (
    ("Зона суток", 80, False),
    ("Способ определения\nобъёма", 92, False),
    ("Предыдущие\nпоказания", 62, True),
    ("Текущие\nпоказания", 62, True),
    ("Расход,\nкВт·ч", 58, True),
    ("Тариф,\nруб./кВт·ч", 62, True),
    ("Начислено,\nруб.", None, True),
)
_RECALC_COLS = (
    ("Зона суток", 80, False),
    ("Основание перерасчёта", 216, False),
    ("Объём,\nкВт·ч", 58, True),
    ("Тариф,\nруб./кВт·ч", 62, True),
    ("Сумма,\nруб.", None, True),
)


def _widths(cols: tuple[tuple[str, int | None, bool], ...]) -> list[float]:
    fixed = [w for _, w, _ in cols if w is not None]
    return [float(w) if w is not None else WIDTH - sum(fixed) for _, w, _ in cols]


def _rub(kopecks: int) -> str:
    return format_rub(kopecks, symbol=False)


class _BillPainter:
    """Draws one bill; keeps the vertical cursor and starts a continuation page when needed."""

    def __init__(self, canvas: Canvas, doc: BillDocument) -> None:
        self.c = canvas
        self.doc = doc
        self.month = period_label(doc.period)
        self.y = PAGE_H - MARGIN
        self.matrix = qr_matrix(doc.qr_payload)  # encoded once, drawn twice

    # -- small drawing helpers --

    def text(self, x: float, y: float, s: str, size: float = 8, bold: bool = False) -> None:
        self.c.setFont(BOLD if bold else REGULAR, size)
        self.c.drawString(x, y, s)

    def rtext(self, x: float, y: float, s: str, size: float = 8, bold: bool = False) -> None:
        self.c.setFont(BOLD if bold else REGULAR, size)
        self.c.drawRightString(x, y, s)

    def wrapped(self, x: float, y: float, s: str, width: float, size: float = 8,
                bold: bool = False, leading: float | None = None) -> float:
        """Draw wrapped text from baseline y down; return the baseline after the last line."""
        leading = leading or size * 1.22
        for line in simpleSplit(s, BOLD if bold else REGULAR, size, width) or [""]:
            self.text(x, y, line, size, bold)
            y -= leading
        return y

    def ensure(self, height: float) -> None:
        if self.y - height >= BODY_BOTTOM:
            return
        self.c.showPage()
        self.y = PAGE_H - MARGIN
        self.text(MARGIN, self.y - 9, f"Счёт за электроэнергию за {self.month}, "
                  f"лицевой счёт {self.doc.account} — продолжение", 9, True)
        self.y -= 20

    # -- blocks --

    def header(self) -> None:
        p, doc, top = self.doc.payee, self.doc, self.y
        y = self.wrapped(MARGIN, top - 10, p.name, 250, 11, True, 13)
        for line in (
            p.address,
            f"ИНН {p.inn}   КПП {p.kpp}",
            f"р/с {p.personal_acc}",
            f"в {p.bank_name}",
            f"БИК {p.bic}   к/с {p.corresp_acc}",
            f"Тел. {p.phone}   {p.email}   {p.website}",
        ):
            y = self.wrapped(MARGIN, y, line, 300, 7.5, leading=9.2)
        left_bottom = y

        x = RIGHT - 205
        self.c.setFillGray(0.93)
        self.c.rect(x, top - 92, 205, 92, stroke=0, fill=1)
        self.c.setFillGray(0)
        self.text(x + 8, top - 16, "СЧЁТ за электроэнергию", 12, True)
        self.text(x + 8, top - 31, f"за {self.month}", 12, True)
        self.text(x + 8, top - 50, "Лицевой счёт", 8)
        self.text(x + 72, top - 51, doc.account, 12, True)
        self.text(x + 8, top - 67, f"Дата выставления: {fmt_date(doc.issue_date)}", 8)
        self.text(x + 8, top - 81, f"Оплатить до: {fmt_date(doc.due_date)}", 8, True)
        self.y = min(left_bottom, top - 92) - 6
        self.c.setLineWidth(0.8)
        self.c.line(MARGIN, self.y, RIGHT, self.y)
        self.y -= 12

    def payer(self) -> None:
        doc, top = self.doc, self.y
        lx, lw = MARGIN, WIDTH * 0.6
        self.text(lx, top, "Плательщик:", 8)
        y = self.wrapped(lx + 62, top, doc.payer_name, lw - 62, 9, True)
        self.text(lx, y, "Адрес:", 8)
        y = self.wrapped(lx + 62, y, doc.address, lw - 62, 8)
        self.text(lx, y, f"Проживающих: {doc.residents}", 8)
        y -= 10
        y = self.wrapped(lx, y, f"Группа потребителей: {doc.consumer_group}", lw, 8)

        rx = MARGIN + WIDTH * 0.62
        ry = top
        for label, value in (
            ("Расчётный период:", self.month),
            ("Прибор учёта №:", doc.meter_serial),
            ("Отделение:", doc.branch_name),
        ):
            self.text(rx, ry, label, 8)
            ry = self.wrapped(rx + 82, ry, value, RIGHT - rx - 82, 8, label == "Прибор учёта №:")
        self.y = min(y, ry) - 4

    def table_header(self, cols: tuple[tuple[str, int | None, bool], ...]) -> list[float]:
        widths = _widths(cols)
        h = 21.0
        self.c.setFillGray(0.9)
        self.c.rect(MARGIN, self.y - h, WIDTH, h, stroke=0, fill=1)
        self.c.setFillGray(0)
        x = MARGIN
        for (title, _, right), w in zip(cols, widths):
            for i, part in enumerate(title.split("\n")):
                yy = self.y - 8.5 - i * 8.5
                if right:
                    self.rtext(x + w - 3, yy, part, 7, True)
                else:
                    self.text(x + 3, yy, part, 7, True)
            x += w
        self.c.setLineWidth(0.5)
        self.c.rect(MARGIN, self.y - h, WIDTH, h, stroke=1, fill=0)
        self.y -= h
        return widths

    def row(self, widths: list[float], cells: list[tuple[str, bool]], height: float = ROW_H,
            bold: bool = False) -> None:
        x = MARGIN
        base = self.y - 9.2
        for (value, right), w in zip(cells, widths):
            if right:
                self.rtext(x + w - 3, base, value, 8, bold)
            elif "\n" in value:
                yy = base
                for part in value.split("\n"):
                    self.text(x + 3, yy, part, 7.5, bold)
                    yy -= 9
            else:
                self.text(x + 3, base, value, 8, bold)
            x += w
        self.c.setLineWidth(0.3)
        self.c.line(MARGIN, self.y - height, RIGHT, self.y - height)
        self.y -= height

    def charges(self) -> None:
        lines = self.doc.charge_lines
        self.ensure(14 + 21 + ROW_H * (len(lines) + 1))
        self.text(MARGIN, self.y - 9, f"Начисления за {self.month}", 9, True)
        self.y -= 14
        top = self.y
        widths = self.table_header(_CHARGE_COLS)
        for ln in lines:
            self.row(widths, [
                (ln.zone, False), (ln.basis, False),
                (fmt_reading(ln.previous_reading), True), (fmt_reading(ln.current_reading), True),
                (fmt_int(ln.kwh), True), (fmt_tariff(ln.tariff_rub_per_kwh), True),
                (_rub(ln.amount_kopecks), True),
            ])
        self.row(widths, [
            ("Итого", False), ("", False), ("", True), ("", True),
            (fmt_int(sum(ln.kwh for ln in lines)), True), ("", True),
            (_rub(self.doc.charges_kopecks), True),
        ], bold=True)
        self._frame(top, widths)
        self.y -= 10

    def recalculations(self) -> None:
        lines = self.doc.recalculation_lines
        if not lines:
            self.ensure(14)
            self.text(MARGIN, self.y - 8, "Перерасчётов в расчётном периоде нет.", 8)
            self.y -= 16
            return
        reason_w = _widths(_RECALC_COLS)[1] - 6
        split = [simpleSplit(ln.reason, REGULAR, 7.5, reason_w) for ln in lines]
        heights = [max(ROW_H, 9 * len(parts) + 4) for parts in split]
        self.ensure(14 + 21 + heights[0])
        self.text(MARGIN, self.y - 9, "Перерасчёты (доначисления «+», уменьшения «−»)", 9, True)
        self.y -= 14
        top = self.y
        widths = self.table_header(_RECALC_COLS)
        for ln, parts, h in zip(lines, split, heights):
            if self.y - h < BODY_BOTTOM:
                self._frame(top, widths)
                self.ensure(h + 21)
                top = self.y
                widths = self.table_header(_RECALC_COLS)
            self.row(widths, [
                (ln.zone, False), ("\n".join(parts), False), (fmt_int(ln.kwh), True),
                (fmt_tariff(ln.tariff_rub_per_kwh), True),
                (format_rub(ln.amount_kopecks, sign=True, symbol=False), True),
            ], height=h)
        self._frame(top, widths)
        self.y -= 10

    def _frame(self, top: float, widths: list[float]) -> None:
        self.c.setLineWidth(0.5)
        self.c.rect(MARGIN, self.y, WIDTH, top - self.y, stroke=1, fill=0)
        x = MARGIN
        for w in widths[:-1]:
            x += w
            self.c.line(x, top, x, self.y)

    def balance(self) -> None:
        doc = self.doc
        opening = doc.opening_balance_kopecks
        rows: list[tuple[str, str]] = [
            ("Переплата на начало периода" if opening > 0 else "Задолженность на начало периода",
             format_rub(abs(opening))),
            (f"Поступило оплат в периоде ({self.month})", format_rub(doc.payments_kopecks)),
            (f"Начислено за {self.month}", format_rub(doc.charges_kopecks)),
            ("Перерасчёты", format_rub(doc.recalculations_kopecks, sign=True)),
        ]
        if doc.closing_debt_kopecks < 0:
            rows.append(("Переплата на конец периода", format_rub(-doc.closing_debt_kopecks)))
        height = 14 * len(rows) + 34
        self.ensure(max(height, QR_SIZE + 14) + 14)
        top = self.y
        box_w = WIDTH - QR_SIZE - 16
        self.c.setLineWidth(0.5)
        self.c.rect(MARGIN, top - height, box_w, height, stroke=1, fill=0)
        y = top - 13
        for label, value in rows:
            self.text(MARGIN + 6, y, label, 8.5)
            self.rtext(MARGIN + box_w - 6, y, value, 8.5)
            y -= 14
        self.c.setFillGray(0.9)
        self.c.rect(MARGIN + 0.5, y - 22, box_w - 1, 26, stroke=0, fill=1)
        self.c.setFillGray(0)
        self.text(MARGIN + 6, y - 8, "ИТОГО К ОПЛАТЕ", 11, True)
        self.rtext(MARGIN + box_w - 6, y - 9, format_rub(doc.amount_due_kopecks), 13, True)
        self.text(MARGIN + 6, y - 19, f"Оплатить до {fmt_date(doc.due_date)}", 7.5)
        qx = RIGHT - QR_SIZE
        draw_qr(self.c, self.matrix, qx, top - QR_SIZE, QR_SIZE)
        self.c.setFont(REGULAR, 6.5)
        self.c.drawCentredString(qx + QR_SIZE / 2, top - QR_SIZE - 6, "Оплата по QR-коду")
        self.c.drawCentredString(qx + QR_SIZE / 2, top - QR_SIZE - 13, "в приложении банка")
        self.y = top - max(height, QR_SIZE + 14) - 14

    def notes(self) -> None:
        p = self.doc.payee
        note = (
            "Передавайте показания прибора учёта ежемесячно: в личном кабинете на сайте "
            f"{p.website}, по телефону {p.phone} или на отрывной части этого счёта. Если "
            "показания не переданы, объём определяется по среднему, а затем по нормативу "
            "(Правила, утв. ПП РФ от 06.05.2011 № 354). Оплата без комиссии — в центрах "
            "обслуживания клиентов."
        )
        self.ensure(30)
        self.y = self.wrapped(MARGIN, self.y, note, WIDTH, 7, leading=8.6)

    def slip(self) -> None:
        """The tear-off part: handed in with the payment, repeats everything a cashier needs."""
        c, doc, p = self.c, self.doc, self.doc.payee
        cut = MARGIN + SLIP_H
        c.setDash(4, 3)
        c.setLineWidth(0.6)
        c.line(MARGIN, cut, RIGHT, cut)
        c.setDash()
        c.setFillGray(1)
        c.rect(PAGE_W / 2 - 40, cut - 4, 80, 8, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(REGULAR, 6.5)
        c.drawCentredString(PAGE_W / 2, cut - 2.3, "\u2702 линия отреза")

        top, bottom = cut - 6 * mm, MARGIN
        label_w = 28 * mm
        c.setLineWidth(0.6)
        c.rect(MARGIN, bottom, WIDTH, top - bottom, stroke=1, fill=0)
        c.line(MARGIN + label_w, bottom, MARGIN + label_w, top)
        self.text(MARGIN + 4, top - 14, "ИЗВЕЩЕНИЕ", 9, True)
        self.wrapped(MARGIN + 4, top - 26, "(сдаётся при оплате вместе с показаниями)",
                     label_w - 8, 6.5)
        self.text(MARGIN + 4, bottom + 8, "Кассир", 7.5)

        x = MARGIN + label_w + 6
        qx = RIGHT - QR_SIZE - 4
        text_w = qx - x - 6
        y = top - 12
        self.text(x, y, "Получатель:", 7.5)
        y = self.wrapped(x + 58, y, p.name, text_w - 58, 8.5, True, 10)
        for line in (
            f"ИНН {p.inn}   КПП {p.kpp}   р/с {p.personal_acc}",
            f"в {p.bank_name}   БИК {p.bic}   к/с {p.corresp_acc}",
        ):
            y = self.wrapped(x, y, line, text_w, 7.5, leading=9.2)
        y -= 3
        self.text(x, y, "Плательщик:", 7.5)
        y = self.wrapped(x + 58, y, doc.payer_name, text_w - 58, 8.5, True, 10)
        self.text(x, y, "Адрес:", 7.5)
        y = self.wrapped(x + 58, y, doc.address, text_w - 58, 7.5, leading=9.2)
        y -= 4
        self.text(x, y, "Лицевой счёт:", 8)
        self.text(x + 66, y, doc.account, 11, True)
        self.text(x + 175, y, f"Период: {self.month}", 8)
        y -= 15
        self.text(x, y, "К оплате:", 8)
        self.text(x + 66, y, format_rub(doc.amount_due_kopecks), 11, True)
        self.text(x + 175, y, f"Оплатить до {fmt_date(doc.due_date)}", 8)
        y -= 15
        self.text(x, y, "Сумма платежа: ____________ руб. ____ коп.", 8)
        draw_qr(c, self.matrix, qx, top - QR_SIZE - 2, QR_SIZE)

        self.readings_blank(x, min(y - 8, top - QR_SIZE - 6), RIGHT - 4 - x)
        self.text(x, bottom + 8, "Подпись плательщика ________________", 7.5)
        self.text(x + 200, bottom + 8, "Дата ____.____.________", 7.5)

    def readings_blank(self, x: float, top: float, width: float) -> None:
        zones = list(dict.fromkeys(ln.zone for ln in self.doc.charge_lines)) or ["Показания"]
        self.text(x, top - 8, f"Показания прибора учёта № {self.doc.meter_serial}", 7.5, True)
        top -= 12
        cols = [width * 0.28, width * 0.28, width * 0.44]
        titles = ["Зона суток", "Предыдущие показания", "Текущие показания (заполняет плательщик)"]
        h = 12.0
        self.c.setLineWidth(0.4)
        self.c.setFillGray(0.92)
        self.c.rect(x, top - h, width, h, stroke=0, fill=1)
        self.c.setFillGray(0)
        cx = x
        for title, w in zip(titles, cols):
            self.text(cx + 3, top - 8.5, title, 6.5, True)
            cx += w
        last = {ln.zone: ln.current_reading for ln in self.doc.charge_lines}
        for i, zone in enumerate(zones, start=1):
            self.text(x + 3, top - h * i - 8.5, zone, 7.5)
            self.text(x + cols[0] + 3, top - h * i - 8.5, fmt_reading(last.get(zone)), 7.5)
        bottom = top - h * (len(zones) + 1)
        self.c.rect(x, bottom, width, top - bottom, stroke=1, fill=0)
        cx = x
        for w in cols[:-1]:
            cx += w
            self.c.line(cx, top, cx, bottom)
        for i in range(1, len(zones) + 1):
            self.c.line(x, top - h * i, x + width, top - h * i)

    def paint(self) -> None:
        self.header()
        self.payer()
        self.charges()
        self.recalculations()
        self.balance()
        self.notes()
        self.slip()
        self.c.showPage()


def draw_bill(canvas: Canvas, doc: BillDocument) -> None:
    """Draw one bill on the canvas, ending its last page (usually it has one)."""
    _BillPainter(canvas, doc).paint()


def _set_info(canvas: Canvas, title: str) -> None:
    canvas.setTitle(title)
    canvas.setAuthor("EnergoDesk")
    canvas.setCreator("EnergoDesk")


def render_bill(doc: BillDocument) -> bytes:
    """One bill as PDF bytes."""
    buf = io.BytesIO()
    canvas = new_canvas(buf, A4)
    _set_info(canvas, f"Счёт за {period_label(doc.period)}, л/с {doc.account}")
    draw_bill(canvas, doc)
    canvas.save()
    return buf.getvalue()


def render_bills(docs: Iterable[BillDocument], out_file: str | Path | IO[bytes]) -> int:
    """Write many bills into one PDF; returns the number of bills. See desktop.printing.batch."""
    from desktop.printing.batch import write_batch

    return write_batch(docs, out_file, draw_bill, pagesize=A4, title="Счета за электроэнергию")
