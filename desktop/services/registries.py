"""Bank payment registries: the formats, a preview of a file, and the import that posts each line once.

The import reads the file once, line by line: every line and the totals are checked while the
parsed lines go to a private spool (so the file can neither change between the check and the
posting, nor sit in memory whole); a file with any problem posts nothing. Then the spool is
posted in batches, each batch one transaction with its audit event (registry_posting.py);
Cancel stops between batches, and importing the same file again posts only what is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy import select

from desktop.core.money import format_rub
from desktop.core.registry_fields import plural
from desktop.core.registry_format import RegistryFormat, RegistryFormatError, load_formats
from desktop.core.registry_reader import Problem, RegistryLine, RegistryReader, RegistryTotals
from desktop.core.table_report import Column, Kind, TableReport
from desktop.db.models import RegistryImport
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound
from desktop.services.registry_posting import RefusedLine, post_batch

FOLDER = "registry_formats"
MAX_FILE_BYTES = 256 * 1024 * 1024  # a day's registry of a big bank is a few MB
BATCH_SIZE = 2000
REFUSED_KEPT = 1000  # refused lines kept on the import row and in the result (all are counted)

ProgressFn = Callable[[int, int], bool]  # (lines done, lines in the file) -> keep going?


class RegistryFileError(InputError):
    """The file cannot be posted at all; ``problems`` lists what is wrong, line by line."""

    def __init__(self, problems: list[Problem]) -> None:
        first = str(problems[0])
        more = len(problems) - 1
        super().__init__(first + (f" (и ещё {more} {plural(more, 'ошибка', 'ошибки', 'ошибок')})"
                                  if more else ""), field="file")
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: lines posted, already posted before, refused (with line numbers)."""

    import_id: int
    format: str
    file_name: str
    lines: int
    posted: int
    posted_kopecks: int
    already_posted: int
    refused_count: int
    refused_kopecks: int
    refused: tuple[RefusedLine, ...]  # the first REFUSED_KEPT
    cancelled: bool
    imported_before: datetime | None = None  # the same file (by SHA-256) was imported then (company time)

    def summary(self) -> str:
        state = "Загрузка прервана" if self.cancelled else "Реестр загружен"
        if self.imported_before is not None:
            state = f"Этот файл уже загружали {self.imported_before:%d.%m.%Y %H:%M}. {state}"
        text = (f"{state}: проведено {self.posted} на {format_rub(self.posted_kopecks)}, уже были проведены "
                f"{self.already_posted}, отклонено {self.refused_count}")
        if self.cancelled:
            rest = self.lines - self.posted - self.already_posted - self.refused_count
            text += f"; не обработано {rest}: загрузите файл ещё раз, проведённое не повторится"
        return text


@dataclass(frozen=True)
class RegistryPreview:
    """The first lines of a file as they will be posted, and the problems found in them."""

    format: RegistryFormat
    lines: tuple[RegistryLine, ...]
    problems: tuple[str, ...]
    size_bytes: int

    def table(self) -> TableReport:
        columns = (Column("Строка", Kind.INTEGER), Column("Дата", Kind.DATE), Column("Лицевой счёт"),
                   Column("Плательщик"), Column("Адрес"), Column("Период"), Column("Сумма", Kind.MONEY))
        rows = tuple((line.line_no, line.paid_on, line.account, line.payer, line.address, line.period or "",
                      line.amount_kopecks) for line in self.lines)
        return TableReport("Первые строки реестра", self.format.title, columns, rows)


# --- formats ---------------------------------------------------------------------------------


def registry_formats() -> dict[str, RegistryFormat]:
    """The shipped formats, and the desk's own descriptions (they may replace a shipped one)."""
    from desktop.paths import config_dir, resources_dir

    try:
        return load_formats(resources_dir() / FOLDER, config_dir() / FOLDER)
    except RegistryFormatError as error:
        raise InputError(f"Описание формата реестра с ошибкой: {error}", field="format") from None


def get_format(name: str) -> RegistryFormat:
    known = registry_formats()
    fmt = known.get((name or "").strip().lower())
    if fmt is None:
        raise InputError(f"Нет формата реестра «{(name or '')[:40]}»; есть: {', '.join(sorted(known))}",
                         field="format")
    return fmt


