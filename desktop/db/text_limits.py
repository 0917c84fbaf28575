"""Text checked once, before any row is written: no NUL byte, nothing the encoding cannot hold, no
more characters than the column takes.

PostgreSQL refuses a NUL byte and a string longer than VARCHAR(n) with a raw driver error;
SQLite stores both silently. Every session of the desk runs ``check_texts`` before a flush,
so both databases give the operator the same Russian sentence, naming the field.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, sessionmaker

# The operator's name for a column, by its attribute name (the message says which field).
LABELS = {
    "reason": "Причина", "confirmation_reason": "Причина", "comment": "Комментарий",
    "difference_comment": "Комментарий", "note": "Примечание", "full_name": "ФИО",
    "last_name": "Фамилия", "first_name": "Имя", "middle_name": "Отчество", "login": "Логин",
    "town": "Населённый пункт", "street": "Улица", "house": "Дом", "flat": "Квартира",
    "email": "Электронная почта", "phone": "Телефон", "serial": "Заводской номер", "model": "Модель",
    "desk": "Рабочее место", "name": "Название", "address": "Адрес", "code": "Код",
    "subject": "Тема", "recipient": "Получатель", "attachment_name": "Имя файла",
    "text": "Текст обращения", "answer": "Ответ",
}


class TextRejected(ValueError):
    """A text value no column of ours may hold; ``message`` is Russian, ``field`` the attribute."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def text_problem(value: str, limit: int | None) -> str | None:
    """Why ``value`` cannot be stored in a column of ``limit`` characters, or None."""
    if "\x00" in value:
        return "текст содержит недопустимый символ (NUL)"
    if any("\ud800" <= c <= "\udfff" for c in value):
        return "текст содержит недопустимые символы"
    if limit is not None and len(value) > limit:
        return f"не больше {limit} символов (сейчас {len(value)})"
    return None


def column_limit(column: Any) -> int | None:
    """The characters a column takes: VARCHAR(n), or ``info["max_length"]`` of a TEXT column."""
    length = column.type.length if isinstance(column.type, String) else None
    limit = length or column.info.get("max_length")
    return int(limit) if limit else None


def check_texts(session: Session, _context: Any = None, _instances: Any = None) -> None:
    """SQLAlchemy ``before_flush`` hook: raise TextRejected for the first bad text of a new or
    changed row."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            value = getattr(obj, attr.key, None)
            if not isinstance(value, str) or (obj not in session.new and not state.attrs[attr.key].history.added):
                continue
            for column in attr.columns:
                problem = text_problem(value, column_limit(column))
                if problem is not None:
                    label = LABELS.get(attr.key, "Текст")
                    raise TextRejected(attr.key, f"«{label}»: {problem}")


def install(sessions: sessionmaker[Session]) -> None:
    """Check texts before every flush of the sessions this factory makes."""
    event.listen(sessions, "before_flush", check_texts)
