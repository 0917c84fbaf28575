"""Russian number, date and tariff formatting shared by the printed documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from desktop.core.money import format_rub

__all__ = ["fmt_date", "fmt_datetime", "fmt_int", "fmt_reading", "fmt_tariff", "format_rub"]

NBSP = "\u00a0"
DASH = "\u2014"


def fmt_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def fmt_datetime(value: datetime) -> str:
    return value.strftime("%d.%m.%Y %H:%M")


def fmt_int(value: int) -> str:
    """12 345 with a no-break space; the minus is a real minus sign."""
    text = f"{abs(value):,}".replace(",", NBSP)
    return ("\u2212" + text) if value < 0 else text


def fmt_reading(value: int | None) -> str:
    return DASH if value is None else str(value)


def fmt_tariff(text: str) -> str:
    """'6.95' -> '6,95'; at least two decimals, never rounded (a tariff may have more)."""
    value = Decimal(text)
    exponent = value.as_tuple().exponent  # an int for a finite value ('n', 'F' only for NaN, inf)
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(Decimal("0.01"))
    return str(value).replace(".", ",")