# --- reading the file ------------------------------------------------------------------------


class _Hashing:
    """Passes lines through and hashes them: the import records which exact file it posted."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def readline(self, size: int = -1, /) -> bytes:
        try:
            data = self.raw.readline(size)
        except OSError as error:
            raise _Unreadable(error) from error
        self.sha256.update(data)
        return data


class _Unreadable(Exception):
    """The file could not be read any further (not a problem of its contents)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


def _open(path: str | Path) -> tuple[IO[bytes], int]:
    target = Path(path)
    try:
        if target.is_dir():
            raise InputError(f"{target.name} — это папка, а нужен файл реестра", field="file")
        stream = target.open("rb")
        size = os.fstat(stream.fileno()).st_size
    except FileNotFoundError:
        raise InputError(f"Файл не найден: {str(target)[:200]}", field="file") from None
    except OSError as error:
        raise InputError(f"Файл не открывается: {error.strerror or error}", field="file") from None
    except ValueError:  # a NUL character in the name
        raise InputError("Неверное имя файла", field="file") from None
    if size > MAX_FILE_BYTES:
        stream.close()
        raise InputError(f"Файл {target.name} слишком большой ({_size(size)}): реестр банка не бывает "
                         f"больше {_size(MAX_FILE_BYTES)}. Проверьте, тот ли это файл.", field="file")
    return stream, size


def _size(n: int) -> str:
    for unit, scale in (("ГБ", 1 << 30), ("МБ", 1 << 20), ("КБ", 1 << 10)):
        if n >= scale:
            text = f"{n / scale:.1f}".removesuffix(".0").replace(".", ",")
            return f"{text} {unit}"
    return f"{n} байт"


@contextmanager
def _read_errors(reader: RegistryReader) -> Iterator[None]:
    """A file that stops being readable (a USB stick pulled out, a share gone) is a clear message."""
    try:
        yield
    except _Unreadable as error:
        raise InputError(f"строка {reader.last_line + 1}: файл перестал читаться ({error})",
                         field="file") from None


def preview_registry(ctx: ServiceContext, path: str | Path, format_name: str, limit: int = 20) -> RegistryPreview:
    """The first ``limit`` payment lines as the import reads them (the totals are not checked here)."""
    fmt = get_format(format_name)
    stream, size = _open(path)
    with stream:
        reader = RegistryReader(_Hashing(stream), fmt, ctx.today(), check_totals=False)
        lines: list[RegistryLine] = []
        with _read_errors(reader):
            for line in reader.lines():
                lines.append(line)
                if len(lines) >= limit:
                    break
        problems = [str(p) for p in reader.problems if p.line_no != 0 or not lines]
    return RegistryPreview(fmt, tuple(lines), tuple(problems), size)


@dataclass
class _Checked:
    spool: IO[bytes]
    count: int
    amount_kopecks: int
    totals: RegistryTotals | None
    sha256: str

    def batches(self) -> Iterator[list[RegistryLine]]:
        self.spool.seek(0)
        while True:
            try:
                yield pickle.load(self.spool)  # our own spool, written just now
            except EOFError:
                return


def _check(stream: IO[bytes], fmt: RegistryFormat, ctx: ServiceContext, batch_size: int) -> _Checked:
    """Read and check the whole file, spooling the parsed lines in batches; raise on any problem."""
    hashing = _Hashing(stream)
    reader = RegistryReader(hashing, fmt, ctx.today())
    spool: IO[bytes] | None = None
    batch: list[RegistryLine] = []
    try:
        spool = tempfile.TemporaryFile(prefix="energodesk-registry-")  # noqa: SIM115 - the caller closes it
        with _read_errors(reader):
            for line in reader.lines():
                batch.append(line)
                if len(batch) >= batch_size:
                    pickle.dump(batch, spool, protocol=pickle.HIGHEST_PROTOCOL)
                    batch = []
        if batch:
            pickle.dump(batch, spool, protocol=pickle.HIGHEST_PROTOCOL)
        if reader.problems:
            raise RegistryFileError(reader.problems)
    except OSError as error:  # the spool: a full or missing temporary folder
        if spool is not None:
            spool.close()
        raise InputError(f"Не удалось записать временный файл: {error.strerror or error}") from None
    except BaseException:
        if spool is not None:
            spool.close()
        raise
    return _Checked(spool, reader.count, reader.amount_kopecks, reader.totals, hashing.sha256.hexdigest())


