"""Page «Обращения»: the account's requests and complaints, registering a new one with its slip,
and the work on the selected one (assign, note, answer, close)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.models.request_names import CHANNELS, HISTORY, RESULTS, STATES, TYPES, name_of
from desktop.views.messages import clear_on_input, make_error_label, report_error, set_error
from desktop.views.pages.base import CardPage

TITLE = QT_TRANSLATE_NOOP("CardPages", "Requests")
RED = "#b00020"


def alert_html(card: Any) -> str:
    """The alert-line part about open requests (HTML): overdue ones in red; empty when none."""
    if not getattr(card, "open_requests", 0):
        return ""
    text = QCoreApplication.translate("Requests", "Open requests: %1").replace("%1", str(card.open_requests))
    html = f'<span style="color:#7a5a00">{text}</span>'
    if card.overdue_requests:
        overdue = QCoreApplication.translate("Requests", "overdue: %1").replace("%1", str(card.overdue_requests))
        html += f' <span style="color:{RED}">({overdue})</span>'
    return html


def _combo(name: str, pairs: tuple[tuple[str, str], ...]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for key, title in pairs:
        combo.addItem(QCoreApplication.translate("Requests", title), key)
    return combo


def _registered(ctx: Any, number: str, kind: str, text: str, channel: str, due_on: date | None) -> Any:
    from desktop.services.requests import register_request

    return register_request(ctx, number, kind, text, channel, due_on=due_on)


def _loaded(ctx: Any, number: str) -> tuple[date, list[Any]]:
    from desktop.services.requests import account_requests

    return ctx.today(), account_requests(ctx, number)


def _slip(ctx: Any, request_id: int) -> bytes:
    from desktop.services.requests import slip_pdf

    return slip_pdf(ctx, request_id)


def _details(ctx: Any, request_id: int) -> tuple[Any, Any]:
    from desktop.services.requests import get_request, request_history

    return get_request(ctx, request_id), request_history(ctx, request_id)


class RequestsPage(CardPage):
    """objectNames requestsView, newRequestButton, requestType, requestText, saveRequestButton,
    requestNumberLabel (CONTRACTS.md)."""

    def __init__(self, desk: Any, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.requests: list[Any] = []
        self.current: Any = None  # the request selected in the list
        self._focus_on_fill = False  # F10 came before the page's first load: focus when it arrives

        self.view = QTableWidget(0, 6)
        self.view.setObjectName("requestsView")
        self.view.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Registered"), self.tr("Kind"),
                                             self.tr("State"), self.tr("Due"), self.tr("Assigned to")])
        self.view.verticalHeader().setVisible(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.itemSelectionChanged.connect(self._selected)
        self.details = QPlainTextEdit()
        self.details.setObjectName("requestDetails")
        self.details.setReadOnly(True)

        # New request.
        self.new_button = QPushButton(self.tr("&New request"))
        self.new_button.setObjectName("newRequestButton")
        self.new_button.clicked.connect(self.new_request)
        self.type = _combo("requestType", TYPES)
        self.channel = _combo("requestChannel", CHANNELS)
        for combo in (self.type, self.channel):  # Enter moves on (eventFilter)
            combo.installEventFilter(self)
        self.text = QPlainTextEdit()
        self.text.setObjectName("requestText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("The customer's words"))
        self.due_by_hand = QCheckBox(self.tr("set by &hand:"))
        self.due_by_hand.setObjectName("requestDueByHand")
        self.due = QDateEdit()
        self.due.setObjectName("requestDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd.MM.yyyy")
        self.due.setEnabled(False)
        self.due_by_hand.toggled.connect(self.due.setEnabled)
        self.save_button = QPushButton(self.tr("&Register (Ctrl+Enter)"))
        self.save_button.setObjectName("saveRequestButton")
        self.save_button.clicked.connect(self.save)
        self.number_label = QLabel()
        self.number_label.setObjectName("requestNumberLabel")
        self.number_label.setStyleSheet("font-weight: 600;")
        self.number_label.setWordWrap(True)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.slip_button = QPushButton(self.tr("&Print slip"))
        self.slip_button.setObjectName("printSlipButton")
        self.slip_button.clicked.connect(self.print_slip)
        self.error_label: QLabel = make_error_label(self)
        clear_on_input(self.error_label, self.type, self.channel, self.text, self.due_by_hand, self.due)
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.type)
        form.addRow(self.tr("Answer &by:"), self.channel)
        form.addRow(self.tr("&Text:"), self.text)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_by_hand)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        form.addRow(self.tr("Due date:"), due_row)
        new_box = QGroupBox(self.tr("New request"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(form)
        new_layout.addWidget(self.error_label)
        row = QHBoxLayout()
        widget: QWidget  # buttons here, a combo box too in the loops below
        for widget in (self.new_button, self.save_button, self.slip_button):
            row.addWidget(widget)
        row.addStretch(1)
        new_layout.addLayout(row)
        new_layout.addWidget(self.number_label)

        # Work on the selected request.
        self.assignee = QLineEdit()
        self.assignee.setObjectName("requestAssignee")
        self.assignee.setPlaceholderText(self.tr("operator's login"))
        self.assign_button = QPushButton(self.tr("&Assign"))
        self.assign_button.setObjectName("assignRequestButton")
        self.note = QPlainTextEdit()
        self.note.setObjectName("requestNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Note or answer text"))
        self.note_button = QPushButton(self.tr("Add &note"))
        self.note_button.setObjectName("addNoteButton")
        self.answer_button = QPushButton(self.tr("Save a&nswer"))
        self.answer_button.setObjectName("answerRequestButton")
        self.result = _combo("requestResult", RESULTS)
        self.close_button = QPushButton(self.tr("&Close with result"))
        self.close_button.setObjectName("closeRequestButton")
        self.work_error = make_error_label(self)
        clear_on_input(self.work_error, self.assignee, self.note)
        self.assign_button.clicked.connect(lambda: self._work("assign"))
        self.note_button.clicked.connect(lambda: self._work("note"))
        self.answer_button.clicked.connect(lambda: self._work("answer"))
        self.close_button.clicked.connect(lambda: self._work("close"))
        work_box = QGroupBox(self.tr("Selected request"))
        self.work_box = work_box
        work = QVBoxLayout(work_box)
        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("Assign to:")))
        line.addWidget(self.assignee, 1)
        line.addWidget(self.assign_button)
        work.addLayout(line)
        work.addWidget(self.note)
        line = QHBoxLayout()
        for widget in (self.note_button, self.answer_button, self.result, self.close_button):
            line.addWidget(widget)
        work.addLayout(line)
        work.addWidget(self.work_error)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.view)
        left.addWidget(self.details)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(new_box, 1)
        right_layout.addWidget(work_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 520])
        self.note.setMaximumHeight(110)
        self.text.setMinimumHeight(90)
        QVBoxLayout(self).addWidget(split)
        QShortcut(QKeySequence("Ctrl+Return"), self.text).activated.connect(self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self.text).activated.connect(self.save)
        self.setTabOrder(self.type, self.channel)
        self.setTabOrder(self.channel, self.text)
        self.setTabOrder(self.text, self.due_by_hand)
        self.setTabOrder(self.due_by_hand, self.due)
        self.setTabOrder(self.due, self.save_button)
        self._show_selected(None, [])
        self.setEnabled(False)

    def first_input(self) -> QWidget | None:
        """CardPage.first_input: the kind of a new request, the first input of its form (F10 left
        the cursor on the page itself and typed digits were lost); None while the page is disabled."""
        return self.type if self.isEnabled() else None

    def focus_first(self) -> None:
        """CardPage.focus_first; before the first load the cursor goes there as soon as it arrives."""
        self._focus_on_fill = self.first_input() is None
        super().focus_first()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        """Enter on the kind goes to the channel, on the channel to the text (a closed combo box
        ignores Enter); in the text Enter is a new line and Ctrl+Enter registers."""
        if (watched in (self.type, self.channel) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            (self.channel if watched is self.type else self.text).setFocus()
            return True
        return super().eventFilter(watched, event)

    # --- loading -----------------------------------------------------------------------------

    def show_account(self, card: Any) -> None:
        same = card is not None and self.card is not None and card.account == self.card.account
        super().show_account(card)
        if not same:
            set_error(self.error_label, None)
            set_error(self.work_error, None)
            self.number_label.setText("")
        if card is None:
            self.setEnabled(False)
            return
        # The same account refreshed (after a change here): keep the selected request.
        self.reload(select_id=self.current.id if same and self.current is not None else None)

    def reload(self, select_id: int | None = None) -> None:
        if self.card is None or not self._alive():
            return
        number = self.card.account
        self.desk.call(_loaded, number,
                       on_done=lambda found: self._arrived(found, select_id) if self._current(number) else None,
                       on_error=self._failed)

    def _arrived(self, found: tuple[date, list[Any]], select_id: int | None) -> None:
        today, listed = found
        if not self.due_by_hand.isChecked():
            # The company's today (the service clock), never the PC's date.
            self.due.setDate(QDate(today.year, today.month, today.day))
        self.fill(listed, select_id)

    def _current(self, number: str) -> bool:
        return self.card is not None and self.card.account == number

    def _alive(self) -> bool:
        top = self.window()
        return top is self or top.isVisible()

    def fill(self, found: list[Any], select_id: int | None = None) -> None:
        self.setEnabled(True)
        if self._focus_on_fill and self.isVisible():
            self._focus_on_fill = False
            self.focus_first()
        self.requests = found
        self.view.setRowCount(len(found))
        bold = QFont()
        bold.setBold(True)
        for row, r in enumerate(found):
            cells = (r.number, r.registered_at.strftime("%d.%m.%Y %H:%M"), name_of(TYPES, r.type),
                     name_of(STATES, r.state) + (f" · {name_of(RESULTS, r.result)}" if r.result else ""),
                     r.due_on.strftime("%d.%m.%Y"), r.assignee)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.overdue and col in (0, 4):
                    item.setForeground(QBrush(QColor(RED)))
                    item.setFont(bold)
                self.view.setItem(row, col, item)
        index = next((i for i, r in enumerate(found) if r.id == select_id), None)
        if index is not None:
            self.view.selectRow(index)
            self._selected()  # the same row may have been selected already: no signal then
        else:
            self.view.clearSelection()
            self._show_selected(None, [])

    def _selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.requests):
            self._show_selected(None, [])
            return
        request = self.requests[rows[0].row()]
        self.current = request
        self.desk.call(_details, request.id, on_done=lambda found: self._show_selected(*found)
                       if self.current is not None and self.current.id == found[0].id else None,
                       on_error=self._failed)

    def _show_selected(self, request: Any, history: list[Any]) -> None:
        self.current = request
        open_ = request is not None and request.state != "closed"
        for widget in (self.assignee, self.assign_button, self.note, self.note_button, self.answer_button,
                       self.result, self.close_button):
            widget.setEnabled(open_)
        self.slip_button.setEnabled(request is not None)
        if request is None:
            self.details.setPlainText("")
            return
        lines = [f"{request.number} · {name_of(TYPES, request.type)} · {name_of(CHANNELS, request.channel)}",
                 self.tr("Due: %1").replace("%1", request.due_on.strftime("%d.%m.%Y"))
                 + (" · " + self.tr("OVERDUE") if request.overdue else ""),
                 "", request.text, ""]
        if request.answer:
            lines += [self.tr("Answer:"), request.answer, ""]
        for h in history:
            what = QCoreApplication.translate("Requests", HISTORY.get(h.kind, h.kind))
            lines.append(f"{h.at:%d.%m.%Y %H:%M} {h.who}: {what}" + (f" — {h.note}" if h.note else ""))
        self.details.setPlainText("\n".join(lines))

    # --- changes -----------------------------------------------------------------------------

    def new_request(self) -> None:
        """Clear the form and start with the kind (keyboard: the button, then Tab through)."""
        self.text.clear()
        self.number_label.setText("")
        set_error(self.error_label, None)
        self.type.setFocus()

    def save(self) -> None:
        if self.card is None or not self.save_button.isEnabled():
            return
        set_error(self.error_label, None)
        number = self.card.account
        self.save_button.setEnabled(False)
        qdate = self.due.date()
        due_on = date(qdate.year(), qdate.month(), qdate.day()) if self.due_by_hand.isChecked() else None
        self.desk.call(_registered, number, self.type.currentData(), self.text.toPlainText(),
                       self.channel.currentData(), due_on,
                       on_done=lambda made: self._registered(number, made), on_error=self._failed)

    def _registered(self, number: str, made: Any) -> None:
        self.save_button.setEnabled(True)
        self.text.clear()
        self.due_by_hand.setChecked(False)
        self.number_label.setText(self.tr("Registered: No. %1, answer due %2").replace("%1", made.number)
                                  .replace("%2", made.due_on.strftime("%d.%m.%Y")))
        self.current = made
        self.slip_button.setEnabled(True)
        if self._alive():
            self.desk.accountChanged.emit(number)  # the alert line counts it
            if self._current(number):
                self.reload(select_id=made.id)

    def _work(self, action: str) -> None:
        from desktop.services import requests

        if self.current is None or self.card is None:
            return
        set_error(self.work_error, None)
        text = self.note.toPlainText()
        calls: dict[str, tuple[Any, ...]] = {
            "assign": (requests.assign_request, self.assignee.text()),
            "note": (requests.add_note, text),
            "answer": (requests.answer_request, text),
            "close": (requests.close_request, self.result.currentData(), text or None),
        }
        fn, *args = calls[action]
        number, request_id = self.card.account, self.current.id
        self.desk.call(fn, request_id, *args, on_done=lambda _r: self._worked(number, request_id, action),
                       on_error=lambda error: report_error(self, error, self.work_error))

    def _worked(self, number: str, request_id: int, action: str) -> None:
        if action != "assign":
            self.note.clear()
        if self._alive():
            if action == "close":
                self.desk.accountChanged.emit(number)
            if self._current(number):
                self.reload(select_id=request_id)

    def print_slip(self) -> None:
        """Render the slip of the selected (or just registered) request and send it to the printer."""
        if self.current is None:
            return
        title = self.tr("Request %1").replace("%1", self.current.number)
        self.desk.call(_slip, self.current.id, on_done=lambda data: self._print(data, title), on_error=self._failed)

    def _print(self, data: bytes, title: str) -> None:
        from desktop.views.slip_printing import print_slip

        self.slip_pdf = data
        self.slip_job = print_slip(self.desk, self, data, title, self._printed)

    def _printed(self, ok: bool, text: str) -> None:
        if ok:
            self.number_label.setText(self.number_label.text() + " · " + text)
        else:
            set_error(self.error_label, text)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        report_error(self, error, self.error_label)
        if getattr(error, "field", None) == "text":
            self.text.setFocus()
        elif getattr(error, "field", None) == "type":
            self.type.setFocus()
        elif getattr(error, "field", None) == "due_on":
            self.due.setFocus()
