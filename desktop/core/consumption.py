"""Meter consumption per zone: rollover at 10**digits, typed-reading parsing, plausibility checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.periods import Period, coerce_period

MAX_DIGITS = 12
# Longer input is junk (a pasted line, a QR payload), not a reading; refuse before int().
_MAX_INPUT_CHARS = 40
_SPACES = (" ", "\u00a0", "\u202f", "\t")


class ReadingError(ValueError):
    """A reading or a pair of readings that cannot give a consumption; message is for the operator."""


class ReadingOutOfRange(ReadingError):
    """A reading outside what the meter can show: [0, 10**digits)."""


class NegativeConsumption(ReadingError):
    """Current reading below the previous one, and rollover not confirmed."""


def capacity(digits: int) -> int:
    """Register capacity: the meter shows 0 .. 10**digits - 1."""
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise ValueError(f"digits must be 1..{MAX_DIGITS}, got {digits!r}")
    return 10**digits


def _check_reading(value: int, digits: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReadingOutOfRange(f"{what} показание должно быть целым числом кВт·ч")
    if not 0 <= value < capacity(digits):
        raise ReadingOutOfRange(
            f"{what} показание {value} не помещается на {digits}-разрядный счётчик"
        )


def consumption(previous: int, current: int, digits: int, rollover: bool = False) -> int:
    """kWh between two readings; with ``rollover`` the register passed 10**digits once."""
    _check_reading(previous, digits, "Предыдущее")
    _check_reading(current, digits, "Текущее")
    if current >= previous:
        if rollover:
            # A "rollover" with current >= previous would be a full turn plus: never plausible.
            raise ReadingError("Переход через ноль возможен только если текущее показание меньше предыдущего")
        return current - previous
    if not rollover:
        raise NegativeConsumption(
            f"Текущее показание {current} меньше предыдущего {previous}"
        )
    return capacity(digits) - previous + current


def rollover_plausible(previous: int, current: int, digits: int, max_monthly_kwh: int) -> bool:
    """True when current < previous and the rollover consumption is at most ``max_monthly_kwh``.

    Pass the maximum for the whole interval between readings (monthly max × months).
    """
    _check_reading(previous, digits, "Предыдущее")
    _check_reading(current, digits, "Текущее")
    return current < previous and capacity(digits) - previous + current <= max_monthly_kwh


def parse_reading_text(text: str, digits: int) -> int:
    """Read a typed or pasted reading into whole kWh; ReadingError with a Russian message otherwise."""
    capacity(digits)  # validates digits before any message quotes it
    if text is None:
        raise ReadingError("Введите показание")
    if len(text) > _MAX_INPUT_CHARS:
        raise ReadingError("Слишком длинный текст — введите только цифры показания")
    cleaned = text.strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, "")
    if not cleaned:
        raise ReadingError("Введите показание")
    if cleaned[0] in "-−":
        raise ReadingError("Показание не может быть отрицательным")
    if "," in cleaned or "." in cleaned:
        head, _, tail = cleaned.replace(",", ".").partition(".")
        if head.isascii() and head.isdigit() and tail.isascii() and tail.isdigit():
            raise ReadingError("Введите целые кВт·ч, без цифр после запятой")
    if not (cleaned.isascii() and cleaned.isdigit()):
        if any(ch.isalpha() for ch in cleaned):
            raise ReadingError("Показание — только цифры, без букв")
        raise ReadingError("Показание — только цифры")
    significant = cleaned.lstrip("0") or "0"
    if len(significant) > digits:
        raise ReadingOutOfRange(f"У счётчика {digits} разрядов: в показании не больше {digits} цифр")
    return int(significant)


@dataclass(frozen=True)
class ReadingCheckSettings:
    """Thresholds of the plausibility check (per company; administrator-editable)."""

    high_factor: Decimal = Decimal("3")  # warn above 3 × usual
    low_factor: Decimal = Decimal("0.2")  # warn below 0.2 × usual
    absolute_max_monthly_kwh: int = 10000  # refuse above this per month (also caps rollover)
    warn_on_zero: bool = True


@dataclass(frozen=True)
class Finding:
    """One verdict of the check; ``zone`` is None when it is about the month's total."""

    kind: str  # "error" | "rollover" | "warning"
    code: str  # machine-readable: empty, not_number, out_of_range, lower, above_max, rollover, high, low, zero
    zone: str | None
    message: str
    rollover_kwh: int | None = None


@dataclass(frozen=True)
class ReadingCheck:
    """Result of check_reading: per-zone consumption (None where refused) and findings."""

    consumption: Mapping[str, int | None]
    findings: tuple[Finding, ...] = field(default=())

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "error")

    @property
    def has_errors(self) -> bool:
        return any(f.kind == "error" for f in self.findings)

    @property
    def needs_confirmation(self) -> bool:
        """No errors, but a rollover or warning the operator must confirm (with a reason)."""
        return not self.has_errors and bool(self.findings)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def total(self) -> int | None:
        values = list(self.consumption.values())
        return None if any(v is None for v in values) else sum(values)  # type: ignore[misc]


