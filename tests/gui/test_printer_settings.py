"""Desk settings: a printer per document kind from the system's printers, and «Пробная печать»."""

from __future__ import annotations

from cups_fixtures import page_size_pt, pdf_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from desktop import desk_settings as ds
from desktop.services.demo.build import DEMO_PASSWORD


def test_printers_per_kind_chosen_from_the_system_with_a_test_print(qtbot, database_url, demo_logins,
                                                                      cups_pdf, tmp_path):
    from desktop.app import launch

    win = launch(database_url, login="admin", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    win.desk.settings.set(ds.REPORT_PRINTER, "Old-Printer")  # set once, since removed from the system
    win.open_settings()
    dialog = win.settings_dialog
    boxes = {kind: dialog.findChild(QComboBox, f"printer_{kind}") for kind in ("bills", "receipts", "reports")}
    for box in boxes.values():
        assert cups_pdf.name in [box.itemData(i) for i in range(box.count())]
        assert box.itemData(0) == "" and box.itemText(0) == "(спрашивать)"
    assert boxes["reports"].currentText() == "Old-Printer (нет в системе)"
    size = dialog.sizeHint()
    assert size.width() <= 1366 and size.height() <= 700
    dialog.grab().save(str(tmp_path / "settings_printers.png"))

    receipts = boxes["receipts"]
    receipts.setCurrentIndex(receipts.findData(cups_pdf.name))
    qtbot.mouseClick(dialog.findChild(QPushButton, "testPrint_receipts"), Qt.MouseButton.LeftButton)
    status = dialog.findChild(QLabel, "printerStatus")
    qtbot.waitUntil(lambda: status.text() == f"Пробная страница отправлена на {cups_pdf.name}.", timeout=30_000)
    (paper,) = cups_pdf.printed()
    assert "0123456789" in pdf_text(paper) and abs(page_size_pt(paper)[0] - 80 / 25.4 * 72) < 1.5

    cups_pdf.disable()
    qtbot.mouseClick(dialog.findChild(QPushButton, "testPrint_receipts"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "errorLabel")
    qtbot.waitUntil(lambda: error.isVisible(), timeout=30_000)
    assert "остановлен" in error.text()

    boxes["bills"].setCurrentIndex(boxes["bills"].findData(cups_pdf.name))
    dialog.save()
    assert win.desk.settings.printer("receipts") == win.desk.settings.printer("bills") == cups_pdf.name
    assert win.desk.settings.printer("reports") == "Old-Printer"  # kept as it was
    win.desk.wait()