# --- the import ------------------------------------------------------------------------------


def _refuse_file(ctx: ServiceContext, fmt: RegistryFormat, name: str, error: RegistryFileError) -> None:
    with ctx.transaction() as s:
        audit.record(s, ctx, "registry.rejected", entity="registry_import", format=fmt.name, file=name,
                     problems=[str(p) for p in error.problems[:5]])


def _start(ctx: ServiceContext, fmt: RegistryFormat, name: str, checked: _Checked) -> tuple[int, datetime | None]:
    with ctx.transaction() as s:
        before = s.scalar(select(RegistryImport.started_at).where(
            RegistryImport.file_sha256 == checked.sha256, RegistryImport.bank == fmt.bank)
            .order_by(RegistryImport.id).limit(1))
        totals = checked.totals
        row = RegistryImport(
            bank=fmt.bank, format=fmt.name, file_name=name[:255], file_sha256=checked.sha256,
            order_number=totals.order_number if totals else "", order_date=totals.order_date if totals else None,
            lines_total=checked.count, amount_total_kopecks=checked.amount_kopecks, state="running",
            operator_id=ctx.actor.operator_id, started_at=ctx.clock(),
        )
        s.add(row)
        s.flush()
        audit.record(s, ctx, "registry.import.start", entity="registry_import", entity_id=row.id,
                     format=fmt.name, file=name, sha256=checked.sha256, lines=checked.count,
                     amount_kopecks=checked.amount_kopecks, repeated=before is not None)
        return row.id, before


def import_registry(ctx: ServiceContext, path: str | Path, format_name: str,
                    progress: ProgressFn | None = None, batch_size: int = BATCH_SIZE) -> ImportResult:
    """Post a bank registry: every line once, ever; nothing from a file with any problem.

    Seniors and administrators only. Lines for unknown or closed accounts are refused and listed
    with their line numbers; lines posted before (by any import) are counted, not posted again.
    ``progress(done, total)`` returning False stops after the current batch.
    """
    ctx.require("senior")
    fmt = get_format(format_name)
    name = Path(path).name
    stream, _ = _open(path)
    try:
        with stream:
            checked = _check(stream, fmt, ctx, batch_size)
    except RegistryFileError as error:
        _refuse_file(ctx, fmt, name, error)
        raise
    with checked.spool:
        import_id, before = _start(ctx, fmt, name, checked)
        posted = posted_kopecks = already = refused_count = refused_kopecks = done = 0
        refused: list[RefusedLine] = []
        cancelled = False
        for batch in checked.batches():
            outcome = post_batch(ctx, import_id, fmt, batch)
            posted += outcome.posted
            posted_kopecks += outcome.posted_kopecks
            already += outcome.already_posted
            refused_count += len(outcome.refused)
            refused_kopecks += sum(r.amount_kopecks for r in outcome.refused)
            refused.extend(outcome.refused[: max(0, REFUSED_KEPT - len(refused))])
            done += len(batch)
            if progress is not None and not progress(done, checked.count) and done < checked.count:
                cancelled = True
                break
    with ctx.transaction() as s:
        row = s.get(RegistryImport, import_id)
        if row is None:
            raise NotFound("Запись о загрузке реестра пропала")
        row.state = "cancelled" if cancelled else "done"
        row.finished_at = ctx.clock()
        row.refused = json.dumps([r.as_json() for r in refused], ensure_ascii=False)
        audit.record(s, ctx, "registry.import", entity="registry_import", entity_id=import_id, format=fmt.name,
                     file=name, state=row.state, posted=posted, posted_kopecks=posted_kopecks,
                     already_posted=already, refused=refused_count)
    return ImportResult(import_id, fmt.name, name, checked.count, posted, posted_kopecks, already, refused_count,
                        refused_kopecks, tuple(refused), cancelled,
                        before.astimezone(ctx.zone()) if before is not None else None)
