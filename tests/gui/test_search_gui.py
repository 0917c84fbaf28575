"""Issue 3 through the GUI on SQLite and PostgreSQL: every way to find a customer, the results
list, bad input, stale results, lazy pages, and the customer card."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView
from sqlalchemy import text

from desktop.core.text import fold
from desktop.models.search_model import SearchResultsModel
from desktop.services.search import search


def street_name(street: str) -> str:
    return re.sub(r"^(ул\.|пр\.|б-р) |\s*ш\.$", "", street)


def people(db) -> list[dict]:  # type: ignore[no-untyped-def]
    with db.engine.connect() as c:
        rows = c.execute(text(
            "SELECT a.number, a.town, a.street, a.house, a.flat, a.customer_id, c.last_name, c.first_name, "
            "c.middle_name, c.phone FROM accounts a JOIN customers c ON c.id = a.customer_id ORDER BY a.id"
        )).all()
    return [r._asdict() for r in rows]


def execute(db, sql: str, **params) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as c:
        c.execute(text(sql), params)


def widgets(window):  # type: ignore[no-untyped-def]
    return (
        window.findChild(QLineEdit, "accountSearch"),
        window.findChild(QTableView, "searchResults"),
        window.findChild(QLabel, "accountNumberLabel"),
    )


def error_text(window) -> str:  # type: ignore[no-untyped-def]
    label = window.search_error
    assert label.objectName() == "errorLabel"
    return label.text() if label.isVisible() else ""


def type_text(qtbot, widget, value: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard or a USB scanner. QTest's keyClicks asserts on non-ASCII, so Cyrillic
    goes as key events that carry the text (what a Russian layout sends)."""
    for ch in value:
        if ch.isascii() and ch.isprintable():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def submit(qtbot, window, value: str, *, typed: bool = True) -> None:  # type: ignore[no-untyped-def]
    search_box, _, label = widgets(window)
    window.desk.wait()
    label.clear()
    window.stack.setCurrentWidget(window.welcome)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    if typed:
        type_text(qtbot, search_box, value)  # selected text is replaced, like a scanner typing
    else:
        search_box.setText(value)  # a paste
    qtbot.keyClick(search_box, Qt.Key.Key_Return)


def find(qtbot, window, value: str, number: str) -> None:  # type: ignore[no-untyped-def]
    """Submit ``value``; the card of ``number`` opens directly or after choosing it in the list."""
    _, view, label = widgets(window)
    submit(qtbot, window, value)
    qtbot.waitUntil(
        lambda: label.text() == number or (window.stack.currentWidget() is view and view.model().rowCount() > 0)
        or bool(error_text(window)),
        timeout=10_000,
    )
    assert not error_text(window), (value, error_text(window))
    if label.text() == number:
        return
    model = view.model()
    rows = [model.row_at(i).account for i in range(model.rowCount())]
    assert number in rows, (value, rows)
    qtbot.keyClick(widgets(window)[0], Qt.Key.Key_Down)
    assert view.hasFocus() or window.focusWidget() is view
    for _ in range(rows.index(number)):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: label.text() == number, timeout=10_000)


def test_every_form_finds_the_account(qtbot, window, db):
    everyone = people(db)
    p = next(x for x in everyone if x["flat"] and x["phone"] and "е" in x["last_name"])
    n, phone = p["number"], p["phone"]
    yo_surname = p["last_name"].replace("е", "ё", 1)
    forms = [
        f"  {n[:4]} {n[4:8]} {n[8:]}  ",
        f"{n[:3]}-{n[3:6]}-{n[6:9]}-{n[9:]}",
        f"{n[:4]}.{n[4:8]}.{n[8:]}",
        f"ST00012|Name=ПАО Самараэнерго|PersonalAcc=40702810954400100001|BIC=043601607|PersAcc={n}|Sum=123456",
        f"ST00011|Name=PAO Samaraenergo|PersAcc={n}|Sum=100",
        n[-7:],  # part of the number
        p["last_name"].upper(),
        yo_surname.lower(),
        f"{p['last_name']} {p['first_name'][0]}. {p['middle_name'][0]}.",
        f"{p['last_name']} {p['first_name']}",
        f"{p['town']}, {street_name(p['street'])} {p['house']}-{p['flat']}",
        f"{street_name(p['street']).lower()} {p['house']} кв {p['flat']}",
        f"+7 ({phone[1:4]}) {phone[4:7]}-{phone[7:9]}-{phone[9:]}",
        f"8 {phone[1:4]} {phone[4:7]} {phone[7:9]} {phone[9:]}",
        phone[1:],
    ]
    for form in forms:
        find(qtbot, window, form, n)
        assert window.stack.currentWidget() is window.card
    assert window.findChild(QLabel, "customerNameLabel").text().startswith(p["last_name"])


