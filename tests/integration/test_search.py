"""The search box service on both databases, with the 60-customer demo network."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, func, select

from desktop.core.text import fold
from desktop.db.models import Account, Customer
from desktop.services.errors import InputError
from desktop.services.search import SearchPage, search


@pytest.fixture
def people(db, demo_logins):
    """Every demo account with its customer, as plain rows."""
    with db.sessions() as s:
        return s.execute(
            select(
                Account.number, Account.town, Account.street, Account.house, Account.flat,
                Customer.id.label("customer_id"), Customer.last_name, Customer.first_name,
                Customer.middle_name, Customer.name_key, Customer.phone,
            ).join(Customer, Customer.id == Account.customer_id).order_by(Account.number)
        ).all()


def all_pages(ctx, text: str, limit: int = 50) -> tuple[str, list[str]]:
    """Every account found, page by page; asserts pages do not overlap."""
    page = search(ctx, text, limit=limit)
    kind, found = page.kind, [r.account for r in page.rows]
    for _ in range(1000):
        if page.next_cursor is None:
            break
        assert len(page.rows) == limit
        page = search(ctx, text, after=page.next_cursor, limit=limit)
        assert page.kind == kind
        found += [r.account for r in page.rows]
    assert len(found) == len(set(found)), "pages overlap"
    return kind, found


def street_name(street: str) -> str:
    """'ул. Ленина' -> 'Ленина', 'Московское ш.' -> 'Московское'."""
    return re.sub(r"^(ул\.|пр\.|б-р) |\s*ш\.$", "", street)


def test_exact_account_in_written_forms(operator_ctx, people):
    for p in people:
        n = p.number
        for text in (n, f" {n[:4]} {n[4:8]} {n[8:]} ", f"{n[:2]}-{n[2:6]}-{n[6:9]}-{n[9:]}",
                     f"{n[:4]}.{n[4:8]}.{n[8:]}\n"):
            page = search(operator_ctx, text)
            assert page.kind == "exact" and page.message is None
            assert [r.account for r in page.rows] == [n]
            assert page.next_cursor is None


def test_exact_account_from_bill_qr(operator_ctx, people):
    for p in people[:15]:
        utf8 = (f"ST00012|Name=ПАО «Самараэнерго»|PersonalAcc=40702810954400100001|BankName=ПАО Сбербанк|"
                f"BIC=043601607|CorrespAcc=30101810200000000607|PersAcc={p.number}|"
                f"LastName={p.last_name}|Sum=123456\r\n")
        # A windows-1251 payload read as Latin-1 by the scanner: the Cyrillic is garbled, PersAcc is not.
        cp1251 = (f"ST00011|Name=ПАО «Самараэнерго»|persacc={p.number}|Sum=1".encode("cp1251").decode("latin-1"))
        for text in (utf8, cp1251):
            page = search(operator_ctx, text)
            assert page.kind == "exact" and [r.account for r in page.rows] == [p.number]
    page = search(operator_ctx, "ST00012|Name=ООО|Sum=100")
    assert page.kind == "invalid" and "PersAcc" in page.message


def test_unknown_account_says_so(operator_ctx):
    page = search(operator_ctx, "9999 9999 9999")
    assert page.rows == [] and page.message == "Ничего не найдено по запросу «9999 9999 9999»"


def test_partial_account(operator_ctx, people):
    for p in people[:20]:
        for digits in (p.number[-6:], p.number[3:9], p.number[:5]):
            kind, found = all_pages(operator_ctx, digits, limit=7)
            assert kind == "partial" and p.number in found
            assert all(digits in n for n in found)
            assert sorted(found) == found
            assert set(found) == {q.number for q in people if digits in q.number}


def test_phone_in_any_format(operator_ctx, people):
    with_phone = [p for p in people if p.phone][:20]
    assert with_phone
    for p in with_phone:
        ph = p.phone
        for text in (f"+7 ({ph[1:4]}) {ph[4:7]}-{ph[7:9]}-{ph[9:]}", f"8 {ph[1:4]} {ph[4:7]} {ph[7:9]} {ph[9:]}",
                     ph[1:], ph, f"8-{ph[1:4]}-{ph[4:]}"):
            kind, found = all_pages(operator_ctx, text)
            assert kind == "phone"
            assert set(found) == {q.number for q in people if q.phone == ph}


def test_surname_case_and_yo(operator_ctx, people):
    for p in people:
        expected = {q.number for q in people if q.name_key.startswith(fold(p.last_name))}
        variants = {p.last_name, p.last_name.upper(), p.last_name.lower(), p.last_name.replace("ё", "е"),
                    p.last_name.replace("е", "ё").replace("Е", "Ё")}
        for text in variants:
            # ё written for е (and е for ё) folds the same way, so every variant finds the same people
            kind, found = all_pages(operator_ctx, text, limit=3)
            assert kind == "name", text
            assert set(found) == expected, text


def test_surname_with_name_and_initials(operator_ctx, people):
    for p in people:
        first, middle = p.first_name, p.middle_name
        for text in (f"{p.last_name} {first}", f"{p.last_name} {first[0]}. {middle[0]}.",
                     f"{p.last_name.lower()} {first[0].lower()} {middle[0].lower()}",
                     f"{p.last_name} {first[0]}.{middle[0]}.", f"{p.last_name} {first} {middle}"):
            kind, found = all_pages(operator_ctx, text)
            assert kind == "name" and p.number in found, text
            for n in found:
                q = next(x for x in people if x.number == n)
                assert fold(q.first_name).startswith(fold(first[0]))


def common_prefix(people) -> str:
    """The two first letters shared by the most demo customers (several surnames, several pages)."""
    counts: dict[str, int] = {}
    for q in people:
        counts[q.name_key[:2]] = counts.get(q.name_key[:2], 0) + 1
    return max(counts, key=counts.__getitem__)


def test_name_order_is_stable_and_pages_cover_all(operator_ctx, people, db):
    prefix = common_prefix(people)
    kind, found = all_pages(operator_ctx, prefix.upper(), limit=2)
    assert kind == "name" and len(found) >= 3
    expected = [q.number for q in sorted(people, key=lambda q: (q.name_key, q.customer_id, q.number))
                if q.name_key.startswith(prefix)]
    assert found == expected


def test_address_forms(operator_ctx, people):
    for p in people:
        name = street_name(p.street)
        flat = p.flat
        forms = [
            f"{p.town}, {name} {p.house}" + (f"-{flat}" if flat else ""),
            f"{name.lower()} {p.house}" + (f" кв {flat}" if flat else ""),
            f"{p.street}, д. {p.house}" + (f", кв. {flat}" if flat else ""),
            f"г. {p.town.upper()}, {p.street} {p.house}",
            f"{p.town} {name} {p.house}",
        ]
        for text in forms:
            kind, found = all_pages(operator_ctx, text, limit=10)
            assert kind == "address", text
            assert p.number in found, text
            for n in found:
                q = next(x for x in people if x.number == n)
                assert q.house == p.house and fold(street_name(q.street)).startswith(fold(name))


def test_street_alone_pages(operator_ctx, people):
    # A street name alone is nobody's surname: the name search falls back to the streets
    # ("Ленина" -> "ул. Ленина" and "б-р Ленина"); pages of one row carry the fallback on.
    counts: dict[str, int] = {}
    for q in people:
        counts[street_name(q.street)] = counts.get(street_name(q.street), 0) + 1
    name = max(counts, key=counts.__getitem__)
    assert counts[name] >= 2
    kind, found = all_pages(operator_ctx, name, limit=1)
    assert kind == "address"
    assert set(found) == {q.number for q in people if street_name(q.street) == name}
    street = next(q.street for q in people if street_name(q.street) == name)
    kind, found = all_pages(operator_ctx, street, limit=1)
    assert set(found) == {q.number for q in people if q.street == street}


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE accounts; --",
        "Иванов'; DELETE FROM customers; --",
        "1 OR 1=1",
        "%",
        "_",
        "\"*\" OR number:*",
        "ленина\x00 5",
        "x" * 10_000,
        "",
        "   ",
        "ЯЯЯЯЯЯЯЯЯЯЯЯ",
        "Зюзюкина-Ненаходимая",
        "Несуществующая улица 5",
        "0000 0000",
    ],
)
def test_junk_finds_nothing_and_does_no_harm(operator_ctx, db, demo_logins, text):
    page = search(operator_ctx, text)
    assert isinstance(page, SearchPage)
    assert page.rows == [] and page.next_cursor is None and page.message
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Account)) == 60
        assert s.scalar(select(func.count()).select_from(Customer)) == 60


def test_cursor_of_another_query_is_refused(operator_ctx, people):
    page = search(operator_ctx, common_prefix(people), limit=1)
    assert page.next_cursor is not None
    with pytest.raises(InputError):
        search(operator_ctx, "Ленина", after=page.next_cursor)


def test_every_shape_uses_an_index_on_sqlite(db, operator_ctx, people):
    """EXPLAIN QUERY PLAN of every statement a search runs: no full scan of a big table."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans are checked by benchmarks/bench_search.py --explain at scale")
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    p = next(q for q in people if q.phone and q.flat)
    texts = [p.number, p.number[-6:], p.phone, p.last_name, f"{p.last_name} {p.first_name[0]} {p.middle_name[0]}",
             f"{p.town}, {street_name(p.street)} {p.house}-{p.flat}", street_name(p.street),
             f"{p.town} {street_name(p.street)} {p.house}", "Ивонованова"]
    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        for text in texts:
            page = search(operator_ctx, text, limit=2)
            if page.next_cursor:
                search(operator_ctx, text, after=page.next_cursor, limit=2)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    assert statements
    with db.engine.connect() as conn:
        for statement, parameters in statements:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            details = [row[-1] for row in plan]
            scans = [d for d in details if re.match(r"SCAN (accounts|customers|a|c)\b(?! USING)", d)
                     and "COVERING INDEX" not in d and "VIRTUAL TABLE" not in d]
            assert not scans, (statement, details)
