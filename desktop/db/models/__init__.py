"""All mapped tables; import from here so Alembic and the services see one metadata."""

from desktop.db.base import Base
from desktop.db.models.audit import AuditEvent, CompanySetting
from desktop.db.models.billing import Bill, BillingRun, BillLine
from desktop.db.models.cash import CashOperation, CashShift, Payment
from desktop.db.models.metering import Meter, Reading, Tariff
from desktop.db.models.online import Consent, OnlineAccount, OutgoingMessage
from desktop.db.models.people import Account, Branch, Customer, Operator
from desktop.db.models.registry import RegistryImport, RegistryLine
from desktop.db.models.requests import CustomerRequest, Holiday, RequestCounter, RequestEvent

__all__ = [
    "Account",
    "AuditEvent",
    "Base",
    "Bill",
    "BillLine",
    "BillingRun",
    "Branch",
    "CashOperation",
    "CashShift",
    "CompanySetting",
    "Consent",
    "Customer",
    "CustomerRequest",
    "Holiday",
    "Meter",
    "OnlineAccount",
    "Operator",
    "OutgoingMessage",
    "Payment",
    "Reading",
    "RegistryImport",
    "RegistryLine",
    "RequestCounter",
    "RequestEvent",
    "Tariff",
]
