"""Company-wide settings shared by every desk, kept as JSON in CompanySetting rows.

Each field of :class:`CompanySettings` is one row (key -> JSON value); a missing row
means the default. Keys other services add live in the same table and can be read and
written with :func:`get_value` / :func:`set_value` inside their own transactions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import timezone as fixed_offset
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.consumption import ReadingCheckSettings
from desktop.core.periods import DEFAULT_WINDOW_LAST_DAY
from desktop.db.models import CompanySetting
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError

KEY_WINDOW = "readings.window_last_day"
KEY_CHECK = "readings.check"
KEY_TIMEZONE = "company.timezone"
DEFAULT_TIMEZONE = "Europe/Samara"
_OWN_KEYS = (KEY_WINDOW, KEY_CHECK, KEY_TIMEZONE)


@dataclass(frozen=True)
class CompanySettings:
    """The typed company settings; ``extra`` holds every other key as decoded JSON (read-only here)."""

    readings_window_last_day: int = DEFAULT_WINDOW_LAST_DAY
    reading_check: ReadingCheckSettings = ReadingCheckSettings()
    timezone: str = DEFAULT_TIMEZONE  # the company's local time: "today" at the desk
    extra: Mapping[str, Any] = field(default_factory=dict)

    def today(self, now: datetime) -> date:
        """The local date at ``now`` (an aware datetime, e.g. ``ctx.clock()``)."""
        return now.astimezone(_zone(self.timezone)).date()


def _zone(name: str) -> fixed_offset | ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return fixed_offset(timedelta(hours=4))  # Samara time, if the system has no tz database


def _check_to_json(check: ReadingCheckSettings) -> dict[str, Any]:
    return {
        "high_factor": str(check.high_factor),
        "low_factor": str(check.low_factor),
        "absolute_max_monthly_kwh": check.absolute_max_monthly_kwh,
        "warn_on_zero": check.warn_on_zero,
    }


def _check_from_json(data: Mapping[str, Any]) -> ReadingCheckSettings:
    default = ReadingCheckSettings()
    return ReadingCheckSettings(
        high_factor=Decimal(str(data.get("high_factor", default.high_factor))),
        low_factor=Decimal(str(data.get("low_factor", default.low_factor))),
        absolute_max_monthly_kwh=int(data.get("absolute_max_monthly_kwh", default.absolute_max_monthly_kwh)),
        warn_on_zero=bool(data.get("warn_on_zero", default.warn_on_zero)),
    )


def get_value(session: Session, key: str, default: Any = None) -> Any:
    """One setting's decoded JSON value, or ``default`` when the row is missing."""
    raw = session.scalar(select(CompanySetting.value).where(CompanySetting.key == key))
    return default if raw is None else json.loads(raw)


def set_value(session: Session, key: str, value: Any) -> None:
    """Insert or replace one setting in the caller's transaction (the caller audits)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(CompanySetting, key)
    if row is None:
        session.add(CompanySetting(key=key, value=text))
    else:
        row.value = text


def load_settings(session: Session) -> CompanySettings:
    """The settings as seen inside an open session (services use this in their transaction)."""
    rows = {k: json.loads(v) for k, v in session.execute(select(CompanySetting.key, CompanySetting.value))}
    default = CompanySettings()
    return CompanySettings(
        readings_window_last_day=int(rows.get(KEY_WINDOW, default.readings_window_last_day)),
        reading_check=_check_from_json(rows.get(KEY_CHECK, {})),
        timezone=str(rows.get(KEY_TIMEZONE, default.timezone)),
        extra={k: v for k, v in rows.items() if k not in _OWN_KEYS},
    )


def load_zone(session: Session) -> fixed_offset | ZoneInfo:
    """The company's time zone as seen inside an open session (ServiceContext.zone reads it)."""
    value = get_value(session, KEY_TIMEZONE, DEFAULT_TIMEZONE)
    return _zone(str(value))


def get_settings(ctx: ServiceContext) -> CompanySettings:
    """The company settings with defaults for whatever was never set (every operator)."""
    with ctx.read() as s:
        return load_settings(s)


def _decimal(value: Any, what: str, fieldname: str) -> Decimal:
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise InputError(f"{what}: нужно число", field=fieldname) from None
    if not result.is_finite():
        raise InputError(f"{what}: нужно число", field=fieldname)
    return result


def _validated(new: CompanySettings) -> CompanySettings:
    day = new.readings_window_last_day
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31:
        raise InputError("Последний день приёма показаний — от 1 до 31", field="readings_window_last_day")
    check = new.reading_check
    high = _decimal(check.high_factor, "Порог «намного больше обычного»", "high_factor")
    low = _decimal(check.low_factor, "Порог «намного меньше обычного»", "low_factor")
    if high <= 1 or high > 100:
        raise InputError("Порог «намного больше обычного» — больше 1 и не больше 100 (раз)",
                         field="high_factor")
    if low < 0 or low >= 1:
        raise InputError("Порог «намного меньше обычного» — от 0 до 1 (доля обычного)", field="low_factor")
    top = check.absolute_max_monthly_kwh
    if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= 1_000_000:
        raise InputError("Наибольший расход за месяц — целое число кВт·ч от 1 до 1 000 000",
                         field="absolute_max_monthly_kwh")
    if not isinstance(new.timezone, str) or not new.timezone:
        raise InputError("Укажите часовой пояс, например Europe/Samara", field="timezone")
    try:
        ZoneInfo(new.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"Неизвестный часовой пояс {new.timezone!r}", field="timezone") from None
    return replace(new, reading_check=replace(check, high_factor=high, low_factor=low,
                                              warn_on_zero=bool(check.warn_on_zero)))


def update_settings(
    ctx: ServiceContext,
    *,
    readings_window_last_day: int | None = None,
    reading_check: ReadingCheckSettings | None = None,
    timezone: str | None = None,
) -> CompanySettings:
    """Change some settings (administrator); validated, audited as 'settings.update', one transaction."""
    ctx.require("admin")
    with ctx.transaction() as s:
        old = load_settings(s)
        new = _validated(replace(
            old,
            readings_window_last_day=(old.readings_window_last_day if readings_window_last_day is None
                                      else readings_window_last_day),
            reading_check=old.reading_check if reading_check is None else reading_check,
            timezone=old.timezone if timezone is None else timezone,
        ))
        changes: dict[str, Any] = {}
        pairs = (
            (KEY_WINDOW, old.readings_window_last_day, new.readings_window_last_day),
            (KEY_CHECK, _check_to_json(old.reading_check), _check_to_json(new.reading_check)),
            (KEY_TIMEZONE, old.timezone, new.timezone),
        )
        for key, before, after in pairs:
            if before != after:
                set_value(s, key, after)
                changes[key] = {"old": before, "new": after}
        if changes:
            audit.record(s, ctx, "settings.update", entity="company_settings", changes=changes)
    if KEY_TIMEZONE in changes:
        ctx.forget_zone()
    return new
