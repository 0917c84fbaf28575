"""The readings page through the main window, on SQLite and PostgreSQL.

The desk clock is stopped on 20.11.2026 (inside the readings window) so the figures do
not depend on the day the tests run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPushButton, QTableView, QWidget
from visit_driver import Keyboard, focus_name

from desktop.core.money import format_rub
from desktop.services import readings
from desktop.services.accounts import list_accounts
from desktop.services.context import ServiceContext

NOV20 = date(2026, 11, 20)


def at(ctx: ServiceContext, day: date) -> ServiceContext:
    moment = datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)
    return ServiceContext(ctx.sessions, ctx.actor, clock=lambda: moment, desk=ctx.desk)


def find_form(ctx: ServiceContext, zones: int = 1) -> readings.ReadingForm:
    for number in list_accounts(ctx):
        form = readings.reading_form(ctx, number)
        if (form.zones == zones and form.usual_avg is not None and form.usual_avg >= 50
                and all(p.period == "2026-10" for p in form.previous.values())):
            return form
    pytest.skip(f"no demo account with {zones} zones read in October")


@pytest.fixture
def desk_ctx(window):
    """The window's own service context with the clock stopped on NOV20."""
    window.desk.ctx = at(window.desk.ctx, NOV20)
    return window.desk.ctx


def open_page(qtbot, window, number: str):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_account(number)
    page = window.card.pages["readings"]
    qtbot.waitUntil(lambda: page.form is not None and page.form.account_number == number
                    and page.history_model.rowCount() > 0
                    and page.chart is not None and len(page.chart.points) == 24)
    return page


def widget(window, cls, name):
    found = window.findChild(cls, name)
    assert found is not None, name
    return found


def test_live_figures_before_saving(qtbot, window, desk_ctx):
    form = find_form(desk_ctx)
    page = open_page(qtbot, window, form.account_number)
    field = widget(window, QLineEdit, "readingInput_T1")
    consumption = widget(window, QLabel, "consumptionLabel_T1")
    cost = widget(window, QLabel, "readingCostLabel")
    save = widget(window, QPushButton, "saveReadingsButton")
    assert window.findChild(QLineEdit, "readingInput_T2") is None  # one zone, one input
    assert not save.isEnabled()
    before = len(readings.history(desk_ctx, form.account_number))
    previous = form.previous["T1"].value
    seen = []
    for ch in str(previous + 120):
        qtbot.keyClicks(field, ch)
        seen.append((consumption.text(), cost.text()))
    assert consumption.text() == "120\u00a0кВт·ч"
    expected = readings.preview(form, {"T1": str(previous + 120)}).cost_kopecks
    assert format_rub(expected) in cost.text() and "20.11.2026" in cost.text()
    assert seen[0] == ("—", "—")  # a first digit is below the previous reading: no figure yet
    # One more keystroke changes the figures at once, before any save.
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "9")
    used = int(field.text()) - previous
    assert consumption.text() == f"{used}\u00a0кВт·ч" and used != 120
    assert format_rub(readings.preview(form, {"T1": field.text()}).cost_kopecks) in cost.text()
    assert save.isEnabled()
    assert len(readings.history(desk_ctx, form.account_number)) == before  # nothing saved
    # Esc clears everything.
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and consumption.text() == "—" and not save.isEnabled()
    assert page.last_preview is not None


def test_lower_reading_needs_a_confirmed_rollover(qtbot, window, desk_ctx, senior_ctx):
    form = find_form(desk_ctx)
    number = form.account_number
    # A senior puts in a 5-digit meter that stands at 99,870.
    readings.replace_meter(at(senior_ctx, date(2026, 11, 10)), number, date=date(2026, 11, 10),
                           old_closing={"T1": form.previous["T1"].value + 100}, new_serial="NEW-0001",
                           new_zones=1, new_digits=5, new_opening={"T1": "99870"},
                           next_verification_on=date(2042, 11, 10))
    page = open_page(qtbot, window, number)
    assert page.form.digits == 5
    field = widget(window, QLineEdit, "readingInput_T1")
    save = widget(window, QPushButton, "saveReadingsButton")
    rollover = widget(window, QCheckBox, "rolloverCheck_T1")
    # By keyboard alone, as the operator does it (platform key events to the active window).
    keyboard = Keyboard(window.desk, window)
    keyboard.press(Qt.Key.Key_F5)
    focus_name(keyboard, "readingInput_T1")
    keyboard.type("00130")
    assert rollover.isVisible() and rollover.text() == "Переход через ноль: 260\u00a0кВт·ч"
    assert not save.isEnabled() and not rollover.isChecked()
    assert widget(window, QLabel, "consumptionLabel_T1").text() == "260\u00a0кВт·ч?"
    keyboard.press(Qt.Key.Key_Return)  # Enter does not save an unconfirmed rollover: it goes to the box
    focus_name(keyboard, "rolloverCheck_T1")
    assert not rollover.isChecked()
    save.click()
    page.desk.wait()
    assert readings.history(desk_ctx, number)[0].source == "initial"
    keyboard.press(Qt.Key.Key_Return)  # Enter on the box confirms the rollover and saves
    qtbot.waitUntil(lambda: page.history_model.rowCount() > 0
                    and page.history_model.row_at(0).source == "operator")
    top = readings.history(desk_ctx, number)[0]
    assert top.consumption == {"T1": 260} and top.rollover_zones == {"T1"}
    note = page.history_model.index(0, page.history_model.columnCount() - 1).data()
    assert "переход через ноль: T1" in note
    assert field.text() == "" and not rollover.isVisible()


