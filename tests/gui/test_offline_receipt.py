"""The receipt of a payment taken offline goes the online receipt's way: the status line, Ctrl+R, Save as PDF."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cups_fixtures import pdf_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from desktop.services import shifts

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from link_proxy import LinkProxy
from offline_helpers import branch_accounts
from receipt_queue import receipts_on
from visit_driver import Keyboard

SHOTS = Path("/work/logs") if Path("/work/logs").is_dir() else None


def w(parent: Any, cls: Any, name: str) -> Any:
    widget = parent.findChild(cls, name)
    assert widget is not None, name
    return widget


@pytest.fixture
def offline(qtbot, db, database_url, operator_ctx, answering) -> Iterator[tuple[Any, Any, str]]:
    """The desk with a shift open online, its local copy taken, then the link cut: (window, its
    offline page, an account of the branch shown there)."""
    from desktop.app import launch
    from desktop.services.demo.build import DEMO_PASSWORD

    proxy = LinkProxy()
    window = answering(launch(proxy.url(database_url), login="sam.op1", password=DEMO_PASSWORD))
    qtbot.addWidget(window)
    try:
        shifts.open_shift(operator_ctx, 0)
        window.shift.refresh()
        qtbot.waitUntil(lambda: window.shift.info is not None)
        controller = window.offline
        controller.refresh_copy()
        qtbot.waitUntil(lambda: controller.copy_path.exists(), timeout=30_000)
        number = branch_accounts(operator_ctx, 1)[0]
        proxy.cut()
        window.open_account(number)
        qtbot.waitUntil(lambda: controller.active, timeout=20_000)
        page = controller.page
        page.search(number)
        assert page.card is not None and page.card.account == number
        yield window, page, number
    finally:
        window.desk.wait()
        proxy.close()


def pay(page: Any, amount: str) -> Any:
    """Take ``amount`` in cash on the offline page; the journalled operation."""
    w(page, QLineEdit, "paymentAmount").setText(amount)
    w(page, QPushButton, "recordPaymentButton").click()
    return page.controller.journal.operations()[-1]


def shot(window: Any, name: str) -> None:
    if SHOTS is not None:
        window.resize(1366, 768)
        window.grab().save(str(SHOTS / f"offreceipt_{name}.png"))


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_offline_receipt_without_a_receipts_printer_offers_save_as_pdf(qtbot, offline, tmp_path, cups_pdf,
                                                                      monkeypatch):
    """A printer is installed (a cups-pdf queue) but none is chosen for receipts: as online, the
    operator is asked to save the receipt as PDF; «no» leaves no file, «yes» saves where chosen.
    The payment stays in the journal either way."""
    window, page, number = offline
    status = w(page, QLabel, "receiptStatusLabel")
    journal = page.controller.journal

    first = pay(page, "150")
    qtbot.waitUntil(lambda: "Чек не напечатан" in status.text(), timeout=30_000)
    assert status.text().startswith(f"Оплата 150,00\u00a0₽ принята без связи (операция {first.seq}). ")
    assert "принтер для чеков не выбран" in status.text() and status.text().endswith("— повторить (Ctrl+R)")
    assert window.questions[-1].endswith("Сохранить чек в PDF вместо печати?")  # answered «no»
    data = Path(os.environ["ENERGODESK_DATA_DIR"])
    assert not list(data.rglob("*.pdf")) and not list(tmp_path.glob("*.pdf"))
    assert journal.pending_count() == 1

    target = tmp_path / "чек без связи.pdf"
    suggested = []
    monkeypatch.setattr("desktop.views.paper.ask_save_path",
                        lambda parent, name: suggested.append(name) or str(target))
    window.answers.append(True)
    second = pay(page, "1234,56")
    qtbot.waitUntil(lambda: "Чек сохранён в PDF" in status.text(), timeout=30_000)
    assert status.text() == (f"Оплата 1\u00a0234,56\u00a0₽ принята без связи (операция {second.seq}). "
                             f"Чек сохранён в PDF: {target} (не напечатан; Ctrl+R — напечатать)")
    assert suggested == [f"Чек без связи {second.seq}.pdf"]
    assert journal.pending_count() == 2 and [op.amount_kopecks for op in journal.operations()] == [15_000, 123_456]
    text = pdf_text(target).replace("\xa0", " ")  # our own PDF: its Cyrillic reads back
    assert "1 234,56" in text and number in text and f"Чек № {second.seq}" in text
    assert "ПРИНЯТО БЕЗ СВЯЗИ С БАЗОЙ" in text
    shot(window, "saved")


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_offline_receipt_on_a_stopped_printer_says_so_and_ctrl_r_prints_it(qtbot, offline, cups_pdf):
    window, page, number = offline
    printer = receipts_on(window.desk, cups_pdf)
    printer.fail = True
    status = w(page, QLabel, "receiptStatusLabel")
    op = pay(page, "321")
    qtbot.waitUntil(lambda: "Чек не напечатан" in status.text(), timeout=30_000)
    assert status.text().startswith(f"Оплата 321,00\u00a0₽ принята без связи (операция {op.seq}). Чек не напечатан: ")
    assert cups_pdf.name in status.text() and "остановлен" in status.text()
    assert status.text().endswith("— повторить (Ctrl+R)")
    assert page.controller.journal.pending_count() == 1  # the payment stays taken
    assert window.questions == []  # a chosen printer that fails is no reason to offer a file
    shot(window, "failed")

    printer.fail = False
    keyboard = Keyboard(window.desk, window)
    w(page, QLineEdit, "paymentAmount").setFocus()
    keyboard.press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier, text="r")  # the real chord, not a method
    qtbot.waitUntil(lambda: "Чек напечатан" in status.text(), timeout=30_000)
    assert status.text() == (f"Оплата 321,00\u00a0₽ принята без связи (операция {op.seq}). "
                             f"Чек напечатан (принтер {cups_pdf.name})")
    (paper,) = cups_pdf.printed(1)
    assert "321,00" in pdf_text(paper) and number in pdf_text(paper)
    # The one that never came out was printed as the original; once on paper, Ctrl+R gives a copy.
    assert [title for title, _ in printer.printed] == [f"Чек без связи {op.seq}"]
    keyboard.press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier, text="r")
    qtbot.waitUntil(lambda: len(printer.printed) == 2, timeout=30_000)
    assert printer.printed[1][0] == f"Чек без связи {op.seq} (копия)"
    assert page.controller.journal.pending_count() == 1
