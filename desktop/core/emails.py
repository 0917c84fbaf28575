"""E-mail addresses: validation and normalisation for bill delivery."""

from __future__ import annotations

import re

MAX_ADDRESS_LEN = 254  # RFC 5321 path limit minus the angle brackets
MAX_LOCAL_LEN = 64
MAX_LABEL_LEN = 63

# Dot-atom local part (RFC 5322) without quoted strings or comments: those are
# legal but so rare in customer addresses that a typo is the likelier reading.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")

_EXAMPLE = "например ivanov@mail.ru"


class EmailError(ValueError):
    """Text that cannot be an e-mail address; the message is for the operator."""


def normalize_email(text: str) -> str:
    """' Ivanov@Mail.RU ' -> 'Ivanov@mail.ru'; 'a@почта.рф' -> 'a@xn--80a1acny.xn--p1ai'.

    The domain is lower-cased (it is case-insensitive) and Cyrillic domains are
    stored in their ASCII (IDNA) form, which every mail server accepts; the local
    part keeps its case because the receiving server may treat it as significant.
    """
    if not isinstance(text, str) or not text.strip():
        raise EmailError(f"Укажите адрес электронной почты, {_EXAMPLE}")
    address = text.strip()
    if len(address) > MAX_ADDRESS_LEN:
        raise EmailError(f"Адрес электронной почты длиннее {MAX_ADDRESS_LEN} символов")
    if address.count("@") != 1:
        raise EmailError(f"В адресе электронной почты должен быть один знак @, {_EXAMPLE}")
    local, domain = address.split("@")
    if not local or len(local) > MAX_LOCAL_LEN or not _LOCAL.fullmatch(local):
        raise EmailError(
            "Имя до знака @ указано неверно: латинские буквы, цифры и знаки . _ - +, " + _EXAMPLE
        )
    domain = _ascii_domain(domain)
    result = f"{local}@{domain}"
    if len(result) > MAX_ADDRESS_LEN:
        raise EmailError(f"Адрес электронной почты длиннее {MAX_ADDRESS_LEN} символов")
    return result


def _ascii_domain(domain: str) -> str:
    bad = EmailError(f"Домен после знака @ указан неверно, {_EXAMPLE}")
    if domain.endswith("."):
        domain = domain[:-1]  # a trailing dot is legal DNS, never part of the address
    if not domain or any(c.isspace() for c in domain):
        raise bad
    if not domain.isascii():
        try:
            # The stdlib codec is IDNA 2003; good enough for .рф and friends.
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise bad from None
    domain = domain.lower()
    labels = domain.split(".")
    if len(labels) < 2 or len(domain) > 253:
        raise bad
    if not all(len(label) <= MAX_LABEL_LEN and _LABEL.fullmatch(label) for label in labels):
        raise bad
    if not _TLD.fullmatch(labels[-1]):
        raise bad
    return domain
