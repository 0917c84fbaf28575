"""The desk loses the shared database (a loopback proxy cut), works offline, and replays when it is back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cups_fixtures import pdf_text
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from sqlalchemy import func, select

from desktop.core.money import format_rub
from desktop.db.models import CashShift, Payment, Reading
from desktop.services import shifts

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from cash_helpers import balance
from link_proxy import LinkProxy
from offline_helpers import branch_accounts
from receipt_queue import receipts_on

SHOTS = Path(os.environ.get("ENERGODESK_SHOTS", "")) if os.environ.get("ENERGODESK_SHOTS") else None


def w(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_desk_goes_offline_takes_money_and_replays(qtbot, db, database_url, operator_ctx, tmp_path, cups_pdf):
    from desktop.app import launch
    from desktop.services.demo.build import DEMO_PASSWORD

    proxy = LinkProxy()
    window = launch(proxy.url(database_url), login="sam.op1", password=DEMO_PASSWORD)
    qtbot.addWidget(window)
    printer = receipts_on(window.desk, cups_pdf)  # the desk's receipts printer, a real cups-pdf queue
    try:
        shifts.open_shift(operator_ctx, 0)
        window.shift.refresh()
        qtbot.waitUntil(lambda: window.shift.info is not None)
        offline = window.offline
        offline.refresh_copy()  # what the desk does after sign-in and every half hour
        qtbot.waitUntil(lambda: offline.copy_path.exists(), timeout=30_000)
        label = w(window, QLabel, "connectionStateLabel")
        assert "в порядке" in label.text()
        number = branch_accounts(operator_ctx, 1)[0]
        before = balance(operator_ctx, number)

        proxy.cut()
        window.open_account(number)  # the ordinary path meets «Нет связи» and the desk switches by itself
        qtbot.waitUntil(lambda: offline.active, timeout=20_000)
        assert "Нет связи — автономная работа" in label.text() and "0 операций" in label.text()

        search = w(window, QLineEdit, "accountSearch")
        search.setText(number)
        window._search_entered()
        page = offline.page
        assert page.card is not None and w(page, QLabel, "accountNumberLabel").text() == number
        w(page, QLineEdit, "paymentAmount").setText("1234,56")
        w(page, QLineEdit, "cashTendered").setText("1300")
        w(page, QPushButton, "recordPaymentButton").click()
        receipt_status = w(page, QLabel, "receiptStatusLabel")
        qtbot.waitUntil(lambda: "Чек напечатан" in receipt_status.text() or "не напечатан" in receipt_status.text(),
                        timeout=40_000)
        assert receipt_status.text() == (  # the online receipt's words, after the operation's number
            f"Оплата 1\u00a0234,56\u00a0₽ принята без связи (операция {offline.journal.operations()[0].seq}). "
            f"Чек напечатан (принтер {cups_pdf.name})"), receipt_status.text()
        assert "1 операция ждёт отправки" in label.text()
        balance_text = w(page, QLabel, "balanceLabel").text().replace("\xa0", " ")
        assert format_rub(before + 123_456, sign=True).replace("\xa0", " ") in balance_text
        assert "в том числе 1 234,56 ₽ принято без связи" in balance_text
        # One receipt, through the receipts printer: the words from what the desk sent the queue
        # (cups-pdf's own output loses Cyrillic), the amount and the account from the paper.
        assert [title for title, _ in printer.printed] == [f"Чек без связи {offline.journal.operations()[0].seq}"]
        receipt = tmp_path / "offline-receipt-sent.pdf"
        receipt.write_bytes(printer.printed[0][1])
        assert "ПРИНЯТО БЕЗ СВЯЗИ С БАЗОЙ" in pdf_text(receipt)
        (paper,) = cups_pdf.printed(1)
        text = pdf_text(paper).replace("\xa0", " ")
        assert "1 234,56" in text and number in text
        assert not (Path(os.environ["ENERGODESK_DATA_DIR"]) / "receipts").exists()  # no file left behind
        # A reading offline: checked against the last one in the copy, journalled with its key.
        last = page.card.meters[-1].last_readings
        for zone, value in last.items():
            w(page, QLineEdit, f"readingInput_{zone}").setText(str(value + 100))
        page.reason.setText("с квитанции")
        w(page, QPushButton, "saveReadingsButton").click()
        assert "2 операции ждут отправки" in label.text(), page.reading_error.text()
        # The shift was opened online: offline it takes money, but only the shared database knows
        # its totals, so its close (and the Cash menu's Ctrl+Shift+Z) says why not.
        box = page.shift_box
        assert "до потери связи" in box.state.text() and not box.close_button.isEnabled()
        assert "до потери связи" in box.close_button.toolTip()
        window.shift.close_shift()
        assert box.error.isVisible() and "до потери связи" in box.error.text()
        # What needs the shared database is off, each with its reason: the card's buttons, the Card
        # menu's entries, the Reports and Requests menus, cash in/out; the page lists every reason.
        from desktop.services.offline_desk import UNAVAILABLE_OFFLINE as WHY

        for name, reason in (("billingRunButton", "billing"), ("resetPasswordButton", "password_reset"),
                             ("registerOnlineButton", "registration"), ("reversePaymentButton", "reversal"),
                             ("branchPrintButton", "bill_print")):
            button = w(window, QPushButton, name)
            assert not button.isEnabled() and button.toolTip() == WHY[reason], name
        entries = {a.data(): a for a in window.card_menu.actions()}
        for attr, reason in (("reverse_button", "reversal"), ("print_button", "bill_print"),
                             ("preview_button", "bill_print"), ("register_button", "registration"),
                             ("reset_button", "password_reset")):
            assert not entries[attr].isEnabled() and entries[attr].toolTip() == WHY[reason], attr
        for menu, reason in ((window.reports.menu, "reports"), (window.requests_menu.menu, "requests")):
            assert all(not a.isEnabled() and a.toolTip() == WHY[reason] for a in menu.actions() if not a.isSeparator())
        assert all(not a.isEnabled() and a.statusTip() == WHY["cash_operations"] for a in window.shift.cash_actions)
        assert len(window.shift.cash_actions) == 2
        listed = [label.text() for label in page.findChildren(QLabel)]
        assert all(any(reason in text for text in listed) for reason in WHY.values())
        # A bad amount is refused next to the form, and nothing is journalled.
        w(page, QLineEdit, "paymentAmount").setText("abc")
        w(page, QPushButton, "recordPaymentButton").click()
        assert page.pay_error.isVisible() and offline.journal.pending_count() == 2
        w(page, QLineEdit, "paymentAmount").clear()
        window.resize(1366, 768)
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(SHOTS / "offline_window.png"))
            subprocess.run(["pdftoppm", "-png", "-r", "110", str(receipt), str(SHOTS / "offline_receipt")],
                           check=True)

        proxy.restore()
        offline.try_back()
        qtbot.waitUntil(lambda: not offline.active and not offline.busy, timeout=30_000)
        assert "в порядке" in label.text()
        assert entries["print_button"].isEnabled() and all(a.isEnabled() for a in window.reports.menu.actions())
        assert w(window, QPushButton, "billingRunButton").toolTip() == ""
        with operator_ctx.read() as s:
            keys = list(s.scalars(select(Payment.idempotency_key).where(Payment.amount_kopecks == 123_456)))
            assert len(keys) == 1 and keys[0] == offline.journal.operations()[0].key
            assert s.scalar(select(func.count()).select_from(Payment).where(Payment.shift_id.is_not(None))) == 1
            stored = dict(s.execute(select(Reading.zone, Reading.value).where(
                Reading.idempotency_key == offline.journal.operations()[1].key)).all())
        assert stored == {zone: value + 100 for zone, value in last.items()}

        # The link drops again with no shift open: the shift box opens one offline (Ctrl+Shift+O
        # lands there), takes a payment in it, closes it with a Z-report; the replay reconciles.
        shifts.close_shift(operator_ctx, shifts.x_report(operator_ctx).expected_cash_kopecks)
        window.shift.refresh()
        qtbot.waitUntil(lambda: window.shift.info is None)
        proxy.cut()
        window.open_account(number)
        qtbot.waitUntil(lambda: offline.active, timeout=20_000)
        page, status = offline.page, offline.page.receipt_status
        box = page.shift_box
        assert box.open_button.isEnabled() and not box.close_button.isEnabled()
        window.shift.open_shift()
        box.dialog.amount.setText("500")
        box.dialog._check()
        assert "Смена открыта без связи" in box.state.text() and box.close_button.isEnabled()
        assert window.shift_status.text() == box.state.text()  # the status bar says so too
        page.search(number)
        w(page, QLineEdit, "paymentAmount").setText("100")
        w(page, QPushButton, "recordPaymentButton").click()
        qtbot.waitUntil(lambda: "Чек напечатан" in status.text(), timeout=40_000)
        window.shift.close_shift()
        box.dialog.counted.setText("600")
        box.dialog._check()
        qtbot.waitUntil(lambda: "Z-отчёт напечатан" in status.text(), timeout=40_000)
        z = window.shift.last_report
        assert z.taken_offline and (z.cash_payments_kopecks, z.expected_cash_kopecks) == (10_000, 60_000)
        assert "Смена не открыта" in box.state.text()
        proxy.restore()
        offline.try_back()
        qtbot.waitUntil(lambda: not offline.active and not offline.busy, timeout=30_000)
        opening = next(op for op in offline.journal.operations() if op.kind == "shift_open")
        with operator_ctx.read() as s:
            shared = s.scalar(select(CashShift).where(CashShift.open_key == opening.key))
            assert shared is not None and shared.state == "closed"
            shared_id = shared.id
        stored_z = shifts.z_report(operator_ctx, shared_id)
        assert (stored_z.cash_payments_kopecks, stored_z.expected_cash_kopecks, stored_z.counted_cash_kopecks) == (
            10_000, 60_000, 60_000)
        qtbot.waitUntil(lambda: window.shift.info is None and window.shift.known)
    finally:
        window.desk.wait()
        proxy.close()


class SyncDesk:
    """The desk's call() run on the test's thread, on the real database (the senior's password is checked there)."""

    def __init__(self, ctx) -> None:
        self.ctx, self.actor = ctx, ctx.actor

    def call(self, fn, *args, on_done, on_error=None, serial=False, **kwargs):
        try:
            result = fn(self.ctx, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - handed to the dialog, as the runner does
            on_error(error)
            return
        on_done(result)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_conflicts_list_shows_refusals_and_only_a_senior_password_decides(qtbot, db, operator_ctx, tmp_path):
    import json
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from PySide6.QtWidgets import QTableWidget

    from desktop.db.models import AuditEvent
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.offline_journal import CONFLICT, PENDING, RESOLVED, Journal
    from desktop.views.offline_mode import ConflictsDialog

    journal = Journal(tmp_path / "journal.sqlite3")
    operator = operator_ctx.actor
    paid = journal.append("payment", "020000000001", {"method": "cash", "tendered_kopecks": 50_000}, operator,
                          "desk-1", datetime.now(UTC), amount_kopecks=50_000)
    read = journal.append("reading", "020000000002", {"values": {"T1": 1500}, "expected_previous": {"T1": 1400}},
                          operator, "desk-1", datetime.now(UTC))
    journal.settle(paid.seq, CONFLICT, message="Лицевой счёт 020000000001 закрыт: оплата не принимается")
    journal.settle(read.seq, CONFLICT, message="Пока вы вводили показания, другой оператор сохранил новые.")
    retried = []
    controller = SimpleNamespace(journal=journal, conflict_count=2, try_back=lambda: retried.append(True),
                                 desk=SyncDesk(operator_ctx))  # an ordinary operator sits at the desk
    dialog = ConflictsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget, "offlineOperationsView")
    assert table.rowCount() == 2 and "закрыт" in table.item(0, 5).text() and table.item(1, 4).text() == "T1: 1500"
    table.selectRow(1)
    dialog.send_again()  # no senior's password typed
    assert dialog.error.isVisible() and "пароль" in dialog.error.text()
    login, password = w(dialog, QLineEdit, "approverLogin"), w(dialog, QLineEdit, "approverPassword")
    login.setText("sam.op1")  # the operator's own, right password: not a senior's
    password.setText(DEMO_PASSWORD)
    dialog.send_again()
    assert dialog.error.isVisible() and [op.state for op in journal.operations()] == [CONFLICT, CONFLICT]
    assert password.text() == "" and retried == []
    login.setText("sam.senior")
    password.setText(DEMO_PASSWORD)
    dialog.send_again()
    assert not dialog.error.isVisible(), dialog.error.text()
    assert [op.state for op in journal.operations()] == [CONFLICT, PENDING] and retried == [True]
    assert "expected_previous" not in journal.operations()[1].payload  # sent on top of the shared data
    table.selectRow(0)
    password.setText(DEMO_PASSWORD)
    dialog.mark_settled()  # the senior refunded the closed account's payment: kept, marked resolved
    assert [op.state for op in journal.operations()] == [RESOLVED, PENDING]
    assert journal.operations()[0].message == ("Лицевой счёт 020000000001 закрыт: оплата не принимается"
                                               " — урегулировано: sam.senior")
    with operator_ctx.read() as s:
        decided = [json.loads(d) for d in s.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "offline.conflict_resolved").order_by(AuditEvent.id))]
    assert [(d["decision"], d["approved_by"]) for d in decided] == [("resend", "sam.senior"),
                                                                    ("settle", "sam.senior")]
    if SHOTS is not None:
        dialog.grab().save(str(SHOTS / "offline_conflicts.png"))
