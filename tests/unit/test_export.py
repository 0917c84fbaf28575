"""XLSX and CSV exports read back: numbers stay numbers, dates stay dates, no partial files."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.services.errors import InputError
from desktop.services.export import Column, Kind, write_csv, write_xlsx

COLUMNS = (
    Column("Дата", Kind.DATE),
    Column("Лицевой счёт"),
    Column("Платежей", Kind.INTEGER),
    Column("Сумма", Kind.MONEY),
    Column("Проведено", Kind.DATETIME),
)
ROWS = [
    (date(2026, 11, 30), "012345678901", 3, 123456, datetime(2026, 11, 30, 14, 5)),
    (date(2026, 12, 1), "000000000007", 1, -5, None),
]


def test_xlsx_cells_are_typed(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    assert write_xlsx(target, "Сборы: ноябрь/декабрь", COLUMNS, ROWS) == 2
    sheet = load_workbook(target).active
    assert sheet.title == "Сборы ноябрьдекабрь"
    assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS]
    day, account, count, money, posted = sheet[2]
    assert day.is_date and day.value.date() == date(2026, 11, 30)
    assert day.number_format == "DD.MM.YYYY"
    assert account.value == "012345678901"  # leading zero kept: text, not a number
    assert count.value == 3 and count.data_type == "n"
    assert money.data_type == "n" and Decimal(str(money.value)) == Decimal("1234.56")
    assert "₽" in money.number_format
    assert posted.value == datetime(2026, 11, 30, 14, 5)
    assert Decimal(str(sheet[3][3].value)) == Decimal("-0.05")
    assert sheet[3][4].value is None


def test_csv_for_russian_excel(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    assert write_csv(target, COLUMNS, ROWS) == 2
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1] == ["30.11.2026", "012345678901", "3", "1234,56", "30.11.2026 14:05"]
    assert rows[2] == ["01.12.2026", "000000000007", "1", "-0,05", ""]


@pytest.mark.parametrize("writer", ["xlsx", "csv"])
def test_failed_export_leaves_no_file(tmp_path: Path, writer: str) -> None:
    target = tmp_path / f"report.{writer}"
    bad = [ROWS[0], ("too", "short")]
    with pytest.raises(ValueError, match="columns"):
        if writer == "xlsx":
            write_xlsx(target, "x", COLUMNS, bad)
        else:
            write_csv(target, COLUMNS, bad)
    assert list(tmp_path.iterdir()) == []


def test_money_must_be_kopecks(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="kopecks"):
        write_xlsx(tmp_path / "x.xlsx", "x", [Column("Сумма", Kind.MONEY)], [(12.5,)])
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_operator_message(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Папка не существует"):
        write_csv(tmp_path / "nowhere" / "x.csv", COLUMNS, ROWS)
