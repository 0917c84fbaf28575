"""Exact money: Decimal roubles in code, integer kopecks in storage, Russian formatting."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KOPECK = Decimal("0.01")


def round_kopecks(value: Decimal) -> Decimal:
    """Round half up to the kopeck (once per bill line, never on floats)."""
    if not isinstance(value, Decimal):
        raise TypeError(f"money must be Decimal, got {type(value).__name__}")
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def to_kopecks(value: Decimal) -> int:
    """Decimal roubles -> integer kopecks, rounded half up."""
    return int(round_kopecks(value) * 100)


def from_kopecks(kopecks: int) -> Decimal:
    """Integer kopecks -> Decimal roubles with two places."""
    if isinstance(kopecks, bool) or not isinstance(kopecks, int):
        raise TypeError(f"kopecks must be int, got {type(kopecks).__name__}")
    return (Decimal(kopecks) / 100).quantize(KOPECK)


def _group_thousands(digits: str) -> str:
    # Russian typography groups thousands with a (narrow) no-break space.
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return "\u00a0".join(parts)


def format_rub(kopecks: int, *, sign: bool = False, symbol: bool = True) -> str:
    """Format kopecks the Russian way: 1 234,56 ₽ (no-break spaces)."""
    negative = kopecks < 0
    rub, kop = divmod(abs(kopecks), 100)
    text = f"{_group_thousands(str(rub))},{kop:02d}"
    if negative:
        text = "\u2212" + text
    elif sign and kopecks > 0:
        text = "+" + text
    return text + ("\u00a0₽" if symbol else "")


class MoneyError(ValueError):
    """A money amount typed by an operator cannot be read."""


def parse_rub(text: str, *, max_kopecks: int | None = None) -> int:
    """Read an amount typed by an operator ("1 234,56", "1234.5", "100") into kopecks.

    Raises MoneyError with a Russian message for letters, more than two decimals,
    negative or zero amounts, and amounts above ``max_kopecks``.
    """
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "").replace("₽", "")
    cleaned = cleaned.replace(",", ".")
    if not cleaned:
        raise MoneyError("Введите сумму")
    if len(cleaned) > 20:
        raise MoneyError("Слишком большая сумма")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyError("Сумма должна быть числом, например 1 234,56") from None
    if not value.is_finite():
        raise MoneyError("Сумма должна быть числом, например 1 234,56")
    exponent = value.as_tuple().exponent  # an int for a finite value ('n', 'F' only for NaN, inf)
    if isinstance(exponent, int) and exponent < -2:
        raise MoneyError("Не больше двух знаков после запятой")
    if value <= 0:
        raise MoneyError("Сумма должна быть больше нуля")
    kopecks = int(value * 100)
    if max_kopecks is not None and kopecks > max_kopecks:
        raise MoneyError(f"Сумма больше допустимой ({format_rub(max_kopecks)})")
    return kopecks
