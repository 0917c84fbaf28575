"""One rule for late results (Desk.call drops a result whose token is stale) and one place that
logs every unexpected error with its traceback, whatever handler the caller has."""

from __future__ import annotations

import logging
import logging.handlers
import threading
from pathlib import Path

from PySide6.QtWidgets import QLabel, QTableView

from desktop import logs
from desktop.services import bill_documents
from desktop.services.accounts import list_accounts
from desktop.services.errors import InputError


def _rows(model) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def _expected_rows(window, number: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    """What the bills page shows for ``number``: the same model filled straight from the service."""
    from desktop.models.bills_model import BillsModel

    model = BillsModel()
    model.set_rows(bill_documents.bills_for_account(window.desk.ctx, number))
    return _rows(model)


def test_bills_of_a_slow_first_account_never_reach_the_second_card(qtbot, window, operator_ctx, monkeypatch):
    a, b = list_accounts(operator_ctx, limit=2)
    expected_a, expected_b = _expected_rows(window, a), _expected_rows(window, b)
    assert expected_a and expected_b and expected_a != expected_b
    release = threading.Event()
    real = bill_documents.bills_for_account

    def slow_for_a(ctx, number):  # type: ignore[no-untyped-def]
        # The real query, held back for account A until B's card has been filled.
        if number == a:
            assert release.wait(20), "the test never released A's query"
        return real(ctx, number)

    monkeypatch.setattr(bill_documents, "bills_for_account", slow_for_a)
    page = window.card.pages["bills"]
    view = page.findChild(QTableView, "billsView")
    window.open_account(a)
    # Every page asked for A's data (pages other than the visible one are given the card a few
    # event-loop turns after it): the bills of A are on their way when B is opened.
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == a
                    and not window.card.pages_pending())
    window.open_account(b)
    qtbot.waitUntil(lambda: window.card.card.account == b and _rows(view.model()) == expected_b)
    dropped = window.desk.dropped
    release.set()
    window.desk.wait()  # A's result is back on the GUI thread's queue...
    qtbot.wait(100)  # ...and delivered (or dropped)
    assert window.card.card.account == b
    assert _rows(view.model()) == expected_b
    assert window.desk.dropped > dropped


def test_a_late_card_never_replaces_the_newer_one(qtbot, window, operator_ctx, monkeypatch):
    from desktop.services import accounts

    a, b = list_accounts(operator_ctx, limit=2)
    release = threading.Event()
    real = accounts.account_card

    def slow_for_a(ctx, number):  # type: ignore[no-untyped-def]
        if number == a:
            assert release.wait(20)
        return real(ctx, number)

    monkeypatch.setattr(accounts, "account_card", slow_for_a)
    window.open_account(a)
    window.open_account(b)
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == b)
    dropped = window.desk.dropped
    release.set()
    window.desk.wait()  # A's result is back on the GUI thread's queue...
    qtbot.wait(100)  # ...and delivered (or dropped)
    qtbot.waitUntil(lambda: not window.card.pages_pending())  # the pages behind the visible one
    assert window.card.card.account == b
    assert all(page.card.account == b for page in window.card.pages.values())
    assert window.desk.dropped > dropped


def test_the_visible_page_gets_the_card_first_and_the_others_after_it(qtbot, window, operator_ctx):
    from desktop.services.accounts import account_card

    a, b = list_accounts(operator_ctx, limit=2)
    card = window.card
    window.open_account(a)
    qtbot.waitUntil(lambda: card.card is not None and card.card.account == a and not card.pages_pending())
    window.show_card(account_card(operator_ctx, b))
    # Within the same event: the header and the visible page show B, the other pages wait
    # for the next turns of the event loop (they still hold A).
    visible = card.tabs.currentWidget()
    assert card.account_label.text() == b and visible.card.account == b
    assert card.pages_pending() and all(page.card.account == a for page in card.pages.values() if page is not visible)
    # A page the operator turns to is given the card at once.
    card.tabs.setCurrentWidget(card.pages["payments"])
    assert card.pages["payments"].card.account == b
    qtbot.waitUntil(lambda: not card.pages_pending())
    assert all(page.card.account == b for page in card.pages.values())


def _log_file() -> Path:
    logs.setup()
    files = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert files, "no log file configured"
    return Path(files[0].baseFilename)


def test_a_bug_behind_a_page_handler_is_logged_with_its_traceback(qtbot, window, operator_ctx, monkeypatch):
    log_file = _log_file()
    before = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    number = list_accounts(operator_ctx, limit=1)[0]

    def broken(ctx, number):  # type: ignore[no-untyped-def]
        return {}["no such key: a bug in the bills query"]

    monkeypatch.setattr(bill_documents, "bills_for_account", broken)
    window.open_account(number)
    page = window.card.pages["bills"]
    label = page.findChild(QLabel, "errorLabel")
    # The page has its own handler: it tells the operator the error "has been logged"...
    qtbot.waitUntil(lambda: "журнал" in label.text().lower() or "logged" in label.text().lower())
    for handler in logging.getLogger().handlers:
        handler.flush()
    added = log_file.read_text(encoding="utf-8")[len(before):]
    # ...and it has: with the traceback, the function that failed and the exception.
    assert "unexpected error in test_a_bug_behind_a_page_handler_is_logged" in added
    assert "Traceback (most recent call last)" in added
    assert "KeyError: 'no such key: a bug in the bills query'" in added
    assert added.count("KeyError: 'no such key") == 1  # once, not once per handler


def test_expected_errors_are_not_logged_as_bugs(qtbot, window):
    log_file = _log_file()
    before = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    seen: list[BaseException] = []

    def refused(ctx):  # type: ignore[no-untyped-def]
        raise InputError("Сумма должна быть больше нуля", field="amount")

    window.desk.call(refused, on_done=lambda _: None, on_error=seen.append)
    qtbot.waitUntil(lambda: bool(seen))
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert isinstance(seen[0], InputError)
    assert "unexpected error" not in log_file.read_text(encoding="utf-8")[len(before):]
