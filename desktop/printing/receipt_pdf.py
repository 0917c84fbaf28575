"""The payment receipt (54-FZ requisites) on an 80 mm roll or A4."""

from __future__ import annotations

from desktop.core.documents import PAY_CARD, ReceiptDocument
from desktop.printing.formats import fmt_datetime, format_rub
from desktop.printing.roll import Column, Layout

NOT_FISCAL = "НЕ ЯВЛЯЕТСЯ ФИСКАЛЬНЫМ ДОКУМЕНТОМ"


def receipt_column(doc: ReceiptDocument) -> Column:
    col = Column()
    if doc.emulated:
        # The desk's register is an emulator: the customer must not take this for a fiscal receipt.
        col.banner(NOT_FISCAL)
        col.text("Эмулятор кассы, чек не передан в ФНС", 7, align="center")
        col.space()
    if doc.is_copy:
        col.banner("КОПИЯ", 12)
        col.space()
    if doc.taken_offline:
        # The desk had no link to the shared database: the payment is journalled, not yet posted.
        col.banner("ПРИНЯТО БЕЗ СВЯЗИ С БАЗОЙ", 10)
        col.text("Оплата будет проведена по лицевому счёту при восстановлении связи", 7, align="center")
        col.space()
    col.text("КАССОВЫЙ ЧЕК", 11, True, "center")
    col.text(doc.operation.upper(), 10, True, "center")
    col.space()
    col.text(doc.seller_name, 8, True, "center")
    col.text(f"ИНН {doc.seller_inn}", 8, align="center")
    col.text(doc.seller_address, 7, align="center")
    col.text(f"Место расчётов: {doc.settlement_place}", 7)
    col.rule()
    col.pair(f"Чек № {doc.receipt_number}", f"Смена № {doc.shift_number}")
    col.pair("Дата, время", fmt_datetime(doc.issued_at))
    col.pair(f"{doc.cashier_role}:", doc.cashier_name)
    col.rule()
    col.text(f"1. {doc.item_name}", 8, True)
    col.pair("1 × " + format_rub(doc.amount_kopecks), "= " + format_rub(doc.amount_kopecks))
    col.pair("Признак способа расчёта", doc.settlement_method, 7)
    col.pair("Признак предмета расчёта", "УСЛУГА", 7)
    col.pair(f"НДС {doc.vat_rate_percent}/{100 + doc.vat_rate_percent}",
             format_rub(doc.vat_kopecks), 7)
    col.rule()
    col.pair("ИТОГ", format_rub(doc.amount_kopecks), 12, True)
    if doc.payment_method == PAY_CARD:
        col.pair("БЕЗНАЛИЧНЫМИ", format_rub(doc.amount_kopecks))
        col.pair("Карта", f"**** {doc.card_last4}")
        if doc.card_rrn:
            col.pair("Номер ссылки (RRN)", doc.card_rrn)
        if doc.card_auth_code:
            col.pair("Код авторизации", doc.card_auth_code)
    else:
        col.pair("НАЛИЧНЫМИ", format_rub(doc.amount_kopecks))
        if doc.cash_tendered_kopecks is not None:
            col.pair("ПОЛУЧЕНО", format_rub(doc.cash_tendered_kopecks))
            col.pair("СДАЧА", format_rub(doc.change_kopecks), 9, True)
    col.pair(f"Сумма НДС {doc.vat_rate_percent}/{100 + doc.vat_rate_percent}",
             format_rub(doc.vat_kopecks))
    col.pair("СНО", doc.taxation_system)
    col.rule()
    col.pair("РН ККТ", doc.kkt_reg_number or "—", 7)
    col.pair("ФН №", doc.fn_number or "—", 7)
    col.pair("ФД №", doc.fd_number or "—", 7)
    col.pair("ФПД", doc.fpd or "—", 7)
    col.pair("Сайт ФНС", doc.fns_site, 7)
    if doc.emulated:
        col.space()
        col.banner(NOT_FISCAL)
    return col


def render_receipt(doc: ReceiptDocument, layout: Layout = "roll80") -> bytes:
    """The receipt as PDF: 'roll80' is 80 mm wide and as tall as its content; 'a4' a page."""
    title = f"Кассовый чек № {doc.receipt_number}, смена № {doc.shift_number}"
    return receipt_column(doc).render(layout, title)
