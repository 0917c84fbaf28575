"""Search keys: lower case, ё folded to е, spaces collapsed (computed in Python for every database)."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """'  Семёнова  Алёна ' -> 'семенова алена'."""
    return _SPACES.sub(" ", text.replace("ё", "е").replace("Ё", "Е").lower()).strip()


def name_key(last: str, first: str, middle: str = "") -> str:
    """The searchable key of a person's full name, surname first."""
    return fold(" ".join(p for p in (last, first, middle) if p))
