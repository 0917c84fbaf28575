"""A report table on A4 (portrait, or landscape when wide): title, the table with its header on
every page, the totals line, notes, «Страница N из M»; DejaVu embedded, nothing else."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from desktop.core.table_report import Kind, TableReport, format_cell, is_number
from desktop.printing.fonts import BOLD, REGULAR, register_fonts

MARGIN = 12 * mm
_CHARS = {Kind.TEXT: 22, Kind.INTEGER: 8, Kind.MONEY: 14, Kind.DATE: 10, Kind.DATETIME: 16}


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """Keeps every page until the end, so each can say «Страница N из M»; DejaVu from the start
    (a Canvas without initialFontName leaves an unembedded Helvetica in the file)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The document template passes its own initial font (Helvetica): replace it.
        kwargs["initialFontName"] = REGULAR
        kwargs["initialFontSize"] = 9
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # Canvas.showPage
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:  # Canvas.save
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            width, _ = self._pagesize
            self.setFont(REGULAR, 7.5)
            self.drawRightString(width - MARGIN, MARGIN / 2, f"Страница {number} из {total}")
            super().showPage()
        super().save()


def _widths(report: TableReport, available: float) -> list[float]:
    chars = [c.width or max(_CHARS[c.kind], min(len(c.title) + 2, 18)) for c in report.columns]
    scale = available / sum(chars)
    return [w * scale for w in chars]


def render_report(report: TableReport, *, printed_at: str = "") -> bytes:
    """The report as PDF bytes, ready for the preview and the printer."""
    register_fonts()
    wide = sum(c.width or _CHARS[c.kind] for c in report.columns) > 100
    pagesize = landscape(A4) if wide else A4
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=report.title, author="EnergoDesk",
                            creator="EnergoDesk")
    title = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16, spaceAfter=2)
    small = ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=10.5)
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=9.5)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD)
    numbers = [is_number(c.kind) for c in report.columns]

    def row(values: tuple[Any, ...], style: ParagraphStyle) -> list[Any]:
        out: list[Any] = []
        for column, value, number in zip(report.columns, values, numbers, strict=True):
            text = format_cell(column.kind, value)
            # Numbers stay on one line (plain strings); text wraps inside its column.
            out.append(text if number else Paragraph(_escape(text), style))
        return out

    data = [[Paragraph(_escape(c.title), head) for c in report.columns]]
    data += [row(r, cell) for r in report.rows]
    if report.totals is not None:
        data.append(row(report.totals, head))
    table = LongTable(data, colWidths=_widths(report, pagesize[0] - 2 * MARGIN), repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i, n in enumerate(numbers) if n]
    if report.totals is not None:
        style += [("FONT", (0, -1), (-1, -1), BOLD, 8), ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]
    table.setStyle(TableStyle(style))
    story: list[Any] = [Paragraph(_escape(report.title), title), Paragraph(_escape(report.subtitle), small)]
    if printed_at:
        story.append(Paragraph(_escape(f"Сформирован {printed_at}"), small))
    story += [Spacer(1, 4 * mm), table, Spacer(1, 3 * mm)]
    story += [Paragraph(_escape(note), small) for note in report.notes]
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
