"""A column of text blocks measured first, then drawn on an 80 mm roll or an A4 page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.fonts import BOLD, REGULAR, new_canvas, register_fonts

Layout = Literal["roll80", "a4"]
ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm          # printable width of an 80 mm thermal roll is about 72 mm
A4_COLUMN = 110 * mm          # the same column, centred at the top of an office page
A4_MARGIN = 15 * mm


@dataclass
class _Item:
    kind: str                 # text | pair | rule | space | banner
    text: str = ""
    value: str = ""
    size: float = 8.0
    bold: bool = False
    align: str = "left"
    height: float = 0.0
    lines: tuple[str, ...] = ()


class Column:
    """Collects blocks; `render` measures them for the layout and draws the PDF."""

    def __init__(self) -> None:
        self.items: list[_Item] = []

    def text(self, s: str, size: float = 8, bold: bool = False, align: str = "left") -> None:
        self.items.append(_Item("text", s, size=size, bold=bold, align=align))

    def pair(self, label: str, value: str, size: float = 8, bold: bool = False) -> None:
        """Label on the left, value right-aligned; the label wraps if both do not fit."""
        self.items.append(_Item("pair", label, value, size=size, bold=bold))

    def rule(self) -> None:
        self.items.append(_Item("rule", height=7))

    def space(self, height: float = 4) -> None:
        self.items.append(_Item("space", height=height))

    def banner(self, s: str, size: float = 9) -> None:
        """White bold text on a black band: for notices that must not be missed."""
        self.items.append(_Item("banner", s, size=size, bold=True))

    # -- layout --

    def _measure(self, width: float, scale: float) -> None:
        for it in self.items:
            size = it.size * scale
            font = BOLD if it.bold else REGULAR
            lead = size * 1.25
            if it.kind == "text":
                it.lines = tuple(simpleSplit(it.text, font, size, width) or [""])
                it.height = lead * len(it.lines)
            elif it.kind == "banner":
                it.lines = tuple(simpleSplit(it.text, font, size, width - 6))
                it.height = lead * len(it.lines) + 6
            elif it.kind == "pair":
                value_w = stringWidth(it.value, font, size)
                it.lines = tuple(simpleSplit(it.text, font, size, max(width - value_w - 6, width / 3)))
                it.height = lead * len(it.lines)

    def _draw(self, c: Canvas, x: float, y: float, width: float, scale: float) -> float:
        for it in self.items:
            y = _draw_item(c, it, x, y, width, scale)
        return y

    def render(self, layout: Layout, title: str) -> bytes:
        register_fonts()  # measuring needs the font metrics before any canvas exists
        buf = io.BytesIO()
        if layout == "roll80":
            width = ROLL_WIDTH - 2 * ROLL_MARGIN
            self._measure(width, 1.0)
            height = sum(it.height for it in self.items) + 2 * ROLL_MARGIN + 6 * mm
            c = new_canvas(buf, (ROLL_WIDTH, height))
            c.setTitle(title)
            self._draw(c, ROLL_MARGIN, height - ROLL_MARGIN, width, 1.0)
        elif layout == "a4":
            scale = A4_COLUMN / (ROLL_WIDTH - 2 * ROLL_MARGIN) * 0.85
            self._measure(A4_COLUMN, scale)
            c = new_canvas(buf, A4)
            c.setTitle(title)
            x, top = (A4[0] - A4_COLUMN) / 2, A4[1] - A4_MARGIN
            y = top
            for it in self.items:          # a long shift report continues on the next page
                if y - it.height < A4_MARGIN:
                    c.showPage()
                    y = top
                y = _draw_item(c, it, x, y, A4_COLUMN, scale)
        else:
            raise ValueError(f"unknown layout {layout!r}: use 'roll80' or 'a4'")
        c.showPage()
        c.save()
        return buf.getvalue()


def _draw_item(c: Canvas, it: _Item, x: float, y: float, width: float, scale: float) -> float:
    """Draw one measured block with its top at y; return the y below it."""
    size = it.size * scale
    font = BOLD if it.bold else REGULAR
    lead = size * 1.25
    if it.kind in ("text", "pair"):
        c.setFont(font, size)
        for i, line in enumerate(it.lines):
            base = y - lead * i - size
            if it.align == "center":
                c.drawCentredString(x + width / 2, base, line)
            elif it.align == "right":
                c.drawRightString(x + width, base, line)
            else:
                c.drawString(x, base, line)
        if it.kind == "pair":
            c.drawRightString(x + width, y - lead * (len(it.lines) - 1) - size, it.value)
    elif it.kind == "banner":
        c.rect(x, y - it.height, width, it.height, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont(font, size)
        for i, line in enumerate(it.lines):
            c.drawCentredString(x + width / 2, y - 3 - lead * i - size, line)
        c.setFillGray(0)
    elif it.kind == "rule":
        c.setDash(2, 2)
        c.setLineWidth(0.5)
        c.line(x, y - it.height / 2, x + width, y - it.height / 2)
        c.setDash()
    return y - it.height
