"""The account card: everything the desk and `energodesk account show` print about one account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from desktop.core.accounts import normalize_account
from desktop.db.models import Account, Bill, Branch, Customer, Meter, OnlineAccount, Payment, Reading
from desktop.services.context import ServiceContext
from desktop.services.errors import NotFound


@dataclass(frozen=True)
class MeterInfo:
    """A meter on the card with its last readings."""

    serial: str
    zones: int
    digits: int
    installed_on: date
    next_verification_on: date | None
    last_readings: dict[str, int]
    last_reading_date: date | None


@dataclass(frozen=True)
class AccountCard:
    """The account card as one value; ``to_json`` gives the CONTRACTS.md shape."""

    account_id: int
    account: str
    customer_id: int
    name: str
    address: str
    branch: str
    branch_name: str
    consumer_group: str
    residents: int
    balance_kopecks: int
    phone: str | None
    email: str | None
    bills_by_email_only: bool
    sms_notifications: bool
    closed: bool
    meters: list[MeterInfo]
    online_registered: bool
    online_must_change_password: bool
    online_locked: bool
    last_bill_period: str | None
    last_bill_amount_due_kopecks: int | None
    last_payment_kopecks: int | None
    last_payment_on: date | None
    other_accounts: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The JSON object of `energodesk account show --json` (money in kopecks, ISO dates)."""
        return {
            "account": self.account,
            "name": self.name,
            "address": self.address,
            "branch": self.branch,
            "balance_kopecks": self.balance_kopecks,
            "phone": self.phone,
            "email": self.email,
            "bills_by_email_only": self.bills_by_email_only,
            "sms_notifications": self.sms_notifications,
            "consumer_group": self.consumer_group,
            "residents": self.residents,
            "meters": [
                {
                    "serial": m.serial,
                    "zones": m.zones,
                    "digits": m.digits,
                    "last_readings": m.last_readings,
                    "last_reading_date": m.last_reading_date.isoformat() if m.last_reading_date else None,
                    "next_verification_date": (
                        m.next_verification_on.isoformat() if m.next_verification_on else None
                    ),
                }
                for m in self.meters
            ],
            "online_account": {
                "registered": self.online_registered,
                "must_change_password": self.online_must_change_password,
                "locked": self.online_locked,
            },
            "last_bill": (
                {"period": self.last_bill_period, "amount_due_kopecks": self.last_bill_amount_due_kopecks}
                if self.last_bill_period
                else None
            ),
            "last_payment": (
                {"amount_kopecks": self.last_payment_kopecks, "date": self.last_payment_on.isoformat()}
                if self.last_payment_on
                else None
            ),
            "other_accounts": self.other_accounts,
        }


def _meter_info(s, meter: Meter) -> MeterInfo:  # type: ignore[no-untyped-def]
    last_date = s.scalar(
        select(Reading.taken_on).where(Reading.meter_id == meter.id).order_by(Reading.taken_on.desc()).limit(1)
    )
    last: dict[str, int] = {}
    if last_date is not None:
        rows = s.execute(
            select(Reading.zone, Reading.value, Reading.id)
            .where(Reading.meter_id == meter.id, Reading.taken_on == last_date)
            .order_by(Reading.id)
        )
        last = {zone: value for zone, value, _ in rows}
    return MeterInfo(
        meter.serial, meter.zones, meter.digits, meter.installed_on, meter.next_verification_on, last, last_date
    )


def account_card(ctx: ServiceContext, number: str) -> AccountCard:
    """Load the card of one account by its number (in any written form)."""
    normalized = normalize_account(number)
    if normalized is None:
        raise NotFound("Номер лицевого счёта — 12 цифр")
    with ctx.read() as s:
        row = s.execute(
            select(Account, Customer, Branch)
            .join(Customer, Account.customer_id == Customer.id)
            .join(Branch, Account.branch_id == Branch.id)
            .where(Account.number == normalized)
        ).first()
        if row is None:
            raise NotFound(f"Лицевой счёт {normalized} не найден")
        acc, cust, branch = row
        meters = s.scalars(
            select(Meter).where(Meter.account_id == acc.id, Meter.removed_on.is_(None)).order_by(Meter.id)
        ).all()
        online = s.scalar(select(OnlineAccount).where(OnlineAccount.account_id == acc.id))
        bill = s.execute(
            select(Bill.period, Bill.amount_due_kopecks)
            .where(Bill.account_id == acc.id)
            .order_by(Bill.period.desc())
            .limit(1)
        ).first()
        payment = s.execute(
            select(Payment.amount_kopecks, Payment.posted_at)
            .where(Payment.account_id == acc.id, Payment.kind == "payment")
            .order_by(Payment.posted_at.desc())
            .limit(1)
        ).first()
        others = s.scalars(
            select(Account.number)
            .where(Account.customer_id == cust.id, Account.id != acc.id)
            .order_by(Account.number)
        ).all()
        return AccountCard(
            account_id=acc.id,
            account=acc.number,
            customer_id=cust.id,
            name=cust.full_name,
            address=acc.address,
            branch=branch.code,
            branch_name=branch.name,
            consumer_group=acc.consumer_group,
            residents=acc.residents,
            balance_kopecks=acc.balance_kopecks,
            phone=cust.phone,
            email=cust.email,
            bills_by_email_only=acc.bills_by_email_only,
            sms_notifications=acc.sms_notifications,
            closed=acc.closed_on is not None,
            meters=[_meter_info(s, m) for m in meters],
            online_registered=online is not None,
            online_must_change_password=bool(online and online.must_change_password),
            online_locked=bool(online and online.locked),
            last_bill_period=bill[0] if bill else None,
            last_bill_amount_due_kopecks=bill[1] if bill else None,
            last_payment_kopecks=payment[0] if payment else None,
            last_payment_on=payment[1].date() if payment else None,
            other_accounts=list(others),
        )


def list_accounts(ctx: ServiceContext, limit: int | None = None) -> list[str]:
    """Account numbers in order (for scripts: `energodesk account list`)."""
    with ctx.read() as s:
        query = select(Account.number).order_by(Account.number)
        if limit is not None:
            query = query.limit(limit)
        return list(s.scalars(query))



