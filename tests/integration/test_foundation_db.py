"""The schema, the demo data and the operators on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.db.models import Account, AuditEvent, Customer, Operator, Reading
from desktop.services import operators
from desktop.services.accounts import account_card, list_accounts
from desktop.services.context import ServiceContext
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.errors import AuthError, InputError, NotFound, PermissionDenied


def test_server_folds_cyrillic(db):
    """A PostgreSQL server with LC_CTYPE=C would not lower-case Cyrillic (perf-notes pitfall 1)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL locale check")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT lower('ИВАНОВ')").scalar() == "иванов"


def test_demo_is_reproducible(db, demo_logins, admin_ctx):
    with db.sessions() as s:
        names = s.execute(select(Customer.last_name, Customer.first_name).order_by(Customer.id)).all()
        assert len(names) == 60
        per_account = s.execute(
            select(Reading.meter_id, func.count(func.distinct(Reading.period))).group_by(Reading.meter_id)
        ).all()
    assert min(n for _, n in per_account) >= 20  # 25 periods with a few missing months
    from desktop.services.demo.generator import DemoPlan, generate_chunk

    again = generate_chunk(DemoPlan(60, seed=7), 0, 60, [1, 2, 3, 4, 5, 6])
    assert [(c[1], c[2]) for c in again.customers] == [tuple(n) for n in names]
    numbers = list_accounts(admin_ctx)
    assert len(numbers) == 60 and all(len(n) == 12 and n.isdigit() for n in numbers)


def test_account_card_json_shape(db, demo_logins, admin_ctx):
    number = list_accounts(admin_ctx, limit=1)[0]
    card = account_card(admin_ctx, f" {number[:4]}-{number[4:8]} {number[8:]} ").to_json()
    for key in ("account", "name", "address", "branch", "balance_kopecks", "phone", "email",
                "bills_by_email_only", "sms_notifications", "meters", "online_account", "last_bill"):
        assert key in card
    assert card["account"] == number
    meter = card["meters"][0]
    assert set(meter["last_readings"]) == {f"T{i + 1}" for i in range(meter["zones"])}
    with pytest.raises(NotFound):
        account_card(admin_ctx, "000000000000")


def test_operator_lockout_unlock_and_reset(db, demo_logins):
    base = ServiceContext(db.sessions)
    for _ in range(operators.MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(AuthError, match="Неверный"):
            operators.authenticate(base, "syz.op1", "wrong-password")
    with pytest.raises(AuthError, match="заблокирована"):
        operators.authenticate(base, "syz.op1", "wrong-password")
    with pytest.raises(AuthError, match="заблокирована"):
        operators.authenticate(base, "syz.op1", DEMO_PASSWORD)
    operator = base.as_actor(operators.authenticate(base, "syz.senior", DEMO_PASSWORD))
    with pytest.raises(PermissionDenied):
        operators.unlock_operator(operator, "syz.op1")
    admin = base.as_actor(operators.authenticate(base, "admin", DEMO_PASSWORD))
    operators.reset_operator_password(admin, "syz.op1", "Zhiguli-tmp-58")
    signed = operators.authenticate(base, "syz.op1", "Zhiguli-tmp-58")
    assert signed.must_change_password
    changed = operators.change_own_password(base.as_actor(signed), "Zhiguli-tmp-58", "my-own-pass-2")
    assert not changed.must_change_password
    with db.sessions() as s:
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions.count("operator.login_failed") == operators.MAX_FAILED_ATTEMPTS - 1
    assert "operator.locked" in actions and "operator.password_reset" in actions


def test_add_operator_validation(db, demo_logins, admin_ctx):
    with pytest.raises(InputError):
        operators.add_operator(admin_ctx, "x y", "long-enough-1", "operator")
    with pytest.raises(InputError):
        operators.add_operator(admin_ctx, "newbie", "short", "operator")
    with pytest.raises(InputError):
        operators.add_operator(admin_ctx, "newbie", "long-enough-1", "boss")
    with pytest.raises(NotFound):
        operators.add_operator(admin_ctx, "newbie", "long-enough-1", "operator", branch_code="XXX")
    actor = operators.add_operator(admin_ctx, "Newbie", "long-enough-1", "senior", branch_code="tlt")
    assert actor.login == "newbie" and actor.branch_code == "TLT"
    with pytest.raises(InputError, match="уже есть"):
        operators.add_operator(admin_ctx, "newbie", "long-enough-1", "operator")
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Operator).where(Operator.login == "newbie")) == 1
        assert s.scalar(select(func.count()).select_from(Account)) == 60
