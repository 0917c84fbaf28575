"""GOST R 56042 payload: field order, cleaning, limits, parsing in both charsets."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.payment_qr import (
    DEMO_PAYEE,
    PaymentQrError,
    build_payload,
    extract_pers_acc,
    parse_payload,
    qr_matrix,
)

ACCOUNT = "012345678901"


def _payload(payee=DEMO_PAYEE, **kw):
    args = dict(account=ACCOUNT, amount_kopecks=214_117, period="2026-11",
                purpose="Оплата электроэнергии за 11.2026")
    args.update(kw)
    return build_payload(payee, **args)


def test_header_and_field_order():
    payload = _payload()
    assert payload.startswith("ST00012|Name=ПАО «Самараэнерго»|PersonalAcc=")
    keys = [part.split("=", 1)[0] for part in payload.split("|")[1:]]
    assert keys == ["Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc", "PayeeINN", "KPP",
                    "PersAcc", "Sum", "PaymPeriod", "Purpose", "TechCode"]
    fields = parse_payload(payload)
    assert fields["Sum"] == "214117"
    assert fields["PaymPeriod"] == "112026"
    assert fields["PersAcc"] == ACCOUNT
    assert fields["TechCode"] == "02"


def test_payer_fields_follow_when_given():
    fields = parse_payload(_payload(payer_name="Иванова Мария Петровна",
                                    payer_address="г. Сызрань, ул. Ленина, 1"))
    assert (fields["LastName"], fields["FirstName"], fields["MiddleName"]) == (
        "Иванова", "Мария", "Петровна")
    assert fields["PayerAddress"] == "г. Сызрань, ул. Ленина, 1"


def test_separator_and_control_characters_are_stripped_from_values():
    payee = dataclasses.replace(DEMO_PAYEE, name="ООО |Свет|\r\nи\tтепло")
    payload = _payload(payee, purpose="За | ноябрь\x00")
    fields = parse_payload(payload)
    assert fields["Name"] == "ООО Свет и тепло"
    assert fields["Purpose"] == "За ноябрь"
    assert payload.count("|") == 12  # exactly one per field, none inside values


def test_required_block_over_300_bytes_is_refused():
    payee = dataclasses.replace(DEMO_PAYEE, name="Я" * 150)  # 150 chars, 300 bytes in UTF-8
    with pytest.raises(PaymentQrError, match="байт, допустимо 300"):
        _payload(payee)


@pytest.mark.parametrize(("change", "field"), [
    ({"bic": "04360199"}, "BIC"),
    ({"personal_acc": "4070281095440001234"}, "PersonalAcc"),
    ({"inn": "63159999"}, "PayeeINN"),
    ({"kpp": "6315010"}, "KPP"),
    ({"bank_name": "Б" * 46}, "BankName"),
    ({"name": "Н" * 161}, "Name"),
])
def test_payee_fields_are_validated(change, field):
    with pytest.raises(PaymentQrError, match=field):
        _payload(dataclasses.replace(DEMO_PAYEE, **change))


@pytest.mark.parametrize(("kw", "field"), [
    ({"account": "12345678901"}, "PersAcc"),
    ({"amount_kopecks": -1}, "Sum"),
    ({"amount_kopecks": 10.5}, "Sum"),
    ({"period": "2026-13"}, "PaymPeriod"),
    ({"purpose": "П" * 161}, "Purpose"),
])
def test_bill_fields_are_validated(kw, field):
    with pytest.raises(PaymentQrError, match=field):
        _payload(**kw)
    assert issubclass(PaymentQrError, ValueError)


def test_windows_1251_bytes_and_scanner_text():
    text = ("ST00011|Name=ПАО «Самараэнерго»|PersonalAcc=40702810954400012345|"
            "BankName=Банк|BIC=043601999|CorrespAcc=0|PersAcc=012345678901|Sum=100")
    raw = text.encode("cp1251")
    assert parse_payload(raw + b"\r\n")["Name"] == "ПАО «Самараэнерго»"
    # A keyboard-wedge scanner that maps each byte to one character (Latin-1).
    assert parse_payload(raw.decode("latin-1"))["Name"] == "ПАО «Самараэнерго»"
    assert parse_payload(text + "\n")["Sum"] == "100"


def test_other_separator_from_header():
    assert parse_payload("ST00012#Name=А|Б#PersAcc=012345678901#")["Name"] == "А|Б"


@pytest.mark.parametrize("bad", ["", "hello", "ST00019|Name=x", b"ST00012", "ST00012|Name"])
def test_parse_rejects_what_is_not_a_payload(bad):
    with pytest.raises(PaymentQrError):
        parse_payload(bad)


def test_extract_pers_acc_for_the_search_box():
    assert extract_pers_acc(_payload() + "\r\n") == ACCOUNT
    assert extract_pers_acc("012345678901") is None
    assert extract_pers_acc("ST00012|Name=x|PersAcc=12-34") is None


def test_qr_matrix_is_square_with_finder_patterns():
    matrix = qr_matrix(_payload())
    n = len(matrix)
    assert all(len(row) == n for row in matrix) and (n - 17) % 4 == 0
    assert all(matrix[0][:7]) and all(matrix[0][n - 7:]) and all(matrix[n - 1][:7])


_CYRILLIC = st.text(
    alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙЯ «»\"-.|"),
    min_size=1, max_size=80,
)


@given(name=_CYRILLIC, payer=_CYRILLIC, amount=st.integers(0, 10**12))
def test_round_trip_of_arbitrary_cyrillic_names(name, payer, amount):
    cleaned = " ".join(name.replace("|", "").split())
    payee = dataclasses.replace(DEMO_PAYEE, name=name)
    if not cleaned:
        with pytest.raises(PaymentQrError):
            _payload(payee)
        return
    payload = _payload(payee, amount_kopecks=amount, payer_name=payer)
    for raw in (payload, payload.encode("utf-8"), payload + "\r\n"):
        fields = parse_payload(raw)
        assert fields["Name"] == cleaned
        assert fields["Sum"] == str(amount)
        assert fields["PersAcc"] == ACCOUNT
    payer_parts = " ".join(payer.replace("|", "").split()).split(" ", 2)
    got = [parse_payload(payload).get(k) for k in ("LastName", "FirstName", "MiddleName")]
    assert [g for g in got if g is not None] == [p for p in payer_parts if p]
