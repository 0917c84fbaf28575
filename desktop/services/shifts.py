"""Cash shifts: open with a float, cash in/out, X-report, close with a count and a frozen Z-report.

A desk takes money only within an open shift of its operator that is younger than 24 hours
(54-FZ); a closed shift is frozen: nothing posts to it any more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.documents import CashOperationDoc, ShiftReportDocument
from desktop.core.money import format_rub
from desktop.db.locks import lock_name, lock_rows
from desktop.db.models import Branch, CashOperation, CashShift, CompanySetting, Operator, Payment
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound
from desktop.services.fiscal import EmulatorRegister

SHIFT_MAX_AGE = timedelta(hours=24)
MAX_FLOAT_KOPECKS = 10_000_000  # 100 000 ₽ in a drawer is already a lot
MAX_COUNTED_KOPECKS = 1_000_000_000  # what a closing may count in the drawer
DEFAULT_SELLER = {
    "name": "ПАО «Самараэнерго» (демо)",
    "inn": "0000000000",
    "taxation_system": "ОСН",
    "settlement_method": "ПОЛНЫЙ РАСЧЕТ",
}


def company_setting(s: Session, key: str, default: Any) -> Any:
    """A company-wide setting (JSON in company_settings), or ``default``."""
    row = s.get(CompanySetting, key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def seller(s: Session) -> dict[str, Any]:
    return {**DEFAULT_SELLER, **company_setting(s, "receipt.seller", {})}


@dataclass(frozen=True)
class ShiftInfo:
    """The operator's shift as the desk shows it."""

    id: int
    number: int
    state: str  # open / closed
    opened_at: datetime
    closed_at: datetime | None
    opening_float_kopecks: int
    operator_name: str
    expired: bool  # open longer than 24 h: takes no money until closed
    already_opened: bool = False  # an offline desk replayed an opening the database already had


def _load_z_report(text: str) -> ShiftReportDocument:
    """A frozen Z-report; those frozen before the one document type carry no kind/schema header."""
    plain = json.loads(text)
    if "kind" not in plain:
        plain.update(kind=ShiftReportDocument.kind, schema=ShiftReportDocument.schema)
        text = json.dumps(plain, ensure_ascii=False)
    return ShiftReportDocument.from_json(text)


def _info(ctx: ServiceContext, shift: CashShift, operator_name: str) -> ShiftInfo:
    expired = shift.state == "open" and ctx.clock() - shift.opened_at > SHIFT_MAX_AGE
    return ShiftInfo(shift.id, shift.number, shift.state, shift.opened_at, shift.closed_at,
                     shift.opening_float_kopecks, operator_name, expired)


def _open_shift_row(s: Session, ctx: ServiceContext, *, lock: bool = False) -> CashShift | None:
    query = select(CashShift).where(
        CashShift.operator_id == ctx.actor.operator_id, CashShift.state == "open"
    ).order_by(CashShift.id.desc()).limit(1)
    if lock:
        query = query.with_for_update()
    return s.scalar(query)


def _need_operator(ctx: ServiceContext) -> None:
    if ctx.actor.operator_id is None:
        raise InputError("Кассовую смену открывает оператор, вошедший в программу")


def _check_amount(kopecks: int, field_name: str, *, allow_zero: bool = False,
                  limit: int = MAX_FLOAT_KOPECKS) -> None:
    if isinstance(kopecks, bool) or not isinstance(kopecks, int):
        raise InputError("Сумма должна быть числом", field=field_name)
    if kopecks < 0 or (kopecks == 0 and not allow_zero):
        raise InputError("Сумма должна быть больше нуля", field=field_name)
    if kopecks > limit:
        raise InputError(f"Сумма больше допустимой ({format_rub(limit)})", field=field_name)


