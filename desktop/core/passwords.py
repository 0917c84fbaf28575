"""Password hashing (Argon2id), temporary passwords and the password policy."""

from __future__ import annotations

import functools
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# Argon2id, RFC 9106 "second recommended" (low-memory) profile: 64 MiB, 3 passes,
# 4 lanes, 16-byte salt, 32-byte tag. About 50-100 ms on a desk PC: cheap for one
# sign-in, expensive for someone who stole the database and tries guesses.
TIME_COST = 3
MEMORY_COST_KIB = 64 * 1024
PARALLELISM = 4
HASH_LEN = 32
SALT_LEN = 16

# Longer candidates are refused before hashing so a pasted megabyte cannot
# tie up a desk; the policy caps new passwords well below this.
MAX_CANDIDATE_LEN = 1024
MAX_PASSWORD_LEN = 128
MIN_PASSWORD_LEN = 8

# Temporary passwords are read off a phone screen and typed by the customer,
# often an elderly one, so the alphabet leaves out every look-alike: letters
# O Q I S Z B G and digits 0 1 5 (pairs 0/O/Q, 1/I/l, 5/S, 2/Z, 8/B, 6/G), and all
# lower case (l/1, and c/C, o/O, s/S, v/V differ only by size on a small screen).
# 19 letters + 7 digits = 26 symbols, about 4.7 bits each: 10 characters give
# ~46 bits, ample for a single-use password that expires and locks out.
TEMP_LETTERS = "ACDEFHJKLMNPRTUVWXY"
TEMP_DIGITS = "2346789"
TEMP_ALPHABET = TEMP_LETTERS + TEMP_DIGITS

# What Russian speakers type that the English lists of zxcvbn (below) do not know.
COMMON_PASSWORDS = frozenset(
    {
        "password", "password1", "password123", "passw0rd", "qwerty123", "qwerty12",
        "qwertyui", "qwerty1234", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx",
        "qwe12345", "abc12345", "abcd1234", "admin123", "12345678", "123456789",
        "1234567890", "11111111", "87654321", "iloveyou1", "parol123", "йцукен123",
        "пароль123", "samara2025", "samara2026", "samara123", "energo123",
    }
)


def default_hasher() -> PasswordHasher:
    """The production hasher with the documented Argon2id parameters."""
    return PasswordHasher(
        time_cost=TIME_COST,
        memory_cost=MEMORY_COST_KIB,
        parallelism=PARALLELISM,
        hash_len=HASH_LEN,
        salt_len=SALT_LEN,
        type=Type.ID,
    )


def fast_hasher() -> PasswordHasher:
    """A cheap Argon2id hasher for tests only; pass it explicitly as `hasher=`."""
    return PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1, hash_len=HASH_LEN, salt_len=SALT_LEN, type=Type.ID
    )


_DEFAULT = default_hasher()


def hash_password(password: str, *, hasher: PasswordHasher | None = None) -> str:
    """Argon2id hash in PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$tag)."""
    if not isinstance(password, str) or not password:
        raise ValueError("password must be a non-empty string")
    if len(password) > MAX_CANDIDATE_LEN:
        raise ValueError("password too long")
    return (hasher or _DEFAULT).hash(password)


def verify_password(stored_hash: str, candidate: str, *, hasher: PasswordHasher | None = None) -> bool:
    """True only when `candidate` matches; False for a mismatch or any malformed input.

    The parameters are read from the stored hash, so hashes made with other
    settings (or by `fast_hasher`) still verify; see `needs_rehash`.
    """
    if not isinstance(stored_hash, str) or not isinstance(candidate, str):
        return False
    if not candidate or len(candidate) > MAX_CANDIDATE_LEN:
        return False
    try:
        return (hasher or _DEFAULT).verify(stored_hash, candidate)
    except (VerificationError, InvalidHashError, ValueError):
        # ValueError also covers text that cannot be encoded (lone surrogates).
        return False


def needs_rehash(stored_hash: str, *, hasher: PasswordHasher | None = None) -> bool:
    """True when the hash was made with other parameters (rehash after a good sign-in).

    A malformed hash also answers True: it can never verify and must be replaced.
    """
    try:
        return (hasher or _DEFAULT).check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError, TypeError):
        return True


