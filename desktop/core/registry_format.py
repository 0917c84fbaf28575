"""Bank registry formats described as data (TOML): a new bank is a new description, not new code.

A description names the file's encoding, field separator, column order, date, time, period and
sum formats, an optional header line, an optional totals line and the fields that make a
payment's key. ``resources/registry_formats/*.toml`` ship ``sber`` and ``csv`` (CONTRACTS.md);
an administrator may add more in the desk's configuration folder (``registry_formats/``).
"""

from __future__ import annotations

import codecs
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

# What a column of a payment line may hold. "skip" ignores a column.
LINE_FIELDS = frozenset({
    "date", "time", "account", "amount", "payer", "address", "period", "transfer", "fee", "reference",
    "bank_branch", "cashier", "skip",
})
REQUIRED_FIELDS = ("date", "account", "amount")
# What a column of the totals line may hold; count and the sums are checked against the lines.
TOTALS_FIELDS = frozenset({"count", "amount", "transfer", "fee", "order_number", "order_date", "skip"})
CHANNELS = ("bank", "online")


class RegistryFormatError(ValueError):
    """A format description that cannot be used (an administrator's mistake), in Russian."""


@dataclass(frozen=True)
class TotalsLine:
    """The registry's closing line: how it starts and what its fields are."""

    prefix: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class RegistryFormat:
    """One bank's registry layout. See resources/registry_formats/sber.toml for every key."""

    name: str
    title: str
    bank: str  # part of every payment's key: the same reference from two banks is two payments
    channel: str  # bank or online: how the payment shows in history and reports
    encoding: str
    separator: str
    quoted: bool  # fields may be "quoted" (CSV rules)
    columns: tuple[str, ...]
    key: tuple[str, ...]
    date_format: str  # strptime codes, e.g. %d.%m.%Y
    time_format: str
    period_format: str
    decimal_mark: str
    header: str | None = None  # the exact first line, when the file has one
    totals: TotalsLine | None = None

    def index(self, field: str) -> int | None:
        """The position of ``field`` in a payment line, or None when the format has no such column."""
        return self.columns.index(field) if field in self.columns else None

    @property
    def encoding_label(self) -> str:
        """The encoding as operators know it (windows-1251, UTF-8)."""
        name = codecs.lookup(self.encoding).name
        return {"cp1251": "windows-1251", "utf-8": "UTF-8"}.get(name, name)


def _text(data: Mapping[str, Any], key: str, source: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value):
        raise RegistryFormatError(f"{source}: нужен параметр «{key}» (строка)")
    return value


def _names(data: Mapping[str, Any], key: str, source: str, allowed: frozenset[str]) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise RegistryFormatError(f"{source}: «{key}» — непустой список названий полей")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise RegistryFormatError(f"{source}: неизвестные поля в «{key}»: {', '.join(unknown)}; "
                                  f"бывают: {', '.join(sorted(allowed))}")
    named = [v for v in value if v != "skip"]
    if len(named) != len(set(named)):
        raise RegistryFormatError(f"{source}: в «{key}» поле повторяется")
    return tuple(value)


def _check_strftime(pattern: str, key: str, source: str) -> None:
    try:
        datetime(2000, 1, 1).strftime(pattern)  # any fixed date: only the pattern is checked
    except ValueError:
        raise RegistryFormatError(f"{source}: неверный шаблон «{key}»: {pattern}") from None
    if "%" not in pattern:
        raise RegistryFormatError(f"{source}: шаблон «{key}» без кодов strptime (%d, %m, %Y…)")


def format_from_mapping(data: Mapping[str, Any], source: str) -> RegistryFormat:
    """Check a parsed description and build the format; RegistryFormatError says what is wrong."""
    name = _text(data, "name", source).lower()  # --format takes any case
    if not name.isascii() or not name.replace("-", "").replace("_", "").isalnum() or len(name) > 32:
        raise RegistryFormatError(f"{source}: имя формата — латинские буквы и цифры, до 32 знаков")
    bank = _text(data, "bank", source)
    if len(bank) > 16:
        raise RegistryFormatError(f"{source}: код банка «bank» — до 16 знаков")
    encoding = _text(data, "encoding", source)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise RegistryFormatError(f"{source}: неизвестная кодировка «{encoding}»") from None
    separator = _text(data, "separator", source)
    if len(separator) != 1 or separator in "\r\n\"":
        raise RegistryFormatError(f"{source}: разделитель полей — один знак")
    columns = _names(data, "columns", source, LINE_FIELDS)
    missing = [f for f in REQUIRED_FIELDS if f not in columns]
    if missing:
        raise RegistryFormatError(f"{source}: в «columns» нет обязательных полей: {', '.join(missing)}")
    key = _names(data, "key", source, LINE_FIELDS - {"skip"})
    if not set(key) <= set(columns):
        raise RegistryFormatError(f"{source}: поля ключа «key» должны быть среди «columns»")
    channel = _text(data, "channel", source, "bank")
    if channel not in CHANNELS:
        raise RegistryFormatError(f"{source}: «channel» — bank или online")
    decimal_mark = _text(data, "decimal_mark", source, ".")
    if decimal_mark not in (".", ","):
        raise RegistryFormatError(f"{source}: «decimal_mark» — точка или запятая")
    patterns = {k: _text(data, k, source, d) for k, d in
                (("date_format", "%d.%m.%Y"), ("time_format", "%H:%M:%S"), ("period_format", "%m%Y"))}
    for key_name, pattern in patterns.items():
        _check_strftime(pattern, key_name, source)
    header = data.get("header")
    if header is not None and (not isinstance(header, str) or not header.strip()):
        raise RegistryFormatError(f"{source}: «header» — строка заголовка файла")
    totals = None
    if "totals" in data:
        raw = data["totals"]
        if not isinstance(raw, Mapping):
            raise RegistryFormatError(f"{source}: [totals] — таблица с prefix и columns")
        totals = TotalsLine(_text(raw, "prefix", source + " [totals]"),
                            _names(raw, "columns", source + " [totals]", TOTALS_FIELDS))
    return RegistryFormat(
        name=name, title=_text(data, "title", source, name), bank=bank, channel=channel, encoding=encoding,
        separator=separator, quoted=bool(data.get("quoted", False)), columns=columns, key=key,
        date_format=patterns["date_format"], time_format=patterns["time_format"],
        period_format=patterns["period_format"], decimal_mark=decimal_mark,
        header=header.strip() if isinstance(header, str) else None, totals=totals,
    )


def load_format(path: Path) -> RegistryFormat:
    """Read one description file (TOML)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RegistryFormatError(f"{path.name}: не читается ({error})") from None
    return format_from_mapping(data, path.name)


def load_formats(*folders: Path) -> dict[str, RegistryFormat]:
    """Every description in ``folders`` by name; a later folder's description replaces an earlier one."""
    found: dict[str, RegistryFormat] = {}
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                fmt = load_format(path)
                found[fmt.name] = fmt
    return found
