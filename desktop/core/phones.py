"""Russian mobile phone numbers, stored as 7XXXXXXXXXX and masked for display and logs."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D+")


class PhoneError(ValueError):
    """Text that cannot be a Russian phone number."""


def normalize_phone(text: str) -> str:
    """'+7 (927) 123-45-67', '8 927 123 45 67', '9271234567' -> '79271234567'."""
    if text is None or len(text) > 40:
        raise PhoneError("Телефон: 11 цифр, например +7 927 123-45-67")
    digits = _NON_DIGITS.sub("", text)
    if len(digits) == 10:
        digits = "7" + digits
    elif len(digits) == 11 and digits[0] == "8":
        digits = "7" + digits[1:]
    if len(digits) != 11 or digits[0] != "7" or not digits.isascii():
        raise PhoneError("Телефон: 11 цифр, например +7 927 123-45-67")
    return digits


def is_mobile(phone: str) -> bool:
    """Russian mobile numbers start with 79."""
    return len(phone) == 11 and phone.startswith("79")


def mask_phone(phone: str | None) -> str:
    """'79271234567' -> '+7 927 ***-**-67' (for the screen and for logs)."""
    if not phone or len(phone) != 11:
        return "—"
    return f"+7 {phone[1:4]} ***-**-{phone[-2:]}"


def format_phone(phone: str | None) -> str:
    """'79271234567' -> '+7 927 123-45-67'."""
    if not phone or len(phone) != 11:
        return ""
    return f"+7 {phone[1:4]} {phone[4:7]}-{phone[7:9]}-{phone[9:]}"
