"""The desk while the shared database is out of reach: search, card, payments and readings from the
local copy plus the journal. Qt-free; the views call it exactly where they would call the services.

Balances shown include the journal's payments not yet in the copy; the last readings shown include
the journal's readings, so a second reading the same day is checked against the first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.accounts import normalize_account
from desktop.core.consumption import ReadingError, capacity, parse_reading_text
from desktop.core.money import format_rub
from desktop.core.text import fold
from desktop.services.context import Actor
from desktop.services.errors import InputError, NotFound
from desktop.services.offline_copy import freshness
from desktop.services.offline_journal import CONFLICT, DONE, PENDING, Journal, Operation
from desktop.services.payments import DEFAULT_MAX_PAYMENT_KOPECKS, METHODS, _card_fields, contains_card_number

if TYPE_CHECKING:
    from desktop.services.shifts import ShiftInfo

# What cannot be done without the shared database, and why (shown on the disabled controls).
UNAVAILABLE_OFFLINE = {
    "billing": "Расчёт счетов невозможен без связи с базой данных",
    "password_reset": "Сброс пароля личного кабинета невозможен без связи с базой данных",
    "registration": "Регистрация в личном кабинете невозможна без связи с базой данных",
    "cash_operations": "Внесение и изъятие наличных невозможны без связи с базой данных",
    "reversal": "Возврат платежа невозможен без связи: платёж и пароль старшего проверяет общая база",
    "bill_print": "Печать счёта невозможна без связи: в локальной копии нет строк счетов, только сумма последнего",
    "reports": "Отчёты и загрузка реестров банка строятся по общей базе и без связи недоступны",
    "requests": "Журнал обращений ведётся в общей базе и без связи недоступен",
    "meter": "Тарифы и замена счётчика меняются только в общей базе данных",
    "unlock": "Разблокировка личного кабинета невозможна без связи с базой данных",
}


@dataclass(frozen=True)
class OfflineMeter:
    meter_id: int
    serial: str
    zones: int
    digits: int
    last_readings: dict[str, int]
    last_reading_date: date | None


@dataclass(frozen=True)
class OfflineCard:
    """The card as the copy and the journal know it; ``copy_taken_at`` says how old it is."""

    account: str
    name: str
    address: str
    branch: str
    balance_kopecks: int  # the copy's balance plus the journal's payments not yet in the copy
    pending_payments_kopecks: int
    closed_on: date | None
    meters: list[OfflineMeter]
    last_bill: tuple[str, int] | None
    copy_taken_at: datetime


@dataclass(frozen=True)
class OfflineMatch:
    account: str
    name: str
    address: str
    balance_kopecks: int


class OfflineDesk:
    """One desk's offline work for one signed-in operator.

    ``online_shift`` is the operator's shift as the desk knew it when the link dropped (None: no
    shift open) when ``shift_known``; a desk that does not know it journals payments without a
    shift, to be posted into whatever shift the shared database has open at replay.
    """

    def __init__(self, copy_path: Path, journal: Journal, actor: Actor, desk: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), *,
                 online_shift: ShiftInfo | None = None, shift_known: bool = False,
                 zone: Callable[[], tzinfo] = lambda: UTC) -> None:
        self.copy_path = Path(copy_path)
        self.journal = journal
        self.actor = actor
        self.desk = desk
        self.clock = clock
        self.online_shift = online_shift
        self.shift_known = shift_known or online_shift is not None
        self.zone = zone  # the company's zone, for printed times (read while online, kept by the context)

    # --- reading the copy ---------------------------------------------------------------------

    def _read(self) -> sqlite3.Connection:
        if not self.copy_path.exists():
            raise NotFound("Нет локальной копии данных филиала: автономная работа невозможна")
        conn = sqlite3.connect(f"file:{self.copy_path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        return conn

    def copy_taken_at(self) -> datetime | None:
        return freshness(self.copy_path)

    def _unsent(self, account: str | None = None) -> list[Operation]:
        """Journal operations the copy does not yet contain: pending, in conflict, or done after it was taken."""
        taken = self.copy_taken_at()
        out = []
        for op in self.journal.operations(account=account):
            if op.state == PENDING or op.state == CONFLICT or (
                    op.state == DONE and taken is not None and op.settled_at is not None and op.settled_at > taken):
                out.append(op)
        return out

    def _pending_kopecks(self, account: str) -> int:
        # A payment in conflict was still taken from the customer: it counts until a senior settles it.
        return sum(op.amount_kopecks for op in self._unsent(account) if op.kind == "payment")

    def search(self, text: str, limit: int = 50) -> list[OfflineMatch]:
        """An account number (whole or its digits), a phone, a surname prefix or a street prefix."""
        raw = (text or "").strip()
        if not raw:
            raise InputError("Введите номер лицевого счёта, телефон, фамилию или улицу", field="search")
        digits = "".join(ch for ch in raw if ch.isdigit())
        with closing(self._read()) as conn:
            if digits and len(digits) == len(raw.replace(" ", "").replace("-", "")):
                number = normalize_account(raw)
                if number is not None:
                    rows = conn.execute("SELECT * FROM accounts WHERE number = ?", (number,)).fetchall()
                elif len(digits) == 11:
                    rows = conn.execute("SELECT * FROM accounts WHERE phone = ? LIMIT ?", (digits, limit)).fetchall()
                else:
                    rows = conn.execute("SELECT * FROM accounts WHERE number LIKE ? ORDER BY number LIMIT ?",
                                        (f"%{digits}%", limit)).fetchall()
            else:
                key = fold(raw)
                rows = conn.execute(
                    "SELECT * FROM accounts WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?",
                    (key, key + "\uffff", limit)).fetchall()
                if not rows:
                    rows = conn.execute(
                        "SELECT * FROM accounts WHERE street_key >= ? AND street_key < ? "
                        "ORDER BY street_key, house, flat LIMIT ?", (key, key + "\uffff", limit)).fetchall()
        return [OfflineMatch(r["number"], r["name"], r["address"],
                             r["balance_kopecks"] + self._pending_kopecks(r["number"])) for r in rows]

    def card(self, account_number: str) -> OfflineCard:
        number = normalize_account(account_number or "")
        if number is None:
            raise InputError("Номер лицевого счёта — 12 цифр", field="account")
        with closing(self._read()) as conn:
            a = conn.execute("SELECT * FROM accounts WHERE number = ?", (number,)).fetchone()
            if a is None:
                raise NotFound(f"Лицевого счёта {number} нет в локальной копии филиала")
            meters = conn.execute("SELECT * FROM meters WHERE account_number = ? ORDER BY meter_id",
                                  (number,)).fetchall()
            readings = {}
            for m in meters:
                readings[m["meter_id"]] = conn.execute(
                    "SELECT zone, value, taken_on FROM last_readings WHERE meter_id = ?", (m["meter_id"],)).fetchall()
            bill = conn.execute("SELECT period, amount_due_kopecks FROM last_bills WHERE account_number = ?",
                                (number,)).fetchone()
            taken = conn.execute("SELECT value FROM meta WHERE key = 'refreshed_at'").fetchone()[0]
        unsent = self._unsent(number)
        out_meters = []
        for m in meters:
            values = {r["zone"]: r["value"] for r in readings[m["meter_id"]]}
            dates = [date.fromisoformat(r["taken_on"]) for r in readings[m["meter_id"]]]
            for op in unsent:  # journal readings lie on top of the copy, in journal order
                if op.kind == "reading" and op.payload.get("meter_id") == m["meter_id"]:
                    values.update({z: int(v) for z, v in op.payload["values"].items()})
                    dates.append(date.fromisoformat(op.payload["taken_on"]))
            out_meters.append(OfflineMeter(m["meter_id"], m["serial"], m["zones"], m["digits"],
                                           dict(sorted(values.items())), max(dates) if dates else None))
        pending = sum(op.amount_kopecks for op in unsent if op.kind == "payment")
        return OfflineCard(number, a["name"], a["address"], a["branch"], a["balance_kopecks"] + pending, pending,
                           date.fromisoformat(a["closed_on"]) if a["closed_on"] else None, out_meters,
                           (bill["period"], bill["amount_due_kopecks"]) if bill else None,
                           datetime.fromisoformat(taken))

    # --- taking operations ------------------------------------------------------------------

    def _open_card(self, account_number: str) -> OfflineCard:
        card = self.card(account_number)
        if card.closed_on is not None:
            raise InputError(f"Лицевой счёт {card.account} закрыт", field="account")
        return card

    def take_payment(self, account_number: str, amount_kopecks: int, method: str, *,
                     tendered_kopecks: int | None = None, card_last4: str | None = None,
                     card_rrn: str | None = None, card_auth_code: str | None = None,
                     key: str | None = None) -> Operation:
        """Journal a cash or card payment after the same input checks as post_payment."""
        if method not in METHODS:
            raise InputError("Способ оплаты: наличные или карта", field="method")
        if isinstance(amount_kopecks, bool) or not isinstance(amount_kopecks, int) or amount_kopecks <= 0:
            raise InputError("Сумма должна быть больше нуля", field="amount")
        if amount_kopecks > DEFAULT_MAX_PAYMENT_KOPECKS:
            raise InputError(f"Сумма больше допустимой ({format_rub(DEFAULT_MAX_PAYMENT_KOPECKS)})", field="amount")
        payload: dict[str, Any] = {"method": method}
        if method == "card":
            last4, rrn, auth = _card_fields(card_last4, card_rrn, card_auth_code)
            if tendered_kopecks is not None:
                raise InputError("При оплате картой наличные не принимаются", field="tendered")
            payload.update(card_last4=last4, card_rrn=rrn, card_auth_code=auth)
        else:
            if any(contains_card_number(v) for v in (card_last4, card_rrn, card_auth_code)):
                raise InputError("Полный номер карты вводить нельзя", field="card_last4")
            tendered = amount_kopecks if tendered_kopecks is None else tendered_kopecks
            if isinstance(tendered, bool) or not isinstance(tendered, int) or tendered < amount_kopecks:
                raise InputError(f"Получено меньше суммы оплаты ({format_rub(amount_kopecks)})", field="tendered")
            payload["tendered_kopecks"] = tendered
        if self.actor.operator_id is None:
            raise InputError("Оплату принимает оператор, вошедший в программу", field="shift")
        from desktop.services.offline_shifts import payment_shift

        shift = payment_shift(self)
        if shift is not None:
            payload["shift"] = shift or None  # the offline opening's key; None: the shift opened online
        card = self._open_card(account_number)
        return self.journal.append("payment", card.account, payload, self.actor, self.desk, self.clock(),
                                   amount_kopecks=amount_kopecks, key=key)

    def take_reading(self, account_number: str, values_by_zone: Mapping[str, str | int], *,
                     taken_on: date, confirm_rollover_zones: frozenset[str] = frozenset(),
                     reason: str | None = None) -> Operation:
        """Journal a reading of every zone of the active meter, checked against the last one known here.

        The last values known here become the reading's expected previous: if another desk saved a
        reading on this meter meanwhile, the replay stops it as a conflict for a senior.
        """
        card = self._open_card(account_number)
        if not card.meters:
            raise NotFound(f"У лицевого счёта {card.account} нет установленного счётчика")
        meter = card.meters[-1]
        zones = sorted(meter.last_readings) or ["T1", "T2", "T3"][:meter.zones]
        unknown = set(values_by_zone) - set(zones)
        if unknown:
            raise InputError(f"У счётчика нет зоны {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
        values: dict[str, int] = {}
        rollover = set()
        for zone in zones:
            raw = values_by_zone.get(zone)
            try:
                value = parse_reading_text(raw, meter.digits) if isinstance(raw, str) else raw
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < capacity(meter.digits):
                    raise ReadingError(f"показание не помещается на {meter.digits}-разрядный счётчик")
            except ReadingError as exc:
                raise InputError(f"{zone}: {exc}", field=zone) from None
            before = meter.last_readings.get(zone)
            if before is not None and value < before:
                if zone not in confirm_rollover_zones:
                    raise InputError(f"{zone}: показание меньше предыдущего ({before}); подтвердите переход "
                                     "через ноль", field=zone)
                rollover.add(zone)
            values[zone] = value
        if meter.last_reading_date is not None and taken_on < meter.last_reading_date:
            raise InputError("Дата показаний раньше последних известных показаний", field="taken_on")
        payload = {"meter_id": meter.meter_id, "values": values, "taken_on": taken_on.isoformat(),
                   "rollover_zones": sorted(rollover), "reason": reason,
                   "expected_previous": dict(meter.last_readings) or None}
        return self.journal.append("reading", card.account, payload, self.actor, self.desk, self.clock())

    def pending_count(self) -> int:
        return self.journal.pending_count()

    def conflicts(self) -> list[Operation]:
        return self.journal.operations(CONFLICT)