def _fmt(kwh: Decimal | int) -> str:
    """Whole kWh the Russian way: 9\u00a0430 (a no-break space between thousands)."""
    whole = int(Decimal(kwh).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{whole:,}".replace(",", "\u00a0")


def check_reading(
    previous: Mapping[str, int],
    current: Mapping[str, str | int | None],
    digits: int,
    usual_avg: Decimal | int | None = None,
    usual_same_month: Decimal | int | None = None,
    settings: ReadingCheckSettings = ReadingCheckSettings(),
    months: int = 1,
) -> ReadingCheck:
    """Check the readings typed for each zone of ``previous`` (meter order) against the last real ones.

    ``current`` values may be operator text or ints. ``usual_*`` are monthly totals across
    zones (see usual_consumption); ``months`` is how many months the interval covers.
    A plausible rollover is listed with its consumption (kind "rollover", to confirm).
    """
    findings: list[Finding] = []
    result: dict[str, int | None] = {}
    limit = settings.absolute_max_monthly_kwh * max(months, 1)
    for zone, prev in previous.items():
        raw = current.get(zone)
        try:
            if raw is None:
                raise ReadingError("Введите показание")
            value = parse_reading_text(raw, digits) if isinstance(raw, str) else raw
            _check_reading(value, digits, "Текущее")
        except ReadingError as exc:
            code = "out_of_range" if isinstance(exc, ReadingOutOfRange) else (
                "empty" if raw is None or (isinstance(raw, str) and not raw.strip()) else "not_number")
            findings.append(Finding("error", code, zone, f"{zone}: {exc}"))
            result[zone] = None
            continue
        if value >= prev:
            used = value - prev
        elif rollover_plausible(prev, value, digits, limit):
            used = capacity(digits) - prev + value
            findings.append(Finding(
                "rollover", "rollover", zone,
                f"{zone}: показание {value} меньше предыдущего {prev}. Если счётчик перешёл через ноль, "
                f"расход {_fmt(used)} кВт·ч — подтвердите переход через ноль",
                rollover_kwh=used,
            ))
        else:
            findings.append(Finding(
                "error", "lower", zone,
                f"{zone}: показание {value} меньше предыдущего {prev} — проверьте цифры",
            ))
            result[zone] = None
            continue
        if used > limit:
            findings.append(Finding(
                "error", "above_max", zone,
                f"{zone}: расход {_fmt(used)} кВт·ч больше допустимого ({_fmt(limit)} кВт·ч) — проверьте цифры",
            ))
            result[zone] = None
            continue
        result[zone] = used

    if any(v is None for v in result.values()):
        return ReadingCheck(result, tuple(findings))
    total = sum(v for v in result.values() if v is not None)
    # Single-zone meters attribute month-level findings to their only zone.
    total_zone = next(iter(previous)) if len(previous) == 1 else None
    where = "" if total_zone is None else f"{total_zone}: "
    if total > limit:
        findings.append(Finding(
            "error", "above_max", total_zone,
            f"{where}расход за месяц {_fmt(total)} кВт·ч больше допустимого ({_fmt(limit)} кВт·ч)",
        ))
        return ReadingCheck(result, tuple(findings))
    refs = [Decimal(r) * months for r in (usual_avg, usual_same_month) if r is not None and r > 0]
    if total == 0:
        if settings.warn_on_zero:
            findings.append(Finding(
                "warning", "zero", total_zone,
                f"{where}расход 0 кВт·ч — показания не изменились. Подтвердите и укажите причину",
            ))
    elif refs:
        # Compare with the larger reference going up and the smaller going down, so a
        # winter month like last winter's is not flagged just because summer was low.
        high, low = max(refs), min(refs)
        if total > settings.high_factor * high:
            findings.append(Finding(
                "warning", "high", total_zone,
                f"{where}расход {_fmt(total)} кВт·ч намного больше обычного (около {_fmt(high)} кВт·ч). "
                "Подтвердите и укажите причину",
            ))
        elif total < settings.low_factor * low:
            findings.append(Finding(
                "warning", "low", total_zone,
                f"{where}расход {_fmt(total)} кВт·ч намного меньше обычного (около {_fmt(low)} кВт·ч). "
                "Подтвердите и укажите причину",
            ))
    return ReadingCheck(result, tuple(findings))


def usual_consumption(
    monthly_history: Iterable[tuple[Period | str, int]],
    period: Period | str,
    min_months: int = 3,
) -> tuple[Decimal | None, int | None]:
    """(average over the 12 months before ``period``, same month a year ago) of total kWh.

    Entries for the same month are added up (a meter replacement gives two). The
    average needs ``min_months`` months of data, else None; it is rounded to 0.01 kWh.
    """
    target = coerce_period(period)
    start = target.shift(-12)
    by_period: dict[Period, int] = {}
    for key, kwh in monthly_history:
        p = coerce_period(key)
        if start <= p < target:
            by_period[p] = by_period.get(p, 0) + kwh
    avg = None
    if by_period and len(by_period) >= min_months:
        avg = (Decimal(sum(by_period.values())) / len(by_period)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
    return avg, by_period.get(start)
