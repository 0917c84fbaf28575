"""Customers' online accounts (личный кабинет): registration, password reset by SMS, sign-in.

The login of an online account is the 12-digit account number, as on the company's portal
(the customer signs in "по номеру лицевого счёта" and asks for a new password by typing it).
A phone is not a login: one phone is often shared by a family holding several accounts,
and it changes more often than the account does.

A reset takes the old password away and queues the SMS in one transaction; the temporary
password itself is made when the SMS is handed to the gateway and only its Argon2id hash is
stored (desktop/services/temporary_passwords.py). The operator never sees it, and no copy is
ever written to the database or a log.

Limits hold under races: a reset locks the operator's row and the online account's row first
(desktop/db/locks.py), and every sign-in takes its place in the wrong-password counter before
the password is checked (desktop/services/attempts.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import passwords
from desktop.core.accounts import normalize_account
from desktop.core.emails import EmailError, normalize_email
from desktop.core.phones import PhoneError, is_mobile, mask_phone, normalize_phone
from desktop.db.locks import lock_rows
from desktop.db.models import (
    Account,
    AuditEvent,
    CompanySetting,
    Consent,
    Customer,
    OnlineAccount,
    Operator,
    OutgoingMessage,
)
from desktop.services import attempts, audit, temporary_passwords
from desktop.services.context import ServiceContext
from desktop.services.errors import AuthError, InputError, NotFound, ServiceError
from desktop.services.temporary_passwords import PASSWORD_PURPOSE

# Company settings (table company_settings, JSON values) and their defaults.
SETTING_PASSWORD_TTL_HOURS = "online.password_ttl_hours"
SETTING_RESETS_PER_ACCOUNT_DAY = "online.resets_per_account_day"
SETTING_RESETS_PER_OPERATOR_HOUR = "online.resets_per_operator_hour"
SETTING_MAX_WRONG_ATTEMPTS = "online.max_wrong_attempts"
DEFAULTS: dict[str, int] = {
    SETTING_PASSWORD_TTL_HOURS: 24,
    SETTING_RESETS_PER_ACCOUNT_DAY: 3,
    SETTING_RESETS_PER_OPERATOR_HOUR: 20,
    SETTING_MAX_WRONG_ATTEMPTS: 5,
}

CHECKLIST_ITEMS = ("document_seen", "name_matches", "phone_confirmed")
CHECKLIST_NAMES = {
    "document_seen": "документ, удостоверяющий личность, предъявлен",
    "name_matches": "ФИО совпадает с владельцем счёта",
    "phone_confirmed": "клиент подтвердил номер телефона",
}

# Tests swap in passwords.fast_hasher(); production uses the documented Argon2id profile.
HASHER: PasswordHasher | None = None


class AlreadyRegistered(ServiceError):
    """The account already has an online account: show its state and offer the reset."""


class LimitReached(ServiceError):
    """Too many resets for this account or this operator; try later."""


class NoPhone(InputError):
    """No usable mobile phone on file for the SMS."""


@dataclass(frozen=True)
class MessageInfo:
    """The state of an outgoing SMS as the desk shows it (no text, no full phone)."""

    id: int
    state: str  # queued, sent, delivered, failed
    masked_phone: str
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str


@dataclass(frozen=True)
class OnlineStatus:
    """Everything the online-account page shows."""

    account: str
    registered: bool
    login: str | None
    must_change_password: bool
    locked: bool
    password_expires_at: datetime | None
    expired: bool
    registered_at: datetime | None
    last_reset_at: datetime | None
    masked_phone: str
    has_mobile_phone: bool
    resets_left_today: int
    last_message: MessageInfo | None


@dataclass(frozen=True)
class ResetResult:
    """What the operator sees after a registration or a reset: never the password."""

    masked_phone: str
    message_id: int
    state: str


SignInStatus = Literal["ok", "must_change", "expired", "locked", "wrong"]


@dataclass(frozen=True)
class SignInResult:
    status: SignInStatus

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "must_change")


# --- helpers ---------------------------------------------------------------------------------


def company_setting(s: Session, key: str, default: Any) -> Any:
    """A company-wide setting (JSON in company_settings), or ``default``."""
    raw = s.scalar(select(CompanySetting.value).where(CompanySetting.key == key))
    if raw is None:
        return default
    try:
        return json.loads(raw)
    except ValueError:
        return default


def int_setting(s: Session, key: str) -> int:
    """A positive whole-number company setting of this module (DEFAULTS when missing or bad)."""
    value = company_setting(s, key, DEFAULTS[key])
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else DEFAULTS[key]


def _account_number(text: str) -> str:
    number = normalize_account(text)
    if number is None:
        raise InputError("Номер лицевого счёта — 12 цифр", field="account")
    return number


def _load(s: Session, number: str, *, lock: bool = False) -> tuple[Account, Customer, OnlineAccount | None]:
    row = s.execute(
        select(Account, Customer).join(Customer, Account.customer_id == Customer.id).where(Account.number == number)
    ).first()
    if row is None:
        raise NotFound(f"Лицевой счёт {number} не найден")
    acc, cust = row
    query = select(OnlineAccount).where(OnlineAccount.account_id == acc.id)
    if lock:
        query = query.with_for_update()
    return acc, cust, s.scalar(query)


def _hash(password: str) -> str:
    return passwords.hash_password(password, hasher=HASHER)


def _verify(stored: str, candidate: str) -> bool:
    return passwords.verify_password(stored, candidate, hasher=HASHER)


def _mobile_on_file(cust: Customer) -> str:
    if not cust.phone:
        raise NoPhone(
            "У клиента нет номера телефона: сначала добавьте мобильный номер на странице «Данные пользователя»",
            field="phone",
        )
    try:
        phone = normalize_phone(cust.phone)
    except PhoneError:
        raise NoPhone("Номер телефона в карточке неверный: исправьте его на странице «Данные пользователя»",
                      field="phone") from None
    if not is_mobile(phone):
        raise NoPhone("Пароль отправляется по SMS: нужен мобильный номер (+7 9..)", field="phone")
    return phone


def _check_limits(s: Session, ctx: ServiceContext, number: str, now: datetime) -> None:
    per_account = int_setting(s, SETTING_RESETS_PER_ACCOUNT_DAY)
    done = s.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "online.reset",
            AuditEvent.account_number == number,
            AuditEvent.at > now - timedelta(hours=24),
        )
    )
    if (done or 0) >= per_account:
        raise LimitReached(
            f"Пароль этого кабинета уже сбрасывали {done} раза за сутки (не больше {per_account}). "
            "Повторить можно позже; пока проверьте, дошло ли последнее SMS."
        )
    if ctx.actor.operator_id is None:
        return
    per_operator = int_setting(s, SETTING_RESETS_PER_OPERATOR_HOUR)
    mine = s.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "online.reset",
            AuditEvent.operator_id == ctx.actor.operator_id,
            AuditEvent.at > now - timedelta(hours=1),
        )
    )
    if (mine or 0) >= per_operator:
        raise LimitReached(
            f"Вы уже сбросили {mine} паролей за час (не больше {per_operator}). "
            "Повторите позже или обратитесь к старшему оператору."
        )


def _issue_password(s: Session, acc: Account, online: OnlineAccount, phone: str, now: datetime) -> OutgoingMessage:
    """Take the old password away and queue the SMS that will carry the new one, one flush."""
    return temporary_passwords.queue(s, acc, online, phone, now, int_setting(s, SETTING_PASSWORD_TTL_HOURS))


def _consent(s: Session, ctx: ServiceContext, cust: Customer, kind: str, now: datetime) -> bool:
    """Record an active consent of ``kind`` unless one exists; True when a new one was added."""
    active = s.scalar(
        select(Consent.id).where(
            Consent.customer_id == cust.id, Consent.kind == kind, Consent.withdrawn_at.is_(None)
        )
    )
    if active is not None:
        return False
    s.add(Consent(customer_id=cust.id, kind=kind, given_at=now, given_by_id=ctx.actor.operator_id, channel="desk"))
    return True


def mask_email(email: str | None) -> str:
    """'ivanov@mail.ru' -> 'i***@mail.ru' (for audit details and logs)."""
    if not email or "@" not in email:
        return "—"
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


# --- use cases -------------------------------------------------------------------------------


def register(
    ctx: ServiceContext,
    account_number: str,
    *,
    phone: str,
    email: str | None,
    consent_personal_data: bool,
    consent_notifications: bool = False,
) -> ResetResult:
    """Open the online account of ``account_number`` and send its first password by SMS.

    The phone and e-mail are the ones confirmed with the customer at the desk; when they
    differ from the card they are saved to it. Raises AlreadyRegistered when the account
    has an online account already (the desk then offers the reset).
    """
    ctx.require("operator")
    number = _account_number(account_number)
    if not consent_personal_data:
        raise InputError(
            "Без согласия на обработку персональных данных личный кабинет открыть нельзя",
            field="consent_personal_data",
        )
    try:
        new_phone = normalize_phone(phone or "")
    except PhoneError as error:
        raise InputError(str(error), field="phone") from None
    if not is_mobile(new_phone):
        raise InputError("Пароль отправляется по SMS: нужен мобильный номер (+7 9..)", field="phone")
    new_email: str | None = None
    if email and email.strip():
        try:
            new_email = normalize_email(email)
        except EmailError as error:
            raise InputError(str(error), field="email") from None
    with ctx.transaction() as s:
        now = ctx.clock()
        acc, cust, online = _load(s, number)
        if online is not None:
            raise AlreadyRegistered("Пользователь с таким именем уже существует")
        changed = []
        if cust.phone != new_phone:
            cust.phone = new_phone
            changed.append("phone")
        if new_email is not None and cust.email != new_email:
            cust.email = new_email
            changed.append("email")
        if changed:
            audit.record(
                s, ctx, "contacts.update", account_number=number, entity="customer", entity_id=cust.id,
                changed=changed, phone=mask_phone(cust.phone), email=mask_email(cust.email), via_form="online",
            )
        given = ["personal_data"] + (["notifications"] if consent_notifications else [])
        for kind in given:
            if _consent(s, ctx, cust, kind, now):
                audit.record(s, ctx, "consent.give", account_number=number, entity="customer",
                             entity_id=cust.id, kind=kind, channel="desk")
        online = OnlineAccount(
            account_id=acc.id,
            login=number,
            password_hash="!",  # replaced by _issue_password in this same transaction
            must_change_password=True,
            failed_attempts=0,
            locked=False,
            registered_at=now,
            registered_by_id=ctx.actor.operator_id,
        )
        s.add(online)
        s.flush()
        message = _issue_password(s, acc, online, new_phone, now)
        audit.record(
            s, ctx, "online.register", account_number=number, entity="online_account", entity_id=online.id,
            phone=mask_phone(new_phone), message_id=message.id, consents=given, channel="sms",
        )
        return ResetResult(mask_phone(new_phone), message.id, message.state)


def reset_password(ctx: ServiceContext, account_number: str, *, checklist: Mapping[str, bool]) -> ResetResult:
    """Send a new temporary password by SMS to the phone on file, after the identity check."""
    ctx.require("operator")
    number = _account_number(account_number)
    missing = [CHECKLIST_NAMES[item] for item in CHECKLIST_ITEMS if not checklist.get(item)]
    if missing:
        raise InputError("Сначала проверьте личность клиента: " + "; ".join(missing), field="checklist")
    with ctx.transaction() as s:
        now = ctx.clock()
        # The operator's row first, then the online account's: the per-operator and per-account
        # counts below are then decided one reset at a time (on SQLite: the write lock).
        lock_rows(s, Operator, ctx.actor.operator_id)
        acc, cust, online = _load(s, number, lock=True)
        if online is None:
            raise NotFound("Личный кабинет для этого счёта не зарегистрирован: сначала зарегистрируйте его")
        if online.locked:
            raise ServiceError(
                "Личный кабинет заблокирован после неверных попыток входа. Разблокировать его может старший оператор."
            )
        phone = _mobile_on_file(cust)
        _check_limits(s, ctx, number, now)
        message = _issue_password(s, acc, online, phone, now)
        online.last_reset_at = now
        audit.record(
            s, ctx, "online.reset", account_number=number, entity="online_account", entity_id=online.id,
            checklist={item: bool(checklist.get(item)) for item in CHECKLIST_ITEMS},
            phone=mask_phone(phone), message_id=message.id, channel="sms",
        )
        return ResetResult(mask_phone(phone), message.id, message.state)


def unlock(ctx: ServiceContext, account_number: str) -> OnlineStatus:
    """Unlock an online account locked after wrong sign-ins (senior operators)."""
    ctx.require("senior")
    number = _account_number(account_number)
    with ctx.transaction() as s:
        _acc, _cust, online = _load(s, number, lock=True)
        if online is None:
            raise NotFound("Личный кабинет для этого счёта не зарегистрирован")
        was_locked = online.locked
        online.locked = False
        online.failed_attempts = 0
        audit.record(s, ctx, "online.unlock", account_number=number, entity="online_account",
                     entity_id=online.id, was_locked=was_locked)
    return status(ctx, number)


def status(ctx: ServiceContext, account_number: str) -> OnlineStatus:
    """The online account's state for the desk page."""
    number = _account_number(account_number)
    with ctx.read() as s:
        now = ctx.clock()
        acc, cust, online = _load(s, number)
        msg = s.scalar(
            select(OutgoingMessage)
            .where(OutgoingMessage.account_id == acc.id, OutgoingMessage.purpose == PASSWORD_PURPOSE)
            .order_by(OutgoingMessage.id.desc())
            .limit(1)
        )
        resets = s.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.action == "online.reset",
                AuditEvent.account_number == number,
                AuditEvent.at > now - timedelta(hours=24),
            )
        ) or 0
        per_account = int_setting(s, SETTING_RESETS_PER_ACCOUNT_DAY)
        phone = cust.phone
        mobile = bool(phone) and is_mobile(phone or "")
        expires = online.password_expires_at if online else None
        return OnlineStatus(
            account=number,
            registered=online is not None,
            login=online.login if online else None,
            must_change_password=bool(online and online.must_change_password),
            locked=bool(online and online.locked),
            password_expires_at=expires,
            expired=bool(online and online.must_change_password and expires is not None and now >= expires),
            registered_at=online.registered_at if online else None,
            last_reset_at=online.last_reset_at if online else None,
            masked_phone=mask_phone(phone),
            has_mobile_phone=mobile,
            resets_left_today=max(0, per_account - resets),
            last_message=(
                MessageInfo(msg.id, msg.state, mask_phone(msg.recipient), msg.created_at, msg.sent_at,
                            msg.attempts, msg.last_error)
                if msg is not None
                else None
            ),
        )