def open_shift(ctx: ServiceContext, opening_float_kopecks: int, *,
               idempotency_key: str | None = None) -> ShiftInfo:
    """Open the operator's shift with the cash already in the drawer (one open shift at a time).

    Decided by the database even when several desks press "open" at once: the operator's row
    and the desk's name are locked first, and the partial unique indexes (one open shift per
    operator, one number per desk) refuse whatever would still slip past. With a key (an
    opening taken offline, replayed) a second call returns the shift that key opened.
    """
    _need_operator(ctx)
    _check_amount(opening_float_kopecks, "opening_float", allow_zero=True)
    for attempt in range(_NUMBER_RETRIES):
        try:
            return _open_shift_once(ctx, opening_float_kopecks, idempotency_key)
        except IntegrityError as error:
            if idempotency_key and _opened_by_key(ctx, idempotency_key) is not None:
                continue  # a parallel replay of the same opening won: the next round returns it
            if _second_open_shift(error):
                raise InputError(ALREADY_OPEN, field="shift") from None
            if attempt == _NUMBER_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


_NUMBER_RETRIES = 5
ALREADY_OPEN = "Смена уже открыта: сначала закройте её (Z-отчёт)"


def _second_open_shift(error: IntegrityError) -> bool:
    """The refusal of uq_cash_shifts_one_open_per_operator (SQLite names its column, not the index)."""
    text = str(error.orig).strip()
    return "uq_cash_shifts_one_open_per_operator" in text or text.endswith("cash_shifts.operator_id")


def _opened_by_key(ctx: ServiceContext, key: str) -> int | None:
    with ctx.read() as s:
        return s.scalar(select(CashShift.id).where(CashShift.open_key == key))


def _open_shift_once(ctx: ServiceContext, opening_float_kopecks: int, key: str | None) -> ShiftInfo:
    with ctx.transaction() as s:
        lock_rows(s, Operator, ctx.actor.operator_id)
        if ctx.desk:
            lock_name(s, f"cash_shifts.desk:{ctx.desk}")  # the desk's next number, one desk at a time
        if key:
            done = s.scalar(select(CashShift).where(CashShift.open_key == key))
            if done is not None:
                operator = s.get(Operator, done.operator_id)
                info = _info(ctx, done, operator.full_name if operator else "")
                return replace(info, already_opened=True)
        if _open_shift_row(s, ctx) is not None:
            raise InputError(ALREADY_OPEN, field="shift")
        # Numbers run per desk when the desk is named, else per operator (gedemin #2939).
        scope = CashShift.desk == ctx.desk if ctx.desk else CashShift.operator_id == ctx.actor.operator_id
        last = s.scalar(select(func.max(CashShift.number)).where(scope)) or 0
        shift = CashShift(
            operator_id=ctx.actor.operator_id,
            branch_id=ctx.actor.branch_id,
            desk=ctx.desk,
            number=last + 1,
            state="open",
            opened_at=ctx.clock(),
            opening_float_kopecks=opening_float_kopecks,
            open_key=key,
        )
        s.add(shift)
        s.flush()
        audit.record(s, ctx, "shift.open", entity="cash_shift", entity_id=shift.id,
                     number=shift.number, opening_float_kopecks=opening_float_kopecks,
                     **({"key": key} if key else {}))
        return _info(ctx, shift, ctx.actor.full_name)


def current_shift(ctx: ServiceContext) -> ShiftInfo | None:
    """The operator's open shift, or None."""
    if ctx.actor.operator_id is None:
        return None
    with ctx.read() as s:
        shift = _open_shift_row(s, ctx)
        return _info(ctx, shift, ctx.actor.full_name) if shift else None


def payable_shift(s: Session, ctx: ServiceContext) -> CashShift:
    """The open, young-enough shift money may be posted to (locked on PostgreSQL), or InputError."""
    shift = _open_shift_row(s, ctx, lock=True)
    if shift is None:
        raise InputError("Кассовая смена не открыта. Откройте смену, чтобы принимать оплату.",
                         field="shift")
    if ctx.clock() - shift.opened_at > SHIFT_MAX_AGE:
        raise InputError("Смена открыта больше 24 часов: закройте её (Z-отчёт) и откройте новую.",
                         field="shift")
    return shift


