"""Account numbers: 12-digit strings, normalised from any written or scanned form."""

from __future__ import annotations

import re

ACCOUNT_LENGTH = 12
_SEPARATORS = re.compile(r"[\s\-./_]+")


class AccountNumberError(ValueError):
    """Text that cannot be an account number."""


def normalize_account(text: str) -> str | None:
    """Return the 12 digits of an account written with spaces, dashes or dots, else None."""
    if text is None:
        return None
    stripped = _SEPARATORS.sub("", text.strip())
    if len(stripped) == ACCOUNT_LENGTH and stripped.isascii() and stripped.isdigit():
        return stripped
    return None


def validate_account(text: str) -> str:
    """Like normalize_account, but raise AccountNumberError with an operator-facing message."""
    number = normalize_account(text)
    if number is None:
        raise AccountNumberError("Номер лицевого счёта — 12 цифр")
    return number