def test_plain_lower_reading_is_an_error(qtbot, window, desk_ctx):
    form = find_form(desk_ctx)
    open_page(qtbot, window, form.account_number)
    field = widget(window, QLineEdit, "readingInput_T1")
    qtbot.keyClicks(field, str(form.previous["T1"].value - 5))
    assert not widget(window, QCheckBox, "rolloverCheck_T1").isVisible()
    message = widget(window, QLabel, "zoneMessage_T1")
    assert message.isVisible() and "меньше предыдущего" in message.text()
    assert not widget(window, QPushButton, "saveReadingsButton").isEnabled()


def test_warning_needs_a_reason(qtbot, window, desk_ctx):
    form = find_form(desk_ctx)
    page = open_page(qtbot, window, form.account_number)
    field = widget(window, QLineEdit, "readingInput_T1")
    save = widget(window, QPushButton, "saveReadingsButton")
    reason = widget(window, QLineEdit, "reasonInput")
    assert not reason.isVisible()
    qtbot.keyClicks(field, str(form.previous["T1"].value + int(form.usual_avg * 10)))
    assert reason.isVisible() and "намного больше" in widget(window, QLabel, "warningLabel").text()
    assert not save.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.focusWidget() is reason
    qtbot.keyClicks(reason, "ab")
    assert not save.isEnabled()
    qtbot.keyClicks(reason, "c:")
    reason.insert(" топили обогревателем")  # QTest types ASCII only
    assert save.isEnabled()
    qtbot.keyClick(reason, Qt.Key.Key_Return)  # the last input: Enter saves
    qtbot.waitUntil(lambda: page.history_model.row_at(0).taken_on == NOV20)
    top = readings.history(desk_ctx, form.account_number)[0]
    assert top.reason == "abc: топили обогревателем" and "намного больше" in top.warning
    assert not reason.isVisible()


