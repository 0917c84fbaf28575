"""Contacts and subscriptions (page «Данные пользователя»): phone, e-mail, bills by e-mail only,
SMS notifications, the customer's consents and the history of their changes.

The phone and e-mail belong to the customer (shared by all their accounts); the two
subscriptions belong to one account. ``version`` is the customer's optimistic version:
every save bumps it, so two desks editing the same customer cannot silently overwrite
each other (the second gets Conflict and reloads).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop.core.accounts import normalize_account
from desktop.core.emails import EmailError, normalize_email
from desktop.core.phones import PhoneError, format_phone, is_mobile, mask_phone, normalize_phone
from desktop.db.models import Account, AuditEvent, Consent, Customer, Operator
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import Conflict, InputError, NotFound
from desktop.services.online_accounts import mask_email

CONSENT_KINDS = ("personal_data", "notifications", "bills_by_email")
CONSENT_NAMES = {
    "personal_data": "обработка персональных данных",
    "notifications": "уведомления по SMS",
    "bills_by_email": "счета только на электронную почту",
}
HISTORY_ACTIONS = ("contacts.update", "consent.give", "consent.withdraw")
FIELD_NAMES = {
    "phone": "телефон",
    "email": "эл. почта",
    "bills_by_email_only": "счета только на эл. почту",
    "sms_notifications": "SMS-уведомления",
}


@dataclass(frozen=True)
class ConsentInfo:
    kind: str
    name: str
    given: bool  # an active (not withdrawn) consent exists
    given_at: datetime | None
    given_by: str
    withdrawn_at: datetime | None  # of the latest consent of this kind, when withdrawn
    withdrawn_by: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    operator: str
    action: str  # contacts.update, consent.give, consent.withdraw
    summary: str  # Russian, masked: no full phone or e-mail


@dataclass(frozen=True)
class Contacts:
    account: str
    phone: str | None  # 7XXXXXXXXXX
    phone_display: str  # +7 927 123-45-67
    email: str | None
    bills_by_email_only: bool
    sms_notifications: bool
    version: int
    consents: list[ConsentInfo]
    history: list[HistoryEntry]


def _number(text: str) -> str:
    number = normalize_account(text)
    if number is None:
        raise InputError("Номер лицевого счёта — 12 цифр", field="account")
    return number


def _load(s: Session, number: str) -> tuple[Account, Customer]:
    row = s.execute(
        select(Account, Customer).join(Customer, Account.customer_id == Customer.id).where(Account.number == number)
    ).first()
    if row is None:
        raise NotFound(f"Лицевой счёт {number} не найден")
    return row[0], row[1]


def _active(s: Session, customer_id: int, kind: str) -> Consent | None:
    return s.scalar(
        select(Consent)
        .where(Consent.customer_id == customer_id, Consent.kind == kind, Consent.withdrawn_at.is_(None))
        .order_by(Consent.id.desc())
        .limit(1)
    )


def _operator_names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = s.execute(select(Operator.id, Operator.full_name, Operator.login).where(Operator.id.in_(ids)))
    return {i: (name or login) for i, name, login in rows}


def _name_of(names: dict[int, str], operator_id: int | None) -> str:
    return names.get(operator_id, "—") if operator_id is not None else "—"


def _summary(action: str, details: dict[str, Any]) -> str:
    kind: str = details.get("kind", "")
    if action == "consent.give":
        return "Согласие дано: " + CONSENT_NAMES.get(kind, kind)
    if action == "consent.withdraw":
        text = "Согласие отозвано: " + CONSENT_NAMES.get(kind, kind)
        if details.get("switched_off"):
            text += " (отключено: " + ", ".join(FIELD_NAMES.get(f, f) for f in details["switched_off"]) + ")"
        return text
    parts = []
    for field in details.get("changed", []):
        name = FIELD_NAMES.get(field, field)
        if field == "phone":
            parts.append(f"{name}: {details.get('phone', '—')}")
        elif field == "email":
            parts.append(f"{name}: {details.get('email', '—')}")
        else:
            parts.append(f"{name}: {'да' if details.get(field) else 'нет'}")
    return "Изменено: " + "; ".join(parts) if parts else "Без изменений"


def contacts(ctx: ServiceContext, account_number: str, *, history_limit: int = 20) -> Contacts:
    """The page's data: contacts, subscriptions, consents (with who and when) and recent history."""
    number = _number(account_number)
    with ctx.read() as s:
        acc, cust = _load(s, number)
        rows = s.scalars(select(Consent).where(Consent.customer_id == cust.id).order_by(Consent.id)).all()
        events = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.account_number == number, AuditEvent.action.in_(HISTORY_ACTIONS))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(history_limit)
        ).all()
        ids = {c.given_by_id for c in rows if c.given_by_id} | {c.withdrawn_by_id for c in rows if c.withdrawn_by_id}
        ids |= {e.operator_id for e in events if e.operator_id}
        names = _operator_names(s, ids)
        consents = []
        for kind in CONSENT_KINDS:
            of_kind = [c for c in rows if c.kind == kind]
            active = next((c for c in reversed(of_kind) if c.withdrawn_at is None), None)
            latest = of_kind[-1] if of_kind else None
            shown = active or latest
            consents.append(
                ConsentInfo(
                    kind=kind,
                    name=CONSENT_NAMES[kind],
                    given=active is not None,
                    given_at=active.given_at if active else (latest.given_at if latest else None),
                    given_by=_name_of(names, shown.given_by_id) if shown else "",
                    withdrawn_at=None if active or latest is None else latest.withdrawn_at,
                    withdrawn_by=(
                        names.get(latest.withdrawn_by_id, "—") if latest and not active and latest.withdrawn_by_id
                        else ""
                    ),
                )
            )
        history = []
        for e in events:
            try:
                details = json.loads(e.details or "{}")
            except ValueError:
                details = {}
            who = names.get(e.operator_id, "") if e.operator_id else details.get("via", "")
            history.append(HistoryEntry(e.at, who or "—", e.action, _summary(e.action, details)))
        return Contacts(
            account=number,
            phone=cust.phone,
            phone_display=format_phone(cust.phone),
            email=cust.email,
            bills_by_email_only=acc.bills_by_email_only,
            sms_notifications=acc.sms_notifications,
            version=cust.version,
            consents=consents,
            history=history,
        )


