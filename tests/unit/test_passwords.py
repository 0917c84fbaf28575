"""Argon2id hashing, temporary passwords and the password policy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import passwords as pw

FAST = pw.fast_hasher()


def test_production_parameters_are_argon2id_and_documented() -> None:
    stored = pw.hash_password("Kvartira42", hasher=pw.default_hasher())
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert pw.verify_password(stored, "Kvartira42")
    assert not pw.needs_rehash(stored)


def test_verify_mismatch_and_bad_input_return_false() -> None:
    stored = pw.hash_password("Kvartira42", hasher=FAST)
    assert pw.verify_password(stored, "Kvartira42", hasher=FAST)
    assert not pw.verify_password(stored, "kvartira42", hasher=FAST)
    assert not pw.verify_password(stored, "", hasher=FAST)
    assert not pw.verify_password(stored, "\ud800", hasher=FAST)
    assert not pw.verify_password(stored, "x" * 5000, hasher=FAST)
    assert not pw.verify_password("not a hash", "Kvartira42")
    assert not pw.verify_password("", "Kvartira42")
    assert not pw.verify_password(None, "Kvartira42")  # type: ignore[arg-type]
    assert not pw.verify_password(stored, None)  # type: ignore[arg-type]


def test_hashes_are_salted() -> None:
    assert pw.hash_password("Kvartira42", hasher=FAST) != pw.hash_password("Kvartira42", hasher=FAST)


def test_fast_hash_verifies_with_default_but_needs_rehash() -> None:
    stored = pw.hash_password("Kvartira42", hasher=FAST)
    assert pw.verify_password(stored, "Kvartira42")  # parameters come from the hash
    assert pw.needs_rehash(stored)
    assert not pw.needs_rehash(stored, hasher=FAST)
    assert pw.needs_rehash("garbage")


def test_hash_refuses_empty() -> None:
    with pytest.raises(ValueError):
        pw.hash_password("", hasher=FAST)


def test_alphabet_has_no_look_alikes() -> None:
    assert set(pw.TEMP_ALPHABET).isdisjoint(set("0Oo1lIi5SsZzBGQ"))
    assert len(set(pw.TEMP_ALPHABET)) == len(pw.TEMP_ALPHABET) == 26


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=8, max_value=64))
def test_temporary_password_shape(length: int) -> None:
    tmp = pw.generate_temporary_password(length)
    assert len(tmp) == length
    assert set(tmp) <= set(pw.TEMP_ALPHABET)
    assert any(c in pw.TEMP_LETTERS for c in tmp)
    assert any(c in pw.TEMP_DIGITS for c in tmp)
    assert pw.check_password_policy(tmp) == []


def test_temporary_password_default_length_and_randomness() -> None:
    many = {pw.generate_temporary_password() for _ in range(2000)}
    assert all(len(p) == 10 for p in many)
    assert len(many) == 2000  # 46 bits: a collision here would mean a broken generator
    used = set("".join(many))
    assert used == set(pw.TEMP_ALPHABET)


@pytest.mark.parametrize("length", [0, 7, 65])
def test_temporary_password_length_bounds(length: int) -> None:
    with pytest.raises(ValueError):
        pw.generate_temporary_password(length)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_reset_old_hash_fails_for_new_password(data: st.DataObject) -> None:
    old = pw.generate_temporary_password()
    new = pw.generate_temporary_password()
    if old == new:
        return
    old_hash = pw.hash_password(old, hasher=FAST)
    new_hash = pw.hash_password(new, hasher=FAST)
    assert pw.verify_password(new_hash, new)
    assert not pw.verify_password(old_hash, new)
    assert not pw.verify_password(new_hash, old)


def test_policy_messages_are_russian() -> None:
    assert pw.check_password_policy("Kvartira42", login="ivanov") == []
    assert pw.check_password_policy("Квартира42") == []  # Cyrillic letters count
    short = pw.check_password_policy("ab1")
    assert any("не короче 8" in m for m in short)
    assert any("буквы" in m for m in pw.check_password_policy("12345678901"))
    assert any("буквы" in m for m in pw.check_password_policy("abcdefghij"))
    assert any("логином" in m for m in pw.check_password_policy("Ivanov2025", login=" ivanov2025 "))
    assert any("распространён" in m for m in pw.check_password_policy("Qwerty123"))
    assert any("не длиннее" in m for m in pw.check_password_policy("a1" * 100))
