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
    qtbot.waitUntil(lambda: dialog.printers_listed, timeout=30_000)  # lpstat runs off the GUI thread
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


def test_a_slow_lpstat_never_blocks_the_gui_thread(qtbot, tmp_path, monkeypatch):
    """lpstat that takes 2 s: the settings dialog and a preview's «Печать» open while the loop keeps ticking."""
    import itertools
    import os
    import time
    from types import SimpleNamespace

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QWidget

    from desktop.printing.spooler import CupsSpooler, PrintService
    from desktop.views.paper import PaperJob
    from desktop.views.settings_dialog import SettingsDialog

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "lpstat").write_text("#!/bin/sh\nsleep 2\necho Slow-Printer\n")
    (fake / "lpstat").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)

    def longest_gap() -> float:
        return max(b - a for a, b in itertools.pairwise(ticks))

    settings = ds.DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat))
    settings.set(ds.BILL_PRINTER, "Gone-Printer")
    desk = SimpleNamespace(printing=PrintService(settings.printer, CupsSpooler()), settings=settings)
    dialog = SettingsDialog(settings, actor=SimpleNamespace(role="admin"), desk=desk)
    qtbot.addWidget(dialog)
    assert not dialog.printers_listed  # the list is still being asked
    qtbot.waitUntil(lambda: dialog.printers_listed, timeout=20_000)
    box = dialog.findChild(QComboBox, "printer_bills")
    assert [box.itemData(i) for i in range(box.count())] == ["", "Slow-Printer", "Gone-Printer"]
    assert box.currentText() == "Gone-Printer (нет в системе)"
    # Generous: the fake lpstat alone takes 2 s, which a GUI-thread call would add to one gap.
    assert longest_gap() < 1.5

    ticks.clear()
    desk.printing = PrintService(settings.printer, CupsSpooler())  # nothing cached: lpstat is asked again
    owner = QWidget()
    qtbot.addWidget(owner)
    job = PaperJob(desk, owner, "bills", "Счёт", lambda ok, text: None)
    job.choose(b"%PDF-1.4 test")
    assert job.dialog is None
    qtbot.waitUntil(lambda: job.dialog is not None, timeout=20_000)
    assert job.dialog.printer.currentText() == "Slow-Printer"
    assert longest_gap() < 1.5
    first = job.dialog
    job.choose(b"%PDF-1.4 test")  # listed a moment ago: the dialog opens at once, from the cache
    assert job.dialog is not first and job.dialog.isVisible()
    timer.stop()
