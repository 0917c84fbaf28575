"""The «Отчёты» menu, the reports window and the registry import dialog, as a senior uses them."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QDialog, QLabel, QPushButton, QTableView, QWidget
from sqlalchemy import select

from desktop.db.models import Account
from desktop.services.collections import collections
from desktop.services.demo.registry_files import SamplePayment, sample_payments, write_sber


class FakePrinter:
    """The system's spooler seen by the printing boundary (PrintService): keeps the jobs it was given."""

    def __init__(self) -> None:
        self.jobs: list[tuple[bytes, str, str]] = []

    def printers(self) -> list[str]:
        return ["A4-office"]

    def submit(self, path, printer, title, page_pt, wait):  # type: ignore[no-untyped-def]
        self.jobs.append((path.read_bytes(), printer, title))
        return f"{printer}-{len(self.jobs)}"


@pytest.fixture
def senior_window(qtbot, database_url, demo_logins):  # type: ignore[no-untyped-def]
    from desktop.app import launch
    from desktop.services.demo.build import DEMO_PASSWORD

    win = launch(database_url, login="sam.senior", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    yield win
    win.desk.wait()


def _reports(qtbot, win):  # type: ignore[no-untyped-def]
    win.reports.menu.actions()[0].trigger()
    reports = win.reports.reports_window
    qtbot.addWidget(reports)
    qtbot.waitUntil(lambda: reports.report is not None, timeout=20_000)
    return reports


def _show(qtbot, reports, first: date, last: date, kind: str = "day"):  # type: ignore[no-untyped-def]
    reports.kind.setCurrentIndex(reports.kind.findData(kind))
    reports.findChild(QDateEdit, "reportFrom").setDate(QDate(first.year, first.month, first.day))
    reports.findChild(QDateEdit, "reportTo").setDate(QDate(last.year, last.month, last.day))
    before = reports.report
    qtbot.mouseClick(reports.findChild(QPushButton, "showReportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reports.report is not before, timeout=20_000)


def test_only_seniors_see_the_reports_menu(qtbot, window, senior_window):
    assert not window.reports.menu.menuAction().isVisible()
    assert senior_window.reports.menu.menuAction().isVisible()
    assert [a.text() for a in senior_window.reports.menu.actions()] == [
        "&Сборы и должники…", "&Загрузить реестр банка…"]


def test_collections_table_chart_export_and_paper(qtbot, senior_window, db, tmp_path, monkeypatch):
    reports = _reports(qtbot, senior_window)
    assert reports.objectName() == "reportsWindow"
    ctx = senior_window.desk.ctx
    today = ctx.today()
    assert reports.findChild(QDateEdit, "reportTo").date() == QDate(today.year, today.month, today.day)
    assert reports.findChild(QDateEdit, "reportFrom").date() == QDate(today.year, today.month, 1)

    first, last = date(2026, 10, 1), date(2026, 11, 30)
    _show(qtbot, reports, first, last)
    view = reports.findChild(QTableView, "reportView")
    model = view.model()
    assert model.rowCount() == (last - first).days + 2  # every day and the totals line
    assert model.index(0, 0).data() == "01.10.2026"
    expected = collections(ctx, first, last)
    assert model.index(model.rowCount() - 1, 0).data() == "Итого"
    assert reports.report.totals[5] == expected.total() > 0
    assert model.index(model.rowCount() - 1, 5).data().endswith("\u00a0₽")
    chart = reports.chart
    assert chart.objectName() == "collectionsChart" and chart.isVisible()
    assert chart.days[0] == first and chart.days[-1] == last
    assert chart.totals() == [row[5] for row in reports.report.rows]
    reports.resize(1366, 768)
    reports.grab().save(str(tmp_path / "reports.png"))

    target = tmp_path / "сборы.xlsx"
    monkeypatch.setattr("desktop.views.reports_window.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target.with_suffix("")), "*.xlsx"))
    qtbot.mouseClick(reports.findChild(QPushButton, "exportXlsxButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and "Сохранено" in reports.status.text(), timeout=20_000)
    sheet = load_workbook(target).active
    assert sheet.cell(row=2, column=1).is_date and sheet.cell(row=2, column=1).value == datetime(2026, 10, 1)
    total = sheet.cell(row=sheet.max_row, column=6)
    assert total.data_type == "n" and Decimal(str(total.value)) == Decimal(expected.total()) / 100

    from desktop.desk_settings import REPORT_PRINTER
    from desktop.printing.spooler import PrintService

    spooler = FakePrinter()
    senior_window.desk.settings.set(REPORT_PRINTER, "A4-office")
    senior_window.desk.printing = PrintService(senior_window.desk.settings.printer, spooler)
    qtbot.mouseClick(reports.findChild(QPushButton, "printReportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(spooler.jobs) == 1, timeout=20_000)
    data, printer, title = spooler.jobs[0]
    assert printer == "A4-office"  # the reports printer of the desk settings, not the bills one
    qtbot.waitUntil(lambda: reports.status.text() == "Отправлено на принтер A4-office.")
    assert title == "Сборы по дням" and "Итого" in PdfReader(io.BytesIO(data)).pages[-1].extract_text()
    qtbot.mouseClick(reports.findChild(QPushButton, "previewReportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(reports, "preview_dialog", None) is not None
                    and reports.preview_dialog.isVisible(), timeout=20_000)
    assert reports.preview_dialog.document.pageCount() == len(PdfReader(io.BytesIO(data)).pages)
    reports.preview_dialog.close()


def test_debtors_and_a_bad_range(qtbot, senior_window):
    reports = _reports(qtbot, senior_window)
    _show(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30), kind="debtors")
    assert reports.report.title == "Должники: долг старше 2 мес."
    assert not reports.findChild(QDateEdit, "reportFrom").isEnabled()
    assert reports.chart is None or not reports.chart.isVisible()
    _show(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30), kind="branch")
    assert reports.chart.isVisible()
    error = reports.findChild(QLabel, "errorLabel")
    reports.kind.setCurrentIndex(reports.kind.findData("day"))
    reports.findChild(QDateEdit, "reportFrom").setDate(QDate(2026, 11, 30))
    reports.findChild(QDateEdit, "reportTo").setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(reports.findChild(QPushButton, "showReportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error.isVisible(), timeout=20_000)
    assert error.text() == "Начало периода позже конца"


def _dialog(qtbot, win):  # type: ignore[no-untyped-def]
    win.reports.menu.actions()[1].trigger()
    dialog = win.reports.registry_dialog
    qtbot.waitUntil(lambda: dialog.format.count() >= 2, timeout=20_000)
    dialog.format.setCurrentIndex(dialog.format.findData("sber"))
    return dialog


def _numbers(db, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return list(s.scalars(select(Account.number).where(Account.closed_on.is_(None)).order_by(Account.id).limit(n)))


def test_import_dialog_preview_import_and_refused(qtbot, senior_window, db, tmp_path):
    numbers = _numbers(db, 3)
    senior_window.open_account(numbers[0])
    qtbot.waitUntil(lambda: senior_window.card.card is not None, timeout=20_000)
    before = senior_window.card.card.balance_kopecks
    today = senior_window.desk.ctx.today()
    day = datetime(today.year, today.month, today.day) - timedelta(days=1)
    lines = [SamplePayment(numbers[0], 1500_00, day), SamplePayment("999999999999", 10_00, day.replace(hour=1)),
             SamplePayment(numbers[1], 250_00, day.replace(hour=2))]
    path = write_sber(tmp_path / "sber.txt", lines)
    dialog = _dialog(qtbot, senior_window)
    dialog.file.setText(str(path))
    dialog.load_preview()
    qtbot.waitUntil(lambda: dialog.preview_model.rowCount() == 3, timeout=20_000)
    assert dialog.findChild(QTableView, "registryPreview").model().index(1, 2).data() == "999999999999"
    assert "windows-1251" in dialog.preview_status.text()
    button = dialog.findChild(QPushButton, "registryImportButton")
    assert button.isEnabled()
    dialog.resize(1000, 640)
    dialog.grab().save(str(tmp_path / "registry_dialog.png"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.import_result is not None, (dialog.error.text(), dialog.status.text())
    assert dialog.import_result.posted == 2
    # The import's result does not hide QDialog.result() (it once replaced it with the ImportResult).
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.status.text().startswith("Реестр загружен: проведено 2 на 1\u00a0750,00\u00a0₽")
    # QPlainTextEdit gives no-break spaces back as plain ones.
    assert dialog.refused.toPlainText() == "строка 2: л/с 999999999999, 10,00 ₽ — лицевой счёт не найден"
    # The open card shows the new balance.
    qtbot.waitUntil(lambda: senior_window.card.card.balance_kopecks == before + 1500_00, timeout=20_000)


def test_import_dialog_refuses_a_bad_file_and_cancels_between_batches(qtbot, senior_window, db, tmp_path):
    numbers = _numbers(db, 20)
    today = senior_window.desk.ctx.today()
    path = write_sber(tmp_path / "bad.txt", sample_payments(numbers, 3, today - timedelta(days=1)))
    path.write_bytes(path.read_bytes().replace(b"\r\n=3;", b"\r\n=4;"))
    dialog = _dialog(qtbot, senior_window)
    dialog.file.setText(str(path))
    dialog.load_preview()
    qtbot.waitUntil(lambda: dialog.preview_model.rowCount() == 3, timeout=20_000)
    error = dialog.findChild(QLabel, "errorLabel")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error.isVisible() and not dialog.running, timeout=30_000)
    assert error.text().startswith("строка 4: итоговая строка не сходится")
    assert dialog.status.text() == "Ничего не проведено: в файле ошибки (список ниже)."

    big = write_sber(tmp_path / "big.txt", sample_payments(numbers, 4500, today - timedelta(days=1)))
    dialog.file.setText(str(big))
    dialog.load_preview()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20_000)
    dialog.start()
    dialog.reject()  # Esc (or the window's close button) while importing: cancels, keeps the dialog
    assert dialog.isVisible() and dialog.status.text() == "Остановлю после текущей пачки…"
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=60_000)
    assert dialog.import_result.cancelled and dialog.import_result.posted == 2000
    assert dialog.status.text().startswith("Загрузка прервана: проведено 2000")
    assert "не обработано 2500" in dialog.status.text()
    cancel = dialog.findChild(QPushButton, "registryCancelButton")
    assert cancel.text() == "Закрыть"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_screens_fit_1366x768(qtbot, senior_window):
    reports = _reports(qtbot, senior_window)
    for widget in (reports, _dialog(qtbot, senior_window)):
        hint: QWidget = widget
        assert hint.minimumSizeHint().width() <= 1366 and hint.minimumSizeHint().height() <= 768
        assert hint.size().width() <= 1366 and hint.size().height() <= 768
