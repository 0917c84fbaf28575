"""The «Пробная печать» page: which desk, which printer, which document kind, and a 0-9 digit line."""

from __future__ import annotations

from datetime import datetime

from desktop.printing.roll import Column
from desktop.printing.spooler import KIND_NAMES, RECEIPTS


def render_test_page(kind: str, printer: str, desk_name: str, when: datetime) -> bytes:
    """On the roll for receipts, on A4 for bills and reports: the paper the kind will use."""
    col = Column()
    col.text("ПРОБНАЯ ПЕЧАТЬ", 12, True, "center")
    col.text("EnergoDesk", 9, align="center")
    col.rule()
    col.pair("Принтер", printer)
    col.pair("Для", KIND_NAMES[kind])
    col.pair("Рабочее место", desk_name or "—")
    col.pair("Время", when.strftime("%d.%m.%Y %H:%M"))
    col.rule()
    # Digits survive any font re-encoding on the way: they show that text, not a picture, arrived.
    col.text("0123456789 TEST-PAGE", 10, True, "center")
    return col.render("roll80" if kind == RECEIPTS else "a4", f"Пробная печать: {printer}")
