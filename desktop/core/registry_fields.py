"""The fields of a registry line: dates, times and periods by their patterns, key text, messages."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from desktop.core.money import format_rub

_HUMAN = (("%d", "ДД"), ("%m", "ММ"), ("%Y", "ГГГГ"), ("%H", "ЧЧ"), ("%M", "мм"), ("%S", "СС"))
_FAST_CODES = frozenset("dmYyHMS")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plural(n: int, one: str, few: str, many: str) -> str:
    """1 платёж, 2 платежа, 5 платежей."""
    tail = n % 100
    if 11 <= tail <= 14:
        return many
    return {1: one, 2: few, 3: few, 4: few}.get(n % 10, many)


def human_pattern(pattern: str) -> str:
    """%d.%m.%Y -> ДД.ММ.ГГГГ, for messages."""
    for code, word in _HUMAN:
        pattern = pattern.replace(code, word)
    return pattern


def shown(text: str, limit: int = 40) -> str:
    text = _CONTROL.sub("?", text)
    return text if len(text) <= limit else text[:limit] + "…"


class FieldPattern:
    """A strptime pattern, read by a regular expression when it uses only %d %m %Y %y %H %M %S
    (strptime itself costs ~10 µs a call: a second per 100,000 lines and field), else by strptime."""


    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        parts, i, fast = [], 0, True
        while i < len(pattern):
            if pattern[i] == "%" and i + 1 < len(pattern):
                code = pattern[i + 1]
                if code not in _FAST_CODES:
                    fast = False
                    break
                width = "4" if code == "Y" else "1,2" if code in "dmHMS" else "2"
                parts.append(f"(?P<{code}>\\d{{{width}}})")
                i += 2
            else:
                parts.append(re.escape(pattern[i]))
                i += 1
        self.regex = re.compile("".join(parts)) if fast else None

    def _fields(self, text: str) -> dict[str, int] | None:
        if self.regex is None:
            try:
                moment = datetime.strptime(text, self.pattern)
            except ValueError:
                return None
            return {"Y": moment.year, "m": moment.month, "d": moment.day, "H": moment.hour,
                    "M": moment.minute, "S": moment.second}
        match = self.regex.fullmatch(text)
        if match is None:
            return None
        values = {k: int(v) for k, v in match.groupdict().items()}
        if "y" in values:
            values["Y"] = 2000 + values.pop("y")
        return values

    def parse_date(self, text: str) -> date | None:
        values = self._fields(text)
        try:
            return date(values["Y"], values["m"], values["d"]) if values else None
        except (KeyError, ValueError):
            return None

    def parse_time(self, text: str) -> time | None:
        values = self._fields(text)
        try:
            return time(values.get("H", 0), values.get("M", 0), values.get("S", 0)) if values else None
        except ValueError:
            return None

    def parse_period(self, text: str) -> str | None:
        values = self._fields(text)
        if not values or "Y" not in values or not 1 <= values.get("m", 0) <= 12 or values["Y"] < 1900:
            return None
        return f"{values['Y']:04d}-{values['m']:02d}"


def canonical(value: date | time | int | str | None) -> str:
    """A key field as text: dates and times in ISO form, sums in kopecks, nothing as empty."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, (date, time)) else str(value)


def is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def payments_text(count: int | None, kopecks: int | None) -> str:
    parts = []
    if count is not None:
        parts.append(f"{count} {plural(count, 'платёж', 'платежа', 'платежей')}")
    if kopecks is not None:
        parts.append(f"на {format_rub(kopecks)}")
    return " ".join(parts) or "—"


def side_sums(mine: tuple[int, ...], theirs: tuple[int | None, ...]) -> str:
    notes = []
    for title, m, t in (("перечисление", mine[2], theirs[2]), ("комиссия", mine[3], theirs[3])):
        if t is not None and t != m:
            notes.append(f"{title}: в итоге {format_rub(t)}, по строкам {format_rub(m)}")
    return ("; " + "; ".join(notes)) if notes else ""
