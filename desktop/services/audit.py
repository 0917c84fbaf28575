"""Writing audit events: who, when, which branch, what, on which account."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from desktop.db.models import AuditEvent
from desktop.services.context import ServiceContext


def record(
    session: Session,
    ctx: ServiceContext,
    action: str,
    *,
    account_number: str | None = None,
    entity: str = "",
    entity_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event to the caller's transaction (committed with the change it describes)."""
    actor = ctx.actor
    if actor.operator_id is None:
        details.setdefault("via", actor.login)
    if ctx.desk:
        details.setdefault("desk", ctx.desk)
    event = AuditEvent(
        at=ctx.clock(),
        operator_id=actor.operator_id,
        branch_id=actor.branch_id,
        action=action,
        account_number=account_number,
        entity=entity,
        entity_id=entity_id,
        details=json.dumps(details, ensure_ascii=False, default=str, sort_keys=True),
    )
    session.add(event)
    return event
