"""The live figures of the readings entry page: per-zone consumption, checks, cost, billing period.

Pure and fast: :func:`preview` runs on every keystroke from a :class:`ReadingForm`
(built once by ``desktop.services.readings.reading_form``) without touching the
database, and the service runs the very same function again inside its transaction
before saving, so what the operator saw is what the server checks.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from desktop.core.consumption import Finding, ReadingCheckSettings, check_reading
from desktop.core.money import to_kopecks
from desktop.core.periods import DEFAULT_WINDOW_LAST_DAY, Period, period_for_reading
from desktop.core.tariffs import (
    RANGE_I_KWH,
    ZONE_NAMES,
    CostBreakdown,
    TariffError,
    TariffRate,
    cost_of_consumption,
    rates_in_force,
)

MIN_REASON_CHARS = 3
MAX_REASON_CHARS = 500


@dataclass(frozen=True)
class PreviousReading:
    """The last real reading of one zone: what the new one is checked against."""

    value: int
    taken_on: date
    period: str  # 'YYYY-MM' it counted for
    reading_id: int | None = None  # None: a meter without readings (starts at 0 on installation)


@dataclass(frozen=True)
class ReadingForm:
    """Everything the entry page needs for one account, loaded in one service call."""

    account_number: str
    meter_id: int
    serial: str
    zones: int
    digits: int
    previous: Mapping[str, PreviousReading]  # meter zone order T1, T2, T3
    consumer_group: str
    rates: tuple[TariffRate, ...]  # every rate of the account's group and zone scheme, all dates
    today: date
    usual_avg: Decimal | None = None  # average monthly kWh (total of zones) over the last 12 months
    usual_same_month: int | None = None  # total kWh of the same month a year ago
    usual_period: str | None = None  # 'YYYY-MM' the usual figures were computed for
    range_threshold_kwh: int = RANGE_I_KWH
    check: ReadingCheckSettings = ReadingCheckSettings()
    window_last_day: int = DEFAULT_WINDOW_LAST_DAY
    installed_on: date | None = None
    next_verification_on: date | None = None
    customer_name: str = ""
    address: str = ""

    @property
    def zone_list(self) -> tuple[str, ...]:
        return tuple(self.previous)

    @property
    def zone_names(self) -> dict[str, str]:
        """'T1' -> 'день' etc. for the labels."""
        return dict(ZONE_NAMES.get(self.zones, {}))

    @property
    def previous_values(self) -> dict[str, int]:
        return {zone: p.value for zone, p in self.previous.items()}

    @property
    def previous_on(self) -> date | None:
        dates = [p.taken_on for p in self.previous.values() if p.reading_id is not None]
        return max(dates) if dates else None

    def rates_on(self, on_date: date) -> dict[str, list[TariffRate]]:
        """Rates per zone in force on a date; TariffNotFound if the table has a gap."""
        return rates_in_force(self.rates, self.consumer_group, self.zones, on_date)

    @property
    def rates_today(self) -> dict[str, list[TariffRate]]:
        return self.rates_on(self.today)


@dataclass(frozen=True)
class ReadingPreview:
    """What the page shows for the typed values; ``can_save`` tells whether Save may go ahead."""

    on_date: date
    period: Period  # the billing period the reading counts for
    late: bool  # after the readings window: counts for the next period
    period_message: str | None
    consumption: Mapping[str, int | None]  # None where the zone's value is refused
    total_kwh: int | None
    findings: tuple[Finding, ...]
    errors: tuple[Finding, ...]
    zone_errors: Mapping[str, str]  # zone -> first error message of the zone
    rollover_zones: frozenset[str]  # zones where a rollover is plausible and must be confirmed
    unconfirmed_rollover_zones: frozenset[str]
    warnings: tuple[Finding, ...]  # high / low / zero: need confirmation with a reason
    cost: CostBreakdown | None
    cost_kopecks: int | None
    zone_cost_kopecks: Mapping[str, int]
    cost_error: str | None  # the tariff table cannot price it (the reading can still be saved)
    price_date: date  # the date whose tariff prices the reading
    reason_ok: bool
    blocking: tuple[str, ...] = field(default=())  # why Save is not possible, operator's words

    @property
    def needs_reason(self) -> bool:
        return bool(self.warnings)

    @property
    def can_save(self) -> bool:
        return not self.blocking

    @property
    def warning_text(self) -> str | None:
        """The warnings as stored with the reading."""
        return "; ".join(f.message for f in self.warnings) or None


def late_message(window_last_day: int, period: Period) -> str:
    return (f"Показания после {window_last_day}-го числа учитываются в следующем периоде: "
            f"{period.name}")


def clean_reason(reason: str | None) -> str | None:
    text = " ".join((reason or "").split())
    return text or None


def preview(
    form: ReadingForm,
    values_by_zone: Mapping[str, str | int | None],
    on_date: date | None = None,
    *,
    confirm_rollover_zones: Collection[str] = frozenset(),
    reason: str | None = None,
) -> ReadingPreview:
    """Check the typed values and price them, without the database (one keystroke's work)."""
    day = form.today if on_date is None else on_date
    period = period_for_reading(day, form.window_last_day)
    late = day.day > form.window_last_day
    prev_periods = [Period.parse(p.period) for p in form.previous.values() if p.reading_id is not None]
    months = max(1, period.index() - max(prev_periods).index()) if prev_periods else 1
    check = check_reading(form.previous_values, values_by_zone, form.digits, form.usual_avg,
                          form.usual_same_month, form.check, months)
    findings = list(check.findings)
    blocking: list[str] = []
    previous_on = form.previous_on
    if previous_on is not None and day < previous_on:
        findings.insert(0, Finding("error", "date_before_previous", None,
                                   f"Дата показаний раньше предыдущих ({previous_on:%d.%m.%Y})"))
    if day > form.today:
        findings.insert(0, Finding("error", "future_date", None, "Дата показаний ещё не наступила"))
    errors = tuple(f for f in findings if f.kind == "error")
    zone_errors: dict[str, str] = {}
    for f in errors:
        if f.zone is not None:
            zone_errors.setdefault(f.zone, f.message)
        blocking.append(f.message)
    rollover = frozenset(f.zone for f in findings if f.kind == "rollover" and f.zone is not None)
    unconfirmed = frozenset(z for z in rollover if z not in confirm_rollover_zones)
    for f in findings:
        if f.kind == "rollover" and f.zone in unconfirmed:
            blocking.append(f.message)
    warnings = tuple(f for f in findings if f.kind == "warning")
    text = clean_reason(reason)
    reason_ok = text is not None and MIN_REASON_CHARS <= len(text) <= MAX_REASON_CHARS
    if text is not None and len(text) > MAX_REASON_CHARS:  # say so, not "at least 3 characters"
        blocking.append(f"Причина — не длиннее {MAX_REASON_CHARS} символов")
    elif warnings and not reason_ok:
        blocking.append(
            f"Укажите причину (не короче {MIN_REASON_CHARS} символов), чтобы подтвердить: "
            + "; ".join(f.message for f in warnings))
    # A reading counted in a later month is priced at that month's tariff, as on its bill.
    price_date = day if Period.of(day) == period else period.first_day
    cost = None
    cost_error = None
    zone_cost: dict[str, int] = {}
    used = check.consumption
    known = {zone: kwh for zone, kwh in used.items() if kwh is not None}
    if not errors and len(known) == len(used):
        try:
            cost = cost_of_consumption(known, form.rates_on(price_date), form.range_threshold_kwh)
        except TariffError as exc:
            cost_error = str(exc)
        else:
            zone_cost = {zone: to_kopecks(cost.zone_amount(zone)) for zone in used}
    return ReadingPreview(
        on_date=day,
        period=period,
        late=late,
        period_message=late_message(form.window_last_day, period) if late else None,
        consumption=dict(used),
        total_kwh=check.total if not errors else None,
        findings=tuple(findings),
        errors=errors,
        zone_errors=zone_errors,
        rollover_zones=rollover,
        unconfirmed_rollover_zones=unconfirmed,
        warnings=warnings,
        cost=cost,
        cost_kopecks=cost.total_kopecks if cost is not None else None,
        zone_cost_kopecks=zone_cost,
        cost_error=cost_error,
        price_date=price_date,
        reason_ok=reason_ok,
        blocking=tuple(blocking),
    )
