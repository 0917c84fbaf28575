"""The translatable names of request kinds, answer channels, states, results and history steps."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

TYPES = (
    ("complaint", QT_TRANSLATE_NOOP("Requests", "Complaint")),
    ("bill_dispute", QT_TRANSLATE_NOOP("Requests", "Bill dispute")),
    ("recalculation", QT_TRANSLATE_NOOP("Requests", "Recalculation")),
    ("meter", QT_TRANSLATE_NOOP("Requests", "Meter check or replacement")),
    ("online_account", QT_TRANSLATE_NOOP("Requests", "Online account problem")),
    ("suggestion", QT_TRANSLATE_NOOP("Requests", "Suggestion")),
    ("other", QT_TRANSLATE_NOOP("Requests", "Other")),
)
CHANNELS = (
    ("in_person", QT_TRANSLATE_NOOP("Requests", "In person")),
    ("sms", QT_TRANSLATE_NOOP("Requests", "SMS")),
    ("email", QT_TRANSLATE_NOOP("Requests", "E-mail")),
    ("post", QT_TRANSLATE_NOOP("Requests", "Post")),
)
STATES = (
    ("new", QT_TRANSLATE_NOOP("Requests", "Registered")),
    ("in_work", QT_TRANSLATE_NOOP("Requests", "In work")),
    ("answered", QT_TRANSLATE_NOOP("Requests", "Answered")),
    ("closed", QT_TRANSLATE_NOOP("Requests", "Closed")),
)
RESULTS = (
    ("resolved", QT_TRANSLATE_NOOP("Requests", "Resolved")),
    ("refused", QT_TRANSLATE_NOOP("Requests", "Refused")),
    ("forwarded", QT_TRANSLATE_NOOP("Requests", "Forwarded")),
)
HISTORY = {
    "registered": QT_TRANSLATE_NOOP("Requests", "registered"),
    "assigned": QT_TRANSLATE_NOOP("Requests", "assigned to"),
    "note": QT_TRANSLATE_NOOP("Requests", "note"),
    "answer": QT_TRANSLATE_NOOP("Requests", "answer"),
    "due_date": QT_TRANSLATE_NOOP("Requests", "due date moved"),
    "closed": QT_TRANSLATE_NOOP("Requests", "closed"),
}


def name_of(pairs: tuple[tuple[str, str], ...], key: str | None) -> str:
    """The translated name of a key of TYPES, CHANNELS, STATES or RESULTS."""
    return next((QCoreApplication.translate("Requests", title) for k, title in pairs if k == key), key or "")
