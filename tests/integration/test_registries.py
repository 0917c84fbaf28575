"""Bank registries on SQLite and PostgreSQL: each line posted once, ever; a file with any problem posts
nothing; registry money in balances, the card and the history, never in a desk's shift."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from cash_helpers import Clock, with_clock
from sqlalchemy import func, select, update

from desktop.db.models import Account, AuditEvent, Payment, RegistryImport, RegistryLine
from desktop.services import payments, registries, shifts
from desktop.services.accounts import account_card
from desktop.services.context import ServiceContext
from desktop.services.demo.registry_files import SamplePayment, sample_payments, write_csv, write_sber
from desktop.services.errors import InputError, PermissionDenied
from desktop.services.registries import RegistryFileError

NOON = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # 13:00 in Samara


@pytest.fixture
def senior(senior_ctx: ServiceContext) -> ServiceContext:
    return with_clock(senior_ctx, Clock(NOON))


def open_accounts(ctx: ServiceContext, n: int) -> list[str]:
    with ctx.read() as s:
        return list(s.scalars(select(Account.number).where(Account.closed_on.is_(None))
                              .order_by(Account.id).limit(n)))


def balances(ctx: ServiceContext, numbers: list[str]) -> dict[str, int]:
    with ctx.read() as s:
        return dict(s.execute(select(Account.number, Account.balance_kopecks)
                              .where(Account.number.in_(numbers))).all())


def counts(ctx: ServiceContext) -> tuple[int, int, int]:
    """Payments, registry lines, and the sum of every balance."""
    with ctx.read() as s:
        return (s.scalar(select(func.count()).select_from(Payment)),
                s.scalar(select(func.count()).select_from(RegistryLine)),
                s.scalar(select(func.sum(Account.balance_kopecks))))


def test_a_registry_imported_twice_posts_once(senior, tmp_path):
    accounts = open_accounts(senior, 6)
    lines = sample_payments(accounts, 12, date(2026, 12, 1))
    path = write_sber(tmp_path / "sber-20261201.txt", lines)
    before = balances(senior, accounts)
    payments_before, _, total_before = counts(senior)

    first = registries.import_registry(senior, path, "sber")
    assert (first.lines, first.posted, first.already_posted, first.refused_count) == (12, 12, 0, 0)
    assert first.posted_kopecks == sum(p.kopecks for p in lines) and not first.cancelled
    second = registries.import_registry(senior, path, "sber")
    assert (second.posted, second.already_posted, second.posted_kopecks) == (0, 12, 0)
    assert second.imported_before is not None and "уже загружали" in second.summary()

    after = balances(senior, accounts)
    for number in accounts:
        assert after[number] - before[number] == sum(p.kopecks for p in lines if p.account == number)
    assert counts(senior) == (payments_before + 12, 12, total_before + first.posted_kopecks)
    with senior.read() as s:
        rows = s.scalars(select(RegistryImport).order_by(RegistryImport.id)).all()
        assert [(r.state, r.posted_count, r.duplicate_count) for r in rows] == [("done", 12, 0), ("done", 0, 12)]
        assert rows[0].file_sha256 == rows[1].file_sha256 and rows[0].order_number == "1"
        # The payment carries the moment it was posted; the bank's own date stays on its line.
        line = s.scalars(select(RegistryLine).order_by(RegistryLine.line_no)).first()
        payment = s.get(Payment, line.payment_id)
        assert (payment.method, payment.kind, payment.shift_id, payment.posted_at) == ("bank", "payment", None, NOON)
        assert line.paid_on == date(2026, 12, 1) and line.fee_kopecks == lines[0].fee_kopecks
        actions = [a for (a,) in s.execute(select(AuditEvent.action).where(AuditEvent.action.like("registry.%")))]
        assert actions.count("registry.import") == 2 and "registry.batch" in actions


def test_an_overlapping_registry_posts_only_what_is_new(senior, tmp_path):
    accounts = open_accounts(senior, 4)
    lines = sample_payments(accounts, 10, date(2026, 12, 1))
    registries.import_registry(senior, write_sber(tmp_path / "a.txt", lines[:6]), "sber")
    # Yesterday's file again with four more payments, in another order and another order number.
    overlapping = write_sber(tmp_path / "b.txt", [*lines[9:3:-1], *lines[:2]], order="2")
    result = registries.import_registry(senior, overlapping, "sber")
    assert (result.lines, result.posted, result.already_posted) == (8, 4, 4)
    assert result.posted_kopecks == sum(p.kopecks for p in lines[6:])
    assert counts(senior)[1] == 10


def test_a_wrong_totals_line_posts_nothing(senior, tmp_path):
    accounts = open_accounts(senior, 3)
    lines = sample_payments(accounts, 5, date(2026, 12, 1))
    good_totals = write_sber(tmp_path / "ok.txt", lines).read_bytes().decode("cp1251").splitlines()[-1]
    wrong = good_totals.replace("=5;", "=4;")
    path = write_sber(tmp_path / "bad.txt", lines, totals=wrong)
    state = counts(senior)
    with pytest.raises(RegistryFileError, match=r"^строка 6: итоговая строка не сходится") as caught:
        registries.import_registry(senior, path, "sber")
    assert caught.value.field == "file" and len(caught.value.problems) == 1
    assert counts(senior) == state
    with senior.read() as s:
        assert s.scalar(select(func.count()).select_from(RegistryImport)) == 0
        rejected = s.scalars(select(AuditEvent).where(AuditEvent.action == "registry.rejected")).one()
        assert "bad.txt" in rejected.details and "строка 6" in rejected.details


@pytest.mark.parametrize("field, value, message", [
    (4, "12345", "строка 2: неверный номер лицевого счёта «12345»"),
    (8, "-100,00", "строка 2: сумма «-100,00» отрицательная"),
    (8, "сто", "строка 2: сумма «сто» — не число"),
    (0, "03.12.2026", "строка 2: дата платежа 03.12.2026 позже сегодняшней (02.12.2026)"),
])
def test_one_bad_line_posts_nothing_of_the_file(senior, tmp_path, field, value, message):
    accounts = open_accounts(senior, 3)
    lines = sample_payments(accounts, 3, date(2026, 12, 1))
    path = write_sber(tmp_path / "r.txt", lines)
    text = path.read_bytes().decode("cp1251").split("\r\n")
    fields = text[1].split(";")
    fields[field] = value
    text[1] = ";".join(fields)
    path.write_bytes("\r\n".join(text).encode("cp1251"))
    state = counts(senior)
    with pytest.raises(InputError, match=re.escape(message)):
        registries.import_registry(senior, path, "sber")
    assert counts(senior) == state


def test_unknown_and_closed_accounts_are_refused_with_their_line_numbers(senior, tmp_path):
    accounts = open_accounts(senior, 4)
    with senior.transaction() as s:
        s.execute(update(Account).where(Account.number == accounts[3]).values(closed_on=date(2026, 6, 30)))
    day = datetime(2026, 12, 1, 9)
    lines = [SamplePayment(accounts[0], 10_000, day), SamplePayment("999999999999", 20_000, day.replace(minute=1)),
             SamplePayment(accounts[1], 30_000, day.replace(minute=2)),
             SamplePayment(accounts[3], 40_000, day.replace(minute=3))]
    before = balances(senior, accounts)
    result = registries.import_registry(senior, write_sber(tmp_path / "r.txt", lines), "sber")
    assert ((result.posted, result.posted_kopecks, result.refused_count, result.refused_kopecks)
            == (2, 40_000, 2, 60_000))
    assert [str(r) for r in result.refused] == [
        "строка 2: л/с 999999999999, 200,00\u00a0₽ — лицевой счёт не найден",
        f"строка 4: л/с {accounts[3]}, 400,00\u00a0₽ — лицевой счёт закрыт"]
    assert balances(senior, accounts)[accounts[3]] == before[accounts[3]]
    with senior.read() as s:
        stored = json.loads(s.scalars(select(RegistryImport.refused)).one())
        assert [r["line"] for r in stored] == [2, 4]
    # Once the account is found, the refused line posts (it was never marked as posted).
    again = registries.import_registry(senior, write_sber(tmp_path / "r.txt", lines), "sber")
    assert (again.posted, again.already_posted, again.refused_count) == (0, 2, 2)


def test_registry_money_counts_on_the_card_but_never_in_a_shift(operator_ctx, senior, tmp_path):
    desk = with_clock(operator_ctx, Clock(NOON.replace(hour=7)))
    number = open_accounts(senior, 1)[0]
    shifts.open_shift(desk, 100_00)
    payments.post_payment(desk, number, 500_00, "cash", idempotency_key="desk-cash-0001")
    x_before = shifts.x_report(desk)
    card_before = account_card(senior, number)

    registries.import_registry(senior, write_sber(tmp_path / "r.txt", [
        SamplePayment(number, 1234_56, datetime(2026, 12, 1, 18, 30))]), "sber")

    card = account_card(senior, number)
    assert card.balance_kopecks == card_before.balance_kopecks + 1234_56
    assert (card.last_payment_kopecks, card.last_payment_on) == (1234_56, date(2026, 12, 2))
    history = payments.payments_history(senior, number)
    assert (history[0].method, history[0].amount_kopecks, history[0].shift_number) == ("bank", 1234_56, None)
    assert history[1].method == "cash"
    x_after = shifts.x_report(desk)
    assert (x_after.cash_payments_kopecks, x_after.card_payments_kopecks, x_after.expected_cash_kopecks) == (
        x_before.cash_payments_kopecks, x_before.card_payments_kopecks, x_before.expected_cash_kopecks)
    z = shifts.close_shift(desk, x_after.expected_cash_kopecks)
    assert z.cash_payments_kopecks == 500_00 and z.cash_payments_count == 1


def test_cancel_between_batches_then_the_rest(senior, tmp_path):
    accounts = open_accounts(senior, 5)
    lines = sample_payments(accounts, 10, date(2026, 12, 1))
    path = write_sber(tmp_path / "r.txt", lines)
    seen: list[tuple[int, int]] = []

    def stop_after_first(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    first = registries.import_registry(senior, path, "sber", stop_after_first, batch_size=3)
    assert seen == [(3, 10)] and first.cancelled and first.posted == 3
    assert "не обработано 7" in first.summary()
    with senior.read() as s:
        assert s.scalars(select(RegistryImport.state)).one() == "cancelled"
    rest = registries.import_registry(senior, path, "sber", batch_size=3)
    assert (rest.posted, rest.already_posted, rest.cancelled) == (7, 3, False)
    assert counts(senior)[1] == 10


def test_only_seniors_import(operator_ctx, tmp_path):
    path = write_sber(tmp_path / "r.txt", sample_payments(open_accounts(operator_ctx, 1), 1, date(2026, 12, 1)))
    with pytest.raises(PermissionDenied):
        registries.import_registry(operator_ctx, path, "sber")


def test_files_that_are_not_registries(senior, tmp_path):
    with pytest.raises(InputError, match="Файл не найден"):
        registries.import_registry(senior, tmp_path / "missing.txt", "sber")
    with pytest.raises(InputError, match="это папка"):
        registries.import_registry(senior, tmp_path, "sber")
    with pytest.raises(InputError, match="Нет формата реестра «sberbank»; есть: csv, sber"):
        registries.import_registry(senior, tmp_path / "x.txt", "sberbank")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"^файл пуст$"):
        registries.import_registry(senior, empty, "sber")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        out.truncate(1 << 30)  # 1 GB on disk without writing it (sparse)
    with pytest.raises(InputError, match=r"слишком большой \(1 ГБ\)"):
        registries.import_registry(senior, huge, "sber")


def test_company_today_decides_what_is_in_the_future(senior_ctx, tmp_path):
    # 21:30 UTC on 2 December is 01:30 on 3 December in Samara: a payment of the 3rd is not future.
    late = with_clock(senior_ctx, Clock(datetime(2026, 12, 2, 21, 30, tzinfo=UTC)))
    number = open_accounts(late, 1)[0]
    path = write_sber(tmp_path / "r.txt", [SamplePayment(number, 100_00, datetime(2026, 12, 3, 0, 5))])
    assert registries.import_registry(late, path, "sber").posted == 1


def test_csv_and_a_new_bank_described_in_the_desk_folder(senior, tmp_path):
    from desktop.paths import config_dir

    accounts = open_accounts(senior, 2)
    lines = [SamplePayment(accounts[0], 700_00, datetime(2026, 12, 1, 9), payer="Иванов, Иван", reference="R-1"),
             SamplePayment(accounts[1], 300_50, datetime(2026, 11, 30, 9), reference="R-2")]
    result = registries.import_registry(senior, write_csv(tmp_path / "pay.csv", lines), "csv")
    assert (result.posted, result.posted_kopecks) == (2, 1000_50)
    folder = config_dir() / "registry_formats"
    folder.mkdir(parents=True)
    (folder / "agent.toml").write_text(
        'name = "agent"\ntitle = "Платёжный агент"\nbank = "agent"\nchannel = "online"\nencoding = "utf-8"\n'
        'separator = "|"\ncolumns = ["reference", "amount", "account", "date"]\nkey = ["reference"]\n'
        'date_format = "%d/%m/%Y"\n', encoding="utf-8")
    agent = tmp_path / "agent.txt"
    # The same references as the CSV file's: another bank, so other payments.
    agent.write_text(f"R-1|150.00|{accounts[0]}|01/12/2026\nR-2|1.5|{accounts[1]}|01/12/2026\n", encoding="utf-8")
    assert "agent" in registries.registry_formats()
    result = registries.import_registry(senior, agent, "agent")
    assert (result.posted, result.posted_kopecks) == (2, 151_50)
    history = payments.payments_history(senior, accounts[0])
    assert [h.method for h in history[:2]] == ["online", "bank"]
