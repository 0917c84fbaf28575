"""GOST R 56042-2014 payment QR payload: build, parse, and encode to a module matrix."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.accounts import normalize_account

HEADER_UTF8 = "ST00012"
SEPARATOR = "|"
REQUIRED_BLOCK_MAX_BYTES = 300
TECH_CODE_UTILITIES = "02"

# Character-set flag (7th header char) -> codec, per the standard's section 5.2.
_CHARSETS = {"1": "cp1251", "2": "utf-8", "3": "koi8-r"}
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# QRCoder's rule: 20 digits, the 6th may be a currency letter for foreign-currency accounts.
_PERSONAL_ACC = re.compile(r"^[1-9]\d{4}[0-9ABCEHKMPTX]\d{14}$")


class PaymentQrError(ValueError):
    """The payload cannot be built or read; the message says which field and why."""


@dataclass(frozen=True)
class PayeeDetails:
    """The payee's requisites as printed on the bill and put into the QR code."""

    name: str
    inn: str
    kpp: str
    personal_acc: str
    bank_name: str
    bic: str
    corresp_acc: str
    address: str
    phone: str
    email: str
    website: str


# Demo values only: the numbers are made up (valid format and check digits), not a real account.
DEMO_PAYEE = PayeeDetails(
    name="ПАО «Самараэнерго»",
    inn="6315999901",
    kpp="631501001",
    personal_acc="40702810954400012345",
    bank_name="АО «ВОЛГА-ДЕМОБАНК» г. Самара",
    bic="043601999",
    corresp_acc="30101810400000000999",
    address="443079, г. Самара, пр. Карла Маркса, д. 999 (демо)",
    phone="8 800 000-00-00",
    email="info@demo-samaraenergo.example",
    website="demo-samaraenergo.example",
)


@lru_cache(maxsize=256)
def _clean(value: str) -> str:
    # Pure; cached because a billing run cleans the same payee name, bank and purpose for every bill.
    # '|' would split the field; control characters break scanners that type into a text box.
    text = "".join(
        " " if unicodedata.category(ch) == "Cc" else ch for ch in value if ch != SEPARATOR
    )
    return " ".join(text.split())


def _check_len(field: str, value: str, limit: int) -> None:
    if not value:
        raise PaymentQrError(f"{field}: пустое значение")
    if len(value) > limit:
        raise PaymentQrError(f"{field}: длиннее {limit} символов ({len(value)})")


def _check_digits(field: str, value: str, lengths: tuple[int, ...]) -> None:
    if not (value.isascii() and value.isdigit() and len(value) in lengths):
        allowed = " или ".join(str(n) for n in lengths)
        raise PaymentQrError(f"{field}: нужно {allowed} цифр, получено {value!r}")


def _split_name(payer_name: str) -> list[tuple[str, str]]:
    parts = payer_name.split(" ", 2)
    keys = ("LastName", "FirstName", "MiddleName")
    return list(zip(keys, parts))


@lru_cache(maxsize=16)
def _payee_block(payee: PayeeDetails) -> str:
    """The header and the five required fields, checked (by value: a billing run asks it for
    every bill of the same payee)."""
    name, bank_name = _clean(payee.name), _clean(payee.bank_name)
    _check_len("Name", name, 160)
    if not _PERSONAL_ACC.match(payee.personal_acc):
        raise PaymentQrError(f"PersonalAcc: нужно 20 цифр, получено {payee.personal_acc!r}")
    _check_len("BankName", bank_name, 45)
    _check_digits("BIC", payee.bic, (9,))
    # CorrespAcc may be "0" for banks without one (allowed by the standard's parsers).
    if not (payee.corresp_acc.isascii() and payee.corresp_acc.isdigit()
            and 1 <= len(payee.corresp_acc) <= 20):
        raise PaymentQrError(f"CorrespAcc: до 20 цифр, получено {payee.corresp_acc!r}")
    _check_digits("PayeeINN", payee.inn, (10, 12))
    _check_digits("KPP", payee.kpp, (9,))
    required = [
        ("Name", name),
        ("PersonalAcc", payee.personal_acc),
        ("BankName", bank_name),
        ("BIC", payee.bic),
        ("CorrespAcc", payee.corresp_acc),
    ]
    required_block = SEPARATOR.join([HEADER_UTF8] + [f"{k}={v}" for k, v in required])
    size = len(required_block.encode("utf-8"))
    if size > REQUIRED_BLOCK_MAX_BYTES:
        raise PaymentQrError(
            f"обязательные реквизиты занимают {size} байт, допустимо {REQUIRED_BLOCK_MAX_BYTES}"
        )
    return required_block


