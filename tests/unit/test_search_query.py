"""Classifying the search box text: every form of issue 3, junk, and a fuzz that it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.search_query import AddressParts, NameParts, SearchQuery, classify, parse_qr_account

ACC = "012345678901"


@pytest.mark.parametrize(
    "text",
    [ACC, f" {ACC} ", "0123 4567 8901", "0123-4567-8901", "01.2345.6789.01", "\t0123 4567 8901\r\n",
     "01-2345-678-901", "0123_4567_8901", "01/2345/678901"],
)
def test_exact_account_any_written_form(text):
    q = classify(text)
    assert (q.kind, q.account, q.source) == ("exact", ACC, "typed")


@pytest.mark.parametrize(
    "text",
    [
        f"ST00012|Name=ПАО «Самараэнерго»|PersonalAcc=40702810954400100001|BankName=ПАО Сбербанк|"
        f"BIC=043601607|CorrespAcc=30101810200000000607|PersAcc={ACC}|Sum=152034\r\n",
        f"ST00011|Name={'ПАО Самараэнерго'.encode('cp1251').decode('latin-1')}|PersAcc={ACC}",
        f"ST00012#Name=X#persacc= {ACC[:4]} {ACC[4:]} #Sum=1",
        f"st00012|PERSACC={ACC}",
        f"ЫЕ00012/Тфьу=Ч/ЗукыФсс={ACC}/Ыгь=1",  # typed by a scanner with the Russian layout on
    ],
)
def test_bill_qr_gives_the_account(text):
    q = classify(text)
    assert (q.kind, q.account, q.source) == ("exact", ACC, "qr")


@pytest.mark.parametrize("text", ["ST00012|Name=X|Sum=100", "ST00012|PersAcc=12345", "ST00012", "ST0001"])
def test_qr_without_account_is_explained(text):
    q = classify(text)
    assert q.kind == "invalid" and q.message


def test_parse_qr_account_not_a_payload():
    assert parse_qr_account("Иванов") is False
    assert parse_qr_account("ST00012|PersAcc=1") is None


@pytest.mark.parametrize(
    ("text", "digits"),
    [("5678", "5678"), ("0123 45", "012345"), ("678901", "678901"), ("01234567", "01234567"),
     ("12-34-56", "123456"), ("1234567890", "1234567890"), ("01234567890", "01234567890")],
)
def test_partial_account(text, digits):
    q = classify(text)
    assert (q.kind, q.digits) == ("partial", digits)


@pytest.mark.parametrize(
    "text",
    ["+7 (927) 123-45-67", "8 927 123 45 67", "89271234567", "79271234567", "9271234567", "+79271234567",
     "8(927)1234567", "927 123-45-67", "+7-927-123-45-67"],
)
def test_phone_any_format(text):
    q = classify(text)
    assert (q.kind, q.phone) == ("phone", "79271234567")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Иванова", NameParts("иванова")),
        ("иванова м п", NameParts("иванова", "м", "п")),
        ("Иванова М.П.", NameParts("иванова", "м", "п")),
        ("ИВАНОВА М. П.", NameParts("иванова", "м", "п")),
        ("Иванова Мария", NameParts("иванова", "мария")),
        ("Иванова Мария Петровна", NameParts("иванова", "мария", "петровна")),
        ("Семёнов", NameParts("семенов")),
        ("семенов", NameParts("семенов")),
        ("Королёва А", NameParts("королева", "а")),
        ("Петрова-Водкина", NameParts("петрова-водкина")),
        ("Ив", NameParts("ив")),
    ],
)
def test_name(text, name):
    q = classify(text)
    assert (q.kind, q.name) == ("name", name)


@pytest.mark.parametrize(
    ("text", "town", "street", "house", "flat"),
    [
        ("Тольятти, Ленина 5-12", "тольятти", "ленина", "5", "12"),
        ("ленина 5 кв 12", None, "ленина", "5", "12"),
        ("ул. Ленина, д. 5, кв. 12", None, "ленина", "5", "12"),
        ("г. Тольятти, ул. Ленина, д.5, кв.12", "тольятти", "ленина", "5", "12"),
        ("Ленина, 5", None, "ленина", "5", None),
        ("ул. Ленина", None, "ленина", None, None),
        ("б-р Ленина 7а", None, "ленина", "7а", None),
        ("Ново-Садовая 15/2 кв 3", None, "ново-садовая", "15/2", "3"),
        ("Московское шоссе, 3", None, "московское", "3", None),
        ("Жигулёвск, Озёрная 1-1", "жигулевск", "озерная", "1", "1"),
        ("Льва Толстого 10", None, "льва толстого", "10", None),
        ("Набережная 15", None, "набережная", "15", None),
    ],
)
def test_address(text, town, street, house, flat):
    q = classify(text)
    assert q.kind == "address", q.message
    a = q.address
    assert (a.town, a.street, a.house, a.flat) == (town, street, house, flat)


def test_address_readings_try_the_town_without_a_comma():
    a = classify("Тольятти Ленина 5").address
    readings = [(r.town, r.street) for r in a.readings()]
    assert readings == [(None, "тольятти ленина"), ("тольятти", "ленина")]
    assert AddressParts("ленина").readings() == [AddressParts("ленина")]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n", "И", "12", "123", "-", "...", "'; DROP TABLE accounts; --", "1 OR 1=1", "%", "_",
     "Иванов; DELETE", "x" * 10_000, "5" * 10_000, "Иван\x00ов", "Иванов\x1b[2J", "ивано\u200bва",
     "1234567890123", "+7 12", "ленина 5 6 7", "5-12", "<script>", "Иванова Мария Петровна Ивановна",
     "😀", "北京", "ST00012|" + "x" * 5000],
)
def test_junk_is_invalid_with_a_russian_message(text):
    q = classify(text)
    assert q.kind == "invalid"
    assert q.message and any("а" <= ch <= "я" for ch in q.message.lower())
    assert len(q.text) <= 40


def test_not_a_string():
    assert classify(None).kind == "invalid"  # type: ignore[arg-type]
    assert classify(12345).kind == "invalid"  # type: ignore[arg-type]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_classify_never_raises(text):
    q = classify(text)
    assert isinstance(q, SearchQuery) and q.kind in ("exact", "partial", "phone", "name", "address", "invalid")
    if q.kind == "invalid":
        assert q.message
    if q.kind == "exact":
        assert q.account and len(q.account) == 12 and q.account.isdigit()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -.+()|=STPersAcкв,ул.Ленина", max_size=80))
def test_classify_never_raises_on_near_misses(text):
    assert classify(text).kind in ("exact", "partial", "phone", "name", "address", "invalid")
    assert classify("ST00012|" + text).kind in ("exact", "invalid")
