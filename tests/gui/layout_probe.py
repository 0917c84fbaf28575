"""Opens every window and dialog of the desk on a screen of a given size and lists what does not fit.

Run in its own process, because the offscreen screen's size is fixed when Qt starts:
    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python layout_probe.py URL SHOTS_DIR
Prints one JSON object: {"screen": [w, h], "checked": N, "problems": [...], "shots": [...]}.
A problem is a visible widget outside the screen, or a label, button, check box or table header
whose text is wider (or, wrapped, taller) than the room it has.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QWidget,
)

TAG = re.compile(r"<[^>]+>")


class Probe:
    def __init__(self, shots: Path) -> None:
        self.shots = shots
        self.problems: list[str] = []
        self.checked = 0
        self.names: list[str] = []

    def settle(self, desk: Any) -> None:
        for _ in range(4):
            desk.wait()
            QApplication.processEvents()

    def check(self, top: QWidget, name: str) -> None:
        """Every visible widget of ``top`` inside the screen, every text within its room."""
        QApplication.processEvents()
        screen = top.screen().availableGeometry()
        frame = top.frameGeometry()
        if not screen.contains(frame):
            self.problems.append(f"{name}: window {rect(frame)} outside the screen {rect(screen)}")
        top.grab().save(str(self.shots / f"{name}.png"))
        self.names.append(name)
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible() or widget.width() <= 0:
                continue
            self.checked += 1
            where = widget.mapToGlobal(QPoint(0, 0))
            box = QRect(where, widget.size())
            if not screen.contains(box):
                self.problems.append(f"{name}: {describe(widget)} at {rect(box)} outside the screen")
            self._text_fits(widget, name)

    def _text_fits(self, widget: QWidget, name: str) -> None:
        fm = widget.fontMetrics()
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            room = widget.contentsRect()
            if widget.wordWrap():
                if widget.heightForWidth(room.width()) > room.height() + 1:
                    self.problems.append(f"{name}: {describe(widget)} wrapped text cut at the bottom")
            else:
                text = widget.text()
                if widget.buddy() is not None:  # the mnemonic's & is drawn as an underline
                    text = re.sub(r"&(?!&)", "", text)
                lines = TAG.sub("", text.replace("<br>", "\n")).split("\n")
                need = max(fm.horizontalAdvance(line.replace("&nbsp;", " ")) for line in lines)
                if need > room.width() + 1:
                    self.problems.append(f"{name}: {describe(widget)} needs {need} px, has {room.width()}")
        elif isinstance(widget, (QPushButton, QCheckBox)) and widget.text():
            need = widget.sizeHint().width()
            if need > widget.width() + 1:
                self.problems.append(f"{name}: {describe(widget)} needs {need} px, has {widget.width()}")
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            # The hint says what to type: cut, it says nothing (the RRN hint was).
            need = fm.horizontalAdvance(widget.placeholderText()) + 12
            if need > widget.width():
                self.problems.append(f"{name}: {describe(widget)} hint needs {need} px, has {widget.width()}")
        elif isinstance(widget, QTableView):
            header = widget.horizontalHeader()
            if widget.horizontalScrollBar().isVisible():
                self.problems.append(f"{name}: {describe(widget)} columns wider than the table "
                                     f"({header.length()} px in {widget.viewport().width()})")
            model = widget.model()
            for column in range(model.columnCount() if model is not None else 0):
                if header.isSectionHidden(column):
                    continue
                text = str(model.headerData(column, header.orientation()) or "")
                margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
                need = header.fontMetrics().horizontalAdvance(text) + 2 * margin
                size = header.sectionSize(column)
                if need > size and header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                    self.problems.append(f"{name}: {describe(widget)} column «{text}» needs {need} px, has {size}")


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    if isinstance(widget, QLineEdit):
        text = widget.placeholderText()
    text = TAG.sub("", text)[:40]
    return f"{type(widget).__name__}#{widget.objectName() or '-'}" + (f" «{text}»" if text else "")


def rect(r: QRect) -> str:
    return f"{r.x()},{r.y()} {r.width()}x{r.height()}"


def run(url: str, shots: Path) -> dict[str, Any]:
    import os

    os.environ["ENERGODESK_NO_DIALOGS"] = "1"
    app = QApplication.instance() or QApplication([])
    from desktop import i18n
    from desktop.app import launch
    from desktop.services.accounts import account_card, list_accounts
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.views.login_dialog import LoginDialog

    i18n.install(app)
    probe = Probe(shots)
    login = LoginDialog(lambda *_: None, hint="sam.op1, sam.senior, admin: demo-desk-1")
    login.show()
    probe.check(login, "login")
    login.close()

    window = launch(url, login="admin", password=DEMO_PASSWORD)
    desk = window.desk
    probe.settle(desk)
    probe.check(window, "main-empty")
    # A customer with a debt, bills, readings and (after the payment below) a receipt.
    number = next(n for n in list_accounts(desk.ctx)
                  if account_card(desk.ctx, n).balance_kopecks < 0 and account_card(desk.ctx, n).last_bill_period)
    window.open_account(number)
    probe.settle(desk)
    for key, page in window.card.pages.items():
        window.card.tabs.setCurrentWidget(page)
        probe.settle(desk)
        probe.check(window, f"page-{key}")
    payments = window.card.pages["payments"]
    window.card.tabs.setCurrentWidget(payments)
    payments.method.setCurrentIndex(payments.method.findData("card"))
    probe.check(window, "page-payments-card")
    payments.method.setCurrentIndex(payments.method.findData("cash"))

    def dialog_of(opener: Any, attr_owner: Any, attr: str, name: str) -> None:
        opener()
        probe.settle(desk)
        dialog = getattr(attr_owner, attr)
        probe.check(dialog, name)
        dialog.close()
        probe.settle(desk)

    shift = window.shift
    dialog_of(shift.open_shift, shift, "dialog", "dialog-open-shift")
    from desktop.services import shifts

    if shift.info is None:
        shifts.open_shift(desk.ctx, 100_000)
    shift.refresh()
    probe.settle(desk)
    dialog_of(shift.cash_in, shift, "dialog", "dialog-cash-in")
    dialog_of(shift.close_shift, shift, "dialog", "dialog-close-shift")
    readings = window.card.pages["readings"]
    dialog_of(readings.open_tariffs, readings, "tariffs_dialog", "dialog-tariffs")
    dialog_of(readings.open_replace_meter, readings, "meter_dialog", "dialog-replace-meter")
    bills = window.card.pages["bills"]
    window.card.tabs.setCurrentWidget(bills)
    probe.settle(desk)
    dialog_of(bills.preview, bills, "preview_dialog", "dialog-bill-preview")
    dialog_of(lambda: bills.open_batch("run"), bills, "batch_dialog", "dialog-billing-run")
    online = window.card.pages["online"]
    window.card.tabs.setCurrentWidget(online)
    probe.settle(desk)
    if online.register_button.isEnabled():
        dialog_of(online.open_register, online, "dialog", "dialog-register-online")
    window.change_password(forced=False)
    probe.settle(desk)
    probe.check(window.password_dialog, "dialog-change-password")
    window.password_dialog.close()
    window.open_settings()
    probe.settle(desk)
    probe.check(window.settings_dialog, "dialog-settings")
    window.settings_dialog.close()
    window.open_operators()
    probe.settle(desk)
    probe.check(window.operators_dialog, "dialog-operators")
    window.operators_dialog.close()
    from desktop.views.shortcuts import ShortcutSheet

    sheet = ShortcutSheet(window)
    sheet.show()
    probe.check(sheet, "dialog-keys")
    sheet.close()
    window.reports.open_reports()
    probe.settle(desk)
    probe.check(window.reports.reports_window, "window-reports")
    window.reports.reports_window.close()
    window.reports.open_registry_import()
    probe.settle(desk)
    probe.check(window.reports.registry_dialog, "dialog-registry-import")
    window.reports.registry_dialog.close()
    probe.settle(desk)
    window.close()
    screen = app.primaryScreen().geometry()
    return {"screen": [screen.width(), screen.height()], "checked": probe.checked,
            "problems": probe.problems, "shots": probe.names}


if __name__ == "__main__":
    target = Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(sys.argv[1], target), ensure_ascii=False))