def test_several_matches_list_arrows_enter_and_double_click(qtbot, window, db):
    everyone = people(db)
    counts: dict[str, int] = {}
    for x in everyone:
        counts[x["street"]] = counts.get(x["street"], 0) + 1
    street = max(counts, key=counts.get)
    assert counts[street] >= 3
    search_box, view, label = widgets(window)
    submit(qtbot, window, street)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is view and view.model().rowCount() >= 3)
    model = view.model()
    assert model.rowCount() == counts[street]
    assert {model.row_at(i).account for i in range(model.rowCount())} == {
        x["number"] for x in everyone if x["street"] == street}
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert header == ["Лицевой счёт", "Клиент", "Адрес", "Баланс"]
    # Down from the box into the list, Down again, Esc back to the box, then Enter chooses.
    qtbot.keyClick(search_box, Qt.Key.Key_Down)
    assert view.hasFocus() and view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert search_box.hasFocus() and search_box.text() == street
    qtbot.keyClick(search_box, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: label.text() == model.row_at(1).account)
    # Double click on the third row.
    submit(qtbot, window, street)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is view and view.model().rowCount() >= 3)
    rect = view.visualRect(model.index(2, 1))
    # A real double click is press, release, double-click press, release (QTest's mouseDClick alone
    # lacks the first press that the view needs).
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: label.text() == model.row_at(2).account)


@pytest.mark.parametrize(
    "junk",
    [
        "   ",
        "'; DROP TABLE accounts; --",
        "1 OR 1=1",
        "x" * 10_000,
        "Иванов\x00\x07",
        "abc\tdef",
        "12",
        "12345678901234567",
        "!!!???%%%",
        "ST00012|Name=нет счёта|Sum=100",
        "Щщщщщыыыыъ",  # a name that finds nothing
        "0000000000000",
        "\ufeff\u202e\u200b",
    ],
)
def test_bad_input_is_explained_inline(qtbot, window, junk):
    _, _, label = widgets(window)
    submit(qtbot, window, junk, typed=False)
    qtbot.waitUntil(lambda: bool(error_text(window)), timeout=10_000)
    window.desk.wait()
    assert label.text() == "" and window.stack.currentWidget() is window.welcome
    assert re.search("[а-яА-Я]", error_text(window))


def test_newer_query_discards_older(qtbot, window, db):
    everyone = people(db)
    a, b = everyone[0], everyone[1]
    _, view, label = widgets(window)
    window.search_controller.submit(a["last_name"][:2])  # a name search still in flight...
    window.search_controller.submit(b["number"])  # ...when an exact number opens another card
    qtbot.waitUntil(lambda: label.text() == b["number"])
    window.desk.wait()
    qtbot.wait(50)
    assert window.stack.currentWidget() is window.card and label.text() == b["number"]
    assert view.model().rowCount() == 0


def test_model_drops_results_of_an_older_query(qtbot, operator_ctx, qtmodeltester):
    pending = []

    def call(fn, *args, on_done, on_error=None, **kwargs):  # type: ignore[no-untyped-def]
        pending.append((on_done, fn(operator_ctx, *args, **kwargs)))

    model = SearchResultsModel(call)
    model.set_query("ул")  # invalid: its page has a message
    model.set_query("Самара, ул. Мичурина")
    assert len(pending) == 2
    newer_done, newer_page = pending.pop()
    older_done, older_page = pending.pop()
    newer_done(newer_page)
    older_done(older_page)  # arrives late: ignored
    assert model.message is None and model.kind == "address"
    assert [model.row_at(i) for i in range(model.rowCount())] == newer_page.rows
    qtmodeltester.check(model)


def test_model_pages_match_the_service_row_by_row(qtbot, operator_ctx, qtmodeltester, db):
    def call(fn, *args, on_done, on_error=None, **kwargs):  # type: ignore[no-untyped-def]
        on_done(fn(operator_ctx, *args, **kwargs))

    town = people(db)[0]["town"]
    query = f"{town}, ул. Мичурина"
    model = SearchResultsModel(call, page_size=2)
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.set_query(query)
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    expected = []
    page = search(operator_ctx, query, limit=2)
    expected += page.rows
    while page.next_cursor is not None:
        page = search(operator_ctx, query, after=page.next_cursor, limit=2)
        expected += page.rows
    assert len(expected) >= 2
    assert model.rowCount() == len(expected)
    for i, row in enumerate(expected):
        assert model.row_at(i) == row
        assert model.index(i, 0).data() == row.account
        assert model.index(i, 1).data() == row.name
        assert model.index(i, 2).data() == row.address
    # every insert was exactly the rows of one page
    assert all(last - first + 1 <= 2 for first, last in inserted)
    assert sum(last - first + 1 for first, last in inserted) == len(expected)
    qtmodeltester.check(model)


