"""Payments at the desk: cash and card, exactly once, with a receipt; reversals and refunds.

A payment is never edited or deleted. A mistake is corrected by a new row pointing at the
original: a reversal within the same shift, a refund later, both allowed by a senior operator.
A full card number is refused and never stored, logged or echoed in a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from desktop.core.accounts import normalize_account
from desktop.core.documents import ReceiptDocument
from desktop.core.money import format_rub
from desktop.db.locks import begin_writing, lock_rows
from desktop.db.models import Account, Bill, Branch, CashShift, Operator, Payment
from desktop.services import audit
from desktop.services.context import ROLE_NAMES, ServiceContext
from desktop.services.errors import Conflict, InputError, NotFound
from desktop.services.fiscal import (
    DEFAULT_REGISTER,
    OPERATION_INCOME,
    OPERATION_INCOME_REFUND,
    FiscalRegister,
)
from desktop.services.operators import Approval, approve
from desktop.services.shifts import company_setting, payable_shift, seller

METHODS = ("cash", "card")
DEFAULT_MAX_PAYMENT_KOPECKS = 50_000_000  # 500 000 ₽; company setting "payment.max_kopecks"
_CARD_NUMBER = re.compile(r"\d{13,19}")
_SEPARATORS = re.compile(r"[\s\-]+")
_KEY = re.compile(r"^[A-Za-z0-9:_\-]{8,64}$")
_RETRIES = 3

STATE_POSTED = "posted"
STATE_REVERSED = "reversed"
STATE_REFUNDED = "refunded"
STATE_RECEIPT_NOT_PRINTED = "receipt_not_printed"


@dataclass(frozen=True)
class PostedPayment:
    """The result of posting (or of finding an already-posted attempt with the same key)."""

    id: int
    account: str
    kind: str
    method: str
    amount_kopecks: int
    change_kopecks: int | None
    receipt_number: int | None
    shift_number: int | None
    balance_after_kopecks: int
    already_posted: bool = False


@dataclass(frozen=True)
class PaymentRow:
    """One line of the account's payment history."""

    id: int
    posted_at: datetime
    kind: str  # payment / reversal / refund
    method: str
    amount_kopecks: int  # signed
    operator_name: str
    shift_number: int | None
    receipt_number: int | None
    receipt_state: str  # none / pending / printed / failed
    state: str  # STATE_*
    reverses_id: int | None
    reason: str
    card_last4: str | None


# --- validation ---------------------------------------------------------------------------


def contains_card_number(text: str | None) -> bool:
    """True when ``text`` holds 13-19 digits in a row (spaces and dashes ignored): a full PAN."""
    if not text:
        return False
    return bool(_CARD_NUMBER.search(_SEPARATORS.sub("", text)))


def max_payment_kopecks(s: Session) -> int:
    value = company_setting(s, "payment.max_kopecks", DEFAULT_MAX_PAYMENT_KOPECKS)
    return value if isinstance(value, int) and value > 0 else DEFAULT_MAX_PAYMENT_KOPECKS


