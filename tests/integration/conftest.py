"""Fixtures shared by the online-account and SMS tests."""

from __future__ import annotations

import pytest

from desktop.core import passwords
from desktop.services import online_accounts as oa


@pytest.fixture
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with test-sized cost: the hashes are still real Argon2id, only cheaper."""
    monkeypatch.setattr(oa, "HASHER", passwords.fast_hasher())


@pytest.fixture
def issued(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every temporary password the service makes (the test plays the customer's phone)."""
    made: list[str] = []
    real = oa.generate_temporary_password

    def capture(length: int = 10) -> str:
        made.append(real(length))
        return made[-1]

    monkeypatch.setattr(oa, "generate_temporary_password", capture)
    return made