def build_payload(
    payee: PayeeDetails,
    *,
    account: str,
    amount_kopecks: int,
    period: str,
    purpose: str,
    payer_name: str | None = None,
    payer_address: str | None = None,
) -> str:
    """Return the ST00012 payload: the five required fields first, in the standard's order."""
    required_block = _payee_block(payee)
    if normalize_account(account) != account:
        raise PaymentQrError(f"PersAcc: лицевой счёт — 12 цифр, получено {account!r}")
    if isinstance(amount_kopecks, bool) or not isinstance(amount_kopecks, int):
        raise PaymentQrError("Sum: сумма в копейках должна быть целым числом")
    if amount_kopecks < 0 or len(str(amount_kopecks)) > 18:
        raise PaymentQrError(f"Sum: недопустимая сумма {amount_kopecks}")
    match = _PERIOD.match(period)
    if match is None:
        raise PaymentQrError(f"PaymPeriod: нужен период ГГГГ-ММ, получено {period!r}")
    purpose = _clean(purpose)
    _check_len("Purpose", purpose, 160)

    optional = [
        ("PayeeINN", payee.inn),
        ("KPP", payee.kpp),
        ("PersAcc", account),
        ("Sum", str(amount_kopecks)),
        ("PaymPeriod", match.group(2) + match.group(1)),
        ("Purpose", purpose),
        ("TechCode", TECH_CODE_UTILITIES),
    ]
    if payer_name and _clean(payer_name):
        optional += _split_name(_clean(payer_name))
    if payer_address and _clean(payer_address):
        optional.append(("PayerAddress", _clean(payer_address)))
    return SEPARATOR.join([required_block] + [f"{k}={v}" for k, v in optional])


def _decode(raw: str | bytes) -> str:
    if isinstance(raw, bytes):
        head = raw[:7]
        if len(raw) < 8 or not head.startswith(b"ST0001"):
            raise PaymentQrError("это не платёжный QR-код ГОСТ Р 56042 (нет заголовка ST0001)")
        codec = _CHARSETS.get(chr(head[6]))
        if codec is None:
            raise PaymentQrError(f"неизвестная кодировка в заголовке: {head!r}")
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise PaymentQrError(f"текст не в кодировке {codec}") from exc
    text = raw.lstrip("\ufeff")
    if len(text) < 8 or not text.startswith("ST0001") or text[6] not in _CHARSETS:
        raise PaymentQrError("это не платёжный QR-код ГОСТ Р 56042 (нет заголовка ST0001)")
    # Some scanners map each byte to one character (Latin-1); undo that to get real Cyrillic.
    if any("\x80" <= ch <= "\xff" for ch in text) and all(ch <= "\xff" for ch in text):
        try:
            return text.encode("latin-1").decode(_CHARSETS[text[6]])
        except UnicodeDecodeError:
            pass
    return text


def parse_payload(raw: str | bytes) -> dict[str, str]:
    """Read a ST00011/ST00012/ST00013 payload (str typed by a scanner, or raw bytes)."""
    text = _decode(raw).rstrip("\r\n")
    separator = text[7]
    fields: dict[str, str] = {}
    for part in text[8:].split(separator):
        if not part:
            continue  # a trailing separator is common
        key, eq, value = part.partition("=")
        if not eq or not key:
            raise PaymentQrError(f"поле без '=': {part!r}")
        fields.setdefault(key, value)
    return fields


def extract_pers_acc(text: str | bytes) -> str | None:
    """The 12-digit account (PersAcc) from a scanned bill QR code, or None if there is none."""
    try:
        fields = parse_payload(text)
    except PaymentQrError:
        return None
    return normalize_account(fields.get("PersAcc", ""))


def qr_matrix(payload: str) -> list[list[bool]]:
    """Encode the payload as one 8-bit segment, error correction M; True = dark module.

    The matrix has no quiet zone; leave 4 light modules around it when drawing.
    """
    # Imported here: the encoder costs ~80 ms of import time and only printing needs it.
    from reportlab.graphics.barcode import qrencoder

    codec = _CHARSETS.get(payload[6:7], "utf-8") if payload.startswith("ST0001") else "utf-8"
    # Explicit bytes: given a str, reportlab tries Kanji (Shift-JIS) first (perf-notes pitfall 5).
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QR8bitByte(payload.encode(codec)))
    code.make()
    modules: list[list[bool]] = code.modules
    return modules
