"""`energodesk payments import FILE --format NAME` (CONTRACTS.md): lines posted, already posted, refused;
exit 2 with one line on bad input, nothing posted."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.db.models import Account, RegistryLine
from desktop.services.demo.registry_files import SamplePayment, sample_payments, write_csv, write_sber


def _accounts(db, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return list(s.scalars(select(Account.number).order_by(Account.id).limit(n)))


def _lines(db) -> int:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(RegistryLine))


def test_import_prints_posted_already_refused(capsys, db, demo_logins, database_url, tmp_path):
    accounts = _accounts(db, 3)
    lines = [*sample_payments(accounts, 4, date(2026, 12, 1)),
             SamplePayment("999999999999", 123_45, datetime(2026, 12, 1, 23, 0))]
    path = write_sber(tmp_path / "r.txt", lines)
    assert main(["payments", "import", str(path), "--format", "sber", "--database", database_url]) == 0
    out, err = capsys.readouterr()
    total = sum(p.kopecks for p in lines[:4])
    rub = f"{total // 100:,}".replace(",", "\u00a0") + f",{total % 100:02d}\u00a0₽"
    assert out.splitlines() == [f"posted: 4 ({rub})", "already posted: 0", "refused: 1 (123,45\u00a0₽)",
                                "  строка 5: л/с 999999999999, 123,45\u00a0₽ — лицевой счёт не найден"]
    assert "5 / 5 lines" in err
    assert main(["payments", "import", str(path), "--format", "sber", "--database", database_url]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[:3] == [out.splitlines()[0], "posted: 0 (0,00\u00a0₽)", "already posted: 4"]
    assert out.startswith("note: this file was imported before, on ")
    csv_path = write_csv(tmp_path / "r.csv", [SamplePayment(accounts[0], 10_00, datetime(2026, 12, 1), reference="X1")])
    assert main(["payments", "import", str(csv_path), "--format", "csv", "--database", database_url]) == 0
    assert capsys.readouterr().out.startswith("posted: 1 (10,00\u00a0₽)")


@pytest.mark.parametrize("case, message", [
    ("totals", "строка 3: итоговая строка не сходится с платежами"),
    ("encoding", "строка 1: файл в кодировке UTF-8, а формат «sber» ждёт windows-1251"),
    ("account", "строка 1: неверный номер лицевого счёта «12345»: нужно 12 цифр"),
    ("negative", "строка 2: сумма «-5,00» отрицательная"),
    ("letters", "строка 2: сумма «пять» — не число"),
    ("future", "строка 1: дата платежа 01.01.2099 позже сегодняшней"),
    ("empty", "файл пуст"),
    ("format", "Нет формата реестра «visa»; есть: csv, sber"),
    ("missing", "Файл не найден"),
    ("huge", "слишком большой (1 ГБ)"),
    ("binary", "строка 1: в строке нулевые байты: это не текстовый файл реестра"),
    ("longline", "строка 1: строка длиннее 4096 байт"),
    ("unreadable", "строка 1: файл перестал читаться (Input/output error)"),
    ("nul", "Неверное имя файла"),
    ("folder", "это папка, а нужен файл реестра"),
])
def test_bad_input_is_one_line_exit_2_and_posts_nothing(capsys, db, demo_logins, database_url, tmp_path, case,
                                                        message):
    accounts = _accounts(db, 2)
    lines = sample_payments(accounts, 2, date(2026, 12, 1))
    path = write_sber(tmp_path / "r.txt", lines)
    text = path.read_bytes().decode("cp1251")
    fmt = "sber"
    if case == "totals":
        path.write_bytes(text.replace("=2;", "=3;").encode("cp1251"))
    elif case == "encoding":
        path.write_bytes(text.encode("utf-8"))
    elif case == "account":
        path.write_bytes(text.replace(accounts[0], "12345", 1).encode("cp1251"))
    elif case in ("negative", "letters"):
        second = text.split("\r\n")[1].split(";")
        second[8] = "-5,00" if case == "negative" else "пять"
        path.write_bytes(text.replace(text.split("\r\n")[1], ";".join(second)).encode("cp1251"))
    elif case == "future":
        path.write_bytes(text.replace("01.12.2026", "01.01.2099", 1).encode("cp1251"))
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "format":
        fmt = "visa"
    elif case == "missing":
        path = tmp_path / "nothing.txt"
    elif case == "huge":
        with path.open("wb") as out:
            out.truncate(1 << 30)
    elif case == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif case == "longline":
        path.write_bytes(b"7" * 10_000)
    elif case == "unreadable":
        path = Path("/proc/self/mem")  # opens, then fails to read at its first byte (EIO)
    elif case == "nul":
        path = tmp_path / "r\x00.txt"
    elif case == "folder":
        path = tmp_path
    code = main(["payments", "import", str(path), "--format", fmt, "--database", database_url])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert _lines(db) == 0


def test_the_command_as_scripts_run_it(db, demo_logins, database_url, tmp_path):
    path = write_sber(tmp_path / "r.txt", sample_payments(_accounts(db, 2), 3, date(2026, 12, 1)))
    done = subprocess.run([sys.executable, "-m", "desktop", "payments", "import", str(path), "--format", "sber",
                           "--database", database_url], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.startswith("posted: 3 ")
    done = subprocess.run([sys.executable, "-m", "desktop", "payments", "import", str(path), "--database",
                           database_url], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and done.stderr.strip() == "energodesk: the following arguments are required: --format"
    done = subprocess.run([sys.executable, "-m", "desktop", "payments", "formats"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0
    assert [line.split("\t")[:2] for line in done.stdout.splitlines()] == [["csv", "UTF-8"], ["sber", "windows-1251"]]
