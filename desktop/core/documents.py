"""Frozen data of printed documents (bill, payment receipt, shift report), stored as JSON."""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar, TypeVar

from desktop.core.accounts import normalize_account
from desktop.core.payment_qr import PayeeDetails

BASIS_METER = "по прибору учёта"
BASIS_AVERAGE = "по среднему"
BASIS_NORM = "по нормативу"
BASES = (BASIS_METER, BASIS_AVERAGE, BASIS_NORM)

KIND_CHARGE = "charge"
KIND_RECALCULATION = "recalculation"

OPERATION_INCOME = "Приход"
OPERATION_INCOME_REFUND = "Возврат прихода"

PAY_CASH = "cash"
PAY_CARD = "card"

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class DocumentError(ValueError):
    """Document data that must not be printed (inconsistent totals, a full card number...)."""


def period_label(period: str) -> str:
    """'2026-11' -> 'ноябрь 2026' (as in "Счёт за ноябрь 2026")."""
    _check_period(period)
    year, month = period.split("-")
    return f"{MONTHS_NOMINATIVE[int(month) - 1]} {year}"


def payment_item_name(account: str, period: str) -> str:
    """The receipt's item line: 'Оплата электроэнергии по л/с 012345678901 за 11.2026'."""
    _check_period(period)
    year, month = period.split("-")
    return f"Оплата электроэнергии по л/с {account} за {month}.{year}"


def vat_included(total_kopecks: int, rate_percent: int = 22) -> int:
    """VAT inside a VAT-inclusive total: total*rate/(100+rate), rounded half up to the kopeck."""
    value = Decimal(total_kopecks) * rate_percent / (100 + rate_percent)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check_period(period: str) -> None:
    if not isinstance(period, str) or not _PERIOD.match(period):
        raise DocumentError(f"период должен быть ГГГГ-ММ, получено {period!r}")


def _check_account(account: str) -> None:
    if normalize_account(account) != account:
        raise DocumentError(f"лицевой счёт — 12 цифр, получено {account!r}")


# --- JSON: explicit ISO dates, tuples as lists; types come from the annotations. ---

_SCALARS = frozenset({str, int, float, bool, type(None)})
# Field names per dataclass type (types live as long as the process): to_json runs once per bill
# in the billing run, and dataclasses.fields() per value was a tenth of the run (issue 10).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _to_plain(value: Any) -> Any:
    cls = type(value)
    if cls in _SCALARS:
        return value
    names = _FIELD_NAMES.get(cls)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        # Scalars inline: most fields are, and a call per field was most of to_json (issue 10).
        return {name: v if type(v := getattr(value, name)) in _SCALARS else _to_plain(v) for name in names}
    if dataclasses.is_dataclass(value):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _SCALARS else _to_plain(v) for v in value]
    return value


