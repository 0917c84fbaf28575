"""Temporary passwords of online accounts: made when the SMS is handed to the gateway, never stored.

A reset (or a registration) queues an SMS whose text has no password yet, takes the old
password away and starts the clock. The SMS sender calls ``compose`` in the transaction that
holds the message: it draws the password, stores only its Argon2 hash on the online account
and gives the text to the gateway. The password itself exists only in memory, for the moment
of sending: not in the database (nor its WAL, nor a dump), not in a log (issue 11).

A message that waited longer than the password would live, or that a newer reset of the same
account replaced, is not sent: it fails with the reason and nothing changes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.core import passwords
from desktop.core.passwords import generate_temporary_password
from desktop.db.models import Account, OnlineAccount, OutgoingMessage

PASSWORD_PURPOSE = "online_password"
TEMP_PASSWORD_LENGTH = 10
# What a queued password SMS holds until it is sent: the text is made at sending time.
PENDING_BODY = "[временный пароль создаётся при отправке SMS]"
# An Argon2 PHC string never starts with "!": no password verifies against this.
NO_PASSWORD = "!pending"
SUPERSEDED = "Заменено новым запросом пароля"
EXPIRED = "Не отправлено: срок действия пароля истёк, запросите новый"
LOCKED = "Не отправлено: личный кабинет заблокирован"


def sms_text(password: str, ttl_hours: int) -> str:
    """The reset SMS: one UCS-2 segment (≤ 70 chars), no account number, no address."""
    return f"Временный пароль ЛК: {password}. Действует {ttl_hours} ч. Смените при входе."


def queue(s: Session, acc: Account, online: OnlineAccount, phone: str, now: datetime,
          ttl_hours: int) -> OutgoingMessage:
    """Queue the password SMS and take the old password away, in the caller's transaction."""
    online.password_hash = NO_PASSWORD
    online.must_change_password = True
    online.password_expires_at = now + timedelta(hours=ttl_hours)
    online.failed_attempts = 0
    # An older reset still waiting would send a second, useless password: it is replaced. One
    # that a sender holds right now is skipped, not waited for (the sender waits for this
    # account's row, so waiting here would deadlock); compose() then sees it is not the newest.
    waiting = list(s.scalars(
        select(OutgoingMessage.id)
        .where(OutgoingMessage.account_id == acc.id, OutgoingMessage.purpose == PASSWORD_PURPOSE,
               OutgoingMessage.state == "queued")
        .with_for_update(skip_locked=True)))
    if waiting:
        s.execute(update(OutgoingMessage).where(OutgoingMessage.id.in_(waiting))
                  .values(state="failed", last_error=SUPERSEDED, body=""),
                  execution_options={"synchronize_session": False})
    message = OutgoingMessage(
        channel="sms", purpose=PASSWORD_PURPOSE, account_id=acc.id, recipient=phone, body=PENDING_BODY,
        state="queued", attempts=0, next_attempt_at=now, created_at=now,
    )
    s.add(message)
    s.flush()  # both rows are written here or neither is (the transaction rolls back)
    return message


def compose(s: Session, message: OutgoingMessage, now: datetime) -> tuple[str | None, str]:
    """The SMS text with a fresh password whose hash is now on the online account, or (None, why).

    Called by the SMS sender inside the transaction that holds ``message``; the password is
    returned, never stored.
    """
    from desktop.services import online_accounts as oa  # the hasher and company settings live there

    online = s.scalar(select(OnlineAccount).where(OnlineAccount.account_id == message.account_id)
                      .with_for_update())
    newest = s.scalar(select(OutgoingMessage.id).where(
        OutgoingMessage.account_id == message.account_id, OutgoingMessage.purpose == PASSWORD_PURPOSE)
        .order_by(OutgoingMessage.id.desc()).limit(1))
    if online is None or newest != message.id:
        return None, SUPERSEDED
    if online.locked:
        return None, LOCKED
    ttl = oa.int_setting(s, oa.SETTING_PASSWORD_TTL_HOURS)
    if message.created_at + timedelta(hours=ttl) <= now:
        return None, EXPIRED
    password = generate_temporary_password(TEMP_PASSWORD_LENGTH)
    online.password_hash = passwords.hash_password(password, hasher=oa.HASHER)
    online.must_change_password = True
    online.password_expires_at = now + timedelta(hours=ttl)
    online.failed_attempts = 0
    return sms_text(password, ttl), ""

