"""The schema refuses with raw SQL what the services refuse (migration 20261202_0006), on both databases."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _insert(conn: Connection, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(row)
    marks = ", ".join(f":{c}" for c in row)
    return conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id"), row).scalar_one()


def _stamp(conn: Connection, value: datetime | date) -> Any:
    # Raw SQL on SQLite stores what SQLAlchemy's types would store: ISO text.
    if conn.dialect.name == "sqlite":
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value.isoformat()
    return value


@pytest.fixture
def base(db) -> Iterator[dict[str, Any]]:
    """One valid row of each table the rules concern, inserted with raw SQL."""
    with db.engine.begin() as conn:
        now, today = _stamp(conn, NOW), _stamp(conn, date(2026, 12, 2))
        ids: dict[str, Any] = {"now": now, "today": today}
        ids["branch"] = _insert(conn, "branches", {"code": "TST", "name": "Тест", "town": "Самара", "address": ""})
        ids["operator"] = _insert(conn, "operators", {
            "login": "raw.op", "full_name": "Сырой", "role": "operator", "branch_id": ids["branch"],
            "password_hash": "x", "must_change_password": False, "failed_attempts": 0, "active": True,
            "created_at": now})
        ids["customer"] = _insert(conn, "customers", {
            "last_name": "Иванова", "first_name": "Мария", "middle_name": "", "name_key": "иванова мария",
            "created_at": now, "version": 1})
        ids["account"] = _insert(conn, "accounts", {
            "number": "990000000001", "customer_id": ids["customer"], "branch_id": ids["branch"],
            "town": "Самара", "street": "Ленина", "house": "1", "flat": "", "town_key": "самара",
            "street_key": "ленина", "consumer_group": "urban", "residents": 1, "range_threshold_kwh": 1200,
            "balance_kopecks": 0, "bills_by_email_only": False, "sms_notifications": False,
            "opened_on": today, "version": 1})
        ids["meter"] = _insert(conn, "meters", {
            "account_id": ids["account"], "serial": "M1", "model": "", "zones": 1, "digits": 6,
            "installed_on": today})
        ids["shift"] = _insert(conn, "cash_shifts", shift_row(ids, number=1))
        ids["payment"] = _insert(conn, "payments", payment_row(ids, idempotency_key="p1"))
    yield ids


def shift_row(ids: dict[str, Any], **changes: Any) -> dict[str, Any]:
    row = {"operator_id": ids["operator"], "branch_id": ids["branch"], "desk": "", "number": 2,
           "state": "open", "opened_at": ids["now"], "opening_float_kopecks": 0, "difference_comment": "",
           "receipts_issued": 0, "z_report": "", "version": 1}
    return row | changes


def payment_row(ids: dict[str, Any], **changes: Any) -> dict[str, Any]:
    row = {"account_id": ids["account"], "kind": "payment", "method": "cash", "amount_kopecks": 10_000,
           "idempotency_key": "k-" + str(len(changes)) + str(sorted(changes.items()))[:40],
           "shift_id": ids.get("shift"), "posted_at": ids["now"], "reason": "", "receipt_state": "none"}
    return row | changes


def reading_row(ids: dict[str, Any], **changes: Any) -> dict[str, Any]:
    row = {"meter_id": ids["meter"], "zone": "T1", "value": 100, "taken_on": ids["today"], "period": "2026-11",
           "source": "operator", "entered_at": ids["now"], "rollover": False}
    return row | changes


def bill_row(ids: dict[str, Any], **changes: Any) -> dict[str, Any]:
    row = {"account_id": ids["account"], "period": "2026-11", "issued_on": ids["today"], "due_on": ids["today"],
           "opening_balance_kopecks": 0, "charges_kopecks": 1000, "recalculation_kopecks": 0,
           "payments_kopecks": 0, "amount_due_kopecks": 1000, "document": "", "created_at": ids["now"]}
    return row | changes


def message_row(ids: dict[str, Any], **changes: Any) -> dict[str, Any]:
    row = {"channel": "sms", "purpose": "x", "recipient": "79270000000", "subject": "", "body": "",
           "attachment_name": "", "state": "queued", "attempts": 0, "next_attempt_at": ids["now"],
           "last_error": "", "created_at": ids["now"]}
    return row | changes


# (case, table, row maker, changes, the rule's name, or on SQLite the columns of a unique index)
REFUSED = [
    ("payment of zero", "payments", payment_row, {"amount_kopecks": 0}, "ck_payments_amount_sign"),
    ("payment of -5", "payments", payment_row, {"amount_kopecks": -5}, "ck_payments_amount_sign"),
    ("cash without a shift", "payments", payment_row, {"shift_id": None}, "ck_payments_desk_money_in_shift"),
    ("card without a shift", "payments", payment_row, {"method": "card", "shift_id": None},
     "ck_payments_desk_money_in_shift"),
    ("reversal pointing nowhere", "payments", payment_row, {"kind": "reversal", "amount_kopecks": -10_000},
     "ck_payments_correction_target"),
    ("positive refund", "payments", payment_row, {"kind": "refund", "amount_kopecks": 10_000, "reverses_id": "P"},
     "ck_payments_amount_sign"),
    ("negative change", "payments", payment_row, {"change_kopecks": -1}, "ck_payments_change_not_negative"),
    ("reading period zz", "readings", reading_row, {"period": "zz"}, "ck_readings_period_format"),
    ("reading period 2026-13", "readings", reading_row, {"period": "2026-13"}, "ck_readings_period_format"),
    ("reading period in Arabic-Indic digits", "readings", reading_row, {"period": "٢٠٢٦-١١"},
     "ck_readings_period_format"),
    ("reading source x", "readings", reading_row, {"source": "x"}, "ck_readings_source"),
    ("bill with negative charges", "bills", bill_row, {"charges_kopecks": -1}, "ck_bills_charges_not_negative"),
    ("bill period zz", "bills", bill_row, {"period": "zz"}, "ck_bills_period_format"),
    ("shift in state weird", "cash_shifts", shift_row, {"state": "weird", "desk": "D9"}, "ck_cash_shifts_state"),
    ("shift number 0", "cash_shifts", shift_row, {"number": 0, "state": "closed", "closed_at": "NOW"},
     "ck_cash_shifts_number_positive"),
    ("second open shift of one operator", "cash_shifts", shift_row, {"number": 7},
     "uq_cash_shifts_one_open_per_operator|cash_shifts.operator_id"),
    ("duplicate shift number of an operator", "cash_shifts", shift_row,
     {"number": 1, "state": "closed", "closed_at": "NOW"},
     "uq_cash_shifts_operator_number|cash_shifts.operator_id, cash_shifts.number"),
    ("negative failed attempts", "operators", None, {"failed_attempts": -1},
     "ck_operators_failed_attempts_not_negative"),
    ("message state lost", "outgoing_messages", message_row, {"state": "lost"}, "ck_outgoing_messages_state"),
]


def _resolve(ids: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    marks = {"P": ids["payment"], "NOW": ids["now"]}
    return {k: marks.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}


@pytest.mark.parametrize("case, table, make, changes, rule", REFUSED, ids=[c[0] for c in REFUSED])
def test_raw_sql_is_refused(db, base, case, table, make, changes, rule):
    with db.engine.begin() as conn:
        if make is None:  # an UPDATE of an existing row
            assert conn.execute(text("UPDATE operators SET failed_attempts = 3 WHERE id = :id"),
                                {"id": base["operator"]}).rowcount == 1
    with pytest.raises(IntegrityError) as refused, db.engine.begin() as conn:
        if make is None:
            sets = ", ".join(f"{k} = :{k}" for k in changes)
            conn.execute(text(f"UPDATE operators SET {sets} WHERE id = :id"), changes | {"id": base["operator"]})
        else:
            _insert(conn, table, make(base, **_resolve(base, changes)))
    names = rule.split("|")
    expected = names[1] if db.engine.dialect.name == "sqlite" and len(names) > 1 else names[0]
    assert expected in str(refused.value.orig), (case, str(refused.value.orig))


def test_the_valid_rows_next_to_them_are_accepted(db, base):
    """Each refused row differs from an accepted one only by the broken rule."""
    with db.engine.begin() as conn:
        _insert(conn, "readings", reading_row(base))
        _insert(conn, "bills", bill_row(base))
        _insert(conn, "outgoing_messages", message_row(base))
        _insert(conn, "payments", payment_row(base, method="bank", shift_id=None, idempotency_key="bank-1"))
        _insert(conn, "payments", payment_row(base, kind="reversal", amount_kopecks=-10_000,
                                              reverses_id=base["payment"], idempotency_key="rev-1"))
        # Another desk's numbering is its own; a closed shift frees the operator for a new one.
        _insert(conn, "cash_shifts", shift_row(base, desk="Касса 2", number=1, state="closed",
                                               closed_at=base["now"]))
        conn.execute(text("UPDATE cash_shifts SET state = 'closed', closed_at = :now WHERE id = :id"),
                     {"now": base["now"], "id": base["shift"]})
        _insert(conn, "cash_shifts", shift_row(base, number=2))


def test_two_reversals_of_one_payment_are_refused(db, base):
    with db.engine.begin() as conn:
        _insert(conn, "payments", payment_row(base, kind="reversal", amount_kopecks=-10_000,
                                              reverses_id=base["payment"], idempotency_key="rev-1"))
    with pytest.raises(IntegrityError) as refused, db.engine.begin() as conn:
        _insert(conn, "payments", payment_row(base, kind="refund", amount_kopecks=-10_000,
                                              reverses_id=base["payment"], idempotency_key="rev-2"))
    assert ("uq_payments_reverses_id" if db.engine.dialect.name == "postgresql"
            else "payments.reverses_id") in str(refused.value.orig)


def test_two_shifts_with_one_number_at_one_desk_are_refused(db, base):
    with db.engine.begin() as conn:
        _insert(conn, "cash_shifts", shift_row(base, desk="Касса 1", number=5, state="closed",
                                               closed_at=base["now"]))
    with pytest.raises(IntegrityError) as refused, db.engine.begin() as conn:
        other = _insert(conn, "operators", {
            "login": "raw.op2", "full_name": "", "role": "operator", "branch_id": base["branch"],
            "password_hash": "x", "must_change_password": False, "failed_attempts": 0, "active": True,
            "created_at": base["now"]})
        _insert(conn, "cash_shifts", shift_row(base, operator_id=other, desk="Касса 1", number=5))
    assert ("uq_cash_shifts_desk_number" if db.engine.dialect.name == "postgresql"
            else "cash_shifts.desk, cash_shifts.number") in str(refused.value.orig)


def _at_revision(url: str, revision: str) -> Any:
    """An engine on an empty database of the fixture's backend, migrated up to ``revision``."""
    from alembic import command

    from desktop.db.engine import make_engine
    from desktop.db.schema import alembic_config

    engine = make_engine(url)
    with engine.begin() as conn:  # the fixture's database is at head: start again from nothing
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    if engine.dialect.name == "sqlite":
        engine.dispose()
        os.remove(engine.url.database)
        engine = make_engine(url)
    command.upgrade(alembic_config(engine), revision)
    return engine