def test_one_fetch_in_flight(qtbot):
    from desktop.services.search import SearchPage, SearchRow

    calls = []

    def call(fn, *args, on_done, on_error=None, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(on_done)

    model = SearchResultsModel(call, page_size=1)
    model.set_query("Иванов")
    assert not model.canFetchMore(QModelIndex())  # page 1 is in flight
    row = SearchRow("010000000001", "Иванов И И", "Самара, ул. Мира, д. 1", -100, False)
    calls.pop()(SearchPage("name", [row], next_cursor=object()))
    assert model.rowCount() == 1 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert len(calls) == 1 and not model.canFetchMore(QModelIndex())
    calls.pop()(SearchPage("name", [row], next_cursor=None))
    assert model.rowCount() == 2 and not model.canFetchMore(QModelIndex())
    assert model.index(0, 3).data() == "долг 1,00\u00a0₽"


@pytest.fixture
def big_window(qtbot, database_url, db):
    """A 1,500-customer demo, so that a broad query has more than one page."""
    from desktop.app import launch
    from desktop.services.demo.build import DEMO_PASSWORD, build_demo
    from desktop.services.demo.generator import DemoPlan

    build_demo(db.engine, DemoPlan(1500, seed=5))
    win = launch(database_url, login="sam.op1", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    yield win
    win.desk.wait()


def test_scrolling_fetches_the_next_page(qtbot, big_window, db):
    window = big_window
    with db.engine.connect() as c:
        prefix, count = c.execute(text(
            "SELECT substr(name_key, 1, 2) AS p, count(*) AS n FROM customers GROUP BY p ORDER BY n DESC LIMIT 1"
        )).one()
    assert count > 60
    _, view, _ = widgets(window)
    submit(qtbot, window, prefix.capitalize())
    qtbot.waitUntil(lambda: window.stack.currentWidget() is view and view.model().rowCount() > 0, timeout=10_000)
    model = view.model()
    window.desk.wait()
    qtbot.wait(20)
    assert model.rowCount() == 50 and model.requests == 1
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # the last row: fetch more
    qtbot.waitUntil(lambda: model.rowCount() > 50, timeout=10_000)
    assert model.requests >= 2 and model.rowCount() <= 150
    assert all(fold(model.row_at(i).name).startswith(prefix) for i in range(model.rowCount()))
    numbers = [model.row_at(i).account for i in range(model.rowCount())]
    assert len(set(numbers)) == len(numbers)


def test_card_debt_overpayment_overdue_and_other_accounts(qtbot, window, db):
    everyone = people(db)
    first, second = everyone[0]["number"], everyone[1]["number"]
    # Give the first customer a second and a third account (one person, several supply points).
    execute(db, "UPDATE accounts SET customer_id = :c WHERE number IN (:a, :b)",
            c=everyone[0]["customer_id"], a=second, b=everyone[2]["number"])
    execute(db, "UPDATE accounts SET balance_kopecks = -123456 WHERE number = :n", n=first)
    execute(db, "UPDATE accounts SET balance_kopecks = 5000 WHERE number = :n", n=second)
    execute(db, "UPDATE meters SET next_verification_on = :d WHERE account_id = "
                "(SELECT id FROM accounts WHERE number = :n)", d=date(2020, 1, 31), n=first)
    _, _, label = widgets(window)
    balance = window.findChild(QLabel, "balanceLabel")
    find(qtbot, window, first, first)
    assert balance.text().startswith("Долг") and "1\u00a0234,56" in balance.text()
    assert "#b00020" in balance.styleSheet()
    card = window.card
    assert "31.01.2020" in card.meters_label.text() and "#b00020" in card.meters_label.text()
    assert "Просрочена поверка" in card.alerts_label.text() and card.alerts_label.isVisible()
    buttons = [b for b in card.findChildren(QPushButton) if b.objectName().startswith("otherAccount")]
    assert sorted(b.text().split()[-1] for b in buttons if b.isVisible()) == sorted([second, everyone[2]["number"]])
    target = next(b for b in buttons if second in b.text())
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: label.text() == second)
    assert balance.text().startswith("Переплата") and "#1b7f3b" in balance.styleSheet()
    # Alt+1 opens the first other account (sorted by number) from the keyboard.
    others = sorted([first, everyone[2]["number"]])
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: label.text() == others[0])
