"""Reads a bank payment registry line by line (never the whole file) and checks every line and the totals.

The reader yields the good payment lines and collects problems as «строка N: что не так». A
file with any problem is refused as a whole by the import (nothing posted), so one wrong
encoding, bad account number, negative or non-numeric sum, date in the future or a totals line
that does not match stops it. After MAX_PROBLEMS problems, or at one that makes the rest
unreadable (wrong encoding, a line longer than MAX_LINE_BYTES), reading stops.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from typing import NamedTuple, Protocol

from desktop.core.money import format_rub
from desktop.core.registry_fields import (
    FieldPattern,
    canonical,
    human_pattern,
    is_utf8,
    payments_text,
    shown,
    side_sums,
)
from desktop.core.registry_format import RegistryFormat

MAX_LINE_BYTES = 4096
MAX_PROBLEMS = 20
MAX_LINE_KOPECKS = 1_000_000_000  # 10 000 000 ₽: more in one household payment is a broken line
_LIMITS = {"payer": 255, "address": 500, "reference": 100, "bank_branch": 64, "cashier": 64}
_KEY_LIMIT = 255
_SUM = {",": re.compile(r"(\d{1,15})(?:,(\d{1,2}))?"), ".": re.compile(r"(\d{1,15})(?:\.(\d{1,2}))?")}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BOM = b"\xef\xbb\xbf"


class RegistryLine(NamedTuple):
    """One payment of a registry, checked; money in kopecks, the key as canonical text.

    A NamedTuple, not a dataclass: the import spools 100,000 of them through pickle, which is
    several times faster for tuples."""

    line_no: int
    paid_on: date
    paid_time: time | None
    account: str
    amount_kopecks: int
    transfer_kopecks: int | None
    fee_kopecks: int | None
    payer: str
    address: str
    period: str | None  # YYYY-MM
    reference: str
    key: str  # the format's key fields, canonical (the bank is stored beside it)


@dataclass(frozen=True)
class Problem:
    """What is wrong with the file, and where (line 0: the file as a whole)."""

    line_no: int
    message: str

    def __str__(self) -> str:
        return f"строка {self.line_no}: {self.message}" if self.line_no else self.message


@dataclass(frozen=True)
class RegistryTotals:
    """The registry's own totals line."""

    line_no: int
    count: int | None
    amount_kopecks: int | None
    transfer_kopecks: int | None
    fee_kopecks: int | None
    order_number: str
    order_date: date | None


class LineSource(Protocol):
    """What the reader reads from: a binary file, or a wrapper that hashes what passes."""

    def readline(self, size: int = -1, /) -> bytes: ...


class _Stop(Exception):
    """Reading cannot go on (the problem is already recorded)."""