def test_upgrade_converts_old_demo_history_and_refuses_other_broken_rows(database_url):
    from desktop.db.schema import SchemaError, current_revision, ensure_schema

    engine = _at_revision(database_url, "20261130_0004")
    ids: dict[str, Any]
    with engine.begin() as conn:
        now, today = _stamp(conn, NOW), _stamp(conn, date(2026, 12, 2))
        ids = {"now": now, "today": today}
        ids["branch"] = _insert(conn, "branches", {"code": "TST", "name": "Т", "town": "С", "address": ""})
        ids["customer"] = _insert(conn, "customers", {
            "last_name": "И", "first_name": "М", "middle_name": "", "name_key": "и м", "created_at": now,
            "version": 1})
        ids["account"] = _insert(conn, "accounts", {
            "number": "990000000001", "customer_id": ids["customer"], "branch_id": ids["branch"],
            "town": "С", "street": "Л", "house": "1", "flat": "", "town_key": "с", "street_key": "л",
            "consumer_group": "urban", "residents": 1, "range_threshold_kwh": 1200, "balance_kopecks": 0,
            "bills_by_email_only": False, "sms_notifications": False, "opened_on": today, "version": 1})
        # What the demo generator made before this revision: history "in cash" with no shift.
        for i, method in enumerate(("cash", "card", "bank")):
            _insert(conn, "payments", payment_row(ids, method=method, shift_id=None, idempotency_key=f"demo-1-{i}"))
        broken = _insert(conn, "payments", payment_row(ids, amount_kopecks=0, shift_id=None, method="bank",
                                                       idempotency_key="desk-zero"))
    with pytest.raises(SchemaError, match="ck_payments_amount_sign: 1"):
        ensure_schema(engine, upgrade_older=True)
    assert current_revision(engine) == "20261130_0004"
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM payments WHERE id = :id"), {"id": broken})
    ensure_schema(engine, upgrade_older=True)
    with engine.connect() as conn:
        methods = conn.execute(text("SELECT method FROM payments ORDER BY idempotency_key")).scalars().all()
    assert methods == ["bank", "online", "bank"]
    engine.dispose()
