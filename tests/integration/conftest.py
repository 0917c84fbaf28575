"""Fixtures shared by the online-account and SMS tests."""

from __future__ import annotations

import pytest

from desktop.core import passwords
from desktop.services import online_accounts as oa
from desktop.services import temporary_passwords
from desktop.services.context import ServiceContext
from desktop.services.sms import SendResult
from desktop.services.sms.sender import send_due


@pytest.fixture
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with test-sized cost: the hashes are still real Argon2id, only cheaper."""
    monkeypatch.setattr(oa, "HASHER", passwords.fast_hasher())


@pytest.fixture
def issued(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every temporary password the SMS sender makes (the test plays the customer's phone)."""
    made: list[str] = []
    real = temporary_passwords.generate_temporary_password

    def capture(length: int = 10) -> str:
        made.append(real(length))
        return made[-1]

    monkeypatch.setattr(temporary_passwords, "generate_temporary_password", capture)
    return made


class PhoneGateway:
    """A gateway that puts every SMS straight into the customer's phone (this list)."""

    name = "test-phone"

    def __init__(self) -> None:
        self.inbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str, *, client_ref: str) -> SendResult:
        self.inbox.append((phone, text))
        return SendResult("accepted", f"phone-{len(self.inbox)}")

    def status(self, gateway_id: str) -> str:
        return "delivered"


@pytest.fixture
def deliver(issued: list[str]):  # type: ignore[no-untyped-def]
    """``deliver(ctx)`` sends the due SMS (the password is made then) and returns the newest password."""
    phone = PhoneGateway()

    def run(ctx: ServiceContext) -> str:
        send_due(ctx.sessions, phone, ctx.clock)
        assert issued, "no temporary password was sent"
        return issued[-1]

    run.phone = phone  # type: ignore[attr-defined]
    return run