def _cash_operation(ctx: ServiceContext, kind: str, amount_kopecks: int, comment: str) -> ShiftReportDocument:
    _need_operator(ctx)
    _check_amount(amount_kopecks, "amount", limit=100_000_000)
    with ctx.transaction() as s:
        shift = payable_shift(s, ctx)
        if kind == "cash_out":
            available = _report(s, ctx, shift, "X").expected_cash_kopecks
            if amount_kopecks > available:
                raise InputError(f"В кассе только {format_rub(available)}", field="amount")
        op = CashOperation(shift_id=shift.id, operator_id=ctx.actor.operator_id, kind=kind,
                           amount_kopecks=amount_kopecks, comment=comment.strip(), at=ctx.clock())
        s.add(op)
        s.flush()
        audit.record(s, ctx, f"shift.{kind}", entity="cash_operation", entity_id=op.id,
                     shift=shift.number, amount_kopecks=amount_kopecks, comment=comment.strip())
        return _report(s, ctx, shift, "X")


def cash_in(ctx: ServiceContext, amount_kopecks: int, comment: str = "") -> ShiftReportDocument:
    """Put cash into the drawer (внесение: float top-up). Returns the updated X-report."""
    return _cash_operation(ctx, "cash_in", amount_kopecks, comment)


def cash_out(ctx: ServiceContext, amount_kopecks: int, comment: str = "") -> ShiftReportDocument:
    """Take cash out of the drawer (изъятие: collection). Returns the updated X-report."""
    return _cash_operation(ctx, "cash_out", amount_kopecks, comment)


def _report(s: Session, ctx: ServiceContext, shift: CashShift, report_type: str) -> ShiftReportDocument:
    positive = Payment.amount_kopecks > 0
    rows = s.execute(
        select(
            Payment.method,
            func.sum(case((positive, 1), else_=0)),
            func.sum(case((positive, Payment.amount_kopecks), else_=0)),
            func.sum(case((positive, 0), else_=1)),
            func.sum(case((positive, 0), else_=-Payment.amount_kopecks)),
        ).where(Payment.shift_id == shift.id).group_by(Payment.method)
    ).all()
    totals = {method: tuple(int(v or 0) for v in values) for method, *values in rows}
    cash = totals.get("cash", (0, 0, 0, 0))
    card = totals.get("card", (0, 0, 0, 0))
    ops = s.scalars(select(CashOperation).where(CashOperation.shift_id == shift.id)
                    .order_by(CashOperation.id)).all()
    operator = s.get(Operator, shift.operator_id)
    branch = s.get(Branch, shift.branch_id)
    company = seller(s)
    zone = ctx.zone(s)
    return ShiftReportDocument(
        report_type=report_type,
        shift_id=shift.id,
        shift_number=shift.number,
        seller_name=company["name"],
        seller_inn=company["inn"],
        settlement_place=f"{branch.name}, {branch.address}" if branch and branch.address else (
            branch.name if branch else ""),
        operator_name=operator.full_name if operator else "",
        opened_at=shift.opened_at.astimezone(zone),  # printed in the company's time
        printed_at=ctx.clock().astimezone(zone),
        closed_at=shift.closed_at.astimezone(zone) if shift.closed_at else None,
        opening_float_kopecks=shift.opening_float_kopecks,
        cash_operations=tuple(
            CashOperationDoc("in" if op.kind == "cash_in" else "out", op.amount_kopecks, op.at.astimezone(zone),
                             op.comment)
            for op in ops
        ),
        cash_payments_count=cash[0],
        cash_payments_kopecks=cash[1],
        card_payments_count=card[0],
        card_payments_kopecks=card[1],
        cash_refunds_count=cash[2],
        cash_refunds_kopecks=cash[3],
        card_refunds_count=card[2],
        card_refunds_kopecks=card[3],
        receipts_issued=shift.receipts_issued,
        counted_cash_kopecks=shift.counted_cash_kopecks,
        comment=shift.difference_comment,
        kkt_reg_number=EmulatorRegister.KKT_REG_NUMBER,
        fn_number=EmulatorRegister.FN_NUMBER,
    )


def x_report(ctx: ServiceContext) -> ShiftReportDocument:
    """The interim report of the operator's open shift (any number of times)."""
    with ctx.read() as s:
        shift = _open_shift_row(s, ctx)
        if shift is None:
            raise InputError("Кассовая смена не открыта", field="shift")
        return _report(s, ctx, shift, "X")


