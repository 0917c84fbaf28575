"""Meter readings: the entry form, saving with the checks, history, monthly chart, meter replacement.

Consumption between two readings of one meter is (current − previous) mod 10**digits:
a stored reading below the one before it was accepted as a rollover. Readings of source
'estimate' are shown but never used as a base. A meter replacement leaves a 'closing'
reading on the old meter and an 'initial' one on the new; consumption runs on across
them (the old meter up to its closing reading, the new one from its opening reading).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.accounts import normalize_account
from desktop.core.billing import AVERAGE_MONTHS, MIN_AVERAGE_MONTHS, rates_for_period
from desktop.core.consumption import ReadingError, capacity, parse_reading_text, usual_consumption
from desktop.core.periods import Period, period_for_reading
from desktop.core.reading_preview import (
    PreviousReading,
    ReadingForm,
    ReadingPreview,
    clean_reason,
    preview,
)
from desktop.core.tariffs import (
    ZONES_BY_SCHEME,
    TariffError,
    TariffRate,
    allocate_largest_remainder,
    cost_of_consumption,
)
from desktop.db.models import Account, Customer, Meter, Operator, Reading
from desktop.services import audit
from desktop.services.company_settings import CompanySettings, load_settings
from desktop.services.context import ServiceContext
from desktop.services.errors import Conflict, InputError, NotFound
from desktop.services.tariffs import load_rates

__all__ = [
    "HistoryRow",
    "MonthPoint",
    "PreviousReading",
    "ReadingForm",
    "ReadingPreview",
    "ReplacedMeter",
    "SavedReading",
    "history",
    "monthly_consumption",
    "preview",
    "reading_form",
    "replace_meter",
    "save_readings",
]

SOURCE_NAMES = {
    "operator": "оператор",
    "online": "личный кабинет",
    "estimate": "расчётное",
    "initial": "установка счётчика",
    "closing": "снятие счётчика",
}
# How far back the loaders read: the usual level needs 12 months before the period.
_MARGIN_MONTHS = 14


# --- loading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Event:
    """The readings of one meter taken together (one row per zone), with consumption since the last."""

    meter_id: int
    taken_on: date
    period: Period
    source: str
    values: dict[str, int]
    reading_ids: tuple[int, ...]
    operator_id: int | None
    rollover_zones: frozenset[str]
    warning: str | None
    reason: str | None
    entered_at: datetime | None
    consumption: dict[str, int] | None = None  # None: first of its meter, an opening or an estimate
    months: int = 1  # billing periods the consumption covers


def _account(s: Session, number: str) -> Account:
    normalized = normalize_account(number)
    if normalized is None:
        raise NotFound("Номер лицевого счёта — 12 цифр")
    account = s.scalar(select(Account).where(Account.number == normalized))
    if account is None:
        raise NotFound(f"Лицевой счёт {normalized} не найден")
    return account


def _active_meter(s: Session, account: Account) -> Meter:
    meter = s.scalar(select(Meter).where(Meter.account_id == account.id, Meter.removed_on.is_(None))
                     .order_by(Meter.installed_on.desc(), Meter.id.desc()).limit(1))
    if meter is None:
        raise NotFound(f"У лицевого счёта {account.number} нет установленного счётчика")
    return meter


def _lock_meter(s: Session, meter_id: int) -> Meter:
    """Hold the meter row until commit so two desks cannot both write on top of one reading.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite has no row locks: a no-op UPDATE takes the
    database write lock before the previous readings are read, so a second desk waits.
    """
    if s.get_bind().dialect.name == "sqlite":
        s.execute(update(Meter).where(Meter.id == meter_id).values(serial=Meter.serial))
        meter = s.get(Meter, meter_id, populate_existing=True)
    else:
        meter = s.scalar(select(Meter).where(Meter.id == meter_id).with_for_update()
                         .execution_options(populate_existing=True))
    if meter is None:  # pragma: no cover - deleted under us; meters are never deleted
        raise Conflict("Счётчик изменён другим оператором. Обновите карточку и повторите.")
    return meter


def _events(s: Session, meters: Sequence[Meter], since: date | None) -> list[_Event]:
    """Events of the meters (oldest first), each with its consumption since the meter's previous one."""
    by_id = {m.id: m for m in meters}
    if not by_id:
        return []
    query = select(Reading).where(Reading.meter_id.in_(by_id)).order_by(Reading.taken_on, Reading.id)
    if since is not None:
        query = query.where(Reading.taken_on >= since)
    events: list[_Event] = []
    current: dict[int, dict] = {}

    def flush(meter_id: int) -> None:
        raw = current.pop(meter_id, None)
        if raw is not None:
            events.append(_Event(**raw))

    for r in s.scalars(query):
        raw = current.get(r.meter_id)
        if (raw is None or raw["taken_on"] != r.taken_on or raw["source"] != r.source
                or raw["period"].key != r.period or r.zone in raw["values"]):
            flush(r.meter_id)
            raw = current[r.meter_id] = dict(
                meter_id=r.meter_id, taken_on=r.taken_on, period=Period.parse(r.period), source=r.source,
                values={}, reading_ids=(), operator_id=r.operator_id, rollover_zones=frozenset(),
                warning=r.warning, reason=r.confirmation_reason, entered_at=r.entered_at)
        raw["values"][r.zone] = r.value
        raw["reading_ids"] += (r.id,)
        if r.rollover:
            raw["rollover_zones"] = raw["rollover_zones"] | {r.zone}
    for meter_id in list(current):
        flush(meter_id)
    events.sort(key=lambda e: (e.taken_on, e.reading_ids[0]))
    # Consumption per meter chain.
    last: dict[int, _Event] = {}
    out = []
    for e in events:
        meter = by_id[e.meter_id]
        before = last.get(e.meter_id)
        if e.source == "estimate":
            out.append(e)
            continue
        if e.source != "initial" and before is not None:
            cap = capacity(meter.digits)
            used = {z: (v - before.values[z]) % cap for z, v in e.values.items() if z in before.values}
            months = max(1, before.period.months_until(e.period))
            e = replace(e, consumption=used, months=months)
        last[e.meter_id] = e
        out.append(e)
    return out


