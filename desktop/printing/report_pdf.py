"""A report table on A4 (portrait, or landscape when wide): title, the table with its header on
every page, the totals line, notes, «Страница N из M»; DejaVu embedded, nothing else."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from desktop.core.table_report import Kind, TableReport, format_cell, is_number
from desktop.printing.fonts import BOLD, REGULAR, register_fonts

MARGIN = 12 * mm
FONT_SIZE = 8
PADDING = 14  # the cells' left and right padding (6 + 6 pt) and a little air


class _NumberedCanvas(Canvas):
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
        self._startPage()  # type: ignore[attr-defined]  # Canvas's own page reset, not in types-reportlab

    def save(self) -> None:  # Canvas.save
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            width, _ = self._pagesize  # type: ignore[attr-defined]  # as above: the page size of that page
            self.setFont(REGULAR, 7.5)
            self.drawRightString(width - MARGIN, MARGIN / 2, f"Страница {number} из {total}")
            super().showPage()
        super().save()


def _text_width(text: str, bold: bool = False) -> float:
    return float(stringWidth(text, BOLD if bold else REGULAR, FONT_SIZE))


def _natural(report: TableReport) -> tuple[list[float], list[float]]:
    """Per column: the width its longest cell wants, and the least it can take (its longest word)."""
    wanted, least = [], []
    for index, column in enumerate(report.columns):
        texts = [format_cell(column.kind, row[index]) for row in report.all_rows()]
        header_words = max((_text_width(w, bold=True) for w in column.title.split()), default=0.0)
        longest = max((_text_width(t) for t in texts), default=0.0)
        if column.kind is Kind.TEXT:
            words = max((_text_width(w) for t in texts for w in t.split()), default=0.0)
            least.append(max(header_words, words) + PADDING)
            wanted.append(max(least[-1], min(longest, 60 * mm) + PADDING))
        else:  # numbers and dates never wrap
            least.append(max(header_words, longest * 1.06) + PADDING)
            wanted.append(least[-1])
    return wanted, least


def _widths(wanted: list[float], least: list[float], available: float) -> list[float]:
    """Numbers and dates get what they need; text columns share the rest and wrap."""
    if sum(wanted) <= available:
        spare = available - sum(wanted)
        texts = [i for i, (w, m) in enumerate(zip(wanted, least, strict=True)) if w != m] or list(range(len(wanted)))
        shared = sum(wanted[i] for i in texts)
        return [w + (spare * w / shared if i in texts else 0) for i, w in enumerate(wanted)]
    fixed = sum(m for w, m in zip(wanted, least, strict=True) if w == m)
    flexible = [(i, w) for i, (w, m) in enumerate(zip(wanted, least, strict=True)) if w != m]
    room = available - fixed
    out = list(least)
    if flexible and room > 0:
        total = sum(w for _, w in flexible)
        for i, w in flexible:
            out[i] = max(least[i], room * w / total)
    scale = min(1.0, available / sum(out))
    return [w * scale for w in out]


def render_report(report: TableReport, *, printed_at: str = "") -> bytes:
    """The report as PDF bytes, ready for the preview and the printer."""
    register_fonts()
    wanted, least = _natural(report)
    pagesize = A4 if sum(wanted) <= A4[0] - 2 * MARGIN else landscape(A4)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=report.title, author="EnergoDesk",
                            creator="EnergoDesk")
    title = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16, spaceAfter=2)
    small = ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=10.5)
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=FONT_SIZE, leading=9.5)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD)
    head_right = ParagraphStyle("head_right", parent=head, alignment=TA_RIGHT)
    numbers = [is_number(c.kind) for c in report.columns]

    def row(values: tuple[Any, ...], style: ParagraphStyle) -> list[Any]:
        out: list[Any] = []
        for column, value in zip(report.columns, values, strict=True):
            text = format_cell(column.kind, value)
            # Numbers and dates stay on one line (plain strings); text wraps inside its column.
            out.append(Paragraph(_escape(text), style) if column.kind is Kind.TEXT else text)
        return out

    data = [[Paragraph(_escape(c.title), head_right if n else head)
             for c, n in zip(report.columns, numbers, strict=True)]]
    data += [row(r, cell) for r in report.rows]
    if report.totals is not None:
        data.append(row(report.totals, head))
    table = LongTable(data, colWidths=_widths(wanted, least, pagesize[0] - 2 * MARGIN), repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, FONT_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i, n in enumerate(numbers) if n]
    if report.totals is not None:
        style += [("FONT", (0, -1), (-1, -1), BOLD, FONT_SIZE), ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]
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
