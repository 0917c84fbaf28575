"""Cash shifts at a desk without the shared database: open, X-report and close (Z) from the journal.

An opening and a closing are journalled like payments, each with its idempotency key, and
replayed through shifts.open_shift / shifts.close_shift. Every offline payment names the shift it
was taken in (its opening's key), so the offline X/Z totals are the sums of the journal; the
closing carries the totals its Z-report printed, and the replay closes the shared shift only when
the shared database arrives at the same figures (else a conflict for a senior). A shift opened
before the link dropped has totals only the shared database knows: it is not closed offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.core.documents import ShiftReportDocument
from desktop.core.money import format_rub
from desktop.services.errors import InputError
from desktop.services.fiscal import EmulatorRegister
from desktop.services.offline_copy import receipt_settings
from desktop.services.offline_journal import Operation
from desktop.services.shifts import (
    ALREADY_OPEN,
    MAX_COUNTED_KOPECKS,
    MAX_FLOAT_KOPECKS,
    RECONCILED_TOTALS,
    SHIFT_MAX_AGE,
    _check_amount,
)

if TYPE_CHECKING:
    from desktop.services.offline_desk import OfflineDesk

SHIFT_OPEN, SHIFT_CLOSE = "shift_open", "shift_close"
ONLINE_SHIFT_NOT_CLOSED = ("Смена открыта до потери связи: её итоги есть только в общей базе. "
                           "Закройте её (Z-отчёт), когда связь восстановится")


@dataclass(frozen=True)
class OfflineShift:
    """The operator's open shift as this desk knows it while offline."""

    key: str | None  # the offline opening's key; None for a shift opened online before the link dropped
    number: int  # the shared number of an online shift; the journal's number of an offline opening
    opened_at: datetime
    opening_float_kopecks: int

    @property
    def offline(self) -> bool:
        return self.key is not None


def _own(desk: OfflineDesk) -> list[Operation]:
    return [op for op in desk.journal.operations() if op.actor.operator_id == desk.actor.operator_id]


def current(desk: OfflineDesk, own: list[Operation] | None = None) -> OfflineShift | None:
    """The open shift: the journal's last opening or closing of this operator (``own``: the
    operator's operations, when the caller has read them), unless the shift the desk knew online
    (``desk.online_shift``) was opened after it."""
    own = _own(desk) if own is None else own
    last = next((op for op in reversed(own) if op.kind in (SHIFT_OPEN, SHIFT_CLOSE)), None)
    online = desk.online_shift
    if online is not None and (last is None or online.opened_at > last.taken_at):
        return OfflineShift(None, online.number, online.opened_at, online.opening_float_kopecks)
    if last is None or last.kind == SHIFT_CLOSE:
        return None
    return OfflineShift(last.key, last.seq, last.taken_at, int(last.payload["opening_float_kopecks"]))


def payment_shift(desk: OfflineDesk) -> str | None:
    """The shift an offline payment is taken in (its opening's key, "" for an online shift), or a refusal.

    None when the desk does not know the operator's shift state at all (no shift read online, none
    opened offline): the payment then goes, as before, into whatever shift the shared database has
    open at replay."""
    own = _own(desk)
    if not (desk.shift_known or any(op.kind == SHIFT_OPEN for op in own)):
        return None
    shift = current(desk, own)
    if shift is None:
        raise InputError("Кассовая смена не открыта. Откройте смену, чтобы принимать оплату.", field="shift")
    if desk.clock() - shift.opened_at > SHIFT_MAX_AGE:
        raise InputError("Смена открыта больше 24 часов: закройте её (Z-отчёт) и откройте новую.", field="shift")
    return shift.key or ""


def open_shift(desk: OfflineDesk, opening_float_kopecks: int) -> Operation:
    """Journal the opening of a shift with the float in the drawer."""
    if desk.actor.operator_id is None:
        raise InputError("Кассовую смену открывает оператор, вошедший в программу", field="shift")
    _check_amount(opening_float_kopecks, "opening_float", allow_zero=True, limit=MAX_FLOAT_KOPECKS)
    if current(desk) is not None:
        raise InputError(ALREADY_OPEN, field="shift")
    return desk.journal.append(SHIFT_OPEN, "", {"opening_float_kopecks": opening_float_kopecks}, desk.actor,
                               desk.desk, desk.clock())


