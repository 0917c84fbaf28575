"""X (interim) and Z (closing) cash-shift reports on an 80 mm roll or A4."""

from __future__ import annotations

from desktop.core.documents import ShiftReportDocument
from desktop.printing.formats import fmt_datetime, format_rub
from desktop.printing.receipt_pdf import NOT_FISCAL
from desktop.printing.roll import Column, Layout

_TITLES = {
    "X": ("ОТЧЁТ БЕЗ ГАШЕНИЯ", "(X-отчёт, смена не закрыта)"),
    "Z": ("ОТЧЁТ О ЗАКРЫТИИ СМЕНЫ", "(Z-отчёт)"),
}


def _count_sum(count: int, kopecks: int) -> str:
    return f"{count} шт. / {format_rub(kopecks)}"


def shift_report_column(doc: ShiftReportDocument) -> Column:
    col = Column()
    if doc.emulated:
        col.banner(NOT_FISCAL)
        col.space()
    if doc.taken_offline:
        # From the desk's journal: the shared database gives the shift its number at replay.
        col.banner("БЕЗ СВЯЗИ С БАЗОЙ", 10)
        col.text("Итоги по журналу рабочего места; смена будет сверена при восстановлении связи",
                 7, align="center")
        col.space()
    title, subtitle = _TITLES[doc.report_type]
    col.text(title, 11, True, "center")
    col.text(subtitle, 8, align="center")
    col.space()
    col.text(doc.seller_name, 8, True, "center")
    col.text(f"ИНН {doc.seller_inn}", 8, align="center")
    col.text(f"Место расчётов: {doc.settlement_place}", 7)
    col.rule()
    if doc.taken_offline and doc.shift_number and not doc.shift_id:
        col.pair("Смена (журнал без связи) №", str(doc.shift_number), 9, True)
    else:
        col.pair("Смена №", str(doc.shift_number), 9, True)
    col.pair("Открыта", fmt_datetime(doc.opened_at))
    if doc.closed_at is not None:
        col.pair("Закрыта", fmt_datetime(doc.closed_at))
    else:
        col.pair("Отчёт сформирован", fmt_datetime(doc.printed_at))
    col.pair("Оператор", doc.operator_name)

    col.rule()
    col.text("НАЛИЧНЫЕ", 9, True)
    col.pair("В кассе на начало смены", format_rub(doc.opening_float_kopecks))
    for op in doc.cash_operations:
        kind = "Внесение" if op.direction == "in" else "Изъятие"
        label = f"{kind} {op.at.strftime('%H:%M')}" + (f" ({op.comment})" if op.comment else "")
        sign = "+" if op.direction == "in" else "\u2212"
        col.pair(label, sign + format_rub(op.amount_kopecks), 7.5)
    col.pair("Внесено всего", format_rub(doc.cash_in_kopecks))
    col.pair("Изъято всего", format_rub(doc.cash_out_kopecks))
    col.pair("Приход наличными", _count_sum(doc.cash_payments_count, doc.cash_payments_kopecks))
    col.pair("Возврат прихода наличными",
             _count_sum(doc.cash_refunds_count, doc.cash_refunds_kopecks))
    col.pair("Должно быть в кассе", format_rub(doc.expected_cash_kopecks), 9, True)
    if doc.counted_cash_kopecks is not None:
        col.pair("Пересчитано", format_rub(doc.counted_cash_kopecks), 9, True)
        diff = doc.difference_kopecks or 0
        label = "Расхождение нет" if diff == 0 else ("Излишек" if diff > 0 else "Недостача")
        col.pair(label, format_rub(abs(diff)), 9, True)
    if doc.comment:
        col.text(f"Комментарий: {doc.comment}", 7.5)

    col.rule()
    col.text("БЕЗНАЛИЧНЫЕ (банковские карты)", 9, True)
    col.pair("Приход картой", _count_sum(doc.card_payments_count, doc.card_payments_kopecks))
    col.pair("Возврат прихода картой",
             _count_sum(doc.card_refunds_count, doc.card_refunds_kopecks))
    col.rule()
    revenue = (doc.cash_payments_kopecks + doc.card_payments_kopecks
               - doc.cash_refunds_kopecks - doc.card_refunds_kopecks)
    col.pair("ВЫРУЧКА", format_rub(revenue), 11, True)
    col.pair("Чеков за смену", str(doc.receipts_issued), 7.5)
    col.pair("РН ККТ", doc.kkt_reg_number or "—", 7)
    col.pair("ФН №", doc.fn_number or "—", 7)
    col.space(10)
    if doc.report_type == "Z":
        col.text("Сверка итогов по терминалу: ____________", 7.5)
        col.space(6)
    col.text("Оператор ______________ " + doc.operator_name, 7.5)
    if doc.emulated:
        col.space()
        col.banner(NOT_FISCAL)
    return col


def render_shift_report(doc: ShiftReportDocument, layout: Layout = "roll80") -> bytes:
    """The shift report as PDF on an 80 mm roll (height fitted) or A4."""
    title = f"{doc.report_type}-отчёт, смена № {doc.shift_number}"
    return shift_report_column(doc).render(layout, title)
