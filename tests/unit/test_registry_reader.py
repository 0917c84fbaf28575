"""The registry reader and the format descriptions: every line and the totals checked, line numbers
in every message, the file read line by line (never whole)."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import pytest

from desktop.core.registry_format import RegistryFormatError, format_from_mapping, load_formats
from desktop.core.registry_reader import MAX_LINE_BYTES, MAX_PROBLEMS, RegistryReader
from desktop.services.demo.registry_files import SamplePayment, sber_lines, sber_totals

FORMATS = load_formats(Path(__file__).resolve().parents[2] / "resources" / "registry_formats")
SBER, CSV = FORMATS["sber"], FORMATS["csv"]
TODAY = date(2026, 12, 2)
PAYMENTS = [
    SamplePayment("012345678901", 150_000, datetime(2026, 12, 1, 10, 11, 12), fee_kopecks=1_500),
    SamplePayment("000000000007", 98_765, datetime(2026, 12, 1, 17, 0, 5), payer="Пётр Ёлкин", fee_kopecks=988),
]


def read(data: bytes, fmt=SBER, **kwargs):  # type: ignore[no-untyped-def]
    reader = RegistryReader(io.BytesIO(data), fmt, TODAY, **kwargs)
    return list(reader.lines()), [str(p) for p in reader.problems], reader


def sber(lines: list[str], totals: str | None = None, encoding: str = "cp1251") -> bytes:
    return ("\r\n".join([*lines, totals if totals is not None else sber_totals(PAYMENTS)]) + "\r\n").encode(encoding)


def test_shipped_formats_are_the_contract():
    assert set(FORMATS) >= {"sber", "csv"}
    assert SBER.encoding_label == "windows-1251" and SBER.separator == ";" and SBER.totals is not None
    assert SBER.key == ("date", "time", "bank_branch", "cashier", "account")
    assert CSV.encoding_label == "UTF-8" and CSV.header == "date,account,name,period,amount,reference"
    assert CSV.key == ("reference",) and CSV.totals is None


def test_a_good_sber_registry():
    lines, problems, reader = read(sber(sber_lines(PAYMENTS)))
    assert problems == []
    first, second = lines
    assert ((first.line_no, first.account, first.amount_kopecks, first.fee_kopecks)
            == (1, "012345678901", 150_000, 1_500))
    assert first.paid_on == date(2026, 12, 1) and first.paid_time == time(10, 11, 12)
    assert first.period == "2026-11" and first.transfer_kopecks == 148_500
    assert first.key == '["2026-12-01","10:11:12","6991/0001","1","012345678901"]'
    assert second.payer == "Пётр Ёлкин" and second.account == "000000000007"  # leading zeros kept
    assert reader.count == 2 and reader.amount_kopecks == 248_765
    assert reader.totals is not None and reader.totals.order_number == "1"


def test_a_good_csv_registry_with_quotes_and_bom():
    text = ("\ufeffdate,account,name,period,amount,reference\n"
            '2026-12-01,012345678901,"Иванов, Иван",2026-11,1234.5,A-1\n'
            "\n"
            "2026-11-30,000000000007,Петров,,10,A-2\n")
    lines, problems, _ = read(text.encode("utf-8"), CSV)
    assert problems == []
    assert [(x.line_no, x.payer, x.amount_kopecks, x.period, x.key) for x in lines] == [
        (2, "Иванов, Иван", 123_450, "2026-11", '["A-1"]'), (4, "Петров", 1_000, None, '["A-2"]')]


@pytest.mark.parametrize("change, expected", [
    (lambda f: f.__setitem__(4, "01234567890"), "строка 1: неверный номер лицевого счёта «01234567890»"),
    (lambda f: f.__setitem__(4, "01234567890A"), "строка 1: неверный номер лицевого счёта"),
    (lambda f: f.__setitem__(8, "-1500,00"), "строка 1: сумма «-1500,00» отрицательная"),
    (lambda f: f.__setitem__(8, "полторы тысячи"), "строка 1: сумма «полторы тысячи» — не число (пример: 1500,00)"),
    (lambda f: f.__setitem__(8, "1500.00"), "строка 1: сумма «1500.00» — не число"),
    (lambda f: f.__setitem__(8, "0,00"), "строка 1: сумма равна нулю"),
    (lambda f: f.__setitem__(8, "9999999999999999,00"), "строка 1: сумма «9999999999999999,00» — не число"),
    (lambda f: f.__setitem__(8, "20000000,00"), "строка 1: сумма 20\u00a0000\u00a0000,00\u00a0₽ слишком велика"),
    (lambda f: f.__setitem__(0, "03.12.2026"), "строка 1: дата платежа 03.12.2026 позже сегодняшней (02.12.2026)"),
    (lambda f: f.__setitem__(0, "2026-12-01"), "строка 1: дата «2026-12-01» не в формате ДД.ММ.ГГГГ"),
    (lambda f: f.__setitem__(1, "25-61-00"), "строка 1: время «25-61-00» не в формате ЧЧ-мм-СС"),
    (lambda f: f.__setitem__(7, "132026"), "строка 1: период «132026» не в формате ММГГГГ"),
    (lambda f: f.__setitem__(5, "Иванов\x07Иван"), "строка 1: недопустимые символы в поле «payer»"),
    (lambda f: f.__setitem__(3, ""), "строка 1: пустое поле «cashier»"),
    (lambda f: f.pop(), "строка 1: ожидалось полей: 11 через «;», а в строке 10"),
])
def test_a_bad_line_is_named_by_its_number(change, expected):
    fields = sber_lines(PAYMENTS)[0].split(";")
    change(fields)
    lines, problems, _ = read(sber([";".join(fields), sber_lines(PAYMENTS)[1]]))
    assert problems and problems[0].startswith(expected), problems
    assert [x.line_no for x in lines] == [2]  # the good line is read, but the file has a problem


@pytest.mark.parametrize("totals, expected", [
    ("=2;2487,65;2462,77;24,88;1;02.12.2026", None),
    ("=2;2487,65;2462,77;24,88;1;02.12.2026".replace("2487,65", "99999999,00"),
     "в ней 2 платежа на 99\u00a0999\u00a0999,00"),
    ("=3;2487,65;2462,77;24,88;1;02.12.2026", ("строка 3: итоговая строка не сходится с платежами: в ней 3 платежа "
                                              "на 2\u00a0487,65\u00a0₽, а в файле 2 платежа на 2\u00a0487,65\u00a0₽")),
    ("=2;2487,66;2462,77;24,88;1;02.12.2026", "строка 3: итоговая строка не сходится"),
    ("=2;2487,65;2462,77;24,00;1;02.12.2026", "комиссия: в итоге 24,00\u00a0₽, по строкам 24,88\u00a0₽"),
    ("=2;2487,65;2400,00;24,88;1;02.12.2026", "перечисление: в итоге 2\u00a0400,00\u00a0₽"),
    ("=два;2487,65;2462,77;24,88;1;02.12.2026", "строка 3: число платежей в итоговой строке «два» — не число"),
    ("=2;2487,65", "строка 3: в итоговой строке 2 полей, а должно быть 6"),
    ("", "строка 3: нет итоговой строки (она начинается с «=»): файл обрезан?"),
])
def test_the_totals_line_must_match(totals, expected):
    _, problems, _ = read(sber(sber_lines(PAYMENTS), totals))
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems


def test_lines_after_the_totals_are_refused():
    data = sber([*sber_lines(PAYMENTS), sber_totals(PAYMENTS), sber_lines(PAYMENTS)[0]], totals="")
    _, problems, _ = read(data)
    assert problems == ["строка 4: после итоговой строки есть ещё строки"]


def test_wrong_encodings_both_ways():
    _, problems, _ = read(sber(sber_lines(PAYMENTS), encoding="utf-8"))
    assert problems == ["строка 1: файл в кодировке UTF-8, а формат «sber» ждёт windows-1251"]
    _, problems, _ = read(b"\xef\xbb\xbf" + sber(sber_lines(PAYMENTS)))
    assert problems == ["строка 1: файл в кодировке UTF-8, а формат «sber» ждёт windows-1251"]
    csv = "date,account,name,period,amount,reference\n2026-12-01,012345678901,Иванов,2026-11,10.00,A-1\n"
    _, problems, _ = read(csv.encode("cp1251"), CSV)
    assert problems == ["строка 2: файл не в кодировке UTF-8 (возможно, windows-1251)"]


def test_empty_files_and_headers():
    assert read(b"")[1] == ["файл пуст"]
    assert read(b"\r\n\r\n")[1] == ["в файле нет ни одного платежа"]
    assert read(b"date,account,name,period,amount,reference\n", CSV)[1] == ["в файле нет ни одного платежа"]
    problems = read(b"account,date\n2026-12-01,012345678901\n", CSV)[1]
    assert problems == [("строка 1: первая строка должна быть заголовком «date,account,name,period,amount,reference», "
                        "а в файле «account,date»")]


class EndlessLine(io.RawIOBase):
    """1 GB of one line without a newline, produced on demand: the reader must not ask for it all."""

    def __init__(self) -> None:
        self.given = 0
        self.largest = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int = -1) -> bytes:  # type: ignore[override]
        assert size > 0, "the reader asked for a whole line of unlimited length"
        self.largest = max(self.largest, size)
        self.given += size
        return b"7" * size


def test_a_huge_line_stops_the_reader_without_reading_it():
    stream = EndlessLine()
    reader = RegistryReader(stream, SBER, TODAY)
    assert list(reader.lines()) == []
    assert [str(p) for p in reader.problems] == [
        f"строка 1: строка длиннее {MAX_LINE_BYTES} байт: это не реестр платежей"]
    assert stream.given <= MAX_LINE_BYTES + 1


def test_binary_data_is_not_a_registry():
    _, problems, _ = read(b"01.12.2026;\x00\x01\x02\n" * 10)
    assert problems == ["строка 1: в строке нулевые байты: это не текстовый файл реестра"]


def test_junk_stops_after_a_few_problems():
    junk = b"".join(b"%d;junk\n" % i for i in range(100_000))
    stream = io.BytesIO(junk)
    reader = RegistryReader(stream, SBER, TODAY)
    assert list(reader.lines()) == []
    assert len(reader.problems) == MAX_PROBLEMS
    assert stream.tell() < 1000  # it stopped reading at the 20th line


def test_preview_mode_ignores_the_totals():
    _, problems, _ = read(sber(sber_lines(PAYMENTS), ""), check_totals=False)
    assert problems == []


@pytest.mark.parametrize("change, message", [
    ({"encoding": "klingon"}, "неизвестная кодировка «klingon»"),
    ({"columns": ["date", "amount"]}, "нет обязательных полей: account"),
    ({"columns": ["date", "account", "amount", "colour"]}, "неизвестные поля в «columns»: colour"),
    ({"key": ["reference"]}, "поля ключа «key» должны быть среди «columns»"),
    ({"separator": ";;"}, "разделитель полей — один знак"),
    ({"decimal_mark": "'"}, "«decimal_mark» — точка или запятая"),
    ({"date_format": "DD.MM.YYYY"}, "шаблон «date_format» без кодов strptime"),
    ({"channel": "post"}, "«channel» — bank или online"),
    ({"name": "сбер"}, "имя формата — латинские буквы"),
])
def test_a_broken_description_says_what_is_wrong(change, message):
    data = {"name": "x", "bank": "x", "encoding": "utf-8", "separator": ";", "columns": ["date", "account", "amount"],
            "key": ["date", "account"], **change}
    with pytest.raises(RegistryFormatError, match=message):
        format_from_mapping(data, "x.toml")


def test_a_new_bank_is_a_new_description(tmp_path):
    (tmp_path / "vtb.toml").write_text(
        'name = "vtb"\nbank = "vtb"\nchannel = "online"\nencoding = "utf-8"\nseparator = "\\t"\n'
        'columns = ["reference", "account", "skip", "amount", "date"]\nkey = ["reference"]\n'
        'date_format = "%Y%m%d"\ndecimal_mark = ","\n'
        '[totals]\nprefix = "ИТОГО"\ncolumns = ["count", "amount"]\n', encoding="utf-8")
    fmt = load_formats(tmp_path)["vtb"]
    text = "R1\t012345678901\tx\t15,5\t20261201\nR2\t000000000007\ty\t100\t20261130\nИТОГО\t2\t115,50\n"
    lines, problems, _ = read(text.encode(), fmt)
    assert problems == []
    assert [(x.key, x.amount_kopecks, x.paid_on) for x in lines] == [
        ('["R1"]', 1_550, date(2026, 12, 1)), ('["R2"]', 10_000, date(2026, 11, 30))]