# What a Z-report printed offline is checked against at replay (desktop.services.offline_shifts).
RECONCILED_TOTALS = ("opening_float_kopecks", "cash_payments_count", "cash_payments_kopecks",
                     "card_payments_count", "card_payments_kopecks", "expected_cash_kopecks")


def close_shift(ctx: ServiceContext, counted_cash_kopecks: int, comment: str = "", *,
                idempotency_key: str | None = None, opened_with_key: str | None = None,
                expected_totals: dict[str, int] | None = None) -> ShiftReportDocument:
    """Close the shift with the counted cash; a difference needs a comment. Freezes the Z-report.

    A closing taken offline is replayed with its key (a second call returns the frozen Z-report
    of the shift that key closed), the key of the offline opening (the shift must be that one)
    and the totals the offline Z-report printed: when the shared database's totals differ, the
    shift stays open and the refusal goes to a senior (it never closes on different figures).
    """
    _need_operator(ctx)
    _check_amount(counted_cash_kopecks, "counted_cash", allow_zero=True, limit=MAX_COUNTED_KOPECKS)
    comment = (comment or "").strip()
    with ctx.transaction() as s:
        # The operator's row first (SQLite: the write lock): a closing replayed twice at once reads
        # the other's commit below instead of a snapshot from before it.
        lock_rows(s, Operator, ctx.actor.operator_id)
        if idempotency_key:
            done = s.scalar(select(CashShift).where(CashShift.close_key == idempotency_key))
            if done is not None:
                return _load_z_report(done.z_report)
        shift = _open_shift_row(s, ctx, lock=True)
        if shift is None:
            raise InputError("Кассовая смена не открыта", field="shift")
        if opened_with_key and shift.open_key != opened_with_key:
            raise InputError(f"Открыта другая смена (№ {shift.number}), а не открытая без связи", field="shift")
        expected = _report(s, ctx, shift, "X")  # the Z-report needs its closing time, set below
        if expected_totals is not None:
            differ = [f"{name}: в базе {getattr(expected, name)}, в Z-отчёте без связи {expected_totals.get(name)}"
                      for name in RECONCILED_TOTALS if getattr(expected, name) != expected_totals.get(name)]
            if differ:
                raise InputError("Итоги смены в базе не совпадают с Z-отчётом, напечатанным без связи: "
                                 + "; ".join(differ), field="shift")
        difference = counted_cash_kopecks - expected.expected_cash_kopecks
        if difference != 0 and not comment:
            raise InputError(
                f"Расхождение {format_rub(difference, sign=True)}: напишите комментарий", field="comment"
            )
        shift.state = "closed"
        shift.closed_at = ctx.clock()
        shift.expected_cash_kopecks = expected.expected_cash_kopecks
        shift.expected_card_kopecks = expected.expected_card_kopecks
        shift.counted_cash_kopecks = counted_cash_kopecks
        shift.difference_kopecks = difference
        shift.difference_comment = comment
        shift.close_key = idempotency_key
        report = _report(s, ctx, shift, "Z")
        shift.z_report = report.to_json()
        audit.record(s, ctx, "shift.close", entity="cash_shift", entity_id=shift.id, number=shift.number,
                     expected_cash_kopecks=report.expected_cash_kopecks,
                     counted_cash_kopecks=counted_cash_kopecks, difference_kopecks=difference,
                     comment=comment, **({"key": idempotency_key} if idempotency_key else {}))
        return report


def z_report(ctx: ServiceContext, shift_id: int) -> ShiftReportDocument:
    """The frozen Z-report of a closed shift (for a reprint)."""
    with ctx.read() as s:
        shift = s.get(CashShift, shift_id)
        if shift is None or shift.state != "closed" or not shift.z_report:
            raise NotFound("Z-отчёт этой смены не найден")
        return _load_z_report(shift.z_report)


def last_closed_shift(ctx: ServiceContext) -> int | None:
    """The id of the operator's last closed shift (for "reprint Z-report")."""
    with ctx.read() as s:
        return s.scalar(select(CashShift.id).where(
            CashShift.operator_id == ctx.actor.operator_id, CashShift.state == "closed"
        ).order_by(CashShift.id.desc()).limit(1))
