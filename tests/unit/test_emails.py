"""E-mail address normalisation."""

from __future__ import annotations

import pytest

from desktop.core.emails import EmailError, normalize_email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" Ivanov@Mail.RU ", "Ivanov@mail.ru"),
        ("petrova.a+bills@Yandex.Ru", "petrova.a+bills@yandex.ru"),
        ("o'neil@samaraenergo.ru", "o'neil@samaraenergo.ru"),
        ("user@почта.рф", "user@xn--80a1acny.xn--p1ai"),
        ("user@sub.domain.co.uk.", "user@sub.domain.co.uk"),
        ("a@x.xn--p1ai", "a@x.xn--p1ai"),
        ("pasted@mail.ru\n", "pasted@mail.ru"),
    ],
)
def test_valid(text: str, expected: str) -> None:
    assert normalize_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "ivanov", "ivanov@", "@mail.ru", "a@@mail.ru", "a@b@mail.ru",
        "a..b@mail.ru", ".a@mail.ru", "a.@mail.ru", "a b@mail.ru", "Иван@mail.ru",
        "a@mail", "a@-mail.ru", "a@mail-.ru", "a@mail..ru", "a@mail.r", "a@1.2.3.4",
        "a@mail_ru.ru", "a@mail.ru\r\nBcc: x@y.ru", "<a@mail.ru>",
        "a" * 65 + "@mail.ru", "a@" + "b" * 64 + ".ru",
    ],
)
def test_invalid(text: str) -> None:
    with pytest.raises(EmailError):
        normalize_email(text)


def test_max_length_254() -> None:
    domain = ".".join(["d" * 63] * 3) + ".ru"  # 194 characters
    local = "l" * 59
    ok = f"{local}@{domain}"
    assert len(ok) == 254
    assert normalize_email(ok) == ok
    with pytest.raises(EmailError, match="254"):
        normalize_email("l" + ok)


def test_messages_are_russian() -> None:
    with pytest.raises(EmailError, match="Укажите адрес"):
        normalize_email("")
    with pytest.raises(EmailError, match="знак @"):
        normalize_email("ivanov.mail.ru")


def test_non_string() -> None:
    with pytest.raises(EmailError):
        normalize_email(None)  # type: ignore[arg-type]
