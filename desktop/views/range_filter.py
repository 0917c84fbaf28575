"""The date range and branch filter shared by the reports window and the requests register, and the
views' conversions between QDate and date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit

if TYPE_CHECKING:
    from desktop.services.context import ServiceContext


def today_and_branches(ctx: ServiceContext) -> tuple[date, list[tuple[str, str]]]:
    """Worker: the company's today (the service clock, never the PC's date) and the branches."""
    from desktop.services.operators import list_branches

    return ctx.today(), list_branches(ctx)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


def fill(found: tuple[date, list[tuple[str, str]]], date_from: QDateEdit, date_to: QDateEdit,
         branch: QComboBox) -> None:
    """This month so far, and one entry per branch (after what the combo box already holds)."""
    today, branches = found
    date_to.setDate(to_qdate(today))
    date_from.setDate(QDate(today.year, today.month, 1))
    for code, name in branches:
        branch.addItem(f"{code} — {name}", code)