def message_state(ctx: ServiceContext, message_id: int) -> MessageInfo:
    """The current state of one queued SMS (the reset dialog follows it)."""
    with ctx.read() as s:
        msg = s.get(OutgoingMessage, message_id)
        if msg is None:
            raise NotFound("Сообщение не найдено")
        return MessageInfo(msg.id, msg.state, mask_phone(msg.recipient), msg.created_at, msg.sent_at,
                           msg.attempts, msg.last_error)


# --- what the web portal calls ---------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    """The outcome of one password check of an online account."""

    status: SignInStatus
    online_id: int | None = None
    verified_hash: str = ""


def _check(ctx: ServiceContext, login: str, password: str) -> _Checked:
    """Verify a sign-in, counting the attempt first (desktop/services/attempts.py).

    Known and unknown logins cost one Argon2 check each, made with the same hasher; parallel
    wrong guesses cannot get past the limit.
    """
    number = normalize_account(login or "")
    with ctx.transaction() as s:
        online = s.scalar(select(OnlineAccount).where(OnlineAccount.login == number)) if number else None
        if online is not None:
            limit = int_setting(s, SETTING_MAX_WRONG_ATTEMPTS)
            count = attempts.reserve(s, attempts.ONLINE, online.id, limit)
            if count is None:  # locked, or all places taken by checks still running
                return _Checked("locked", online.id)
            online_id, stored = online.id, online.password_hash
            must_change, expires = online.must_change_password, online.password_expires_at
    if online is None:
        passwords.verify_dummy(password or "", hasher=HASHER)  # no probing of accounts by the clock
        return _Checked("wrong")
    assert count is not None  # a place was taken above
    if not _verify(stored, password):
        if count >= limit:
            with ctx.transaction() as s:
                if attempts.lock(s, attempts.ONLINE, online_id, ctx.clock()):
                    _record_lock(s, ctx, s.get(OnlineAccount, online_id))
            return _Checked("locked", online_id)
        return _Checked("wrong", online_id)
    with ctx.transaction() as s:
        attempts.succeeded(s, attempts.ONLINE, online_id)
    if must_change:
        return _Checked("expired" if expires is not None and ctx.clock() >= expires else "must_change",
                        online_id, stored)
    return _Checked("ok", online_id, stored)


