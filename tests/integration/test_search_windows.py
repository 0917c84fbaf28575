"""4 digits of an account number through account_number_windows (migration 0014), on both databases:
the same pages as the trigram path, and the table kept in step with accounts by its triggers."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select, text, update

from desktop.db.models import Account, Branch, Customer
from desktop.services import search as search_service
from desktop.services.search import search


def all_pages(ctx, digits: str, limit: int) -> list[str]:
    page = search(ctx, digits, limit=limit)
    assert page.kind == "partial" or not page.rows
    found = [r.account for r in page.rows]
    while page.next_cursor is not None:
        assert len(page.rows) == limit
        page = search(ctx, digits, after=page.next_cursor, limit=limit)
        found += [r.account for r in page.rows]
    return found


def windows_of(db) -> set[tuple[int, str]]:
    with db.sessions() as s:
        return {(w, n) for w, n in s.execute(text("SELECT win, number FROM account_number_windows"))}


def test_four_digits_give_the_trigram_paths_pages(operator_ctx, db, monkeypatch):
    with db.sessions() as s:
        numbers = s.scalars(select(Account.number).order_by(Account.number)).all()
    # The digits most numbers share (more than one page), digits of no number (or few), and
    # windows from the start, the middle and the end.
    common = Counter(n[i:i + 4] for n in numbers for i in range(9)).most_common(1)[0][0]
    parts = [common, "0000", numbers[0][1:5], numbers[3][5:9], numbers[7][-4:], numbers[11][4:8]]
    by_windows = {digits: all_pages(operator_ctx, digits, limit=3) for digits in parts}
    monkeypatch.setattr(search_service, "WINDOW_DIGITS", 0)  # the trigram path of longer parts
    for digits in parts:
        expected = [n for n in numbers if digits in n]
        assert by_windows[digits] == expected == all_pages(operator_ctx, digits, limit=3), digits
    assert len(by_windows[common]) > 3  # more than one page was read


def test_windows_of_every_account_and_kept_in_step(operator_ctx, db):
    with db.sessions() as s:
        numbers = s.scalars(select(Account.number)).all()
    assert windows_of(db) == {(int(n[i:i + 4]), n) for n in numbers for i in range(9)}
    number, renumbered = "999911119999", "888822228888"
    with db.sessions.begin() as s:
        branch = s.scalars(select(Branch).limit(1)).one()
        customer = Customer(last_name="Оконникова", first_name="Вера", middle_name="Ильинична",
                            name_key="оконникова вера ильинична")
        s.add(customer)
        s.flush()
        s.add(Account(number=number, customer_id=customer.id, branch_id=branch.id, town="Самара",
                      street="ул. Ленина", house="1", flat="2", town_key="самара", street_key="ул. ленина",
                      consumer_group="urban", residents=1, balance_kopecks=0, opened_on=date(2026, 12, 1)))
    # "9999" twice in the number: one window row, and the account on the page once.
    assert [r.account for r in search(operator_ctx, "1111").rows].count(number) == 1
    def others(digits: str) -> list[str]:
        return [n for n in numbers if digits in n]

    assert [r.account for r in search(operator_ctx, "9999").rows] == sorted([*others("9999"), number])
    assert {(w, n) for w, n in windows_of(db) if n == number} == {(int(number[i:i + 4]), number) for i in range(9)}
    with db.sessions.begin() as s:
        s.execute(update(Account).where(Account.number == number).values(number=renumbered))
    assert [r.account for r in search(operator_ctx, "9999").rows] == others("9999")
    assert [r.account for r in search(operator_ctx, "2222").rows] == sorted([*others("2222"), renumbered])
    with db.sessions.begin() as s:
        s.execute(Account.__table__.delete().where(Account.number == renumbered))
    assert [r.account for r in search(operator_ctx, "2222").rows] == others("2222")
    assert windows_of(db) == {(int(n[i:i + 4]), n) for n in numbers for i in range(9)}


@pytest.mark.parametrize("digits", ["12345", "1234567"])
def test_longer_parts_keep_the_trigram_path(operator_ctx, db, digits):
    with db.sessions() as s:
        numbers = s.scalars(select(Account.number).order_by(Account.number)).all()
    assert all_pages(operator_ctx, digits, limit=3) == [n for n in numbers if digits in n]