def _from_plain(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(inner, value)
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(tp)
        return tuple(_from_plain(inner, v) for v in value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return tp(**{f.name: _from_plain(hints[f.name], value[f.name])
                     for f in dataclasses.fields(tp) if f.name in value})
    return value


_D = TypeVar("_D", bound="_JsonDocument")


class _JsonDocument:
    kind: ClassVar[str]
    schema: ClassVar[int] = 1

    def to_json(self) -> str:
        plain = {"kind": self.kind, "schema": self.schema, **_to_plain(self)}
        return json.dumps(plain, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls: type[_D], text: str) -> _D:
        plain = json.loads(text)
        if plain.pop("kind", None) != cls.kind or plain.pop("schema", None) != cls.schema:
            raise DocumentError(f"это не документ {cls.kind} версии {cls.schema}")
        return typing.cast(_D, _from_plain(cls, plain))


# --- Bill ---

@dataclass(frozen=True)
class BillLineDoc:
    """One printed line: a zone's charge for the month, or a recalculation with its reason."""

    zone: str                      # "День (T1)", "Ночь (T2)", "Круглосуточно"
    basis: str                     # one of BASES
    previous_reading: int | None
    current_reading: int | None
    kwh: int                       # negative only for a recalculation that takes kWh back
    tariff_rub_per_kwh: str        # exact Decimal as text, "6.95"
    amount_kopecks: int
    kind: str = KIND_CHARGE
    reason: str = ""               # required for recalculations (PP 354 п. 69 "ж")

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise DocumentError(f"неизвестный способ определения объёма: {self.basis!r}")
        if self.kind not in (KIND_CHARGE, KIND_RECALCULATION):
            raise DocumentError(f"неизвестный вид строки: {self.kind!r}")
        if self.kind == KIND_RECALCULATION and not self.reason.strip():
            raise DocumentError("у перерасчёта должно быть основание")
        try:
            tariff = Decimal(self.tariff_rub_per_kwh)
        except InvalidOperation:
            raise DocumentError(f"тариф не число: {self.tariff_rub_per_kwh!r}") from None
        if not tariff.is_finite() or tariff < 0:
            raise DocumentError(f"недопустимый тариф: {self.tariff_rub_per_kwh!r}")


@dataclass(frozen=True)
class BillDocument(_JsonDocument):
    """Everything printed on one month's bill, frozen at billing time.

    Balance sign: opening_balance_kopecks < 0 is a debt, > 0 an overpayment. Recalculations
    > 0 charge more, < 0 give back. amount_due = max(0, charges + recalculations - opening - payments).
    """

    kind: ClassVar[str] = "bill"

    payee: PayeeDetails
    account: str
    payer_name: str
    address: str
    branch_name: str
    residents: int
    consumer_group: str
    period: str                    # "YYYY-MM"
    issue_date: date
    due_date: date
    meter_serial: str
    lines: tuple[BillLineDoc, ...]
    opening_balance_kopecks: int
    payments_kopecks: int
    charges_kopecks: int
    recalculations_kopecks: int
    amount_due_kopecks: int
    qr_payload: str

    def __post_init__(self) -> None:
        _check_account(self.account)
        _check_period(self.period)
        object.__setattr__(self, "lines", tuple(self.lines))
        charges = sum(ln.amount_kopecks for ln in self.lines if ln.kind == KIND_CHARGE)
        recalcs = sum(ln.amount_kopecks for ln in self.lines if ln.kind == KIND_RECALCULATION)
        if charges != self.charges_kopecks or recalcs != self.recalculations_kopecks:
            raise DocumentError(
                f"итоги не сходятся со строками: начислено {self.charges_kopecks} "
                f"(строки {charges}), перерасчёт {self.recalculations_kopecks} (строки {recalcs})"
            )
        due = max(0, self.closing_debt_kopecks)
        if due != self.amount_due_kopecks:
            raise DocumentError(f"к оплате {self.amount_due_kopecks}, по расчёту {due}")

    @property
    def closing_debt_kopecks(self) -> int:
        """Debt at the end of the period (negative = overpayment carried forward)."""
        return (self.charges_kopecks + self.recalculations_kopecks
                - self.opening_balance_kopecks - self.payments_kopecks)

    @property
    def charge_lines(self) -> tuple[BillLineDoc, ...]:
        return tuple(ln for ln in self.lines if ln.kind == KIND_CHARGE)

    @property
    def recalculation_lines(self) -> tuple[BillLineDoc, ...]:
        return tuple(ln for ln in self.lines if ln.kind == KIND_RECALCULATION)


# --- Payment receipt (54-FZ requisites) ---

@dataclass(frozen=True)
class ReceiptDocument(_JsonDocument):
    """A cash-register receipt for one payment or refund, as printed."""

    kind: ClassVar[str] = "receipt"

    seller_name: str
    seller_inn: str
    seller_address: str
    settlement_place: str          # the branch address where the money was taken
    receipt_number: int            # within the shift
    shift_number: int
    issued_at: datetime
    cashier_name: str
    cashier_role: str
    operation: str                 # OPERATION_INCOME or OPERATION_INCOME_REFUND
    item_name: str                 # see payment_item_name()
    amount_kopecks: int
    payment_method: str            # PAY_CASH or PAY_CARD
    taxation_system: str = "ОСН"
    settlement_method: str = "ПОЛНЫЙ РАСЧЕТ"  # tag 1214; configurable (4 vs 7 is open)
    vat_rate_percent: int = 22
    cash_tendered_kopecks: int | None = None
    card_last4: str | None = None
    card_rrn: str | None = None
    card_auth_code: str | None = None
    kkt_reg_number: str = ""
    fn_number: str = ""
    fd_number: str = ""
    fpd: str = ""
    fns_site: str = "www.nalog.gov.ru"
    emulated: bool = True          # the built-in register is an emulator: not a fiscal document
    is_copy: bool = False
    taken_offline: bool = False    # taken while the shared database was out of reach (journalled)

    def __post_init__(self) -> None:
        if self.operation not in (OPERATION_INCOME, OPERATION_INCOME_REFUND):
            raise DocumentError(f"неизвестный признак расчёта: {self.operation!r}")
        if self.amount_kopecks <= 0:
            raise DocumentError("сумма чека должна быть больше нуля")
        if self.payment_method == PAY_CASH:
            if self.card_last4 or self.card_rrn or self.card_auth_code:
                raise DocumentError("у оплаты наличными не бывает данных карты")
            tendered = self.cash_tendered_kopecks
            if tendered is not None and tendered < self.amount_kopecks:
                raise DocumentError("получено меньше суммы чека")
        elif self.payment_method == PAY_CARD:
            if self.cash_tendered_kopecks is not None:
                raise DocumentError("у оплаты картой нет полученных наличных")
            # Only the last four digits may ever be kept or printed (PCI DSS).
            if not (self.card_last4 and len(self.card_last4) == 4 and self.card_last4.isdigit()):
                raise DocumentError("нужны ровно 4 последние цифры карты")
        else:
            raise DocumentError(f"неизвестный способ оплаты: {self.payment_method!r}")

    @property
    def vat_kopecks(self) -> int:
        return vat_included(self.amount_kopecks, self.vat_rate_percent)

    @property
    def change_kopecks(self) -> int:
        if self.cash_tendered_kopecks is None:
            return 0
        return self.cash_tendered_kopecks - self.amount_kopecks


# --- Shift report (X or Z) ---

@dataclass(frozen=True)
class CashOperationDoc:
    """Cash put into (in) or taken out of (out) the drawer during the shift."""

    direction: str                 # "in" (внесение) or "out" (изъятие)
    amount_kopecks: int
    at: datetime
    comment: str = ""

    def __post_init__(self) -> None:
        if self.direction not in ("in", "out") or self.amount_kopecks <= 0:
            raise DocumentError(f"неверная операция с наличными: {self.direction} {self.amount_kopecks}")


class ShiftTotals:
    """The drawer arithmetic of a shift report, shared by the stored report and the printed one.

    Needs the fields opening_float_kopecks, cash_operations (each with direction and
    amount_kopecks), cash/card payments and refunds in kopecks, and counted_cash_kopecks.
    """

    # Provided by the dataclasses that mix this in.
    opening_float_kopecks: int
    cash_operations: tuple[Any, ...]
    cash_payments_kopecks: int
    cash_refunds_kopecks: int
    card_payments_kopecks: int
    card_refunds_kopecks: int
    counted_cash_kopecks: int | None

    @property
    def cash_in_kopecks(self) -> int:
        return sum(op.amount_kopecks for op in self.cash_operations if op.direction == "in")

    @property
    def cash_out_kopecks(self) -> int:
        return sum(op.amount_kopecks for op in self.cash_operations if op.direction == "out")

    @property
    def expected_cash_kopecks(self) -> int:
        return (self.opening_float_kopecks + self.cash_in_kopecks - self.cash_out_kopecks
                + self.cash_payments_kopecks - self.cash_refunds_kopecks)

    @property
    def expected_card_kopecks(self) -> int:
        return self.card_payments_kopecks - self.card_refunds_kopecks

    @property
    def difference_kopecks(self) -> int | None:
        """Counted minus expected: negative is a shortage."""
        if self.counted_cash_kopecks is None:
            return None
        return self.counted_cash_kopecks - self.expected_cash_kopecks


@dataclass(frozen=True)
class ShiftReportDocument(ShiftTotals, _JsonDocument):
    """An X (interim) or Z (closing) report of one cash shift."""

    kind: ClassVar[str] = "shift_report"

    report_type: str               # "X" or "Z"
    shift_number: int
    seller_name: str
    seller_inn: str
    settlement_place: str
    operator_name: str
    opened_at: datetime
    printed_at: datetime
    closed_at: datetime | None     # set on a Z report
    opening_float_kopecks: int
    cash_operations: tuple[CashOperationDoc, ...]
    cash_payments_count: int
    cash_payments_kopecks: int
    card_payments_count: int
    card_payments_kopecks: int
    cash_refunds_count: int
    cash_refunds_kopecks: int
    card_refunds_count: int
    card_refunds_kopecks: int
    counted_cash_kopecks: int | None = None  # what the operator counted in the drawer
    comment: str = ""              # explains a difference
    kkt_reg_number: str = ""
    fn_number: str = ""
    emulated: bool = True
    shift_id: int = 0              # the shift's row, for a reprint of its Z-report
    receipts_issued: int = 0       # receipts printed in the shift (54-FZ report requisite)
    taken_offline: bool = False    # printed from the desk's journal while the shared database was away

    def __post_init__(self) -> None:
        if self.report_type not in ("X", "Z"):
            raise DocumentError(f"отчёт бывает X или Z, получено {self.report_type!r}")
        if self.report_type == "Z" and self.closed_at is None:
            raise DocumentError("в Z-отчёте нужно время закрытия смены")
        object.__setattr__(self, "cash_operations", tuple(self.cash_operations))