def _offline_shift(desk: OfflineDesk) -> OfflineShift:
    shift = current(desk)
    if shift is None:
        raise InputError("Кассовая смена не открыта", field="shift")
    if not shift.offline:
        raise InputError(ONLINE_SHIFT_NOT_CLOSED, field="shift")
    return shift


def _report(desk: OfflineDesk, shift: OfflineShift, report_type: str, *, counted: int | None = None,
            comment: str = "", closed_at: datetime | None = None) -> ShiftReportDocument:
    # Every payment taken in the shift counts, a refused one too: its money is in the drawer.
    payments = [op for op in _own(desk) if op.kind == "payment" and op.payload.get("shift") == shift.key]
    cash = [op.amount_kopecks for op in payments if op.payload["method"] == "cash"]
    card = [op.amount_kopecks for op in payments if op.payload["method"] == "card"]
    company = receipt_settings(desk.copy_path)
    zone = desk.zone()
    now = desk.clock()
    return ShiftReportDocument(
        report_type=report_type, shift_number=shift.number, seller_name=company.get("name", ""),
        seller_inn=company.get("inn", ""), settlement_place=company.get("settlement_place", ""),
        operator_name=desk.actor.full_name, opened_at=shift.opened_at.astimezone(zone),
        printed_at=now.astimezone(zone), closed_at=closed_at.astimezone(zone) if closed_at else None,
        opening_float_kopecks=shift.opening_float_kopecks, cash_operations=(),
        cash_payments_count=len(cash), cash_payments_kopecks=sum(cash),
        card_payments_count=len(card), card_payments_kopecks=sum(card),
        cash_refunds_count=0, cash_refunds_kopecks=0, card_refunds_count=0, card_refunds_kopecks=0,
        receipts_issued=len(payments), counted_cash_kopecks=counted, comment=comment,
        kkt_reg_number=EmulatorRegister.KKT_REG_NUMBER, fn_number=EmulatorRegister.FN_NUMBER,
        taken_offline=True)


def x_report(desk: OfflineDesk) -> ShiftReportDocument:
    """The interim report of a shift opened offline, from the journal."""
    return _report(desk, _offline_shift(desk), "X")


def close_shift(desk: OfflineDesk, counted_cash_kopecks: int, comment: str = "") -> tuple[Operation,
                                                                                          ShiftReportDocument]:
    """Journal the closing of a shift opened offline; returns it with the Z-report to print."""
    shift = _offline_shift(desk)
    _check_amount(counted_cash_kopecks, "counted_cash", allow_zero=True, limit=MAX_COUNTED_KOPECKS)
    comment = (comment or "").strip()
    expected = _report(desk, shift, "X")
    difference = counted_cash_kopecks - expected.expected_cash_kopecks
    if difference != 0 and not comment:
        raise InputError(f"Расхождение {format_rub(difference, sign=True)}: напишите комментарий", field="comment")
    totals = {name: int(getattr(expected, name)) for name in RECONCILED_TOTALS}
    payload: dict[str, Any] = {"shift": shift.key, "counted_cash_kopecks": counted_cash_kopecks,
                               "comment": comment, "expected_totals": totals}
    op = desk.journal.append(SHIFT_CLOSE, "", payload, desk.actor, desk.desk, desk.clock())
    return op, _report(desk, shift, "Z", counted=counted_cash_kopecks, comment=comment, closed_at=op.taken_at)


def describe(op: Operation) -> str:
    """One line for the operations list."""
    if op.kind == SHIFT_OPEN:
        return f"открытие смены, в кассе {format_rub(int(op.payload['opening_float_kopecks']))}"
    return f"закрытие смены, пересчитано {format_rub(int(op.payload['counted_cash_kopecks']))}"

