"""Sample bank registries in the shipped formats (sber, csv): for tests, benchmarks and trying the import."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.services.demo import names


@dataclass(frozen=True)
class SamplePayment:
    """One payment as a bank reports it."""

    account: str
    kopecks: int
    paid_at: datetime  # naive, the bank's local time
    payer: str = "Иванова Мария Петровна"
    address: str = "г. Самара, ул. Ленина, д. 1, кв. 1"
    period: str = "2026-11"  # YYYY-MM
    fee_kopecks: int = 0
    bank_branch: str = "6991/0001"
    cashier: str = "1"
    reference: str = ""


def _rub(kopecks: int, mark: str) -> str:
    return f"{kopecks // 100}{mark}{kopecks % 100:02d}"


def sber_lines(payments: Sequence[SamplePayment]) -> list[str]:
    return [";".join((p.paid_at.strftime("%d.%m.%Y"), p.paid_at.strftime("%H-%M-%S"), p.bank_branch, p.cashier,
                      p.account, p.payer, p.address, p.period[5:] + p.period[:4], _rub(p.kopecks, ","),
                      _rub(p.kopecks - p.fee_kopecks, ","), _rub(p.fee_kopecks, ",")))
            for p in payments]


def sber_totals(payments: Sequence[SamplePayment], order: str = "1", order_date: date | None = None) -> str:
    amount = sum(p.kopecks for p in payments)
    fee = sum(p.fee_kopecks for p in payments)
    day = order_date or (max(p.paid_at for p in payments).date() if payments else date(2026, 12, 1))
    return (f"={len(payments)};{_rub(amount, ',')};{_rub(amount - fee, ',')};{_rub(fee, ',')};{order};"
            f"{day:%d.%m.%Y}")


def write_sber(path: str | Path, payments: Sequence[SamplePayment], *, order: str = "1",
               totals: str | None = None) -> Path:
    """A windows-1251 registry with its totals line (``totals`` replaces the right one)."""
    lines = [*sber_lines(payments), totals if totals is not None else sber_totals(payments, order)]
    target = Path(path)
    target.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    return target


def write_csv(path: str | Path, payments: Iterable[SamplePayment]) -> Path:
    """A UTF-8 CSV registry with its header line (names with commas are quoted)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "account", "name", "period", "amount", "reference"])
    for p in payments:
        writer.writerow([p.paid_at.date().isoformat(), p.account, p.payer, p.period, _rub(p.kopecks, "."),
                         p.reference])
    target = Path(path)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def sample_payments(accounts: Sequence[str], count: int, day: date, seed: int = 1) -> list[SamplePayment]:
    """``count`` payments over ``accounts`` on ``day``, each with its own key (time and cashier)."""
    rnd = random.Random(seed)
    out = []
    for i in range(count):
        female = rnd.random() < 0.55
        surname = rnd.choice(names.MALE_SURNAMES)
        last = names.female_surname(surname) if female else surname
        first = rnd.choice(names.FEMALE_NAMES if female else names.MALE_NAMES)
        kopecks = rnd.randint(100, 900_000)
        seconds = i % 86_400
        out.append(SamplePayment(
            accounts[i % len(accounts)], kopecks,
            datetime(day.year, day.month, day.day, seconds // 3600, seconds // 60 % 60, seconds % 60),
            payer=f"{last} {first}", fee_kopecks=kopecks // 100, cashier=str(i // 86_400 + 1),
            reference=f"{day:%Y%m%d}-{seed}-{i:07d}"))
    return out
