"""Receipt and shift-report PDFs for the cash desk, and the printer boundary.

``receipt_pdf`` and ``shift_report_pdf`` use the reportlab documents of desktop.printing
(receipt_pdf / shift_report_pdf) when they are present; until then a plain text layout is
rendered so that the desk can still hand over a receipt.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import fields
from pathlib import Path
from typing import Any, Protocol

from desktop.core.money import format_rub

log = logging.getLogger("energodesk.printing")

METHOD_NAMES = {"cash": "НАЛИЧНЫМИ", "card": "БЕЗНАЛИЧНЫМИ"}


class PrinterError(RuntimeError):
    """The printer did not take the document (offline, out of paper...)."""


class DocumentPrinter(Protocol):
    """Where printed documents go: a real printer, or a folder of PDF files."""

    def print_pdf(self, pdf: bytes, name: str) -> str: ...


class FolderPrinter:
    """Writes each document as a PDF file (headless desks, tests, "save PDF" fallback)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def print_pdf(self, pdf: bytes, name: str) -> str:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{name}.pdf"
            path.write_bytes(pdf)
        except OSError as error:
            raise PrinterError(f"Не удалось сохранить документ: {error.strerror}") from None
        return str(path)


class SystemPrinter:
    """Sends the PDF to a named printer without a dialog (CUPS `lp`; Windows via the spooler)."""

    def __init__(self, printer: str) -> None:
        self.printer = printer

    def print_pdf(self, pdf: bytes, name: str) -> str:
        try:
            done = subprocess.run(["lp", "-d", self.printer, "-t", name, "-"], input=pdf,
                                  capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PrinterError(f"Принтер {self.printer} недоступен: {error}") from None
        if done.returncode != 0:
            raise PrinterError(f"Принтер {self.printer} не принял документ")
        return self.printer


def make_printer(printer_name: str, folder: Path) -> DocumentPrinter:
    """The printer set in the desk settings, or the PDF folder when none is set."""
    return SystemPrinter(printer_name) if printer_name else FolderPrinter(folder)


# --- rendering ------------------------------------------------------------------------------


def _document(cls: Any, data: Any) -> Any:
    names = {f.name for f in fields(cls)}
    plain = {f.name: getattr(data, f.name) for f in fields(data) if f.name in names}
    return cls(**plain)


def receipt_pdf(data: Any, layout: str = "roll80") -> bytes:
    """The receipt of a payment (desktop.services.payments.ReceiptData) as PDF bytes."""
    try:
        from desktop.core.documents import ReceiptDocument
        from desktop.printing.receipt_pdf import render_receipt
    except ImportError:
        return _plain_pdf(receipt_lines(data), f"Чек {data.receipt_number}")
    return render_receipt(_document(ReceiptDocument, data), layout)  # type: ignore[arg-type]


def shift_report_pdf(report: Any) -> bytes:
    """An X- or Z-report (desktop.services.shifts.ShiftReport) as PDF bytes."""
    try:
        from desktop.core.documents import CashOperationDoc, ShiftReportDocument
        from desktop.printing.shift_report_pdf import render_shift_report
    except ImportError:
        return _plain_pdf(shift_report_lines(report), f"{report.report_type}-отчёт")
    doc = _document(ShiftReportDocument, report)
    ops = tuple(CashOperationDoc(op.direction, op.amount_kopecks, op.at, op.comment)
                for op in report.cash_operations)
    from dataclasses import replace

    return render_shift_report(replace(doc, cash_operations=ops))


def _when(value: Any) -> str:
    # The services give these in the company's zone already (never the PC's zone).
    return value.strftime("%d.%m.%Y %H:%M") if value else ""


def receipt_lines(d: Any) -> list[str]:
    """The receipt as lines of text (also what the plain layout prints)."""
    lines = ["КОПИЯ" if d.is_copy else "", "КАССОВЫЙ ЧЕК", d.operation.upper(), d.seller_name,
             f"ИНН {d.seller_inn}", d.settlement_place, f"Чек № {d.receipt_number}  Смена № {d.shift_number}",
             _when(d.issued_at), f"Кассир: {d.cashier_name}", "", d.item_name,
             f"1 × {format_rub(d.amount_kopecks)}", f"НДС {d.vat_rate_percent}/{100 + d.vat_rate_percent}",
             f"ИТОГ {format_rub(d.amount_kopecks)}", f"{METHOD_NAMES[d.payment_method]} "
             f"{format_rub(d.amount_kopecks)}"]
    if d.cash_tendered_kopecks is not None:
        lines += [f"Получено {format_rub(d.cash_tendered_kopecks)}",
                  f"Сдача {format_rub(d.cash_tendered_kopecks - d.amount_kopecks)}"]
    if d.card_last4:
        lines += [f"Карта ************{d.card_last4}"]
    if d.card_rrn:
        lines += [f"RRN {d.card_rrn}  Код авторизации {d.card_auth_code}"]
    lines += [f"СНО: {d.taxation_system}", d.settlement_method, f"РН ККТ {d.kkt_reg_number}",
              f"ФН {d.fn_number}", f"ФД {d.fd_number}  ФПД {d.fpd}"]
    if d.emulated:
        lines += ["", "НЕ ЯВЛЯЕТСЯ ФИСКАЛЬНЫМ ДОКУМЕНТОМ (эмулятор ККТ)"]
    return [line for line in lines if line is not None]


def shift_report_lines(r: Any) -> list[str]:
    lines = [f"{r.report_type}-ОТЧЁТ" + (" (ЗАКРЫТИЕ СМЕНЫ)" if r.report_type == "Z" else ""),
             r.seller_name, f"ИНН {r.seller_inn}", r.settlement_place, f"Смена № {r.shift_number}",
             f"Кассир: {r.operator_name}", f"Открыта {_when(r.opened_at)}"]
    if r.closed_at:
        lines.append(f"Закрыта {_when(r.closed_at)}")
    lines += ["", f"Размен на начало {format_rub(r.opening_float_kopecks)}",
              f"Наличными: {r.cash_payments_count} на {format_rub(r.cash_payments_kopecks)}",
              f"Картой: {r.card_payments_count} на {format_rub(r.card_payments_kopecks)}",
              f"Возвраты наличными: {r.cash_refunds_count} на {format_rub(r.cash_refunds_kopecks)}",
              f"Возвраты картой: {r.card_refunds_count} на {format_rub(r.card_refunds_kopecks)}",
              f"Внесения {format_rub(r.cash_in_kopecks)}", f"Изъятия {format_rub(r.cash_out_kopecks)}",
              f"Ожидается в кассе {format_rub(r.expected_cash_kopecks)}"]
    if r.counted_cash_kopecks is not None:
        lines += [f"Пересчитано {format_rub(r.counted_cash_kopecks)}",
                  f"Расхождение {format_rub(r.difference_kopecks, sign=True)}"]
        if r.comment:
            lines.append(f"Комментарий: {r.comment}")
    lines += [f"Чеков за смену: {r.receipts_issued}"]
    if r.emulated:
        lines += ["", "НЕ ЯВЛЯЕТСЯ ФИСКАЛЬНЫМ ДОКУМЕНТОМ (эмулятор ККТ)"]
    return lines


def _plain_pdf(lines: list[str], title: str) -> bytes:
    """A plain 80 mm roll of text lines with the bundled DejaVu font."""
    import io

    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from desktop.paths import resources_dir

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(resources_dir() / "fonts" / "DejaVuSans.ttf")))
    width, line_height = 80 * mm, 4.2 * mm
    wrapped: list[str] = []
    for line in lines:
        while len(line) > 42:
            cut = line.rfind(" ", 0, 42)
            cut = cut if cut > 0 else 42
            wrapped.append(line[:cut])
            line = line[cut:].lstrip()
        wrapped.append(line)
    height = (len(wrapped) + 4) * line_height
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(title)
    pdf.setFont("DejaVuSans", 8)
    y = height - 2 * line_height
    for line in wrapped:
        pdf.drawCentredString(width / 2, y, line)
        y -= line_height
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