def test_history_and_chart_updated_after_saving(qtbot, window, desk_ctx):
    form = find_form(desk_ctx, zones=2)
    number = form.account_number
    page = open_page(qtbot, window, number)
    chart = widget(window, QWidget, "consumptionChart")
    assert chart is page.chart
    history = widget(window, QTableView, "readingsHistory")
    assert history.model().rowCount() == len(readings.history(desk_ctx, number))
    # The chart: one series per year over Jan..Dec; October 2026 is a metered month.
    years = sorted(chart.series)
    assert years[-1] == 2026 and set(chart.series[2026].months) <= set(range(1, 13))
    assert len(chart.bars) == len(years)
    assert list(chart.bars[2026].opts["height"]) == chart.series[2026].heights
    before_nov = [p for p in chart.points if p.period == "2026-11"]
    assert not before_nov  # no November reading yet: the chart ends in October
    received = {}
    window.desk.accountChanged.connect(lambda n: received.setdefault("n", n))
    t1, t2 = form.previous["T1"].value + 150, form.previous["T2"].value + 70
    qtbot.keyClicks(widget(window, QLineEdit, "readingInput_T1"), str(t1))
    qtbot.keyClicks(widget(window, QLineEdit, "readingInput_T2"), str(t2))
    assert widget(window, QLabel, "consumptionLabel_T2").text() == "70\u00a0кВт·ч"
    qtbot.mouseClick(widget(window, QPushButton, "saveReadingsButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chart.points and chart.points[-1].period == "2026-11")
    qtbot.waitUntil(lambda: history.model().row_at(0).taken_on == NOV20)
    november = chart.points[-1]
    assert (november.kwh, november.basis, november.estimated) == ({"T1": 150, "T2": 70}, "meter", False)
    november_bar = chart.series[2026].months.index(11)
    assert chart.series[2026].heights[november_bar] == 220
    assert "Всего: 220" in chart.tooltip_text(november).replace("\u00a0", " ")
    assert received["n"] == number
    status = widget(window, QLabel, "readingsStatusLabel")
    assert status.isVisible() and "сохранены" in status.text()
    # The form was reloaded: the new readings are the previous ones now.
    qtbot.waitUntil(lambda: page.form.previous["T1"].value == t1)
    assert widget(window, QLineEdit, "readingInput_T1").text() == ""


@pytest.mark.parametrize("text, message", [
    ("12a4", "без букв"),
    ("1234567", "разрядов"),
    ("x" * 10_000, "Слишком длинный"),
])
def test_bad_input_gives_a_message_and_saves_nothing(qtbot, window, desk_ctx, text, message):
    form = find_form(desk_ctx)
    page = open_page(qtbot, window, form.account_number)
    field = widget(window, QLineEdit, "readingInput_T1")
    if len(text) > 100:
        QApplication.clipboard().setText(text)
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert 0 < len(field.text()) <= 41
    else:
        qtbot.keyClicks(field, text)
    label = widget(window, QLabel, "zoneMessage_T1")
    assert label.isVisible() and message in label.text()
    save = widget(window, QPushButton, "saveReadingsButton")
    assert not save.isEnabled()
    save.click()
    page.desk.wait()
    assert readings.history(desk_ctx, form.account_number)[0].taken_on != NOV20


def test_enter_moves_through_zones_to_save(qtbot, window, desk_ctx):
    form = find_form(desk_ctx, zones=2)
    open_page(qtbot, window, form.account_number)
    t1 = widget(window, QLineEdit, "readingInput_T1")
    t2 = widget(window, QLineEdit, "readingInput_T2")
    save = widget(window, QPushButton, "saveReadingsButton")
    qtbot.mouseClick(t1, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.focusWidget() is t1)
    qtbot.keyClicks(t1, str(form.previous["T1"].value + 100))
    qtbot.keyClick(t1, Qt.Key.Key_Return)
    assert window.focusWidget() is t2
    qtbot.keyClicks(t2, str(form.previous["T2"].value + 40))
    assert save.isEnabled()
    qtbot.keyClick(t2, Qt.Key.Key_Return)  # the last zone: Enter saves
    window.desk.wait()
    qtbot.waitUntil(lambda: widget(window, QLabel, "readingsStatusLabel").isVisible())
    saved = readings.history(desk_ctx, form.account_number)[0]
    assert saved.taken_on == NOV20 and saved.values == {"T1": form.previous["T1"].value + 100,
                                                        "T2": form.previous["T2"].value + 40}
    assert window.focusWidget() is t1  # ready for the next figure


def test_esc_clears_then_goes_back_to_search(qtbot, window, desk_ctx):
    form = find_form(desk_ctx)
    open_page(qtbot, window, form.account_number)
    t1 = widget(window, QLineEdit, "readingInput_T1")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.focusWidget() is t1)
    qtbot.keyClicks(t1, "12")
    qtbot.keyClick(t1, Qt.Key.Key_Escape)  # a filled entry: cleared, the cursor stays
    assert t1.text() == "" and window.focusWidget() is t1
    qtbot.keyClick(t1, Qt.Key.Key_Escape)  # an empty one: back to the search box
    assert window.focusWidget() is widget(window, QLineEdit, "accountSearch")



def test_history_model(qtmodeltester, desk_ctx):
    from desktop.models.readings_model import OBJECT_ROLE, SORT_ROLE, ReadingsHistoryModel

    form = find_form(desk_ctx, zones=2)
    rows = readings.history(desk_ctx, form.account_number)
    model = ReadingsHistoryModel()
    model.set_rows(rows, form.zones)
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Дата", "Период", "T1 (день)", "T2 (ночь)", "Расход, кВт·ч", "Источник",
                       "Кто ввёл", "Примечание"]
    assert model.rowCount() == len(rows)
    for i, row in enumerate(rows):
        cells = [model.index(i, c).data() for c in range(model.columnCount())]
        assert cells[0] == row.taken_on.strftime("%d.%m.%Y")
        assert cells[2:4] == [str(row.values["T1"]), str(row.values["T2"])]
        assert cells[5] == row.source_name
        assert model.index(i, 0).data(OBJECT_ROLE) is row
        assert model.index(i, 0).data(SORT_ROLE) == row.taken_on
    model.set_rows([])
    qtmodeltester.check(model)