def validate_phone(text: str | None) -> str | None:
    """'' -> None (no phone); otherwise 7XXXXXXXXXX or InputError(field='phone')."""
    if text is None or not text.strip():
        return None
    try:
        return normalize_phone(text)
    except PhoneError as error:
        raise InputError(str(error), field="phone") from None


def validate_email(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    try:
        return normalize_email(text)
    except EmailError as error:
        raise InputError(str(error), field="email") from None


def update_contacts(
    ctx: ServiceContext,
    account_number: str,
    *,
    phone: str | None,
    email: str | None,
    bills_by_email_only: bool,
    sms_notifications: bool,
    expected_version: int,
) -> Contacts:
    """Save the phone, e-mail and the two subscriptions; nothing is saved when any value is bad."""
    ctx.require("operator")
    number = _number(account_number)
    new_phone = validate_phone(phone)
    new_email = validate_email(email)
    if sms_notifications and new_phone is None:
        raise InputError("Для SMS-уведомлений нужен номер телефона", field="sms_notifications")
    if sms_notifications and not is_mobile(new_phone or ""):
        raise InputError("SMS-уведомления приходят только на мобильный номер (+7 9..)", field="sms_notifications")
    if bills_by_email_only and new_email is None:
        raise InputError("Чтобы получать счета только на эл. почту, укажите адрес эл. почты",
                         field="bills_by_email_only")
    with ctx.transaction() as s:
        acc, cust = _load(s, number)
        if cust.version != expected_version:
            raise Conflict("Данные изменил другой оператор. Обновите карточку и повторите.")
        if bills_by_email_only and not acc.bills_by_email_only and _active(s, cust.id, "bills_by_email") is None:
            raise InputError(
                "Нужно согласие клиента получать счета только на эл. почту: отметьте его в списке согласий",
                field="bills_by_email_only",
            )
        if sms_notifications and not acc.sms_notifications and _active(s, cust.id, "notifications") is None:
            raise InputError(
                "Нужно согласие клиента на SMS-уведомления: отметьте его в списке согласий",
                field="sms_notifications",
            )
        changed: list[str] = []
        if cust.phone != new_phone:
            cust.phone = new_phone
            changed.append("phone")
        if cust.email != new_email:
            cust.email = new_email
            changed.append("email")
        if acc.bills_by_email_only != bills_by_email_only:
            acc.bills_by_email_only = bills_by_email_only
            changed.append("bills_by_email_only")
        if acc.sms_notifications != sms_notifications:
            acc.sms_notifications = sms_notifications
            changed.append("sms_notifications")
        if changed:
            flag_modified(cust, "last_name")  # bump the customer's version even for account-only changes
            audit.record(
                s, ctx, "contacts.update", account_number=number, entity="customer", entity_id=cust.id,
                changed=changed, phone=mask_phone(cust.phone), email=mask_email(cust.email),
                bills_by_email_only=bills_by_email_only, sms_notifications=sms_notifications,
            )
    return contacts(ctx, number)


def give_consent(ctx: ServiceContext, account_number: str, kind: str, *, channel: str = "desk") -> Contacts:
    """Record that the customer gave a consent (who and when are the operator and the clock)."""
    ctx.require("operator")
    number = _number(account_number)
    if kind not in CONSENT_KINDS:
        raise InputError(f"Неизвестное согласие: {kind}", field="consent")
    with ctx.transaction() as s:
        _acc, cust = _load(s, number)
        if _active(s, cust.id, kind) is not None:
            raise InputError(f"Согласие уже дано: {CONSENT_NAMES[kind]}", field="consent")
        consent = Consent(customer_id=cust.id, kind=kind, given_at=ctx.clock(),
                          given_by_id=ctx.actor.operator_id, channel=channel)
        s.add(consent)
        s.flush()
        audit.record(s, ctx, "consent.give", account_number=number, entity="consent", entity_id=consent.id,
                     kind=kind, channel=channel)
    return contacts(ctx, number)


def withdraw_consent(ctx: ServiceContext, account_number: str, kind: str) -> Contacts:
    """Withdraw a consent; the subscriptions that need it are switched off on all the customer's accounts."""
    ctx.require("operator")
    number = _number(account_number)
    if kind not in CONSENT_KINDS:
        raise InputError(f"Неизвестное согласие: {kind}", field="consent")
    with ctx.transaction() as s:
        _acc, cust = _load(s, number)
        consent = _active(s, cust.id, kind)
        if consent is None:
            raise InputError(f"Согласие не было дано: {CONSENT_NAMES[kind]}", field="consent")
        consent.withdrawn_at = ctx.clock()
        consent.withdrawn_by_id = ctx.actor.operator_id
        switched: list[str] = []
        flag = {"notifications": "sms_notifications", "bills_by_email": "bills_by_email_only"}.get(kind)
        if flag is not None:
            for other in s.scalars(select(Account).where(Account.customer_id == cust.id)).all():
                if getattr(other, flag):
                    setattr(other, flag, False)
                    if flag not in switched:
                        switched.append(flag)
            if switched:
                flag_modified(cust, "last_name")
        audit.record(s, ctx, "consent.withdraw", account_number=number, entity="consent", entity_id=consent.id,
                     kind=kind, switched_off=switched)
    return contacts(ctx, number)


__all__ = [
    "CONSENT_KINDS",
    "ConsentInfo",
    "Contacts",
    "HistoryEntry",
    "contacts",
    "give_consent",
    "update_contacts",
    "withdraw_consent",
]