def _record_lock(s: Session, ctx: ServiceContext, online: OnlineAccount | None) -> None:
    if online is None:
        return
    account = s.scalar(select(Account.number).where(Account.id == online.account_id))
    audit.record(s, ctx, "online.locked", account_number=account, entity="online_account",
                 entity_id=online.id, failed_attempts=online.failed_attempts)


def sign_in(ctx: ServiceContext, login: str, password: str) -> SignInResult:
    """Check an online sign-in: 'ok', 'must_change' (temporary password, change it now),
    'expired' (temporary password too old: ask for a reset), 'locked' or 'wrong'."""
    return SignInResult(_check(ctx, login, password).status)


_REFUSALS = {
    "wrong": "Неверный логин или пароль",
    "locked": "Личный кабинет заблокирован; обратитесь в центр обслуживания",
    "expired": "Срок действия временного пароля истёк; запросите новый",
}


def change_password(ctx: ServiceContext, login: str, old_password: str, new_password: str) -> None:
    """Change an online account's password (the portal's first-sign-in form)."""
    checked = _check(ctx, login, old_password)  # wrong attempts are committed there
    if checked.status in _REFUSALS:
        raise AuthError(_REFUSALS[checked.status])
    with ctx.transaction() as s:
        online = s.scalar(select(OnlineAccount).where(OnlineAccount.id == checked.online_id).with_for_update())
        if online is None or online.password_hash != checked.verified_hash:
            # A reset (or another change) got in between: the old password is no longer it.
            raise AuthError(_REFUSALS["wrong"])
        problems = passwords.check_password_policy(new_password, login=online.login)
        if new_password == old_password:
            problems.append("Новый пароль должен отличаться от старого")
        if problems:
            raise InputError("; ".join(problems), field="new_password")
        online.password_hash = _hash(new_password)
        online.must_change_password = False
        online.password_expires_at = None
        account = s.scalar(select(Account.number).where(Account.id == online.account_id))
        audit.record(s, ctx, "online.password_changed", account_number=account,
                     entity="online_account", entity_id=online.id)
