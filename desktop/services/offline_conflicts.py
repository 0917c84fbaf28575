"""A senior operator resolves an operation the shared database refused at replay, by their password.

Whoever sits at the desk opens the list; the decision needs a senior's login and password
(operators.approve: counted towards the senior's lockout, every refusal audited). The decision is
written to the shared audit (``offline.conflict_resolved``, with the approver) before the journal
row changes, so the head office sees who decided what; the row is never deleted.
"""

from __future__ import annotations

from typing import Any

from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError
from desktop.services.offline_journal import CONFLICT, RESOLVED, Journal, Operation
from desktop.services.operators import approve

RESEND, SETTLE = "resend", "settle"
ACTIONS = {
    # A reading on top of the shared data; a payment again; a shift closed on the shared totals.
    RESEND: "отправлено снова",
    # Settled outside the journal (a refund, a corrected reading, a shift closed at the desk online).
    SETTLE: "урегулировано",
}


def _conflict(journal: Journal, seq: int) -> Operation:
    op = next((o for o in journal.operations(CONFLICT) if o.seq == seq), None)
    if op is None:
        raise InputError("Выберите операцию в состоянии «конфликт»", field="operation")
    return op


def resolve(ctx: ServiceContext, journal: Journal, seq: int, action: str, approver_login: str,
            approver_password: str, note: str = "") -> Operation:
    """Send conflict ``seq`` again or mark it settled, allowed by a senior's password."""
    if action not in ACTIONS:
        raise InputError("Решение: отправить снова или отметить урегулированным", field="action")
    op = _conflict(journal, seq)
    approval = approve(ctx, approver_login, approver_password, "senior")
    note = (note or "").strip()
    decision = f"{op.message} — {ACTIONS[action]}: {approval.login}" + (f" ({note})" if note else "")
    patch: dict[str, Any] = {}
    if action == RESEND and op.kind == "shift_close":
        # Closed on the shared database's totals, whichever shift of the operator is open there
        # (None removes the check of the opening's key); the difference with the count needs its reason.
        patch["shift"] = None
        patch["comment"] = (op.payload.get("comment") or f"Закрыта без связи; итоги сверил {approval.login}")[:500]
    with ctx.transaction() as s:
        audit.record(s, ctx, "offline.conflict_resolved", account_number=op.account or None, entity=op.kind,
                     key=op.key, decision=action, approved_by=approval.login, desk=op.desk, note=note,
                     amount_kopecks=op.amount_kopecks or None)
    changed = (journal.reopen(seq, decision, patch) if action == RESEND
               else journal.settle(seq, RESOLVED, message=decision, from_states=(CONFLICT,)))
    if not changed:  # another window of this desk decided first; its decision stands
        raise InputError("Эту операцию уже решили", field="operation")
    return next(o for o in journal.operations() if o.seq == seq)
