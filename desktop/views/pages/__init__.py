"""The pages of the customer card, in the order of the visit, with their function keys."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.views.pages.base import CardPage
from desktop.views.pages.bills_page import BillsPage
from desktop.views.pages.contacts_page import ContactsPage
from desktop.views.pages.online_page import OnlinePage
from desktop.views.pages.payments_page import PaymentsPage
from desktop.views.pages.readings_page import ReadingsPage
from desktop.views.pages.requests_page import TITLE as REQUESTS_TITLE
from desktop.views.pages.requests_page import RequestsPage

# (key, title, function key, page class), in the order of the visit.
PAGES: list[tuple[str, str, str, type[CardPage]]] = [
    ("readings", QT_TRANSLATE_NOOP("CardPages", "Readings and consumption"), "F5", ReadingsPage),
    ("bills", QT_TRANSLATE_NOOP("CardPages", "Bills"), "F6", BillsPage),
    ("payments", QT_TRANSLATE_NOOP("CardPages", "Payment"), "F7", PaymentsPage),
    ("online", QT_TRANSLATE_NOOP("CardPages", "Online account"), "F8", OnlinePage),
    ("contacts", QT_TRANSLATE_NOOP("CardPages", "User data"), "F9", ContactsPage),
    ("requests", REQUESTS_TITLE, "F10", RequestsPage),
]
