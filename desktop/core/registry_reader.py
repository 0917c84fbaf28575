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
from datetime import date, datetime, time
from typing import Protocol

from desktop.core.money import format_rub
from desktop.core.registry_format import RegistryFormat

MAX_LINE_BYTES = 4096
MAX_PROBLEMS = 20
MAX_LINE_KOPECKS = 1_000_000_000  # 10 000 000 ₽: more in one household payment is a broken line
_LIMITS = {"payer": 255, "address": 500, "reference": 100, "bank_branch": 64, "cashier": 64}
_KEY_LIMIT = 255
_SUM = {",": re.compile(r"(\d{1,10})(?:,(\d{1,2}))?"), ".": re.compile(r"(\d{1,10})(?:\.(\d{1,2}))?")}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HUMAN = (("%d", "ДД"), ("%m", "ММ"), ("%Y", "ГГГГ"), ("%H", "ЧЧ"), ("%M", "мм"), ("%S", "СС"))
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class RegistryLine:
    """One payment of a registry, checked; money in kopecks, the key as canonical text."""

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


def _shown(text: str, limit: int = 40) -> str:
    text = _CONTROL.sub("?", text)
    return text if len(text) <= limit else text[:limit] + "…"


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
        self._dates: dict[str, date] = {}  # a day's registry repeats one date 100,000 times
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
            if n == 1 and raw.startswith(_BOM):
                if self._single_byte:
                    self.problem(n, f"файл в кодировке UTF-8, а формат «{self.fmt.name}» ждёт {label}",
                                 fatal=True)
                raw = raw[len(_BOM):]
            if self._single_byte and not raw.isascii() and _is_utf8(raw):
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
            self.problem(n, f"первая строка должна быть заголовком «{expected}», а в файле «{_shown(text)}»",
                         fatal=True)

    def _totals(self, n: int, fields: list[str]) -> None:
        spec = self.fmt.totals
        assert spec is not None
        fields = [fields[0][len(spec.prefix):], *fields[1:]]
        if len(fields) < len(spec.columns):
            self.problem(n, f"в итоговой строке {len(fields)} полей, а должно быть {len(spec.columns)}")
            return
        values = dict(zip(spec.columns, fields, strict=False))
        count = None
        if "count" in values:
            text = values["count"].strip()
            if not (text.isascii() and text.isdigit()):
                self.problem(n, f"число платежей в итоговой строке «{_shown(text)}» — не число")
                return
            count = int(text)
        sums: dict[str, int | None] = {}
        for name in ("amount", "transfer", "fee"):
            sums[name] = None
            if name in values:
                sums[name] = self._sum(n, values[name], "итоговая сумма", allow_zero=True)
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
            self.problem(self.last_line + 1, f"нет итоговой строки (она начинается с «{spec.prefix}»): "
                                             "файл обрезан?")
            return
        mine = (self.count, self.amount_kopecks, self.transfer_kopecks, self.fee_kopecks)
        theirs = (totals.count, totals.amount_kopecks, totals.transfer_kopecks, totals.fee_kopecks)
        if any(t is not None and t != m for m, t in zip(mine, theirs, strict=True)):
            self.problem(totals.line_no, "итоговая строка не сходится с платежами: в ней "
                         f"{_payments(totals.count, totals.amount_kopecks)}, а в файле "
                         f"{_payments(self.count, self.amount_kopecks)}"
                         + _side_sums(mine, theirs))

    # --- one payment line ---------------------------------------------------------------------

    def _line(self, n: int, fields: list[str]) -> RegistryLine | None:
        fmt = self.fmt
        if len(fields) != len(fmt.columns):
            self.problem(n, f"ожидалось полей: {len(fmt.columns)} через «{fmt.separator}», а в строке "
                            f"{len(fields)}")
            return None
        values = dict(zip(fmt.columns, fields, strict=True))
        for name, value in values.items():
            if name != "skip" and _CONTROL.search(value.strip()):
                self.problem(n, f"недопустимые символы в поле «{name}»")
                return None
        account = values["account"].strip().replace(" ", "")
        if not (len(account) == 12 and account.isascii() and account.isdigit()):
            self.problem(n, f"неверный номер лицевого счёта «{_shown(values['account'].strip())}»: нужно 12 цифр")
            return None
        amount = self._sum(n, values["amount"], "сумма")
        paid_on = self._date(n, values["date"])
        if amount is None or paid_on is None:
            return None
        transfer = fee = None
        if "transfer" in values:
            transfer = self._sum(n, values["transfer"], "сумма перечисления", allow_zero=True)
            if transfer is None:
                return None
        if "fee" in values:
            fee = self._sum(n, values["fee"], "комиссия", allow_zero=True)
            if fee is None:
                return None
        paid_time = None
        if values.get("time", "").strip():
            moment = self._parse(n, values["time"], fmt.time_format, "время")
            if moment is None:
                return None
            paid_time = moment.time()
        period = None
        if values.get("period", "").strip():
            month = self._parse(n, values["period"], fmt.period_format, "период")
            if month is None:
                return None
            period = f"{month.year:04d}-{month.month:02d}"
        texts = {}
        for name, limit in _LIMITS.items():
            texts[name] = " ".join(values.get(name, "").split())
            if len(texts[name]) > limit:
                self.problem(n, f"поле «{name}» длиннее {limit} знаков")
                return None
        canonical = {"date": paid_on.isoformat(), "time": paid_time.isoformat() if paid_time else "",
                     "account": account, "amount": str(amount), "period": period or "",
                     "transfer": str(transfer), "fee": str(fee), **texts}
        parts = [canonical[k] for k in fmt.key]
        empty = [k for k, v in zip(fmt.key, parts, strict=True) if not v]
        if empty:
            self.problem(n, f"пустое поле «{empty[0]}»: по нему платёж отличают от других")
            return None
        key = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
        if len(key) > _KEY_LIMIT:
            self.problem(n, f"ключ платежа длиннее {_KEY_LIMIT} знаков")
            return None
        return RegistryLine(n, paid_on, paid_time, account, amount, transfer, fee, texts["payer"],
                            texts["address"], period, texts["reference"], key)

    def _sum(self, n: int, text: str, what: str, *, allow_zero: bool = False) -> int | None:
        cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
        if cleaned.startswith(("-", "\u2212")):
            self.problem(n, f"{what} «{_shown(text.strip())}» отрицательная")
            return None
        match = _SUM[self.fmt.decimal_mark].fullmatch(cleaned)
        if match is None:
            example = "1500" + self.fmt.decimal_mark + "00"
            self.problem(n, f"{what} «{_shown(text.strip())}» — не число (пример: {example})")
            return None
        kopecks = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
        if kopecks == 0 and not allow_zero:
            self.problem(n, f"{what} равна нулю")
            return None
        if kopecks > MAX_LINE_KOPECKS:
            self.problem(n, f"{what} {format_rub(kopecks)} слишком велика для одного платежа")
            return None
        return kopecks

    def _parse(self, n: int, text: str, pattern: str, what: str) -> datetime | None:
        try:
            return datetime.strptime(text.strip(), pattern)
        except ValueError:
            self.problem(n, f"{what} «{_shown(text.strip())}» не в формате {human_pattern(pattern)}")
            return None

    def _date(self, n: int, text: str, *, future_ok: bool = False) -> date | None:
        day = self._dates.get(text)
        if day is None:
            parsed = self._parse(n, text, self.fmt.date_format, "дата")
            if parsed is None:
                return None
            day = self._dates[text] = parsed.date()
        if day > self.today and not future_ok:
            self.problem(n, f"дата платежа {day:%d.%m.%Y} позже сегодняшней ({self.today:%d.%m.%Y})")
            return None
        return day


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _payments(count: int | None, kopecks: int | None) -> str:
    parts = []
    if count is not None:
        parts.append(f"{count} {plural(count, 'платёж', 'платежа', 'платежей')}")
    if kopecks is not None:
        parts.append(f"на {format_rub(kopecks)}")
    return " ".join(parts) or "—"


def _side_sums(mine: tuple[int, ...], theirs: tuple[int | None, ...]) -> str:
    notes = []
    for title, m, t in (("перечисление", mine[2], theirs[2]), ("комиссия", mine[3], theirs[3])):
        if t is not None and t != m:
            notes.append(f"{title}: в итоге {format_rub(t)}, по строкам {format_rub(m)}")
    return ("; " + "; ".join(notes)) if notes else ""
