"""The page «Показания и потребление»: live entry of meter readings, history and chart.

Every keystroke runs the pure ``preview`` on the GUI thread (no database); loading the
form, saving, the history and the chart go through ``desk.call`` off the GUI thread.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.money import format_rub
from desktop.core.reading_preview import MAX_REASON_CHARS, ReadingPreview, preview
from desktop.models.readings_model import ReadingsHistoryModel
from desktop.views.desk import Token
from desktop.views.messages import make_error_label, report_error, set_error, user_message
from desktop.views.pages.base import CardPage

if TYPE_CHECKING:
    from desktop.views.desk import Desk

# Longer than the preview's own limit, so a pasted wall of text gets its message ("too long"),
# while the widget never holds megabytes.
INPUT_MAX_CHARS = 41


def format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def kwh(value: int) -> str:
    text = f"{value:,}".replace(",", "\u00a0")
    return f"{text}\u00a0кВт·ч"


class _ZoneRow:
    """The widgets of one zone."""

    def __init__(self, zone: str) -> None:
        self.zone = zone
        self.name = QLabel()
        self.previous = QLabel()
        self.input = QLineEdit()
        self.input.setObjectName(f"readingInput_{zone}")
        self.input.setMaxLength(INPUT_MAX_CHARS)
        self.input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.input.setStyleSheet("font-size: 13pt; font-family: monospace;")
        self.consumption = QLabel("—")
        self.consumption.setObjectName(f"consumptionLabel_{zone}")
        self.consumption.setMinimumWidth(110)
        self.consumption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.consumption.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.cost = QLabel()
        self.cost.setObjectName(f"zoneCostLabel_{zone}")
        self.cost.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.cost.setMinimumWidth(100)
        self.rollover = QCheckBox()
        self.rollover.setObjectName(f"rolloverCheck_{zone}")
        self.rollover.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName(f"zoneMessage_{zone}")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setVisible(False)

    def widgets(self) -> list[QWidget]:
        return [self.name, self.previous, self.input, self.consumption, self.cost, self.rollover,
                self.message]


class ReadingsPage(CardPage):
    """Readings entry with live consumption and cost, the history table and the monthly chart."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.form: Any = None
        self.last_preview: ReadingPreview | None = None
        self.number: str | None = None
        # Renewed by every reload (and by the account change, see CardPage.token): the results of
        # an older reload never overwrite a newer one.
        self.loads = Token()
        self._saving = False
        self._focus_on_form = False
        self._points: list[Any] | None = None
        self.chart: Any = None
        self.rows: dict[str, _ZoneRow] = {}

        # --- head: the meter and the dialogs
        self.meter_label = QLabel()
        self.meter_label.setObjectName("meterLabel")
        self.meter_label.setWordWrap(True)
        self.tariffs_button = QPushButton(self.tr("&Tariffs…"))
        self.tariffs_button.setObjectName("tariffsButton")
        self.tariffs_button.clicked.connect(self.open_tariffs)
        self.replace_button = QPushButton(self.tr("Replace &meter…"))
        self.replace_button.setObjectName("replaceMeterButton")
        self.replace_button.clicked.connect(self.open_replace_meter)
        self.replace_button.setVisible(False)
        head = QHBoxLayout()
        head.addWidget(self.meter_label, 1)
        head.addWidget(self.tariffs_button)
        head.addWidget(self.replace_button)

        # --- the zones grid
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        titles = [self.tr("Zone"), self.tr("Previous reading"), self.tr("New reading"),
                  self.tr("Consumption"), self.tr("Cost")]
        for column, title in enumerate(titles):
            label = QLabel(title)
            label.setStyleSheet("color: #555;")
            self.grid.addWidget(label, 0, column)
        self.grid.setColumnStretch(6, 1)

        # --- date, rollover, warning, cost, save
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("readingDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.dateChanged.connect(self.recalculate)
        date_title = QLabel(self.tr("Reading &date:"))
        date_title.setBuddy(self.date_edit)

        self.warning_frame = QFrame()
        self.warning_frame.setObjectName("warningFrame")
        self.warning_frame.setStyleSheet(
            "#warningFrame { background: #fff4e0; border: 1px solid #e0a040; border-radius: 4px; }")
        self.warning_label = QLabel()
        self.warning_label.setObjectName("warningLabel")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #7a4500; font-weight: 600;")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonInput")
        self.reason_edit.setMaxLength(MAX_REASON_CHARS)
        self.reason_edit.setPlaceholderText(self.tr("Why the figure is right, e.g. the customer was away"))
        self.reason_edit.textChanged.connect(self.recalculate)
        self.reason_edit.textEdited.connect(self._typed)
        self.reason_edit.returnPressed.connect(self._save_or_focus)
        reason_title = QLabel(self.tr("&Reason:"))
        reason_title.setBuddy(self.reason_edit)
        warning_layout = QGridLayout(self.warning_frame)
        warning_layout.addWidget(self.warning_label, 0, 0, 1, 2)
        warning_layout.addWidget(reason_title, 1, 0)
        warning_layout.addWidget(self.reason_edit, 1, 1)
        self.warning_frame.setVisible(False)

        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        self.period_label.setWordWrap(True)
        self.period_label.setStyleSheet("color: #1a5fb4;")
        self.period_label.setVisible(False)
        self.cost_label = QLabel("—")
        self.cost_label.setObjectName("readingCostLabel")
        self.cost_label.setWordWrap(True)
        self.cost_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.error_label = make_error_label(self)
        self.status_label = QLabel()
        self.status_label.setObjectName("readingsStatusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #1b7f3b; font-weight: 600;")
        self.status_label.setVisible(False)
        self.save_button = QPushButton(self.tr("&Save readings"))
        self.save_button.setObjectName("saveReadingsButton")
        self.save_button.setAutoDefault(True)  # Enter on the focused button saves
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)

        bottom = QHBoxLayout()
        bottom.addWidget(date_title)
        bottom.addWidget(self.date_edit)
        bottom.addSpacing(16)
        bottom.addWidget(self.cost_label, 1)
        bottom.addWidget(self.save_button)

        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addLayout(head)
        entry_layout.addLayout(self.grid)
        entry_layout.addWidget(self.warning_frame)
        entry_layout.addLayout(bottom)
        entry_layout.addWidget(self.period_label)
        entry_layout.addWidget(self.error_label)
        entry_layout.addWidget(self.status_label)

        # --- history and chart
        self.history_model = ReadingsHistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setObjectName("readingsHistory")
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.setWordWrap(False)
        self.chart_box = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.history_view)
        self.splitter.addWidget(self.chart_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(entry)
        layout.addWidget(self.splitter, 1)

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        """Esc in a filled entry clears it (it wins over the card's Esc, which goes back to the
        search box once the entry is empty); Enter on a rollover box confirms it and moves on."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape and self._entry_typed():
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.clear_entry()
                return True
            if kind == QEvent.Type.KeyPress and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                for zone, row in self.rows.items():
                    if watched is row.rollover:
                        self._rollover_entered(zone)
                        return True
        return super().eventFilter(watched, event)

    def _typed(self, *_: Any) -> None:
        """A new keystroke: the message about the last save (or its failure) is old now."""
        if not self.error_label.property("fromPreview"):
            set_error(self.error_label, None)
        self.status_label.setVisible(False)

    def _entry_typed(self) -> bool:
        return (any(row.input.text() or row.rollover.isChecked() for row in self.rows.values())
                or bool(self.reason_edit.text()))

    def first_input(self) -> QWidget | None:
        """CardPage.first_input: the first zone's reading (None until the form has arrived)."""
        return next(iter(self.rows.values())).input if self.rows else None

    def focus_first(self) -> None:
        """CardPage.focus_first; before the form arrives the cursor goes to T1 as soon as it does."""
        self._focus_on_form = self.first_input() is None
        super().focus_first()

    def _rollover_entered(self, zone: str) -> None:
        """Enter on the rollover box: a first Enter confirms and goes on like Enter in the zone,
        a second one takes the confirmation back."""
        box = self.rows[zone].rollover
        if box.isChecked():
            box.setChecked(False)
            return
        box.setChecked(True)
        self._enter_pressed(zone)

    def _enter_pressed(self, zone: str) -> None:
        """Enter moves to the next zone; at the last one it saves, or goes where a problem is."""
        zones = list(self.rows)
        i = zones.index(zone)
        if i + 1 < len(zones):
            self.rows[zones[i + 1]].input.setFocus()
            self.rows[zones[i + 1]].input.selectAll()
        elif self.warning_frame.isVisible() and not (self.last_preview and self.last_preview.reason_ok):
            self.reason_edit.setFocus()
        else:
            self._save_or_focus()

    def _save_or_focus(self) -> None:
        if self.save_button.isEnabled():
            self.save()
        else:
            self._focus_save()

    def _focus_save(self) -> None:
        if self.save_button.isEnabled():
            self.save_button.setFocus()
        else:
            # Nothing to save yet: stay where the first problem is.
            pv = self.last_preview
            for zone, row in self.rows.items():
                if pv is not None and (zone in pv.zone_errors or zone in pv.unconfirmed_rollover_zones):
                    (row.rollover if zone in pv.unconfirmed_rollover_zones else row.input).setFocus()
                    return

    def clear_entry(self) -> None:
        for row in self.rows.values():
            row.input.clear()
            row.rollover.setChecked(False)
        self.reason_edit.clear()
        set_error(self.error_label, None)
        if self.form is not None:
            self.date_edit.setDate(QDate(self.form.today))
        if self.rows:
            next(iter(self.rows.values())).input.setFocus()
        self.recalculate()

    # --- loading ----------------------------------------------------------------------------

    def show_account(self, card: Any) -> None:
        super().show_account(card)
        if card is None:
            self.loads.renew()
            self.number = None
            self.form = None
            self._build_rows(())
            self.history_model.set_rows([])
            return
        if card.account != self.number:
            self.number = card.account
            self._saving = False  # a save for the previous account no longer answers here
            self.form = None
            self._build_rows(())
            self.status_label.setVisible(False)
            set_error(self.error_label, None)
            self.history_model.set_rows([])
            self._points = None
            if self.chart is not None:
                self.chart.set_points([])
        role = getattr(self.desk.actor, "role", "operator")
        self.replace_button.setVisible(role in ("senior", "admin") and not card.closed)
        self.reload()

    def reload(self) -> None:
        """Load the form, the history and the chart of the open account (off the GUI thread)."""
        if self.number is None:
            return
        from desktop.services import readings

        self.loads.renew()
        self.desk.call(readings.reading_form, self.number, on_done=self._form_loaded,
                       on_error=self._load_failed, token=self.loads)
        self.reload_history()

    def reload_history(self) -> None:
        from desktop.services import readings

        number = self.number
        self.desk.call(readings.history, number, on_done=self._history_loaded, on_error=self._load_failed,
                       token=self.loads)
        self.desk.call(readings.monthly_consumption, number, 24,
                       on_done=self._chart_loaded, on_error=self._load_failed, token=self.loads)

    def _load_failed(self, error: BaseException) -> None:
        report_error(self, error, self.error_label)

    def _form_loaded(self, form: Any) -> None:
        old = self.form
        self.form = form
        if old is None or old.zone_list != form.zone_list or old.digits != form.digits:
            self._build_rows(form.zone_list)
        names = form.zone_names
        for zone, row in self.rows.items():
            name = names.get(zone, "")
            row.name.setText(f"<b>{zone}</b> {name.capitalize()}")
            prev = form.previous[zone]
            if prev.reading_id is None:
                row.previous.setText(self.tr("%1 (installed %2)").replace("%1", str(prev.value))
                                     .replace("%2", format_date(prev.taken_on)))
            else:
                row.previous.setText(self.tr("%1 on %2").replace("%1", str(prev.value).zfill(form.digits))
                                     .replace("%2", format_date(prev.taken_on)))
            row.input.setPlaceholderText("0" * form.digits)
            row.input.setToolTip(self.tr("Up to %1 digits, whole kWh").replace("%1", str(form.digits)))
        self.meter_label.setText(
            self.tr("Meter %1 · %2 · %3 digits").replace("%1", form.serial)
            .replace("%2", self._scheme_name(form.zones)).replace("%3", str(form.digits)))
        today = QDate(form.today)
        self.date_edit.setMaximumDate(today)
        if old is None or self.date_edit.date() > today:
            self.date_edit.setDate(today)
        self.recalculate()
        if self._focus_on_form and self.rows and self.isVisible():
            self._focus_on_form = False
            self.focus_first()

    def _scheme_name(self, zones: int) -> str:
        return {1: self.tr("single rate"), 2: self.tr("two zones"), 3: self.tr("three zones")}.get(zones, "")

    def _build_rows(self, zones: tuple[str, ...] | list[str]) -> None:
        for row in self.rows.values():
            for w in row.widgets():
                self.grid.removeWidget(w)
                w.deleteLater()
        self.rows = {}
        for i, zone in enumerate(zones):
            row = _ZoneRow(zone)
            r = 1 + i * 2
            self.grid.addWidget(row.name, r, 0)
            self.grid.addWidget(row.previous, r, 1)
            self.grid.addWidget(row.input, r, 2)
            self.grid.addWidget(row.consumption, r, 3)
            self.grid.addWidget(row.cost, r, 4)
            self.grid.addWidget(row.rollover, r, 5)
            self.grid.addWidget(row.message, r + 1, 2, 1, 5)
            row.input.textChanged.connect(self.recalculate)
            row.input.textEdited.connect(self._typed)
            row.input.returnPressed.connect(lambda z=zone: self._enter_pressed(z))
            row.input.installEventFilter(self)
            row.rollover.toggled.connect(self.recalculate)
            row.rollover.installEventFilter(self)
            self.rows[zone] = row
        self.reason_edit.installEventFilter(self)
        self.date_edit.installEventFilter(self)
        # Tab order follows the visit: zones, (rollover), date, reason, save.
        chain: list[QWidget] = []
        for row in self.rows.values():
            chain += [row.input, row.rollover]
        chain += [self.date_edit, self.reason_edit, self.save_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        self.recalculate()

    def _history_loaded(self, rows: list[Any]) -> None:
        zones = self.form.zones if self.form is not None else None
        self.history_model.set_rows(rows, zones)
        self.history_view.resizeColumnsToContents()
        self._share_width()

    def _share_width(self) -> None:
        """The history gets the width its columns need (no sideways scrolling), the chart the rest."""
        from desktop.views.fit import table_width

        total = self.splitter.width()
        need = table_width(self.history_view)
        chart_min = self.chart.minimumWidth() if self.chart is not None else 420
        if total > 0:
            # setSizes shares out the splitter's room minus its handle: ask for a little more.
            history = min(need + 2 * self.splitter.handleWidth() + 4, total - chart_min - self.splitter.handleWidth())
            self.splitter.setSizes([history, total - history])

    def _chart_loaded(self, points: list[Any]) -> None:
        self._points = points
        if self.chart is not None:
            self.chart.set_points(points)

    # --- the chart, created on first show ---------------------------------------------------

    def showEvent(self, event: Any) -> None:  # QWidget.showEvent
        super().showEvent(event)
        self.ensure_chart()

    def ensure_chart(self) -> Any:
        if self.chart is None:
            from desktop.views.consumption_chart import ConsumptionChart  # pyqtgraph: heavy import

            self.chart = ConsumptionChart(self.chart_box)
            self.chart.setMinimumWidth(420)
            self.chart_layout.addWidget(self.chart)
            self._share_width()
            if self._points is not None:
                self.chart.set_points(self._points)
        return self.chart

    # --- live figures -----------------------------------------------------------------------

    def texts(self) -> dict[str, str]:
        return {zone: row.input.text() for zone, row in self.rows.items()}

    def recalculate(self, *_: Any) -> None:
        """The preview for what is typed now, and every label from it (each keystroke)."""
        form = self.form
        if form is None or not self.rows:
            self.last_preview = None
            self.cost_label.setText("—")
            self.save_button.setEnabled(False)
            self.warning_frame.setVisible(False)
            self.period_label.setVisible(False)
            return
        texts = self.texts()
        confirmed = {z for z, row in self.rows.items() if row.rollover.isChecked()}
        qd = self.date_edit.date()
        on_date = date(qd.year(), qd.month(), qd.day())
        pv = preview(form, texts, on_date, confirm_rollover_zones=confirmed, reason=self.reason_edit.text())
        self.last_preview = pv
        typed_any = any(t.strip() for t in texts.values())
        for zone, row in self.rows.items():
            used = pv.consumption.get(zone)
            typed = bool(texts[zone].strip())
            error = pv.zone_errors.get(zone) if typed else None
            if used is None:
                row.consumption.setText("—")
            elif zone in pv.unconfirmed_rollover_zones:
                row.consumption.setText(f"{kwh(used)}?")
            else:
                row.consumption.setText(kwh(used))
            cost = pv.zone_cost_kopecks.get(zone)
            row.cost.setText(format_rub(cost) if cost is not None else "")
            if zone in pv.rollover_zones and used is not None:
                row.rollover.setText(self.tr("Rollover through zero: %1").replace("%1", kwh(used)))
                row.rollover.setVisible(True)
            else:
                if row.rollover.isChecked():
                    row.rollover.blockSignals(True)
                    row.rollover.setChecked(False)
                    row.rollover.blockSignals(False)
                row.rollover.setVisible(False)
            pending = zone in pv.unconfirmed_rollover_zones
            if pending:
                message = next((f.message for f in pv.findings
                                if f.kind == "rollover" and f.zone == zone), "")
            else:
                message = error or ""
            if row.message.property("pending") != pending:
                row.message.setProperty("pending", pending)
                row.message.setStyleSheet("color: #7a4500;" if pending else "color: #b00020;")
            if row.message.text() != message:
                row.message.setText(message)
            row.message.setVisible(bool(message))
            if row.input.property("bad") != bool(error):  # a style sheet change re-polishes: only on change
                row.input.setProperty("bad", bool(error))
                row.input.setStyleSheet(
                    "font-size: 13pt; font-family: monospace;" + (" border: 1px solid #b00020;" if error else ""))
        # Warnings that need a reason.
        if pv.warnings:
            self.warning_label.setText(
                "\n".join(f.message for f in pv.warnings) + "\n"
                + self.tr("Check the figure with the customer. To save it anyway, give the reason."))
        self.warning_frame.setVisible(bool(pv.warnings))
        # Errors not tied to a zone (the date).
        general = [f.message for f in pv.errors if f.zone is None]
        if general:
            set_error(self.error_label, "; ".join(general))
        elif self.error_label.property("fromPreview"):
            set_error(self.error_label, None)
        self.error_label.setProperty("fromPreview", bool(general))
        # Cost, tariff and period.
        if pv.cost_kopecks is not None:
            note = self.tr("for %1 at the tariff of %2, period %3").replace(
                "%1", kwh(pv.total_kwh or 0)).replace("%2", format_date(pv.price_date)).replace(
                "%3", pv.period.name)
            self.cost_label.setText(f"{format_rub(pv.cost_kopecks)} · {note}")
        elif pv.cost_error:
            self.cost_label.setText(pv.cost_error)
        else:
            self.cost_label.setText("—")
        self.period_label.setText(pv.period_message or "")
        self.period_label.setVisible(bool(pv.period_message) and typed_any)
        self.save_button.setEnabled(pv.can_save and not self._saving)
        if typed_any and self.status_label.isVisible():
            self.status_label.setVisible(False)

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        pv = self.last_preview
        form = self.form
        if form is None or pv is None or not pv.can_save or self._saving:
            return
        from desktop.services import readings

        self._saving = True
        self.save_button.setEnabled(False)
        set_error(self.error_label, None)
        confirmed = {z for z, row in self.rows.items() if row.rollover.isChecked()}
        self.call(
            readings.save_readings, self.number, self.texts(), taken_on=pv.on_date,
            confirm_rollover_zones=confirmed, confirmation_reason=self.reason_edit.text() or None,
            expected_previous=form.previous, on_done=self._saved, on_error=self._save_failed, serial=True)

    def _saved(self, saved: Any) -> None:
        self._saving = False
        used = sum(saved.consumption.values())
        text = self.tr("Readings saved: %1").replace("%1", kwh(used))
        if saved.cost_kopecks is not None:
            text += f", {format_rub(saved.cost_kopecks)}"
        if saved.period_message:
            text += ". " + saved.period_message
        for row in self.rows.values():
            row.input.blockSignals(True)
            row.input.clear()
            row.input.blockSignals(False)
            row.rollover.setChecked(False)
        self.reason_edit.blockSignals(True)
        self.reason_edit.clear()
        self.reason_edit.blockSignals(False)
        self.recalculate()
        self.status_label.setText(text)
        self.status_label.setVisible(True)
        if self.rows:
            next(iter(self.rows.values())).input.setFocus()
        # The card reloads on accountChanged and hands itself to this page (show_account), which
        # reloads the form, history and chart then: reloading here as well loaded each twice.
        self.desk.accountChanged.emit(saved.account_number)

    def _save_failed(self, error: BaseException) -> None:
        from desktop.services.errors import Conflict, InputError

        self._saving = False
        if isinstance(error, Conflict):
            set_error(self.error_label, error.message)
            self.error_label.setProperty("fromPreview", False)
            self.reload()
            return
        if isinstance(error, InputError):
            set_error(self.error_label, error.message)
            self.error_label.setProperty("fromPreview", False)
            target = self.rows.get(error.field or "")
            if target is not None:
                target.input.setFocus()
            elif error.field == "reason":
                self.reason_edit.setFocus()
            self.recalculate()
            return
        self.recalculate()
        report_error(self, error, self.error_label)
        if not self.error_label.isVisible():
            set_error(self.error_label, user_message(error))

    # --- dialogs ----------------------------------------------------------------------------

    def open_tariffs(self) -> None:
        from desktop.views.tariffs_dialog import TariffsDialog

        self.tariffs_dialog = TariffsDialog(self.desk, self.form, self)
        self.tariffs_dialog.open()

    def open_replace_meter(self) -> None:
        if self.form is None:
            return
        from desktop.views.meter_dialog import ReplaceMeterDialog

        self.meter_dialog = ReplaceMeterDialog(self.desk, self.form, self)
        self.meter_dialog.replaced.connect(self._meter_replaced)
        self.meter_dialog.open()

    def _meter_replaced(self, number: str) -> None:
        self.form = None  # another meter: the rows are built anew when its form arrives
        self.desk.accountChanged.emit(number)  # the card's refresh reloads this page (show_account)
