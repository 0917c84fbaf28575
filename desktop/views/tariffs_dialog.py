"""The tariff table for every operator; seniors add a new price (a new row, never an edit)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.tariffs import GROUP_NAMES, GROUPS, SCHEME_NAMES, ZONE_NAMES, ZONES_BY_SCHEME
from desktop.models.tariffs_model import TariffsModel
from desktop.views.messages import clear_on_input, make_error_label, report_error, set_error
from desktop.views.range_filter import to_date, to_qdate

if TYPE_CHECKING:
    from desktop.core.reading_preview import ReadingForm
    from desktop.services.tariffs import TariffRow
    from desktop.views.desk import Desk


class TariffsDialog(QDialog):
    """objectName ``tariffsDialog``; the table is ``tariffsTable``, the senior's form ``addTariffBox``."""

    def __init__(self, desk: Desk, form: ReadingForm | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.today: date | None = form.today if form is not None else None
        self.setObjectName("tariffsDialog")
        self.setWindowTitle(self.tr("Tariffs"))
        self.resize(980, 560)
        self.model = TariffsModel(self)
        self.table = QTableView()
        self.table.setObjectName("tariffsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.history_check = QCheckBox(self.tr("Show earlier and future prices too"))
        self.history_check.setObjectName("tariffsHistory")
        self.history_check.toggled.connect(self.reload)
        self.error_label = make_error_label(self)
        hint = QLabel(self.tr("Prices in force today are in bold. A price is never changed: a new one "
                              "starts on its own date."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.history_check)
        layout.addWidget(self.table, 1)
        self.add_box: QGroupBox | None = None
        if getattr(desk.actor, "role", "operator") in ("senior", "admin"):
            layout.addWidget(self._build_add_box(form))
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # The dialog is for reading the prices: Enter closes it. Without a default, Qt made the
        # first auto-default button (a senior's «Добавить цену») the default, and Enter tried to add.
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeTariffsButton")
        self.close_button.setDefault(True)
        layout.addWidget(buttons)
        self.reload()

    def _build_add_box(self, form: ReadingForm | None) -> QGroupBox:
        box = QGroupBox(self.tr("New price (senior operator)"))
        box.setObjectName("addTariffBox")
        self.group_combo = QComboBox()
        for g in GROUPS:
            self.group_combo.addItem(GROUP_NAMES[g], g)
        self.scheme_combo = QComboBox()
        for zones, name in SCHEME_NAMES.items():
            self.scheme_combo.addItem(name, zones)
        self.zone_combo = QComboBox()
        self.range_combo = QComboBox()
        for no, title in ((1, self.tr("I: up to 1,200 kWh")), (2, self.tr("II: 1,200–6,000 kWh")),
                          (3, self.tr("III: above 6,000 kWh"))):
            self.range_combo.addItem(title, no)
        self.price_edit = QLineEdit()
        self.price_edit.setObjectName("tariffPrice")
        self.price_edit.setPlaceholderText("6,95")
        self.from_edit = QDateEdit()
        self.from_edit.setObjectName("tariffValidFrom")
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("dd.MM.yyyy")
        today = form.today if form is not None else self.desk.today()
        self.from_edit.setMinimumDate(to_qdate(today))
        self.from_edit.setDate(to_qdate(today + timedelta(days=1)))
        self.to_check = QCheckBox(self.tr("until"))
        self.to_edit = QDateEdit()
        self.to_edit.setCalendarPopup(True)
        self.to_edit.setDisplayFormat("dd.MM.yyyy")
        self.to_edit.setDate(to_qdate(date(today.year, 12, 31)))
        self.to_edit.setEnabled(False)
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        self.note_edit.setPlaceholderText(self.tr("e.g. the regulator's order number"))
        self.add_button = QPushButton(self.tr("&Add price"))
        self.add_button.setObjectName("addTariffButton")
        self.add_button.setAutoDefault(False)  # never the target of an Enter typed elsewhere
        self.add_button.clicked.connect(self.add)
        clear_on_input(self.error_label, self.group_combo, self.scheme_combo, self.zone_combo, self.range_combo,
                       self.price_edit, self.from_edit, self.to_check, self.to_edit, self.note_edit)
        self.scheme_combo.currentIndexChanged.connect(self._fill_zones)
        if form is not None:
            self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(form.consumer_group)))
            self.scheme_combo.setCurrentIndex(max(0, self.scheme_combo.findData(form.zones)))
        self._fill_zones()

        dates = QHBoxLayout()
        dates.addWidget(self.from_edit)
        dates.addWidget(self.to_check)
        dates.addWidget(self.to_edit)
        dates.addStretch(1)
        grid = QFormLayout(box)
        grid.addRow(self.tr("Consumer group:"), self.group_combo)
        grid.addRow(self.tr("Scheme and zone:"), self._pair(self.scheme_combo, self.zone_combo))
        grid.addRow(self.tr("Range:"), self.range_combo)
        grid.addRow(self.tr("Price, ₽ per kWh:"), self.price_edit)
        grid.addRow(self.tr("Valid from:"), dates)
        grid.addRow(self.tr("Note:"), self.note_edit)
        grid.addRow("", self.add_button)
        self.add_box = box
        return box

    @staticmethod
    def _pair(a: QWidget, b: QWidget) -> QWidget:
        w = QWidget()
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(a)
        row.addWidget(b)
        return w

    def keyPressEvent(self, event: QKeyEvent) -> None:  # QDialog.keyPressEvent
        """Enter in the senior's new-price form never closes what is being typed: it goes to the
        next input, and on a focused «Добавить цену» it adds. Elsewhere it closes (the default)."""
        focus = self.focusWidget()
        if (self.add_box is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and focus is not None and self.add_box.isAncestorOf(focus)):
            if focus is self.add_button:
                self.add_button.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _fill_zones(self, *_: object) -> None:
        zones = self.scheme_combo.currentData()
        self.zone_combo.clear()
        for zone in ZONES_BY_SCHEME[zones]:
            self.zone_combo.addItem(f"{zone} ({ZONE_NAMES[zones][zone]})", zone)

    def reload(self, *_: object) -> None:
        from desktop.services.tariffs import tariff_table

        # The desk's date (the form's); without it the whole table.
        on = None if self.history_check.isChecked() else self.today
        self.desk.call(tariff_table, on, on_done=self._loaded,
                       on_error=lambda e: report_error(self, e, self.error_label))

    def _loaded(self, rows: list[TariffRow]) -> None:
        from desktop.views.fit import widen_to

        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        widen_to(self, self.table)

    def add(self) -> None:
        from desktop.services.tariffs import add_tariff

        set_error(self.error_label, None)
        self.add_button.setEnabled(False)
        self.desk.call(
            add_tariff, group=self.group_combo.currentData(), zones=self.scheme_combo.currentData(),
            zone=self.zone_combo.currentData(), range_no=self.range_combo.currentData(),
            price=self.price_edit.text(), valid_from=to_date(self.from_edit.date()),
            valid_to=to_date(self.to_edit.date()) if self.to_check.isChecked() else None,
            note=self.note_edit.text(), on_done=self._added, on_error=self._add_failed)

    def _added(self, row: TariffRow) -> None:
        self.add_button.setEnabled(True)
        self.price_edit.clear()
        self.note_edit.clear()
        self.history_check.setChecked(True)
        self.reload()

    def _add_failed(self, error: BaseException) -> None:
        self.add_button.setEnabled(True)
        report_error(self, error, self.error_label)
