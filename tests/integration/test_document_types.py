"""One type per printed document: the services hand the renderers the core documents themselves."""

from __future__ import annotations

import importlib
import json

import pytest
from cash_helpers import key, open_account
from pypdf import PdfReader
from sqlalchemy import select

from desktop.core.documents import CashOperationDoc, ReceiptDocument, ShiftReportDocument
from desktop.db.models import CashShift
from desktop.printing.receipt_pdf import render_receipt
from desktop.printing.shift_report_pdf import render_shift_report
from desktop.services import payments, shifts


def _text(pdf: bytes) -> str:
    import io

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_receipt_and_shift_reports_are_the_core_documents(operator_ctx):
    number, _ = open_account(operator_ctx)
    shifts.open_shift(operator_ctx, 10_000)
    paid = payments.post_payment(operator_ctx, number, 12_345, "cash", idempotency_key=key(),
                                 tendered_kopecks=20_000)
    shifts.cash_in(operator_ctx, 5_000, "размен")
    receipt = payments.receipt_document(operator_ctx, paid.id)
    assert type(receipt) is ReceiptDocument and receipt.change_kopecks == 7_655
    assert "123,45" in _text(render_receipt(receipt))  # the renderer takes it as it is

    x = shifts.x_report(operator_ctx)
    assert type(x) is ShiftReportDocument and x.report_type == "X"
    assert all(type(op) is CashOperationDoc for op in x.cash_operations)
    # Fields that once lived only on the service's copy are on the one document, and printed.
    assert x.receipts_issued == 1 and x.shift_id and x.kkt_reg_number and x.fn_number
    assert "Чеков за смену 1" in _text(render_shift_report(x))
    z = shifts.close_shift(operator_ctx, x.expected_cash_kopecks)
    assert type(z) is ShiftReportDocument and shifts.z_report(operator_ctx, z.shift_id) == z


def test_a_z_report_frozen_before_the_one_type_still_loads(operator_ctx):
    shifts.open_shift(operator_ctx, 0)
    z = shifts.close_shift(operator_ctx, 0)
    # The old service type wrote plain asdict() JSON: no kind/schema header, str() datetimes.
    legacy = json.loads(z.to_json())
    del legacy["kind"], legacy["schema"]
    for name in ("opened_at", "printed_at", "closed_at"):
        legacy[name] = str(getattr(z, name))
    with operator_ctx.transaction() as s:
        s.scalar(select(CashShift).where(CashShift.id == z.shift_id)).z_report = json.dumps(legacy)
    assert shifts.z_report(operator_ctx, z.shift_id) == z


def test_no_second_receipt_type_and_no_import_fallback():
    assert not hasattr(payments, "ReceiptData") and not hasattr(shifts, "ShiftReport")
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("desktop.printing.cash_documents")
