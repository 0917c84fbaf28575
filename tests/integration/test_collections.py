"""Collections and debtors on SQLite and PostgreSQL: the report's totals equal the shifts' Z-reports and
the imported registries; company days; the card's «долг старше» rule; XLSX and CSV read back typed."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from cash_helpers import Clock
from openpyxl import load_workbook
from sqlalchemy import select, update

from desktop.db.models import Account
from desktop.services import payments, registries, shifts
from desktop.services.accounts import account_card
from desktop.services.collections import CHANNELS, collections, offset_pieces
from desktop.services.context import ServiceContext
from desktop.services.debtors import debtors, debtors_report
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.demo.registry_files import SamplePayment, write_sber
from desktop.services.errors import InputError, NotFound, PermissionDenied
from desktop.services.export import write_report
from desktop.services.operators import authenticate

DAY1 = date(2026, 12, 15)
CARD = {"card_last4": "5678", "card_rrn": "612345678901", "card_auth_code": "A1B2C3"}


def _desk(db, login: str, clock: Clock, desk: str) -> ServiceContext:  # type: ignore[no-untyped-def]
    base = ServiceContext(db.sessions)
    return ServiceContext(db.sessions, authenticate(base, login, DEMO_PASSWORD), clock=clock, desk=desk)


def _accounts(ctx: ServiceContext, n: int) -> list[str]:
    with ctx.read() as s:
        return list(s.scalars(select(Account.number).where(Account.closed_on.is_(None)).order_by(Account.id).limit(n)))


@pytest.fixture
def two_days(db, demo_logins, tmp_path):  # type: ignore[no-untyped-def]
    """Three desks in two branches over two days, a reversal, closed shifts, and a bank registry."""
    clock = Clock(datetime(2026, 12, 15, 5, 0, tzinfo=UTC))  # 09:00 in Samara
    sam1, sam2 = _desk(db, "sam.op1", clock, "Касса 1"), _desk(db, "sam.op2", clock, "Касса 2")
    syz1 = _desk(db, "syz.op1", clock, "Касса 1")
    senior = _desk(db, "sam.senior", clock, "")
    acc = _accounts(senior, 5)
    for ctx in (sam1, sam2, syz1):
        shifts.open_shift(ctx, 50_00)
    key = iter(f"collections-test-{i:04d}" for i in range(100))
    payments.post_payment(sam1, acc[0], 1000_00, "cash", idempotency_key=next(key), tendered_kopecks=1000_00)
    payments.post_payment(sam1, acc[1], 500_00, "card", idempotency_key=next(key), **CARD)
    wrong = payments.post_payment(sam1, acc[2], 300_00, "cash", idempotency_key=next(key))
    payments.reverse_payment(sam1, wrong.id, "не тот счёт", "sam.senior", DEMO_PASSWORD)
    payments.post_payment(sam2, acc[3], 200_00, "cash", idempotency_key=next(key))
    payments.post_payment(syz1, acc[4], 700_00, "card", idempotency_key=next(key), **CARD)
    registry = write_sber(tmp_path / "r1.txt", [SamplePayment(acc[0], 1500_00, datetime(2026, 12, 14, 18)),
                                                 SamplePayment(acc[1], 250_50, datetime(2026, 12, 14, 19)),
                                                 SamplePayment("999999999999", 99_00, datetime(2026, 12, 14, 19))])
    first = registries.import_registry(senior, registry, "sber")
    clock.advance(days=1)
    payments.post_payment(syz1, acc[4], 100_00, "cash", idempotency_key=next(key))
    second = registries.import_registry(senior, write_sber(tmp_path / "r2.txt", [
        SamplePayment(acc[2], 75_25, datetime(2026, 12, 15, 12))]), "sber")
    z_reports = {}
    for name, ctx in (("SAM · Касса 1", sam1), ("SAM · Касса 2", sam2), ("SYZ · Касса 1", syz1)):
        x = shifts.x_report(ctx)
        z_reports[name] = shifts.close_shift(ctx, x.expected_cash_kopecks)
    return senior, z_reports, [first, second]


def _net(z, channel: str) -> int:  # type: ignore[no-untyped-def]
    return getattr(z, f"{channel}_payments_kopecks") - getattr(z, f"{channel}_refunds_kopecks")


def test_report_totals_equal_the_z_reports_and_the_registries(two_days):
    senior, z_reports, imports = two_days
    found = collections(senior, DAY1, DAY1 + timedelta(days=1))
    for channel in ("cash", "card"):
        assert found.total(channel) == sum(_net(z, channel) for z in z_reports.values())
    assert found.total("bank") == sum(r.posted_kopecks for r in imports) == 1500_00 + 250_50 + 75_25
    assert found.total("online") == 0

    by_desk = {row[0]: row for row in found.report("desk").rows}
    for name, z in z_reports.items():
        # Наличные, Карта columns of the desk's row are its Z-report, reversal subtracted.
        assert by_desk[name][1:3] == (_net(z, "cash"), _net(z, "card"))
    assert by_desk["без кассы (банк, онлайн)"][3] == found.total("bank")
    assert by_desk["SAM · Касса 1"][1] == 1000_00  # 1000 + 300 − 300

    report = found.report("day")
    assert [row[0] for row in report.rows] == [DAY1, DAY1 + timedelta(days=1)]
    assert report.rows[1][1:5] == (100_00, 0, 75_25, 0)
    totals = report.totals
    assert totals is not None and totals[0] == "Итого"
    for column in range(1, 7):
        assert totals[column] == sum(row[column] for row in report.rows)  # type: ignore[misc]
    assert totals[5] == found.total() and totals[6] == 9  # payments counted; the reversal is not

    branches = {row[0]: row[5] for row in found.report("branch").rows}
    assert sum(branches.values()) == found.total()
    assert branches["SYZ — Сызранское отделение"] == 800_00
    operators = {row[0]: row[5] for row in found.report("operator").rows}
    assert len(operators) == 4 and operators["без оператора (банк, онлайн)"] == found.total("bank")
    channels = found.report("channel")
    assert [row[0] for row in channels.rows] == ["Наличные", "Карта", "Банк", "Онлайн"]
    assert channels.totals == ("Итого", 9, found.total())
    daily = found.daily()
    assert [sum(sums.values()) for _, sums in daily] == [row[5] for row in report.rows]
    assert set(daily[0][1]) == set(CHANNELS)


def test_days_are_company_days(db, demo_logins):
    clock = Clock(datetime(2026, 12, 15, 19, 59, tzinfo=UTC))  # 23:59 in Samara
    desk = _desk(db, "sam.op1", clock, "Касса 1")
    senior = _desk(db, "sam.senior", clock, "")
    number = _accounts(senior, 1)[0]
    shifts.open_shift(desk, 0)
    payments.post_payment(desk, number, 111_00, "cash", idempotency_key="late-evening-0001")
    clock.advance(minutes=2)  # 00:01 on the 16th in Samara, still the 15th in UTC
    payments.post_payment(desk, number, 222_00, "cash", idempotency_key="after-midnight-01")
    rows = collections(senior, DAY1, DAY1 + timedelta(days=1)).report("day").rows
    assert [(row[0], row[1]) for row in rows] == [(DAY1, 111_00), (DAY1 + timedelta(days=1), 222_00)]
    assert collections(senior, DAY1, DAY1).total() == 111_00


def test_offset_pieces_follow_summer_time():
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    end = datetime(2026, 3, 30, 22, 0, tzinfo=UTC)
    assert offset_pieces(start, end, berlin) == [
        (start, datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 60), (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), end, 120)]
    samara = ZoneInfo("Europe/Samara")
    assert offset_pieces(start, end, samara) == [(start, end, 240)]


def test_bad_ranges_and_roles(db, demo_logins, operator_ctx):
    senior = _desk(db, "sam.senior", Clock(), "")
    with pytest.raises(InputError, match="Начало периода позже конца"):
        collections(senior, DAY1, DAY1 - timedelta(days=1))
    with pytest.raises(InputError, match="не больше двух лет"):
        collections(senior, date(2023, 1, 1), DAY1)
    with pytest.raises(PermissionDenied):
        collections(operator_ctx, DAY1, DAY1)
    with pytest.raises(PermissionDenied):
        debtors(operator_ctx, 2)
    with pytest.raises(InputError, match="от 1 до 36"):
        debtors(senior, 0)
    with pytest.raises(NotFound, match="Нет отделения с кодом XXX"):
        debtors(senior, 2, "XXX")


def test_debtors_follow_the_cards_rule(db, demo_logins):
    senior = _desk(db, "sam.senior", Clock(), "")
    with senior.read() as s:
        numbers = list(s.scalars(select(Account.number)))
    # Make some debts older: the demo has few debtors at 60 customers.
    with senior.transaction() as s:
        s.execute(update(Account).where(Account.number.in_(numbers[:10]))
                  .values(balance_kopecks=Account.balance_kopecks - 5_000_00))
    cards = {n: account_card(senior, n) for n in numbers}
    two = debtors(senior, 2)
    assert {d.account for d in two} == {n for n, card in cards.items() if card.old_debt}
    assert len(two) >= 10
    for d in two:
        assert d.debt_kopecks == -cards[d.account].balance_kopecks > d.recent_charges_kopecks
    assert [(d.branch, -d.debt_kopecks) for d in two] == sorted((d.branch, -d.debt_kopecks) for d in two)
    one, six = {d.account for d in debtors(senior, 1)}, {d.account for d in debtors(senior, 6)}
    assert six <= {d.account for d in two} <= one
    syz = debtors(senior, 2, "syz")
    assert syz == [d for d in two if d.branch == "SYZ"]


def test_reports_exported_to_xlsx_and_csv_read_back_typed(two_days, tmp_path):
    senior, _, _ = two_days
    report = collections(senior, DAY1, DAY1 + timedelta(days=1)).report("day")
    assert write_report(tmp_path / "days.xlsx", report) == 3
    sheet = load_workbook(tmp_path / "days.xlsx").active
    assert [c.value for c in sheet[1]] == [c.title for c in report.columns]
    first = sheet[2]
    assert first[0].is_date and first[0].value.date() == DAY1
    assert first[1].data_type == "n" and Decimal(str(first[1].value)) == Decimal(report.rows[0][1]) / 100
    assert "₽" in first[1].number_format and first[6].data_type == "n" and first[6].value == report.rows[0][6]
    last = sheet[4]
    assert last[0].value == "Итого" and Decimal(str(last[5].value)) == Decimal(report.totals[5]) / 100

    with senior.transaction() as s:
        s.execute(update(Account).where(Account.id <= 5).values(balance_kopecks=-10_000_00))
    owed = debtors_report(debtors(senior, 2), 2, None, DAY1)
    assert write_report(tmp_path / "debtors.csv", owed) == len(owed.rows) + 1
    rows = list(csv.reader((tmp_path / "debtors.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:5] == ["Отделение", "Лицевой счёт", "ФИО", "Адрес", "Долг"]
    assert rows[1][1] == owed.rows[0][1] and len(rows[1][1]) == 12  # the number keeps its zeros
    assert rows[1][4] == f"{Decimal(owed.rows[0][4]) / 100:.2f}".replace(".", ",")
    assert rows[-1][0] == "Итого"
    write_report(tmp_path / "debtors.xlsx", owed)
    money = load_workbook(tmp_path / "debtors.xlsx").active.cell(row=2, column=5)
    assert money.data_type == "n" and "₽" in money.number_format
    with pytest.raises(InputError, match=r"\.xlsx или \.csv"):
        write_report(tmp_path / "debtors.pdf", owed)