def _check_amount(amount: int, limit: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InputError("Сумма должна быть числом", field="amount")
    if amount <= 0:
        raise InputError("Сумма должна быть больше нуля", field="amount")
    if amount > limit:
        raise InputError(f"Сумма больше допустимой ({format_rub(limit)})", field="amount")


def _card_fields(last4: str | None, rrn: str | None, auth: str | None) -> tuple[str, str, str]:
    # The full card number check comes first, and no message repeats what was typed.
    for value, name in ((last4, "card_last4"), (rrn, "card_rrn"), (auth, "card_auth_code")):
        if contains_card_number(value):
            raise InputError(
                "Полный номер карты вводить нельзя: только 4 последние цифры, RRN и код авторизации "
                "с чека терминала", field=name)
    last4 = (last4 or "").strip()
    rrn = _SEPARATORS.sub("", rrn or "")
    auth = (auth or "").strip().upper()
    if not (len(last4) == 4 and last4.isascii() and last4.isdigit()):
        raise InputError("Последние 4 цифры карты — ровно 4 цифры", field="card_last4")
    if not (len(rrn) == 12 and rrn.isascii() and rrn.isdigit()):
        raise InputError("RRN (номер ссылки) — ровно 12 цифр с чека терминала", field="card_rrn")
    if not (len(auth) == 6 and auth.isascii() and auth.isalnum()):
        raise InputError("Код авторизации — 6 букв или цифр с чека терминала", field="card_auth_code")
    return last4, rrn, auth


def _payment_by_key(s: Session, key: str) -> Payment | None:
    return s.scalar(select(Payment).where(Payment.idempotency_key == key))


def _posted(s: Session, payment: Payment, already: bool) -> PostedPayment:
    account = s.get(Account, payment.account_id)
    shift = s.get(CashShift, payment.shift_id) if payment.shift_id else None
    return PostedPayment(
        payment.id, account.number if account else "", payment.kind, payment.method,
        payment.amount_kopecks, payment.change_kopecks, payment.receipt_number,
        shift.number if shift else None, account.balance_kopecks if account else 0, already,
    )


def _existing(ctx: ServiceContext, key: str, number: str, amount: int) -> PostedPayment | None:
    with ctx.read() as s:
        payment = _payment_by_key(s, key)
        if payment is None:
            return None
        account = s.get(Account, payment.account_id)
        if account is None or account.number != number or payment.amount_kopecks != amount:
            raise Conflict("Эта попытка оплаты уже проведена с другой суммой или по другому счёту. "
                           "Начните новую оплату.")
        return _posted(s, payment, True)


def _locked_account(s: Session, number: str) -> Account:
    # FOR UPDATE is a no-op on SQLite: take its write lock before reading the balance, or a
    # balance moved meanwhile (a billing batch, another desk) is overwritten by a stale one.
    begin_writing(s.connection())
    account = s.scalar(select(Account).where(Account.number == number).with_for_update())
    if account is None:
        raise NotFound(f"Лицевой счёт {number} не найден")
    return account


# --- posting ------------------------------------------------------------------------------


def post_payment(
    ctx: ServiceContext,
    account_number: str,
    amount_kopecks: int,
    method: str,
    *,
    idempotency_key: str,
    tendered_kopecks: int | None = None,
    card_last4: str | None = None,
    card_rrn: str | None = None,
    card_auth_code: str | None = None,
    register: FiscalRegister = DEFAULT_REGISTER,
) -> PostedPayment:
    """Post a cash or card payment exactly once per ``idempotency_key``.

    The payment row, the fiscal receipt number, the balance and the audit event are one
    transaction. The same key again (a double click, a retry after a dropped connection)
    returns the payment already posted.
    """
    number = normalize_account(account_number or "")
    if number is None:
        raise InputError("Номер лицевого счёта — 12 цифр", field="account")
    if method not in METHODS:
        raise InputError("Способ оплаты: наличные или карта", field="method")
    if not isinstance(idempotency_key, str) or not _KEY.match(idempotency_key):
        raise InputError("Неверный ключ попытки оплаты", field="idempotency_key")
    last4: str | None
    rrn: str | None
    auth: str | None
    if method == "card":
        last4, rrn, auth = _card_fields(card_last4, card_rrn, card_auth_code)
        if tendered_kopecks is not None:
            raise InputError("При оплате картой наличные не принимаются", field="tendered")
    else:
        if any(contains_card_number(v) for v in (card_last4, card_rrn, card_auth_code)):
            raise InputError("Полный номер карты вводить нельзя", field="card_last4")
        last4 = rrn = auth = None
    if ctx.actor.operator_id is None:
        raise InputError("Оплату принимает оператор, вошедший в программу", field="shift")

    existing = _existing(ctx, idempotency_key, number, amount_kopecks)
    if existing is not None:
        # Posted by an earlier attempt; its receipt too, unless the register failed then.
        return existing if existing.receipt_number is not None else fiscalize(ctx, existing.id, register)

    payment_id = _post_once(ctx, number, amount_kopecks, method, idempotency_key, tendered_kopecks,
                            (last4, rrn, auth))
    # The fiscal receipt only after the payment is committed: the transaction above may be
    # retried on a conflict, and a real register would print once per try.
    return fiscalize(ctx, payment_id, register)


def _post_once(ctx: ServiceContext, number: str, amount_kopecks: int, method: str, idempotency_key: str,
               tendered_kopecks: int | None, card: tuple[str | None, str | None, str | None]) -> int:
    """The payment row, the balance and the audit event in one transaction, retried on a
    conflict; the payment's id (also when another desk posted the same key first)."""
    last4, rrn, auth = card
    for attempt in range(_RETRIES):
        try:
            with ctx.transaction() as s:
                limit = max_payment_kopecks(s)
                _check_amount(amount_kopecks, limit)
                change = None
                tendered = None
                if method == "cash":
                    tendered = amount_kopecks if tendered_kopecks is None else tendered_kopecks
                    if isinstance(tendered, bool) or not isinstance(tendered, int):
                        raise InputError("Получено: сумма должна быть числом", field="tendered")
                    if tendered < amount_kopecks:
                        raise InputError(
                            f"Получено меньше суммы оплаты ({format_rub(amount_kopecks)})", field="tendered")
                    if tendered > amount_kopecks + limit:
                        raise InputError("Получено слишком много: проверьте сумму", field="tendered")
                    change = tendered - amount_kopecks
                shift = payable_shift(s, ctx)
                account = _locked_account(s, number)
                if account.closed_on is not None:
                    raise InputError(f"Лицевой счёт {number} закрыт: оплата не принимается", field="account")
                now = ctx.clock()
                payment = Payment(
                    account_id=account.id, kind="payment", method=method, amount_kopecks=amount_kopecks,
                    tendered_kopecks=tendered, change_kopecks=change, card_last4=last4, card_rrn=rrn,
                    card_auth_code=auth, idempotency_key=idempotency_key, shift_id=shift.id,
                    operator_id=ctx.actor.operator_id, branch_id=ctx.actor.branch_id, posted_at=now,
                    receipt_number=None, receipt_state="pending",
                )
                s.add(payment)
                account.balance_kopecks += amount_kopecks
                s.flush()
                audit.record(s, ctx, "payment.post", account_number=number, entity="payment",
                             entity_id=payment.id, amount_kopecks=amount_kopecks, method=method,
                             shift=shift.number, card_last4=last4)
                return payment.id
        except IntegrityError:
            # Another desk (or a retry on another thread) posted the same key first.
            existing = _existing(ctx, idempotency_key, number, amount_kopecks)
            if existing is not None:
                return existing.id
            raise
        except Conflict:
            if attempt == _RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def fiscalize(ctx: ServiceContext, payment_id: int, register: FiscalRegister = DEFAULT_REGISTER) -> PostedPayment:
    """Register the committed payment's fiscal receipt, once: a payment that has its receipt
    number already is returned as it is. The payment row is locked first, so two desks (or a
    retry) finishing the same payment cannot both reach the register."""
    with ctx.transaction() as s:
        lock_rows(s, Payment, payment_id)
        payment = s.get(Payment, payment_id)
        if payment is None or payment.shift_id is None:
            raise NotFound("Платёж не найден")
        if payment.receipt_number is not None:
            return _posted(s, payment, True)
        lock_rows(s, CashShift, payment.shift_id)  # its receipt counter
        shift = s.get_one(CashShift, payment.shift_id)
        account = s.get(Account, payment.account_id)
        operation = OPERATION_INCOME if payment.kind == "payment" else OPERATION_INCOME_REFUND
        fiscal = register.register(shift, operation, abs(payment.amount_kopecks), payment.method,
                                   payment.posted_at, f"payment:{payment.id}")
        payment.receipt_number = fiscal.receipt_number
        audit.record(s, ctx, "payment.fiscal", account_number=account.number if account else None,
                     entity="payment", entity_id=payment.id, shift=shift.number,
                     receipt=fiscal.receipt_number, fd=fiscal.fd_number)
        return _posted(s, payment, False)


def recent_duplicate(
    ctx: ServiceContext, account_number: str, amount_kopecks: int, minutes: int = 5
) -> PaymentRow | None:
    """The latest payment of the same amount on this account in the last ``minutes``, if any."""
    number = normalize_account(account_number or "")
    if number is None:
        return None
    since = ctx.clock() - timedelta(minutes=minutes)
    with ctx.read() as s:
        payment_id = s.scalar(
            select(Payment.id).join(Account, Payment.account_id == Account.id)
            .where(Account.number == number, Payment.kind == "payment",
                   Payment.amount_kopecks == amount_kopecks, Payment.posted_at >= since)
            .order_by(Payment.posted_at.desc()).limit(1)
        )
        if payment_id is None:
            return None
        rows = _history_rows(s, Payment.id == payment_id)
        return rows[0] if rows and rows[0].state not in (STATE_REVERSED, STATE_REFUNDED) else None


# --- corrections --------------------------------------------------------------------------


def _approver(ctx: ServiceContext, login: str, password: str) -> Approval:
    # Its own transactions, before the correction's: a wrong password is counted towards the
    # approver's lockout and audited even though the correction is then refused.
    return approve(ctx, login, password, "senior")


def reverse_payment(
    ctx: ServiceContext,
    payment_id: int,
    reason: str,
    approver_login: str,
    approver_password: str,
    *,
    register: FiscalRegister = DEFAULT_REGISTER,
) -> PostedPayment:
    """Take a payment back: a reversal in the same shift, a refund later ("возврат прихода").

    A new row of the opposite sign points at the original; a senior operator's password
    allows it; the original is never changed.
    """
    reason = (reason or "").strip()
    if not reason:
        raise InputError("Укажите причину возврата", field="reason")
    if ctx.actor.operator_id is None:
        raise InputError("Возврат проводит оператор, вошедший в программу", field="shift")
    approver = _approver(ctx, approver_login, approver_password)
    try:
        with ctx.transaction() as s:
            begin_writing(s.connection())  # SQLite: read the payment and balance under the write lock
            shift = payable_shift(s, ctx)
            original = s.scalar(select(Payment).where(Payment.id == payment_id).with_for_update())
            if original is None:
                raise NotFound("Платёж не найден")
            if original.kind != "payment":
                raise InputError("Вернуть можно только платёж, а не возврат", field="payment")
            if s.scalar(select(Payment.id).where(Payment.reverses_id == original.id)) is not None:
                raise InputError("Этот платёж уже возвращён", field="payment")
            if original.method not in METHODS:
                raise InputError("Платёж через банк возвращается не в кассе", field="payment")
            kind = "reversal" if original.shift_id == shift.id else "refund"
            account = s.get_one(Account, original.account_id, with_for_update=True)
            now = ctx.clock()
            row = Payment(
                account_id=account.id, kind=kind, method=original.method,
                amount_kopecks=-original.amount_kopecks, card_last4=original.card_last4,
                idempotency_key=f"{kind}:{original.id}", shift_id=shift.id,
                operator_id=ctx.actor.operator_id, branch_id=ctx.actor.branch_id, posted_at=now,
                reverses_id=original.id, reason=reason, approved_by_id=approver.id,
                receipt_number=None, receipt_state="pending",
            )
            s.add(row)
            account.balance_kopecks -= original.amount_kopecks
            s.flush()
            audit.record(s, ctx, f"payment.{kind}", account_number=account.number, entity="payment",
                         entity_id=row.id, reverses=original.id, amount_kopecks=row.amount_kopecks,
                         method=original.method, reason=reason, approved_by=approver.login,
                         shift=shift.number)
            row_id = row.id
    except IntegrityError:
        raise InputError("Этот платёж уже возвращён", field="payment") from None
    return fiscalize(ctx, row_id, register)  # after the commit, like a payment


# --- history, receipts --------------------------------------------------------------------


def _history_rows(s: Session, *where: ColumnElement[bool]) -> list[PaymentRow]:
    correction = aliased(Payment)
    rows = s.execute(
        select(Payment, Operator.full_name, CashShift.number, correction.kind)
        .outerjoin(Operator, Payment.operator_id == Operator.id)
        .outerjoin(CashShift, Payment.shift_id == CashShift.id)
        .outerjoin(correction, correction.reverses_id == Payment.id)
        .where(*where)
        .order_by(Payment.posted_at.desc(), Payment.id.desc())
    ).all()
    out = []
    for p, operator_name, shift_number, corrected in rows:
        if corrected == "reversal":
            state = STATE_REVERSED
        elif corrected == "refund":
            state = STATE_REFUNDED
        elif p.receipt_state == "failed":
            state = STATE_RECEIPT_NOT_PRINTED
        else:
            state = STATE_POSTED
        out.append(PaymentRow(p.id, p.posted_at, p.kind, p.method, p.amount_kopecks, operator_name or "",
                              shift_number, p.receipt_number, p.receipt_state, state, p.reverses_id,
                              p.reason, p.card_last4))
    return out


def payments_history(ctx: ServiceContext, account_number: str, limit: int = 500) -> list[PaymentRow]:
    """The account's payments, reversals and refunds, newest first."""
    number = normalize_account(account_number or "")
    if number is None:
        raise InputError("Номер лицевого счёта — 12 цифр", field="account")
    with ctx.read() as s:
        account_id = s.scalar(select(Account.id).where(Account.number == number))
        if account_id is None:
            raise NotFound(f"Лицевой счёт {number} не найден")
        return _history_rows(s, Payment.account_id == account_id)[:limit]


def mark_receipt(ctx: ServiceContext, payment_id: int, printed: bool) -> None:
    """Record whether the receipt came out of the printer (a failure offers a reprint)."""
    with ctx.transaction() as s:
        payment = s.get(Payment, payment_id)
        if payment is None:
            raise NotFound("Платёж не найден")
        payment.receipt_state = "printed" if printed else "failed"
        account = s.get(Account, payment.account_id)
        audit.record(s, ctx, "payment.receipt_printed" if printed else "payment.receipt_failed",
                     account_number=account.number if account else None, entity="payment",
                     entity_id=payment.id, receipt=payment.receipt_number)


def receipt_document(
    ctx: ServiceContext, payment_id: int, copy: bool = False, *, register: FiscalRegister = DEFAULT_REGISTER
) -> ReceiptDocument:
    """The data of the printed receipt of a payment, reversal or refund (``copy`` for a reprint)."""
    with ctx.read() as s:
        payment = s.get(Payment, payment_id)
        if payment is None or payment.shift_id is None or payment.receipt_number is None:
            raise NotFound("Чек этого платежа не найден")
        shift = s.get_one(CashShift, payment.shift_id)
        account = s.get_one(Account, payment.account_id)
        cashier = s.get(Operator, payment.operator_id) if payment.operator_id else None
        branch = s.get(Branch, payment.branch_id or shift.branch_id)
        period = s.scalar(select(Bill.period).where(
            Bill.account_id == account.id).order_by(Bill.period.desc()).limit(1))
        issued_at = payment.posted_at.astimezone(ctx.zone(s))  # printed in the company's time
        if period is None:
            period = issued_at.strftime("%Y-%m")
        year, month = period.split("-")
        company = seller(s)
        fiscal = register.recall(shift, payment.receipt_number)
        place = f"{branch.name}, {branch.address}" if branch and branch.address else (
            branch.name if branch else "")
        return ReceiptDocument(
            seller_name=company["name"],
            seller_inn=company["inn"],
            seller_address=company.get("address", place),
            settlement_place=place,
            receipt_number=payment.receipt_number,
            shift_number=shift.number,
            issued_at=issued_at,
            cashier_name=cashier.full_name if cashier else "",
            cashier_role=ROLE_NAMES.get(cashier.role, "") if cashier else "",
            operation=OPERATION_INCOME if payment.kind == "payment" else OPERATION_INCOME_REFUND,
            item_name=f"Оплата электроэнергии по л/с {account.number} за {month}.{year}",
            amount_kopecks=abs(payment.amount_kopecks),
            payment_method=payment.method,
            taxation_system=company["taxation_system"],
            settlement_method=company["settlement_method"],
            vat_rate_percent=int(company_setting(s, "receipt.vat_percent", 22)),
            cash_tendered_kopecks=payment.tendered_kopecks if payment.method == "cash" else None,
            card_last4=payment.card_last4,
            card_rrn=payment.card_rrn,
            card_auth_code=payment.card_auth_code,
            kkt_reg_number=fiscal.kkt_reg_number,
            fn_number=fiscal.fn_number,
            fd_number=fiscal.fd_number,
            fpd=fiscal.fpd,
            emulated=fiscal.emulated,
            is_copy=copy,
        )
