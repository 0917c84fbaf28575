"""Meter replacement (senior): the old meter's closing readings and the new one's opening readings
on the same date, with the same live checks as the readings page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.reading_preview import MAX_REASON_CHARS, preview
from desktop.core.tariffs import SCHEME_NAMES, ZONE_NAMES, ZONES_BY_SCHEME
from desktop.views.messages import make_error_label, report_error, set_error
from desktop.views.range_filter import to_date, to_qdate

if TYPE_CHECKING:
    from desktop.core.reading_preview import ReadingForm, ReadingPreview
    from desktop.services.readings import ReplacedMeter
    from desktop.views.desk import Desk

VERIFICATION_YEARS = 16  # a usual interval for household meters; the senior may change it


class ReplaceMeterDialog(QDialog):
    """objectName ``replaceMeterDialog``; ``replaced(account)`` after the service saved it."""

    replaced = Signal(str)

    def __init__(self, desk: Desk, form: ReadingForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.form = form
        self.setObjectName("replaceMeterDialog")
        self.setWindowTitle(self.tr("Replace meter %1").replace("%1", form.serial))
        self.pv: ReadingPreview | None = None

        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("replaceDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setMaximumDate(to_qdate(form.today))
        if form.installed_on is not None:
            self.date_edit.setMinimumDate(to_qdate(form.installed_on))
        self.date_edit.setDate(to_qdate(form.today))
        self.date_edit.dateChanged.connect(self.recalculate)

        old_box = QGroupBox(self.tr("Old meter %1: closing readings").replace("%1", form.serial))
        old_grid = QGridLayout(old_box)
        self.closing: dict[str, QLineEdit] = {}
        self.closing_used: dict[str, QLabel] = {}
        self.rollover: dict[str, QCheckBox] = {}
        names = form.zone_names
        for i, (zone, prev) in enumerate(form.previous.items()):
            edit = QLineEdit()
            edit.setObjectName(f"closingInput_{zone}")
            edit.setMaxLength(41)
            edit.textChanged.connect(self.recalculate)
            used = QLabel("—")
            check = QCheckBox()
            check.setVisible(False)
            check.toggled.connect(self.recalculate)
            old_grid.addWidget(QLabel(f"{zone} {names.get(zone, '')}"), i, 0)
            old_grid.addWidget(QLabel(self.tr("was %1").replace("%1", str(prev.value))), i, 1)
            old_grid.addWidget(edit, i, 2)
            old_grid.addWidget(used, i, 3)
            old_grid.addWidget(check, i, 4)
            self.closing[zone], self.closing_used[zone], self.rollover[zone] = edit, used, check
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_label.setStyleSheet("color: #7a4500;")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("replaceReason")
        self.reason_edit.setMaxLength(MAX_REASON_CHARS)
        self.reason_edit.setPlaceholderText(self.tr("Reason, if the closing reading is unusual"))
        self.reason_edit.textChanged.connect(self.recalculate)
        old_grid.addWidget(self.check_label, len(form.previous), 0, 1, 5)
        old_grid.addWidget(self.reason_edit, len(form.previous) + 1, 0, 1, 5)

        new_box = QGroupBox(self.tr("New meter"))
        new_form = QFormLayout(new_box)
        self.serial_edit = QLineEdit()
        self.serial_edit.setObjectName("newSerial")
        self.serial_edit.setMaxLength(32)
        self.model_edit = QLineEdit()
        self.model_edit.setMaxLength(64)
        self.zones_combo = QComboBox()
        self.zones_combo.setObjectName("newZones")
        for zones, name in SCHEME_NAMES.items():
            self.zones_combo.addItem(name, zones)
        self.zones_combo.setCurrentIndex(max(0, self.zones_combo.findData(form.zones)))
        self.digits_spin = QSpinBox()
        self.digits_spin.setObjectName("newDigits")
        self.digits_spin.setRange(4, 8)
        self.digits_spin.setValue(form.digits)
        self.opening_box = QWidget()
        self.opening_grid = QGridLayout(self.opening_box)
        self.opening_grid.setContentsMargins(0, 0, 0, 0)
        self.opening: dict[str, QLineEdit] = {}
        self.verification_edit = QDateEdit()
        self.verification_edit.setObjectName("nextVerification")
        self.verification_edit.setCalendarPopup(True)
        self.verification_edit.setDisplayFormat("dd.MM.yyyy")
        self.verification_edit.setDate(to_qdate(form.today).addYears(VERIFICATION_YEARS))
        new_form.addRow(self.tr("Serial number:"), self.serial_edit)
        new_form.addRow(self.tr("Model:"), self.model_edit)
        new_form.addRow(self.tr("Zones:"), self.zones_combo)
        new_form.addRow(self.tr("Digits:"), self.digits_spin)
        new_form.addRow(self.tr("Opening readings:"), self.opening_box)
        new_form.addRow(self.tr("Next verification:"), self.verification_edit)
        self.zones_combo.currentIndexChanged.connect(self._build_opening)
        self._build_opening()

        self.error_label = make_error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Replace meter"))
        self.ok_button.setObjectName("replaceMeterOk")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        date_row = QFormLayout()
        date_row.addRow(self.tr("Replacement date:"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(date_row)
        layout.addWidget(old_box)
        layout.addWidget(new_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.recalculate()

    def _build_opening(self, *_: object) -> None:
        for edit in self.opening.values():
            self.opening_grid.removeWidget(edit)
            edit.deleteLater()
        while self.opening_grid.count():
            item = self.opening_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.opening = {}
        zones = self.zones_combo.currentData()
        for i, zone in enumerate(ZONES_BY_SCHEME[zones]):
            edit = QLineEdit("0")
            edit.setObjectName(f"openingInput_{zone}")
            edit.setMaxLength(41)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.opening_grid.addWidget(QLabel(f"{zone} {ZONE_NAMES[zones][zone]}"), 0, i * 2)
            self.opening_grid.addWidget(edit, 0, i * 2 + 1)
            self.opening[zone] = edit

    def recalculate(self, *_: object) -> None:
        confirmed = {z for z, c in self.rollover.items() if c.isChecked()}
        texts = {z: e.text() for z, e in self.closing.items()}
        pv = preview(self.form, texts, to_date(self.date_edit.date()), confirm_rollover_zones=confirmed,
                     reason=self.reason_edit.text())
        self.pv = pv
        for zone, label in self.closing_used.items():
            used = pv.consumption.get(zone)
            label.setText("—" if used is None else f"{used}\u00a0кВт·ч")
            check = self.rollover[zone]
            if zone in pv.rollover_zones and used is not None:
                check.setText(self.tr("Rollover through zero: %1 kWh").replace("%1", str(used)))
                check.setVisible(True)
            else:
                check.setVisible(False)
        typed = any(t.strip() for t in texts.values())
        messages = [m for m in pv.blocking] if typed else []
        self.check_label.setText("\n".join(messages))
        self.check_label.setVisible(bool(messages))
        self.reason_edit.setVisible(pv.needs_reason)
        self.ok_button.setEnabled(pv.can_save)

    def submit(self) -> None:
        if self.pv is None or not self.pv.can_save:
            return
        from desktop.services.readings import replace_meter

        set_error(self.error_label, None)
        self.ok_button.setEnabled(False)
        verification = to_date(self.verification_edit.date())
        self.desk.call(
            replace_meter, self.form.account_number, date=to_date(self.date_edit.date()),
            old_closing={z: e.text() for z, e in self.closing.items()},
            new_serial=self.serial_edit.text(), new_zones=self.zones_combo.currentData(),
            new_digits=self.digits_spin.value(), new_opening={z: e.text() for z, e in self.opening.items()},
            next_verification_on=verification, new_model=self.model_edit.text(),
            confirm_rollover_zones={z for z, c in self.rollover.items() if c.isChecked()},
            confirmation_reason=self.reason_edit.text() or None,
            on_done=self._done, on_error=self._failed, serial=True)

    def _done(self, result: ReplacedMeter) -> None:
        self.replaced.emit(result.account_number)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        report_error(self, error, self.error_label)