class RegistryReader:
    """Iterate ``lines()`` for the good payment lines; then ``problems`` and the sums say the rest."""

    def __init__(self, stream: LineSource, fmt: RegistryFormat, today: date, *,
                 check_totals: bool = True) -> None:
        self.stream, self.fmt, self.today = stream, fmt, today
        self.check_totals = check_totals
        self.problems: list[Problem] = []
        self.count = 0
        self.amount_kopecks = self.transfer_kopecks = self.fee_kopecks = 0
        self.totals: RegistryTotals | None = None
        self.last_line = 0
        self.last_content_line = 0  # the last line that was not blank
        self._dates: dict[str, date] = {}  # a day's registry repeats one date 100,000 times
        self._times: dict[str, time | None] = {}
        self._periods: dict[str, str | None] = {}
        self._pos = {name: i for i, name in enumerate(fmt.columns) if name != "skip"}
        self._texts = [(name, self._pos[name], limit) for name, limit in _LIMITS.items() if name in self._pos]
        self._day, self._time, self._period = (FieldPattern(fmt.date_format), FieldPattern(fmt.time_format),
                                               FieldPattern(fmt.period_format))
        self._single_byte = fmt.encoding_label != "UTF-8"

    # --- problems -----------------------------------------------------------------------------

    def problem(self, line_no: int, message: str, *, fatal: bool = False) -> None:
        self.problems.append(Problem(line_no, message))
        if fatal or len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    # --- physical lines -----------------------------------------------------------------------

    def _text_lines(self) -> Iterator[str]:
        """Decoded lines with their end of line; counts them in ``last_line``."""
        label = self.fmt.encoding_label
        while True:
            raw = self.stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            self.last_line += 1
            n = self.last_line
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                self.problem(n, f"строка длиннее {MAX_LINE_BYTES} байт: это не реестр платежей", fatal=True)
            if b"\x00" in raw:
                self.problem(n, "в строке нулевые байты: это не текстовый файл реестра", fatal=True)
            if n == 1 and raw.startswith(_BOM):
                if self._single_byte:
                    self.problem(n, f"файл в кодировке UTF-8, а формат «{self.fmt.name}» ждёт {label}",
                                 fatal=True)
                raw = raw[len(_BOM):]
            if self._single_byte and not raw.isascii() and is_utf8(raw):
                self.problem(n, f"файл в кодировке UTF-8, а формат «{self.fmt.name}» ждёт {label}", fatal=True)
            try:
                yield raw.decode(self.fmt.encoding)
            except UnicodeDecodeError:
                hint = " (возможно, windows-1251)" if label == "UTF-8" else ""
                self.problem(n, f"файл не в кодировке {label}{hint}", fatal=True)

    def lines(self) -> Iterator[RegistryLine]:
        """The good payment lines, in file order. Problems are collected, not raised."""
        fmt = self.fmt
        source = self._text_lines()
        reader = csv.reader(source, delimiter=fmt.separator, strict=True,
                            quoting=csv.QUOTE_MINIMAL if fmt.quoted else csv.QUOTE_NONE)
        seen_header = fmt.header is None
        try:
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    self.problem(self.last_line, f"строка не разбирается ({error})")
                    continue
                n = self.last_line
                if not fields or all(not f.strip() for f in fields):
                    continue  # a blank line
                self.last_content_line = n
                if not seen_header:
                    seen_header = True
                    self._header(n, fmt.separator.join(fields))
                    continue
                if self.totals is not None:
                    self.problem(n, "после итоговой строки есть ещё строки")
                    continue
                if fmt.totals is not None and fields[0].startswith(fmt.totals.prefix):
                    self._totals(n, fields)
                    continue
                line = self._line(n, fields)
                if line is not None:
                    self.count += 1
                    self.amount_kopecks += line.amount_kopecks
                    self.transfer_kopecks += line.transfer_kopecks or 0
                    self.fee_kopecks += line.fee_kopecks or 0
                    yield line
            if not self.problems:
                self._finish()
        except _Stop:
            return

    # --- header, totals -----------------------------------------------------------------------

    def _header(self, n: int, text: str) -> None:
        expected = self.fmt.header or ""
        if text.strip().lower() != expected.lower():
            self.problem(n, f"первая строка должна быть заголовком «{expected}», а в файле «{shown(text)}»",
                         fatal=True)

    def _totals(self, n: int, fields: list[str]) -> None:
        spec = self.fmt.totals
        assert spec is not None
        # The prefix either starts the first field ("=12;…") or is a field of its own ("ИТОГО;12;…").
        fields = fields[1:] if fields[0].strip() == spec.prefix else [fields[0][len(spec.prefix):], *fields[1:]]
        if len(fields) < len(spec.columns):
            self.problem(n, f"в итоговой строке {len(fields)} полей, а должно быть {len(spec.columns)}")
            return
        values = dict(zip(spec.columns, fields, strict=False))
        count = None
        if "count" in values:
            text = values["count"].strip()
            if not (text.isascii() and text.isdigit()):
                self.problem(n, f"число платежей в итоговой строке «{shown(text)}» — не число")
                return
            count = int(text)
        sums: dict[str, int | None] = {}
        for name in ("amount", "transfer", "fee"):
            sums[name] = None
            if name in values:
                sums[name] = self._sum(n, values[name], "итоговая сумма", allow_zero=True, limit=None)
                if sums[name] is None:
                    return
        order_date = None
        if values.get("order_date", "").strip():
            order_date = self._date(n, values["order_date"], future_ok=True)
        self.totals = RegistryTotals(n, count, sums["amount"], sums["transfer"], sums["fee"],
                                     values.get("order_number", "").strip()[:32], order_date)

    def _finish(self) -> None:
        if self.count == 0:
            self.problem(0, "в файле нет ни одного платежа" if self.last_line else "файл пуст")
            return
        spec = self.fmt.totals
        if spec is None or not self.check_totals:
            return
        totals = self.totals
        if totals is None:
            self.problem(self.last_content_line + 1, f"нет итоговой строки (она начинается с «{spec.prefix}»): "
                                             "файл обрезан?")
            return
        mine = (self.count, self.amount_kopecks, self.transfer_kopecks, self.fee_kopecks)
        theirs = (totals.count, totals.amount_kopecks, totals.transfer_kopecks, totals.fee_kopecks)
        if any(t is not None and t != m for m, t in zip(mine, theirs, strict=True)):
            self.problem(totals.line_no, "итоговая строка не сходится с платежами: в ней "
                         f"{payments_text(totals.count, totals.amount_kopecks)}, а в файле "
                         f"{payments_text(self.count, self.amount_kopecks)}"
                         + side_sums(mine, theirs))

    # --- one payment line ---------------------------------------------------------------------

    def _line(self, n: int, fields: list[str]) -> RegistryLine | None:
        fmt, pos = self.fmt, self._pos
        if len(fields) != len(fmt.columns):
            self.problem(n, f"ожидалось полей: {len(fmt.columns)} через «{fmt.separator}», а в строке "
                            f"{len(fields)}")
            return None
        if _CONTROL.search("".join(fields)):  # one search per line; the field is named on error only
            name = next((c for c, f in zip(fmt.columns, fields, strict=True) if _CONTROL.search(f)), "")
            self.problem(n, f"недопустимые символы в поле «{name}»")
            return None
        raw_account = fields[pos["account"]]
        account = raw_account.strip().replace(" ", "")
        if not (len(account) == 12 and account.isascii() and account.isdigit()):
            self.problem(n, f"неверный номер лицевого счёта «{shown(raw_account.strip())}»: нужно 12 цифр")
            return None
        amount = self._sum(n, fields[pos["amount"]], "сумма")
        paid_on = self._date(n, fields[pos["date"]])
        if amount is None or paid_on is None:
            return None
        transfer = fee = None
        if "transfer" in pos:
            transfer = self._sum(n, fields[pos["transfer"]], "сумма перечисления", allow_zero=True)
            if transfer is None:
                return None
        if "fee" in pos:
            fee = self._sum(n, fields[pos["fee"]], "комиссия", allow_zero=True)
            if fee is None:
                return None
        paid_time = None
        text = fields[pos["time"]].strip() if "time" in pos else ""
        if text:
            paid_time = self._times.get(text) or self._times.setdefault(text, self._time.parse_time(text))
            if paid_time is None:
                self.problem(n, f"время «{shown(text)}» не в формате {human_pattern(fmt.time_format)}")
                return None
        period = None
        text = fields[pos["period"]].strip() if "period" in pos else ""
        if text:
            period = self._periods.get(text) or self._periods.setdefault(text, self._period.parse_period(text))
            if period is None:
                self.problem(n, f"период «{shown(text)}» не в формате {human_pattern(fmt.period_format)}")
                return None
        texts = dict.fromkeys(_LIMITS, "")
        for name, index, limit in self._texts:
            value = " ".join(fields[index].split())
            if len(value) > limit:
                self.problem(n, f"поле «{name}» длиннее {limit} знаков")
                return None
            texts[name] = value
        known = {"date": paid_on, "time": paid_time, "account": account, "amount": amount, "period": period,
                 "transfer": transfer, "fee": fee}
        parts = [texts[k] if k in texts else canonical(known[k]) for k in fmt.key]
        if not all(parts):
            empty = next(k for k, v in zip(fmt.key, parts, strict=True) if not v)
            self.problem(n, f"пустое поле «{empty}»: по нему платёж отличают от других")
            return None
        if any('"' in part or "\\" in part for part in parts):
            key = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
        else:  # the same text json.dumps would give, without its cost on every line
            key = '["' + '","'.join(parts) + '"]'
        if len(key) > _KEY_LIMIT:
            self.problem(n, f"ключ платежа длиннее {_KEY_LIMIT} знаков")
            return None
        return RegistryLine(n, paid_on, paid_time, account, amount, transfer, fee, texts["payer"],
                            texts["address"], period, texts["reference"], key)

    def _sum(self, n: int, text: str, what: str, *, allow_zero: bool = False,
             limit: int | None = MAX_LINE_KOPECKS) -> int | None:
        cleaned = text.strip()
        if " " in cleaned or "\u00a0" in cleaned:
            cleaned = cleaned.replace(" ", "").replace("\u00a0", "")
        if cleaned.startswith(("-", "\u2212")):
            self.problem(n, f"{what} «{shown(text.strip())}» отрицательная")
            return None
        match = _SUM[self.fmt.decimal_mark].fullmatch(cleaned)
        if match is None:
            example = "1500" + self.fmt.decimal_mark + "00"
            self.problem(n, f"{what} «{shown(text.strip())}» — не число (пример: {example})")
            return None
        kopecks = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
        if kopecks == 0 and not allow_zero:
            self.problem(n, f"{what} равна нулю")
            return None
        if limit is not None and kopecks > limit:
            self.problem(n, f"{what} {format_rub(kopecks)} слишком велика для одного платежа")
            return None
        return kopecks

    def _date(self, n: int, text: str, *, future_ok: bool = False) -> date | None:
        day = self._dates.get(text)
        if day is None:
            day = self._day.parse_date(text.strip())
            if day is None:
                self.problem(n, f"дата «{shown(text.strip())}» не в формате {human_pattern(self.fmt.date_format)}")
                return None
            self._dates[text] = day
        if day > self.today and not future_ok:
            self.problem(n, f"дата платежа {day:%d.%m.%Y} позже сегодняшней ({self.today:%d.%m.%Y})")
            return None
        return day
