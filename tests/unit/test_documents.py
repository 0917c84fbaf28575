"""Frozen document data: exact JSON round trip, consistency checks, receipt arithmetic."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.documents import (
    PAY_CARD,
    BillDocument,
    DocumentError,
    ReceiptDocument,
    ShiftReportDocument,
    payment_item_name,
    period_label,
    vat_included,
)
from desktop.printing.samples import sample_bill, sample_receipt, sample_shift_report


@pytest.mark.parametrize("doc", [
    sample_bill(), sample_bill(recalculations=0), sample_receipt(),
    sample_shift_report("Z"), sample_shift_report("X"),
])
def test_json_round_trip_is_exact(doc):
    text = doc.to_json()
    again = type(doc).from_json(text)
    assert again == doc
    assert again.to_json() == text


def test_json_of_another_kind_is_refused():
    with pytest.raises(DocumentError):
        ReceiptDocument.from_json(sample_bill().to_json())


def test_bill_totals_must_match_lines_and_balance():
    bill = sample_bill()
    assert bill.amount_due_kopecks == (bill.charges_kopecks + bill.recalculations_kopecks
                                       - bill.opening_balance_kopecks - bill.payments_kopecks)
    with pytest.raises(DocumentError, match="итоги"):
        dataclasses.replace(bill, charges_kopecks=bill.charges_kopecks + 1)
    with pytest.raises(DocumentError, match="к оплате"):
        dataclasses.replace(bill, amount_due_kopecks=bill.amount_due_kopecks + 1)
    with pytest.raises(DocumentError):
        dataclasses.replace(bill, account="12345")


def test_overpayment_gives_nothing_to_pay():
    bill = sample_bill()
    rich = dataclasses.replace(bill, opening_balance_kopecks=1_000_000, amount_due_kopecks=0)
    assert rich.closing_debt_kopecks < 0


@pytest.mark.parametrize(("total", "vat"), [(122, 22), (123_456, 22_263), (3, 1), (2, 0), (0, 0)])
def test_vat_22_of_122_rounded_half_up(total, vat):
    assert vat_included(total) == vat


def test_receipt_change_and_vat():
    receipt = sample_receipt()
    assert receipt.change_kopecks == 200_000 - 123_456
    assert receipt.vat_kopecks == 22_263
    with pytest.raises(DocumentError, match="меньше"):
        sample_receipt(cash_tendered_kopecks=100)


@pytest.mark.parametrize("last4", ["4242424242424242", "42", "42a4", None])
def test_card_receipt_keeps_last_four_digits_only(last4):
    with pytest.raises(DocumentError, match="4 последние"):
        sample_receipt(payment_method=PAY_CARD, cash_tendered_kopecks=None, card_last4=last4)


def test_shift_expected_cash_and_difference():
    z = sample_shift_report("Z")
    assert z.expected_cash_kopecks == 500_000 + 200_000 - 3_000_000 + 5_678_912 - 123_456
    assert z.difference_kopecks == -100_000
    with pytest.raises(DocumentError):
        dataclasses.replace(z, closed_at=None)
    assert isinstance(z, ShiftReportDocument) and isinstance(sample_bill(), BillDocument)


def test_labels():
    assert period_label("2026-11") == "ноябрь 2026"
    assert payment_item_name("012345678901", "2026-11") == (
        "Оплата электроэнергии по л/с 012345678901 за 11.2026")
