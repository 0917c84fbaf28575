"""A report as a typed table: columns with their kinds, rows, a totals line; shown, exported, printed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from desktop.core.money import format_rub


class Kind(Enum):
    """What a column holds; decides the cell type, its number format and its alignment."""

    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # integer kopecks in, roubles (a number with a ruble format) out
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    """One column of a report: its title as the operator reads it, its kind and width."""

    title: str
    kind: Kind = Kind.TEXT
    width: int | None = None  # characters; None: from the kind


Cell = str | int | date | datetime | None


@dataclass(frozen=True)
class TableReport:
    """What the reports window shows, exports to XLSX/CSV and prints on A4: one value, three outputs."""

    title: str
    subtitle: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None  # the «Итого» line, same columns
    notes: tuple[str, ...] = field(default_factory=tuple)  # printed under the table

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in (*self.rows, *((self.totals,) if self.totals is not None else ())):
            if len(row) != width:
                raise ValueError(f"row has {len(row)} cells, the report has {width} columns")

    def all_rows(self) -> Sequence[tuple[Cell, ...]]:
        """The rows followed by the totals line (what an export writes)."""
        return (*self.rows, self.totals) if self.totals is not None else self.rows


def is_number(kind: Kind) -> bool:
    """Numbers are right-aligned on screen and on paper."""
    return kind in (Kind.INTEGER, Kind.MONEY)


def format_cell(kind: Kind, value: Cell) -> str:
    """The Russian way of writing a cell: 1 234,56 ₽, 30.11.2026, 12 345."""
    if value is None:
        return ""
    if kind is Kind.MONEY and isinstance(value, int):
        return format_rub(value)
    if kind is Kind.INTEGER and isinstance(value, int):
        text = f"{abs(value):,}".replace(",", "\u00a0")
        return ("\u2212" + text) if value < 0 else text
    if kind is Kind.DATETIME and isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if kind is Kind.DATE and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)