def _monthly(events: Sequence[_Event]) -> dict[Period, dict[int, dict[str, int]]]:
    """kWh by period, by meter, by zone; an interval over several periods is shared equally."""
    months: dict[Period, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for e in events:
        if not e.consumption:
            continue
        periods = [e.period.shift(-i) for i in range(e.months - 1, -1, -1)]
        for zone, kwh in e.consumption.items():
            for p, share in zip(periods, allocate_largest_remainder(kwh, [1] * len(periods))):
                zones = months[p][e.meter_id]
                zones[zone] = zones.get(zone, 0) + share
    return months


def _metered_periods(events: Sequence[_Event]) -> set[Period]:
    return {e.period for e in events if e.consumption is not None}


def _meters(s: Session, account: Account) -> list[Meter]:
    return list(s.scalars(select(Meter).where(Meter.account_id == account.id).order_by(Meter.id)))


# --- the form ------------------------------------------------------------------------------------


def _previous(s: Session, meter: Meter) -> dict[str, PreviousReading]:
    zones = ZONES_BY_SCHEME[meter.zones]
    found: dict[str, PreviousReading] = {}
    rows = s.scalars(select(Reading).where(Reading.meter_id == meter.id, Reading.source != "estimate")
                     .order_by(Reading.taken_on.desc(), Reading.id.desc()).limit(len(zones) * 4))
    for r in rows:
        if r.zone in zones and r.zone not in found:
            found[r.zone] = PreviousReading(r.value, r.taken_on, r.period, r.id)
        if len(found) == len(zones):
            break
    start = Period.of(meter.installed_on).key
    return {z: found.get(z, PreviousReading(0, meter.installed_on, start, None)) for z in zones}


def _usual(events: Sequence[_Event], target: Period) -> tuple[Decimal | None, int | None]:
    monthly = _monthly(events)
    return usual_consumption(
        ((p, sum(sum(z.values()) for z in per_meter.values())) for p, per_meter in monthly.items()), target)


def _build_form(s: Session, account: Account, meter: Meter, settings: CompanySettings, today: date,
                rates: Sequence[TariffRate] | None = None) -> ReadingForm:
    target = period_for_reading(today, settings.readings_window_last_day)
    since = target.shift(-_MARGIN_MONTHS).first_day
    usual_avg, usual_same = _usual(_events(s, _meters(s, account), since), target)
    if rates is None:
        rates = load_rates(s, account.consumer_group, meter.zones)
    customer = s.get(Customer, account.customer_id)
    return ReadingForm(
        account_number=account.number, meter_id=meter.id, serial=meter.serial, zones=meter.zones,
        digits=meter.digits, previous=_previous(s, meter), consumer_group=account.consumer_group,
        rates=tuple(rates), today=today, usual_avg=usual_avg, usual_same_month=usual_same,
        usual_period=target.key, range_threshold_kwh=account.range_threshold_kwh,
        check=settings.reading_check, window_last_day=settings.readings_window_last_day,
        installed_on=meter.installed_on, next_verification_on=meter.next_verification_on,
        customer_name=customer.full_name if customer else "", address=account.address,
    )


def reading_form(ctx: ServiceContext, account_number: str) -> ReadingForm:
    """Everything the entry page needs, in one call; then :func:`preview` runs without the database."""
    ctx.require("operator")
    with ctx.read() as s:
        account = _account(s, account_number)
        settings = load_settings(s)
        return _build_form(s, account, _active_meter(s, account), settings, settings.today(ctx.clock()))


# --- saving --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedReading:
    account_number: str
    meter_id: int
    taken_on: date
    period: str  # 'YYYY-MM' the reading counts for
    late: bool
    period_message: str | None  # tell the operator when it counts for the next period
    values: dict[str, int]
    consumption: dict[str, int]
    rollover_zones: frozenset[str]
    warning: str | None
    reason: str | None
    cost_kopecks: int | None
    reading_ids: tuple[int, ...]
    already_saved: bool = False  # the same idempotency key was saved before (a replay)


def _values(form: ReadingForm, values_by_zone: Mapping[str, str | int | None]) -> dict[str, str | int | None]:
    unknown = set(values_by_zone) - set(form.previous)
    if unknown:
        raise InputError(f"У счётчика нет зоны {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    return {zone: values_by_zone.get(zone) for zone in form.previous}


def _refuse(pv: ReadingPreview) -> None:
    """InputError for the first thing that stops a save; field is the zone, 'taken_on' or 'reason'."""
    for f in pv.errors:
        raise InputError(f.message, field=f.zone or ("taken_on" if "date" in f.code else None))
    for f in pv.findings:
        if f.kind == "rollover" and f.zone in pv.unconfirmed_rollover_zones:
            raise InputError(f.message, field=f.zone)
    if pv.blocking:
        raise InputError(pv.blocking[0], field="reason")


def _check_expected(form: ReadingForm, expected: Mapping[str, int | PreviousReading] | None) -> None:
    if expected is None:
        return
    for zone, prev in form.previous.items():
        want = expected.get(zone)
        same = (want.value == prev.value and want.reading_id == prev.reading_id
                if isinstance(want, PreviousReading) else want == prev.value)
        if not same:
            raise Conflict("Пока вы вводили показания, другой оператор сохранил новые. "
                           "Обновите страницу и проверьте показания.", field=zone)


def _int_values(values: Mapping[str, str | int | None], form: ReadingForm) -> dict[str, int]:
    return {z: (parse_reading_text(v, form.digits) if isinstance(v, str)
                else int(v))  # type: ignore[arg-type]
            for z, v in values.items()}


def save_readings(
    ctx: ServiceContext,
    account_number: str,
    values_by_zone: Mapping[str, str | int | None],
    *,
    taken_on: date | None = None,
    confirm_rollover_zones: Collection[str] = frozenset(),
    confirmation_reason: str | None = None,
    expected_previous: Mapping[str, int | PreviousReading] | None = None,
    idempotency_key: str | None = None,
) -> SavedReading:
    """Store a reading of every zone after the same checks as the page, in one transaction.

    Refuses (InputError, ``field`` = zone, 'taken_on' or 'reason'): an unreadable or
    impossible value, a lower value that is not a plausible rollover, a rollover not in
    ``confirm_rollover_zones``, more than the absolute monthly maximum, a warning (far
    above/below usual, zero) without a reason of 3+ characters. ``expected_previous`` is
    ``form.previous`` (or plain values): if another desk saved meanwhile -> Conflict.
    ``idempotency_key`` (an offline desk's replay): the same key again returns the reading
    already stored, marked ``already_saved``; UNIQUE (key, zone) decides between two replays.
    """
    ctx.require("operator")
    if idempotency_key is not None:
        try:
            return _save_readings(ctx, account_number, values_by_zone, taken_on, confirm_rollover_zones,
                                  confirmation_reason, expected_previous, idempotency_key)
        except IntegrityError:
            saved = _saved_with_key(ctx, idempotency_key)
            if saved is None:
                raise
            return saved
    return _save_readings(ctx, account_number, values_by_zone, taken_on, confirm_rollover_zones,
                          confirmation_reason, expected_previous, None)


def _saved_with_key(ctx: ServiceContext, key: str, s: Session | None = None) -> SavedReading | None:
    """The reading stored earlier under ``key`` (values by zone), or None."""
    if s is None:
        with ctx.read() as session:
            return _saved_with_key(ctx, key, session)
    rows = list(s.scalars(select(Reading).where(Reading.idempotency_key == key).order_by(Reading.id)))
    if not rows:
        return None
    meter = s.get(Meter, rows[0].meter_id)
    account = s.get(Account, meter.account_id) if meter else None
    r0 = rows[0]
    return SavedReading(account.number if account else "", r0.meter_id, r0.taken_on, r0.period, False, None,
                        {r.zone: r.value for r in rows}, {}, frozenset(r.zone for r in rows if r.rollover),
                        r0.warning, r0.confirmation_reason, None, tuple(r.id for r in rows), True)


def _save_readings(
    ctx: ServiceContext,
    account_number: str,
    values_by_zone: Mapping[str, str | int | None],
    taken_on: date | None,
    confirm_rollover_zones: Collection[str],
    confirmation_reason: str | None,
    expected_previous: Mapping[str, int | PreviousReading] | None,
    idempotency_key: str | None,
) -> SavedReading:
    with ctx.transaction() as s:
        account = _account(s, account_number)
        if account.closed_on is not None:
            raise InputError(f"Лицевой счёт {account.number} закрыт")
        settings = load_settings(s)
        today = settings.today(ctx.clock())
        meter = _lock_meter(s, _active_meter(s, account).id)
        if idempotency_key is not None:
            # Checked under the meter lock, before the expected previous: a replay of a reading
            # that did commit must find itself, not a "conflict" with its own rows.
            saved = _saved_with_key(ctx, idempotency_key, s)
            if saved is not None:
                return saved
        form = _build_form(s, account, meter, settings, today)
        _check_expected(form, expected_previous)
        values = _values(form, values_by_zone)
        day = taken_on or today
        reason = clean_reason(confirmation_reason)
        pv = preview(form, values, day, confirm_rollover_zones=confirm_rollover_zones, reason=reason)
        _refuse(pv)
        ints = _int_values(values, form)
        warning = pv.warning_text
        rows = []
        for zone, value in ints.items():
            row = Reading(meter_id=meter.id, zone=zone, value=value, taken_on=day, period=pv.period.key,
                          source="operator", operator_id=ctx.actor.operator_id, entered_at=ctx.clock(),
                          rollover=zone in pv.rollover_zones, warning=warning, confirmation_reason=reason,
                          idempotency_key=idempotency_key)
            s.add(row)
            rows.append(row)
        s.flush()
        consumption = {z: int(v) for z, v in pv.consumption.items() if v is not None}
        audit.record(
            s, ctx, "readings.save", account_number=account.number, entity="meter", entity_id=meter.id,
            serial=meter.serial, taken_on=day.isoformat(), period=pv.period.key, values=ints,
            previous=form.previous_values, consumption=consumption,
            rollover_zones=sorted(pv.rollover_zones), warning=warning, reason=reason,
            cost_kopecks=pv.cost_kopecks, **({"idempotency_key": idempotency_key} if idempotency_key else {}),
        )
        return SavedReading(account.number, meter.id, day, pv.period.key, pv.late, pv.period_message, ints,
                            consumption, pv.rollover_zones, warning, reason, pv.cost_kopecks,
                            tuple(r.id for r in rows))


# --- history and chart ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    taken_on: date
    period: str
    meter_id: int
    meter_serial: str
    values: dict[str, int]
    consumption: dict[str, int] | None  # None: opening reading of a meter, an estimate, or no base
    total_kwh: int | None
    source: str  # operator | online | estimate | initial | closing
    source_name: str
    operator_login: str | None
    operator_name: str | None
    rollover_zones: frozenset[str]
    warning: str | None
    reason: str | None
    entered_at: datetime | None

    @property
    def rollover(self) -> bool:
        return bool(self.rollover_zones)


def _operators(s: Session, ids: Collection[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    rows = s.execute(select(Operator.id, Operator.login, Operator.full_name).where(Operator.id.in_(ids)))
    return {i: (login, name) for i, login, name in rows}


def history(ctx: ServiceContext, account_number: str, months: int = 24) -> list[HistoryRow]:
    """Readings of every meter of the account over the last ``months`` months, newest first."""
    ctx.require("operator")
    with ctx.read() as s:
        account = _account(s, account_number)
        today = load_settings(s).today(ctx.clock())
        cutoff = Period.of(today).shift(-months).first_day
        meters = _meters(s, account)
        events = [e for e in _events(s, meters, Period.of(cutoff).shift(-_MARGIN_MONTHS).first_day)
                  if e.taken_on >= cutoff]
        names = _operators(s, {e.operator_id for e in events if e.operator_id is not None})
    serials = {m.id: m.serial for m in meters}
    rows = []
    for e in reversed(events):
        who = names.get(e.operator_id) if e.operator_id is not None else None
        rows.append(HistoryRow(
            e.taken_on, e.period.key, e.meter_id, serials[e.meter_id], dict(e.values),
            dict(e.consumption) if e.consumption is not None else None,
            sum(e.consumption.values()) if e.consumption is not None else None,
            e.source, SOURCE_NAMES.get(e.source, e.source), who[0] if who else None, who[1] if who else None,
            e.rollover_zones, e.warning, e.reason, e.entered_at))
    return rows


@dataclass(frozen=True)
class MonthPoint:
    """One month of the chart; ``basis``: meter | share (a gap filled from the next reading) |
    average (no reading yet) | none (no data)."""

    period: str
    kwh: dict[str, int]
    total: int
    cost_kopecks: int | None
    estimated: bool
    basis: str
    zones: int | None = None  # zone scheme used for pricing (the latest meter's in the month)
    by_meter: dict[int, dict[str, int]] = field(default_factory=dict)


def _price_month(rates: Sequence[TariffRate], group: str, zones_of: Mapping[int, int], period: Period,
                 per_meter: Mapping[int, Mapping[str, int]], threshold: int) -> int | None:
    """Cost of one month: meters of one zone scheme priced together (ranges on the month's total)."""
    by_scheme: dict[int, dict[str, int]] = defaultdict(dict)
    for meter_id, kwh in per_meter.items():
        scheme = zones_of[meter_id]
        for zone, v in kwh.items():
            by_scheme[scheme][zone] = by_scheme[scheme].get(zone, 0) + v
    total = 0
    try:
        for scheme, kwh in by_scheme.items():
            full = {z: kwh.get(z, 0) for z in ZONES_BY_SCHEME[scheme]}
            priced = rates_for_period(rates, group, scheme, period)
            total += cost_of_consumption(full, priced, threshold).total_kopecks
    except TariffError:
        return None
    return total


def monthly_consumption(ctx: ServiceContext, account_number: str, months: int = 24) -> list[MonthPoint]:
    """The chart: kWh per zone and cost for each of the last ``months`` periods, oldest first.

    The last period is the latest one with a reading, or last month if later. A period
    without a reading of its own is estimated: between two readings it gets an equal
    share of their interval (as the recalculation on the bill does); after the last
    reading, the average of up to 6 metered months before it.
    """
    ctx.require("operator")
    if not 1 <= months <= 120:
        raise InputError("Месяцев на графике: от 1 до 120")
    with ctx.read() as s:
        account = _account(s, account_number)
        today = load_settings(s).today(ctx.clock())
        meters = _meters(s, account)
        first = Period.of(today).shift(-months - 1)
        events = _events(s, meters, first.shift(-AVERAGE_MONTHS - 1).first_day)
        rates = load_rates(s, account.consumer_group)
    zones_of = {m.id: m.zones for m in meters}
    monthly = _monthly(events)
    metered = _metered_periods(events)
    last_reading = max((e.period for e in events), default=None)
    end = max(p for p in (last_reading, Period.of(today).prev()) if p is not None)
    start = end.shift(-(months - 1))
    active = next((m for m in reversed(meters) if m.removed_on is None), meters[-1] if meters else None)
    recent = sorted((p for p in monthly if last_reading is not None and p <= last_reading), reverse=True)
    recent = recent[:AVERAGE_MONTHS]
    average: dict[str, int] | None = None
    if active is not None and len(recent) >= MIN_AVERAGE_MONTHS:
        zones = ZONES_BY_SCHEME[active.zones]
        average = {
            z: int((Decimal(sum(sum(v.get(z, 0) for v in monthly[p].values()) for p in recent))
                    / len(recent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            for z in zones
        }
    points = []
    for i in range(months):
        p = start.shift(i)
        per_meter = {m: dict(z) for m, z in monthly.get(p, {}).items()}
        if per_meter:
            basis = "meter" if p in metered else "share"
        elif average is not None and last_reading is not None and p > last_reading:
            per_meter = {active.id: dict(average)}  # type: ignore[union-attr]
            basis = "average"
        else:
            basis = "none"
        kwh: dict[str, int] = {}
        for z in per_meter.values():
            for zone, v in z.items():
                kwh[zone] = kwh.get(zone, 0) + v
        kwh = dict(sorted(kwh.items()))
        cost = (_price_month(rates, account.consumer_group, zones_of, p, per_meter,
                             account.range_threshold_kwh)
                if per_meter else None)
        scheme = zones_of[max(per_meter)] if per_meter else None
        points.append(MonthPoint(p.key, kwh, sum(kwh.values()), cost, basis != "meter", basis, scheme,
                                 per_meter))
    return points


# --- meter replacement ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplacedMeter:
    account_number: str
    old_meter_id: int
    new_meter_id: int
    replaced_on: date
    period: str
    closing: dict[str, int]
    closing_consumption: dict[str, int]
    opening: dict[str, int]


def _opening_values(values: Mapping[str, str | int], zones: int, digits: int) -> dict[str, int]:
    expected = ZONES_BY_SCHEME[zones]
    if set(values) != set(expected):
        raise InputError(f"Начальные показания нужны для зон {', '.join(expected)}", field="new_opening")
    out = {}
    for zone in expected:
        raw = values[zone]
        try:
            value = parse_reading_text(raw, digits) if isinstance(raw, str) else raw
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < capacity(digits):
                raise ReadingError(f"показание не помещается на {digits}-разрядный счётчик")
        except ReadingError as exc:
            raise InputError(f"Новый счётчик, {zone}: {exc}", field=f"new_{zone}") from None
        out[zone] = value
    return out


def replace_meter(
    ctx: ServiceContext,
    account_number: str,
    *,
    date: date,
    old_closing: Mapping[str, str | int],
    new_serial: str,
    new_zones: int,
    new_digits: int,
    new_opening: Mapping[str, str | int],
    next_verification_on: date | None,
    new_model: str = "",
    confirm_rollover_zones: Collection[str] = frozenset(),
    confirmation_reason: str | None = None,
) -> ReplacedMeter:
    """Replace the account's meter (senior): the old one's closing reading and the new one's opening
    reading on the same date, the old meter marked removed; one transaction, audited 'meter.replace'.

    The closing reading goes through the same checks as any reading.
    """
    ctx.require("senior")
    serial = (new_serial or "").strip()
    if not serial or len(serial) > 32:
        raise InputError("Заводской номер нового счётчика: от 1 до 32 символов", field="new_serial")
    if new_zones not in ZONES_BY_SCHEME:
        raise InputError("Число зон нового счётчика: 1, 2 или 3", field="new_zones")
    if isinstance(new_digits, bool) or not isinstance(new_digits, int) or not 4 <= new_digits <= 8:
        raise InputError("Разрядность нового счётчика: от 4 до 8", field="new_digits")
    if next_verification_on is not None and next_verification_on <= date:
        raise InputError("Дата следующей поверки должна быть позже даты замены", field="next_verification_on")
    opening = _opening_values(new_opening, new_zones, new_digits)
    with ctx.transaction() as s:
        account = _account(s, account_number)
        if account.closed_on is not None:
            raise InputError(f"Лицевой счёт {account.number} закрыт")
        settings = load_settings(s)
        today = settings.today(ctx.clock())
        old = _lock_meter(s, _active_meter(s, account).id)
        if date < old.installed_on:
            raise InputError("Дата замены раньше установки старого счётчика", field="date")
        form = _build_form(s, account, old, settings, today, rates=())
        values = _values(form, old_closing)
        reason = clean_reason(confirmation_reason)
        pv = preview(form, values, date, confirm_rollover_zones=confirm_rollover_zones, reason=reason)
        _refuse(pv)
        closing = _int_values(values, form)
        now = ctx.clock()
        for zone, value in closing.items():
            s.add(Reading(meter_id=old.id, zone=zone, value=value, taken_on=date, period=pv.period.key,
                          source="closing", operator_id=ctx.actor.operator_id, entered_at=now,
                          rollover=zone in pv.rollover_zones, warning=pv.warning_text,
                          confirmation_reason=reason))
        old.removed_on = date
        new = Meter(account_id=account.id, serial=serial, model=(new_model or "").strip()[:64],
                    zones=new_zones,
                    digits=new_digits, installed_on=date, next_verification_on=next_verification_on)
        s.add(new)
        s.flush()
        for zone, value in opening.items():
            s.add(Reading(meter_id=new.id, zone=zone, value=value, taken_on=date, period=pv.period.key,
                          source="initial", operator_id=ctx.actor.operator_id, entered_at=now))
        used = {z: int(v) for z, v in pv.consumption.items() if v is not None}
        audit.record(s, ctx, "meter.replace", account_number=account.number, entity="meter", entity_id=new.id,
                     old_meter_id=old.id, old_serial=old.serial, new_serial=serial, date=date.isoformat(),
                     period=pv.period.key, closing=closing, closing_consumption=used, opening=opening,
                     new_zones=new_zones, new_digits=new_digits, warning=pv.warning_text, reason=reason,
                     rollover_zones=sorted(pv.rollover_zones))
        return ReplacedMeter(account.number, old.id, new.id, date, pv.period.key, closing, used, opening)
