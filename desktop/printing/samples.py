"""Demo documents for print previews, tests and benchmarks (made-up people and numbers)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desktop.core.documents import (
    BASIS_AVERAGE,
    BASIS_METER,
    KIND_RECALCULATION,
    OPERATION_INCOME,
    PAY_CASH,
    BillDocument,
    BillLineDoc,
    CashOperationDoc,
    ReceiptDocument,
    ShiftReportDocument,
    payment_item_name,
)
from desktop.core.payment_qr import DEMO_PAYEE, build_payload

BRANCH_ADDRESS = "446001, Самарская обл., г. Сызрань, ул. Советская, д. 99 (демо)"


def sample_bill(account: str = "012345678901", *, payer_name: str = "Иванова Мария Петровна",
                seq: int = 0, recalculations: int = 1) -> BillDocument:
    """A two-zone bill for November 2026 with a debt at the start and one recalculation."""
    day_kwh, night_kwh = 212 + seq % 50, 95 + seq % 17
    lines = [
        BillLineDoc("День (T1)", BASIS_METER, 15230, 15230 + day_kwh, day_kwh, "7.28",
                    day_kwh * 728),
        BillLineDoc("Ночь (T2)", BASIS_METER, 6120, 6120 + night_kwh, night_kwh, "3.64",
                    night_kwh * 364),
    ]
    for i in range(recalculations):
        lines.append(BillLineDoc(
            "День (T1)", BASIS_AVERAGE, None, None, -40 - i, "7.28", -(40 + i) * 728,
            KIND_RECALCULATION,
            "Октябрь 2026 начислен по среднему; получены показания 25.11.2026, "
            "объём пересчитан по прибору учёта (п. 61 Правил № 354)",
        ))
    charges = day_kwh * 728 + night_kwh * 364
    recalcs = sum(ln.amount_kopecks for ln in lines[2:])
    opening, payments = -154_321, 100_000
    due = max(0, charges + recalcs - opening - payments)
    payload = build_payload(
        DEMO_PAYEE, account=account, amount_kopecks=due, period="2026-11",
        purpose="Оплата электроэнергии за 11.2026",
    )
    return BillDocument(
        payee=DEMO_PAYEE, account=account, payer_name=payer_name,
        address="446001, Самарская обл., г. Сызрань, ул. Ленина, д. 12, кв. 34",
        branch_name="Сызранское отделение", residents=3,
        consumer_group="Население, проживающее в городских населённых пунктах "
                       "в домах с газовыми плитами",
        period="2026-11", issue_date=date(2026, 12, 1), due_date=date(2026, 12, 10),
        meter_serial="0123456789", lines=tuple(lines),
        opening_balance_kopecks=opening, payments_kopecks=payments, charges_kopecks=charges,
        recalculations_kopecks=recalcs, amount_due_kopecks=due, qr_payload=payload,
    )


def _seller() -> dict[str, str]:
    return {"seller_name": DEMO_PAYEE.name, "seller_inn": DEMO_PAYEE.inn,
            "seller_address": DEMO_PAYEE.address, "settlement_place": BRANCH_ADDRESS}


def sample_receipt(**overrides: object) -> ReceiptDocument:
    """A cash payment of 1 234,56 ₽ with 2 000,00 ₽ tendered."""
    fields: dict[str, Any] = dict(
        **_seller(), receipt_number=17, shift_number=245,
        issued_at=datetime(2026, 12, 3, 10, 42), cashier_name="Петрова Анна Сергеевна",
        cashier_role="Оператор", operation=OPERATION_INCOME,
        item_name=payment_item_name("012345678901", "2026-11"), amount_kopecks=123_456,
        payment_method=PAY_CASH, cash_tendered_kopecks=200_000,
        kkt_reg_number="0000000000000001", fn_number="9999078900000001",
        fd_number="1234", fpd="0123456789",
    )
    fields.update(overrides)
    return ReceiptDocument(**fields)


def sample_shift_report(report_type: str = "Z") -> ShiftReportDocument:
    return ShiftReportDocument(
        report_type=report_type, shift_number=245, seller_name=DEMO_PAYEE.name,
        seller_inn=DEMO_PAYEE.inn, settlement_place=BRANCH_ADDRESS,
        operator_name="Петрова Анна Сергеевна",
        opened_at=datetime(2026, 12, 3, 8, 55), printed_at=datetime(2026, 12, 3, 18, 5),
        closed_at=datetime(2026, 12, 3, 18, 5) if report_type == "Z" else None,
        opening_float_kopecks=500_000,
        cash_operations=(
            CashOperationDoc("in", 200_000, datetime(2026, 12, 3, 12, 0), "Размен"),
            CashOperationDoc("out", 3_000_000, datetime(2026, 12, 3, 15, 30), "Инкассация"),
        ),
        cash_payments_count=42, cash_payments_kopecks=5_678_912,
        card_payments_count=31, card_payments_kopecks=4_321_000,
        cash_refunds_count=1, cash_refunds_kopecks=123_456,
        card_refunds_count=0, card_refunds_kopecks=0,
        counted_cash_kopecks=3_155_456, comment="Недостача 1 000,00 ₽: ошибка сдачи, "
        "объяснительная приложена",
        kkt_reg_number="0000000000000001", fn_number="9999078900000001",
    )