def test_tariffs_for_every_operator_and_a_new_price_for_seniors(qtbot, window, desk_ctx, senior_ctx):
    from desktop.views.tariffs_dialog import TariffsDialog

    form = find_form(desk_ctx)
    page = open_page(qtbot, window, form.account_number)
    qtbot.mouseClick(widget(window, QPushButton, "tariffsButton"), Qt.MouseButton.LeftButton)
    dialog = page.tariffs_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    assert dialog.add_box is None  # an operator only reads
    assert all(dialog.model.row_at(r).in_force for r in range(dialog.model.rowCount()))
    # The ranges grouped as the rest of the desk writes kWh: «II: 1 200–6 000», «III: 6 000–…».
    ranges = {dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount())}
    assert {"I: 0–1\u00a0200", "II: 1\u00a0200–6\u00a0000", "III: 6\u00a0000–…"} <= ranges, ranges
    dialog.close()
    window.desk.ctx = at(senior_ctx, NOV20)
    dialog = TariffsDialog(window.desk, page.form, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    dialog.price_edit.setText("7,44")
    dialog.from_edit.setDate(QDate(2027, 1, 1))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() or any(
        dialog.model.row_at(r).created_by == "sam.senior" for r in range(dialog.model.rowCount())))
    assert not dialog.error_label.isVisible(), dialog.error_label.text()
    new = next(dialog.model.row_at(r) for r in range(dialog.model.rowCount())
               if dialog.model.row_at(r).created_by == "sam.senior")
    assert (new.price_kopecks, new.valid_from, new.in_force) == (744, date(2027, 1, 1), False)
    # A date in the past is refused inline; history is never edited.
    dialog.from_edit.setMinimumDate(QDate(2020, 1, 1))
    dialog.from_edit.setDate(QDate(2026, 1, 1))
    dialog.price_edit.setText("7,50")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "задним числом" in dialog.error_label.text()
    qtbot.keyClicks(dialog.price_edit, "1")  # the next keystroke: the old message goes
    assert not dialog.error_label.isVisible()


def test_enter_in_the_tariffs_dialog_closes_it_and_never_adds_a_price(qtbot, window, desk_ctx, senior_ctx):
    """A senior reads the prices and presses Enter: the dialog closes (its main action) instead of
    «Добавить цену» refusing an empty price. In the new-price form Enter goes on to the next input
    and keeps what was typed; only a focused «Добавить цену» adds."""
    from PySide6.QtWidgets import QDialog

    from desktop.views.tariffs_dialog import TariffsDialog

    form = find_form(desk_ctx)
    page = open_page(qtbot, window, form.account_number)
    window.desk.ctx = at(senior_ctx, NOV20)

    def opened() -> TariffsDialog:
        dialog = TariffsDialog(window.desk, page.form, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
        return dialog

    def added(dialog: TariffsDialog) -> list:
        return [dialog.model.row_at(r) for r in range(dialog.model.rowCount())
                if dialog.model.row_at(r).created_by == "sam.senior"]

    dialog = opened()
    assert dialog.close_button.isDefault() and not dialog.add_button.autoDefault()
    assert not dialog.add_button.isDefault()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.error_label.isVisible(), dialog.error_label.text()

    dialog = opened()
    dialog.price_edit.setFocus()
    qtbot.keyClicks(dialog.price_edit, "7,44")
    qtbot.keyClick(dialog.price_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.price_edit.text() == "7,44"
    assert dialog.focusWidget() is not dialog.price_edit and not dialog.error_label.isVisible()
    window.desk.wait()
    qtbot.wait(50)
    assert added(dialog) == []  # Enter typed in the form added nothing
    dialog.from_edit.setDate(QDate(2027, 1, 1))
    dialog.add_button.setFocus()
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() or bool(added(dialog)))
    assert not dialog.error_label.isVisible(), dialog.error_label.text()
    assert [(row.price_kopecks, row.valid_from) for row in added(dialog)] == [(744, date(2027, 1, 1))]
    assert dialog.isVisible()


def test_senior_replaces_the_meter(qtbot, window, desk_ctx, senior_ctx):
    form = find_form(desk_ctx)
    window.desk.ctx = at(senior_ctx, NOV20)
    page = open_page(qtbot, window, form.account_number)
    button = widget(window, QPushButton, "replaceMeterButton")
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.meter_dialog
    assert not dialog.ok_button.isEnabled()
    dialog.closing["T1"].setText(str(form.previous["T1"].value + 100))
    dialog.serial_edit.setText("NEW-0007")
    dialog.digits_spin.setValue(5)
    dialog.opening["T1"].setText("99870")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.form is not None and page.form.serial == "NEW-0007")
    assert page.form.previous["T1"].value == 99870 and page.form.digits == 5
    qtbot.waitUntil(lambda: page.history_model.row_at(0).source == "initial")


def test_operator_has_no_meter_replacement(qtbot, window, desk_ctx):
    form = find_form(desk_ctx)
    open_page(qtbot, window, form.account_number)
    assert not widget(window, QPushButton, "replaceMeterButton").isVisible()
