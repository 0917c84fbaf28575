"""The kinds of customer requests, how answers are given, states and results, with Russian names."""

from __future__ import annotations

from desktop.db.models.requests import CHANNELS, RESULTS, STATES, TYPES

# The words of printed slips, exports and error messages (the GUI translates its own copies).
TYPE_NAMES = {
    "complaint": "Жалоба",
    "bill_dispute": "Несогласие со счётом",
    "recalculation": "Перерасчёт",
    "meter": "Проверка или замена счётчика",
    "online_account": "Проблема с личным кабинетом",
    "suggestion": "Предложение",
    "other": "Другое",
}
CHANNEL_NAMES = {"in_person": "Лично", "sms": "SMS", "email": "Электронная почта", "post": "Почтой"}
STATE_NAMES = {"new": "Зарегистрировано", "in_work": "В работе", "answered": "Дан ответ", "closed": "Закрыто"}
RESULT_NAMES = {"resolved": "Решено", "refused": "Отказано", "forwarded": "Передано"}

# Working days to answer, per kind, unless company settings say otherwise (key requests.due_days).
DEFAULT_DUE_DAYS = {
    "complaint": 10,
    "bill_dispute": 10,
    "recalculation": 10,
    "meter": 15,
    "online_account": 5,
    "suggestion": 20,
    "other": 20,
}

assert set(TYPE_NAMES) == set(TYPES) == set(DEFAULT_DUE_DAYS)
assert set(CHANNEL_NAMES) == set(CHANNELS) and set(STATE_NAMES) == set(STATES) and set(RESULT_NAMES) == set(RESULTS)


def request_number(branch_code: str, year: int, seq: int) -> str:
    """SYZ-2026-000042: the branch, the year, the branch's sequence in that year."""
    return f"{branch_code}-{year}-{seq:06d}"
