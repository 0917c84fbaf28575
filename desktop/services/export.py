"""Writes a report's rows to XLSX or CSV with typed columns: money as numbers, dates as dates."""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

# Kind and Column live with the report value (core) so printing can use them; re-exported here.
from desktop.core.table_report import Cell, Column, Kind, TableReport
from desktop.services.errors import InputError

__all__ = ["Cell", "Column", "Kind", "write_csv", "write_report", "write_xlsx"]


# Excel number formats (the file carries them; Excel shows them in the reader's locale).
_FORMATS = {
    Kind.INTEGER: "0",
    Kind.MONEY: '#,##0.00 "₽";-#,##0.00 "₽"',
    Kind.DATE: "DD.MM.YYYY",
    Kind.DATETIME: "DD.MM.YYYY HH:MM",
}
_WIDTHS = {Kind.TEXT: 30, Kind.INTEGER: 10, Kind.MONEY: 16, Kind.DATE: 12, Kind.DATETIME: 17}


def _cell_value(kind: Kind, value: Cell) -> str | int | Decimal | date | datetime | None:
    if value is None:
        return None
    if kind is Kind.MONEY:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"money cells take integer kopecks, got {type(value).__name__}")
        return Decimal(value) / 100
    if kind is Kind.DATETIME and isinstance(value, datetime) and value.tzinfo is not None:
        # Excel has no time zones: the caller converts to the company zone before exporting.
        return value.replace(tzinfo=None)
    return value


def _atomic_target(path: Path) -> tuple[int, str]:
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"Папка не существует: {folder}")
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)


def _replace(tmp: str, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as error:
        os.unlink(tmp)
        raise InputError(f"Не удалось записать файл {path}: {error.strerror}") from None


def write_xlsx(
    path: str | Path, sheet_title: str, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]
) -> int:
    """Write ``rows`` under a header of ``columns`` to an XLSX file; returns the rows written.

    Streams (openpyxl's write-only mode), so 100,000 rows stay in little memory. The file is
    written to a temporary name and renamed: a cancelled or failed export leaves no partial file.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    target = Path(path)
    fd, tmp = _atomic_target(target)
    os.close(fd)
    count = 0
    book = Workbook(write_only=True)
    sheet = None
    try:
        # Sheet titles: at most 31 characters, none of []:*?/\ (Excel's rule).
        title = "".join(ch for ch in sheet_title if ch not in "[]:*?/\\")[:31] or "Отчёт"
        sheet = book.create_sheet(title)
        for index, column in enumerate(columns, start=1):
            width = column.width or max(_WIDTHS[column.kind], len(column.title) + 2)
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column.title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            if len(row) != len(columns):
                raise ValueError(f"row has {len(row)} cells, the export has {len(columns)} columns")
            cells = []
            for column, value in zip(columns, row, strict=True):
                cell = WriteOnlyCell(sheet)
                # Set after construction: the stubs of WriteOnlyCell(value=) leave out Decimal and date.
                cell.value = _cell_value(column.kind, value)
                number_format = _FORMATS.get(column.kind)
                if number_format is not None:
                    cell.number_format = number_format
                cells.append(cell)
            sheet.append(cells)
            count += 1
        book.save(tmp)
    except BaseException:
        if sheet is not None and not sheet.closed:
            # Finish openpyxl's row writer (a generator over a temporary file) before dropping it.
            with contextlib.suppress(Exception):
                sheet.close()
        os.unlink(tmp)
        raise
    _replace(tmp, target)
    return count


def _csv_text(kind: Kind, value: Cell) -> str:
    if value is None:
        return ""
    if kind is Kind.MONEY:
        amount = _cell_value(kind, value)
        assert isinstance(amount, Decimal)
        return f"{amount:.2f}".replace(".", ",")
    if kind is Kind.DATETIME and isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if kind is Kind.DATE and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def write_csv(path: str | Path, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> int:
    """Write a CSV that Russian Excel opens as it is: UTF-8 with BOM, ';' between fields,
    decimal comma, dates DD.MM.YYYY. Returns the rows written; no partial file on failure."""
    target = Path(path)
    fd, tmp = _atomic_target(target)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            writer.writerow([column.title for column in columns])
            for row in rows:
                if len(row) != len(columns):
                    raise ValueError(f"row has {len(row)} cells, the export has {len(columns)} columns")
                writer.writerow([_csv_text(c.kind, v) for c, v in zip(columns, row, strict=True)])
                count += 1
    except BaseException:
        os.unlink(tmp)
        raise
    _replace(tmp, target)
    return count


def write_report(path: str | Path, report: TableReport) -> int:
    """Write a report with its totals line to XLSX or CSV, chosen by the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(path, report.title, report.columns, report.all_rows())
    if suffix == ".csv":
        return write_csv(path, report.columns, report.all_rows())
    raise InputError(f"Сохранить можно в .xlsx или .csv, а не «{suffix or Path(path).name}»")
