"""Argon2id password hashing (placeholder until the messaging branch lands)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    return (hasher or _HASHER).hash(password)


def verify_password(hashed: str, candidate: str, hasher: PasswordHasher | None = None) -> bool:
    try:
        return (hasher or _HASHER).verify(hashed, candidate)
    except (VerificationError, InvalidHashError):
        return False
