"""The receipt of a payment taken offline: the usual receipt, marked as taken without the database."""

from __future__ import annotations

from desktop.core.documents import ReceiptDocument
from desktop.services.context import ROLE_NAMES
from desktop.services.fiscal import OPERATION_INCOME
from desktop.services.offline_copy import receipt_settings
from desktop.services.offline_desk import OfflineDesk
from desktop.services.offline_journal import Operation


def offline_receipt(desk: OfflineDesk, op: Operation, shift_number: int) -> ReceiptDocument:
    """The receipt for journalled payment ``op``; its number is the journal's (the shift's numbers
    are given by the shared database at replay, where the payment gets its posted receipt)."""
    company = receipt_settings(desk.copy_path)
    p = op.payload
    return ReceiptDocument(
        seller_name=company.get("name", ""),
        seller_inn=company.get("inn", ""),
        seller_address=company.get("address", company.get("settlement_place", "")),
        settlement_place=company.get("settlement_place", ""),
        receipt_number=op.seq,
        shift_number=shift_number,
        issued_at=op.taken_at,
        cashier_name=op.actor.full_name,
        cashier_role=ROLE_NAMES.get(op.actor.role, ""),
        operation=OPERATION_INCOME,
        item_name=f"Оплата электроэнергии по л/с {op.account}",
        amount_kopecks=op.amount_kopecks,
        payment_method=p["method"],
        taxation_system=company.get("taxation_system", "ОСН"),
        settlement_method=company.get("settlement_method", "ПОЛНЫЙ РАСЧЕТ"),
        vat_rate_percent=int(company.get("vat_percent", 22)),
        cash_tendered_kopecks=p.get("tendered_kopecks") if p["method"] == "cash" else None,
        card_last4=p.get("card_last4"),
        card_rrn=p.get("card_rrn"),
        card_auth_code=p.get("card_auth_code"),
        emulated=True,
        taken_offline=True,
    )