def generate_temporary_password(length: int = 10) -> str:
    """A random password over TEMP_ALPHABET with at least one letter and one digit."""
    if length < MIN_PASSWORD_LEN or length > 64:
        raise ValueError(f"length must be between {MIN_PASSWORD_LEN} and 64")
    rng = secrets.SystemRandom()
    while True:
        # One guaranteed letter and digit, the rest uniform, then a CSPRNG shuffle. A draw that
        # happens to be an easy pattern (AAAA2222, ACDEF234) fails the policy and is drawn again;
        # at 10 characters that is about one draw in a million.
        chars = [secrets.choice(TEMP_LETTERS), secrets.choice(TEMP_DIGITS)]
        chars += [secrets.choice(TEMP_ALPHABET) for _ in range(length - 2)]
        rng.shuffle(chars)
        password = "".join(chars)
        if not check_password_policy(password):
            return password


@functools.lru_cache(maxsize=4)
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int, hash_len: int, salt_len: int,
                type_: Type) -> str:
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism,
                            hash_len=hash_len, salt_len=salt_len, type=type_)
    return hasher.hash(secrets.token_urlsafe(24))


def verify_dummy(candidate: str, *, hasher: PasswordHasher | None = None) -> bool:
    """Spend what a real check costs for a login that does not exist; always False.

    The hash is made once per parameter set with the same hasher real passwords use, so an
    unknown login answers as slowly as a known one and the clock tells nothing (issue 11).
    """
    used = hasher or _DEFAULT
    dummy = _dummy_hash(used.time_cost, used.memory_cost, used.parallelism, used.hash_len, used.salt_len,
                        used.type)
    verify_password(dummy, candidate or "x", hasher=used)
    return False


# zxcvbn's estimate below which a password counts as common: 10^6 guesses (its score 2) is
# the usual floor; a desk password also sits behind a 5-attempt lockout.
MIN_GUESSES_LOG10 = 6.0


def check_password_policy(password: str, *, login: str | None = None) -> list[str]:
    """Russian messages for every rule `password` breaks; an empty list means it is acceptable.

    The one policy for operators (command line, the administrator's dialog, the forced change)
    and customers' online accounts: 8 to 128 characters, letters and digits, not the login, not
    a common password (our Russian list, zxcvbn's 30,000 most common passwords, and anything
    zxcvbn guesses in fewer than 10^6 tries: keyboard walks, l33t words, years, the login).
    """
    problems: list[str] = []
    if not isinstance(password, str):
        return ["Пароль должен быть текстом"]
    if len(password) < MIN_PASSWORD_LEN:
        problems.append(f"Пароль должен быть не короче {MIN_PASSWORD_LEN} символов")
    if len(password) > MAX_PASSWORD_LEN:
        # Nothing else is checked: zxcvbn's time grows with the length.
        return [*problems, f"Пароль должен быть не длиннее {MAX_PASSWORD_LEN} символов"]
    if "\x00" in password or any(0xD800 <= ord(c) <= 0xDFFF for c in password):
        problems.append("Пароль содержит недопустимые символы")
        return problems
    if password.strip() != password:
        problems.append("Пароль не может начинаться или кончаться пробелом")
    if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
        problems.append("Пароль должен содержать и буквы, и цифры")
    folded = password.strip().casefold()
    name = (login or "").strip().casefold()
    if name and folded == name:
        problems.append("Пароль не должен совпадать с логином")
    elif len(name) >= 3 and name in folded:
        problems.append("Пароль не должен содержать логин")
    if folded in COMMON_PASSWORDS or (len(password) >= MIN_PASSWORD_LEN
                                      and _guesses_log10(password, name) < MIN_GUESSES_LOG10):
        problems.append("Этот пароль слишком распространён или легко угадывается, придумайте другой")
    return problems


def _guesses_log10(password: str, login: str) -> float:
    from zxcvbn import zxcvbn  # about 50 ms to import: only when a password is being set

    return float(zxcvbn(password, user_inputs=[login] if login else [])["guesses_log10"])
