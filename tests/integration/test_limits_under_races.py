"""Limits decided by the database: parallel calls from several processes, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from race_helpers import run_together
from sqlalchemy import delete, func, select

from desktop.db.models import Account, AuditEvent, CashShift, CompanySetting, Customer, OnlineAccount, Operator
from desktop.services import online_accounts as oa
from desktop.services import operators, shifts
from desktop.services.context import Actor, ServiceContext

pytestmark = pytest.mark.usefixtures("fast_hashes")
CHECKED = {"document_seen": True, "name_matches": True, "phone_confirmed": True}


def _actor(db, login: str) -> Actor:
    with db.sessions() as s:
        op = s.scalar(select(Operator).where(Operator.login == login))
        return Actor(op.id, op.login, op.full_name, op.role, op.branch_id, op.branch.code)


def _count(db, query) -> int:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return s.scalar(query) or 0


def _registered(db, operator_ctx: ServiceContext, n: int) -> list[str]:
    """``n`` accounts with a mobile phone on file and a registered online account."""
    with db.sessions.begin() as s:
        s.execute(delete(OnlineAccount))
        numbers = list(s.scalars(select(Account.number).join(Customer, Account.customer_id == Customer.id)
                                 .where(Customer.phone.like("79%")).order_by(Account.number).limit(n)))
    assert len(numbers) == n
    for number in numbers:
        oa.register(operator_ctx, number, phone="+79270000001", email=None, consent_personal_data=True)
    return numbers


def test_ten_desks_open_one_shift_for_one_operator(db, database_url, demo_logins):
    actor = _actor(db, "sam.op1")
    outcomes = run_together(database_url, actor, lambda ctx, i: shifts.open_shift(ctx, 100_00).number, 10)
    kinds = Counter(outcome for outcome, _ in outcomes)
    assert kinds == {"ok": 1, "InputError": 9}, outcomes
    assert all("уже открыта" in detail for outcome, detail in outcomes if outcome != "ok")
    rows = _count(db, select(func.count()).select_from(CashShift).where(CashShift.operator_id == actor.operator_id))
    assert rows == 1


def test_six_operators_at_one_desk_get_six_numbers(db, database_url, demo_logins):
    logins = [f"{code}.{who}" for code in ("sam", "syz", "tlt") for who in ("op1", "op2")]
    actors = [_actor(db, login) for login in logins]
    outcomes = run_together(database_url, actors, lambda ctx, i: shifts.open_shift(ctx, 0).number, 6,
                            desk="Касса 1")
    assert sorted(int(detail) for _, detail in outcomes) == [1, 2, 3, 4, 5, 6], outcomes


def test_per_operator_reset_limit_holds_under_a_race(db, database_url, operator_ctx):
    with db.sessions.begin() as s:
        s.add(CompanySetting(key=oa.SETTING_RESETS_PER_OPERATOR_HOUR, value="5"))
    numbers = _registered(db, operator_ctx, 12)
    outcomes = run_together(database_url, operator_ctx.actor,
                            lambda ctx, i: oa.reset_password(ctx, numbers[i], checklist=CHECKED).message_id, 12)
    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 5, "LimitReached": 7}, outcomes
    resets = _count(db, select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "online.reset"))
    assert resets == 5


def test_per_account_reset_limit_holds_under_a_race(db, database_url, operator_ctx):
    number = _registered(db, operator_ctx, 1)[0]
    outcomes = run_together(database_url, operator_ctx.actor,
                            lambda ctx, i: oa.reset_password(ctx, number, checklist=CHECKED).message_id, 10)
    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 3, "LimitReached": 7}, outcomes
    queued = _count(db, select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "online.reset", AuditEvent.account_number == number))
    assert queued == 3


def test_ten_parallel_wrong_operator_passwords_count_five_and_lock(db, database_url, demo_logins):
    actor = _actor(db, "sam.op2")
    outcomes = run_together(database_url, actor,
                            lambda ctx, i: operators.authenticate(ctx, "sam.op2", f"wrong-guess-{i}"), 10)
    assert {outcome for outcome, _ in outcomes} == {"AuthError"}
    with db.sessions() as s:
        op = s.get(Operator, actor.operator_id)
        actions = Counter(s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == op.id,
                                                                   AuditEvent.entity == "operator")))
    assert op.failed_attempts == operators.MAX_FAILED_ATTEMPTS and op.locked_at is not None
    assert actions["operator.login_failed"] == 4 and actions["operator.locked"] == 1, actions


def test_ten_parallel_wrong_online_passwords_count_five_and_lock(db, database_url, operator_ctx):
    number = _registered(db, operator_ctx, 1)[0]
    outcomes = run_together(database_url, operator_ctx.actor,
                            lambda ctx, i: oa.sign_in(ctx, number, f"wrong-guess-{i}").status, 10)
    statuses = Counter(detail.strip("'") for _, detail in outcomes)
    assert statuses == {"wrong": 4, "locked": 6}, outcomes
    with db.sessions() as s:
        online = s.scalar(select(OnlineAccount).where(OnlineAccount.login == number))
        locks = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "online.locked"))
    assert online.failed_attempts == 5 and online.locked and locks == 1


def test_ten_parallel_wrong_approvals_count_five_lock_and_are_audited(db, database_url, operator_ctx):
    senior = _actor(db, "sam.senior")
    outcomes = run_together(database_url, operator_ctx.actor,
                            lambda ctx, i: operators.approve(ctx, "sam.senior", f"wrong-guess-{i}"), 10)
    assert {outcome for outcome, _ in outcomes} == {"AuthError"}
    assert {detail for _, detail in outcomes} == {operators.APPROVAL_REFUSED}
    with db.sessions() as s:
        op = s.get(Operator, senior.operator_id)
        refused = [json.loads(d) for d in s.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "operator.approval_refused"))]
        locked = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "operator.locked", AuditEvent.entity_id == op.id))
    assert op.failed_attempts == 5 and op.locked_at is not None and locked == 1
    assert len(refused) == 9  # 4 wrong passwords, then 5 refused for the lock
