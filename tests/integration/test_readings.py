"""Readings, tariffs and company settings on SQLite and PostgreSQL with the demo network."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.consumption import ReadingCheckSettings
from desktop.core.tariffs import SAMARA_TARIFFS, cost_of_consumption, rates_in_force
from desktop.db.models import AuditEvent, Meter, Reading, Tariff
from desktop.services import company_settings, readings, tariffs
from desktop.services.accounts import account_card, list_accounts
from desktop.services.context import ServiceContext
from desktop.services.errors import Conflict, InputError, PermissionDenied


def at(ctx: ServiceContext, day: date, hour_utc: int = 8) -> ServiceContext:
    """The same operator with the desk clock stopped on ``day`` (Samara is UTC+4)."""
    moment = datetime(day.year, day.month, day.day, hour_utc, 0, tzinfo=UTC)
    return ServiceContext(ctx.sessions, ctx.actor, clock=lambda: moment, desk=ctx.desk)


NOV20 = date(2026, 11, 20)


def find_account(ctx: ServiceContext, zones: int = 1, *, min_usual: int = 50) -> readings.ReadingForm:
    """A demo account whose meter has ``zones`` zones, read in October, with a usual level."""
    for number in list_accounts(ctx):
        form = readings.reading_form(ctx, number)
        if (form.zones == zones and form.usual_avg is not None and form.usual_avg >= min_usual
                and all(p.period == "2026-10" for p in form.previous.values())):
            return form
    pytest.skip(f"no demo account with {zones} zones read in October")


def audit_events(db, action: str) -> list[AuditEvent]:
    with db.sessions() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# --- tariffs -------------------------------------------------------------------------------------


def test_tariff_seed_is_exact(db, demo_logins, operator_ctx):
    with db.sessions() as s:
        rows = s.scalars(select(Tariff)).all()
    assert len(rows) == len(SAMARA_TARIFFS)
    seeded = {(r.group, r.zones, r.zone, r.range_no, r.valid_from): r for r in SAMARA_TARIFFS}
    for row in rows:
        rate = seeded[(row.consumer_group, row.zones, row.zone, row.range_no, row.valid_from)]
        assert isinstance(row.price_kopecks, int)
        assert Decimal(row.price_kopecks) / 100 == rate.price
        assert (row.from_kwh, row.to_kwh, row.valid_to) == (rate.from_kwh, rate.to_kwh, rate.valid_to)
    # Back to the core exactly, and shown to every operator.
    assert set(tariffs.load_rates(operator_ctx)) == set(SAMARA_TARIFFS)
    today = tariffs.tariff_table(operator_ctx, date(2026, 11, 30))
    assert len(today) == 3 * (1 + 2 + 3) * 3  # groups × zones of the schemes × ranges
    single = [r for r in today if (r.group, r.zones, r.range_no) == ("urban", 1, 1)]
    assert [r.price_kopecks for r in single] == [695]
    # Seeding again adds nothing.
    with db.sessions.begin() as s:
        assert tariffs.seed_tariffs(s) == 0


def test_add_tariff_is_a_new_row_from_its_date(db, demo_logins, operator_ctx, senior_ctx):
    kwargs = dict(group="urban", zones=1, zone="T1", price="7,44", valid_from=date(2027, 1, 1))
    with pytest.raises(PermissionDenied):
        tariffs.add_tariff(at(operator_ctx, NOV20), **kwargs)
    senior = at(senior_ctx, NOV20)
    with pytest.raises(InputError) as past:
        tariffs.add_tariff(senior, **{**kwargs, "valid_from": date(2026, 11, 1)})
    assert past.value.field == "valid_from"
    with pytest.raises(InputError):
        tariffs.add_tariff(senior, **{**kwargs, "price": "7,445"})
    with db.sessions() as s:
        before = {(r.id, r.price_kopecks, r.valid_from, r.valid_to) for r in s.scalars(select(Tariff))}
    row = tariffs.add_tariff(senior, **kwargs, note="приказ о тарифах на 2027 год")
    assert row.price_kopecks == 744 and row.created_by == "sam.senior" and not row.in_force
    with db.sessions() as s:
        after = {(r.id, r.price_kopecks, r.valid_from, r.valid_to) for r in s.scalars(select(Tariff))}
    assert after - before == {(row.id, 744, date(2027, 1, 1), None)}  # nothing old was edited
    assert tariffs.price_in_force(senior, "urban", 1, "T1", date(2026, 12, 31)) == 695
    assert tariffs.price_in_force(senior, "urban", 1, "T1", date(2027, 1, 1)) == 744
    assert tariffs.price_in_force(senior, "urban", 1, "T1", date(2026, 9, 30)) == 625
    # Range II, other zones and groups keep their prices.
    assert tariffs.price_in_force(senior, "urban", 1, "T1", date(2027, 1, 1), range_no=2) == 820
    assert tariffs.price_in_force(senior, "rural", 1, "T1", date(2027, 1, 1)) == 487
    old = next(r for r in tariffs.tariff_table(senior, group="urban", zones=1)
               if r.valid_from == date(2026, 10, 1) and r.range_no == 1)
    assert old.valid_to is None and old.effective == ((date(2026, 10, 1), date(2026, 12, 31)),)
    assert [r.id for r in tariffs.tariff_table(senior, date(2027, 1, 1), group="urban", zones=1)
            if r.range_no == 1] == [row.id]
    event = audit_events(db, "tariffs.add")[-1]
    assert json.loads(event.details)["price_kopecks"] == 744 and event.entity_id == row.id


# --- settings ------------------------------------------------------------------------------------


def test_company_settings_defaults_and_update(db, demo_logins, operator_ctx, admin_ctx):
    settings = company_settings.get_settings(operator_ctx)
    assert settings.readings_window_last_day == 25
    assert settings.reading_check == ReadingCheckSettings()
    with pytest.raises(PermissionDenied):
        company_settings.update_settings(operator_ctx, readings_window_last_day=23)
    with pytest.raises(InputError):
        company_settings.update_settings(admin_ctx, readings_window_last_day=40)
    with pytest.raises(InputError):
        company_settings.update_settings(admin_ctx,
                                         reading_check=ReadingCheckSettings(high_factor=Decimal("0.5")))
    new = company_settings.update_settings(
        admin_ctx, readings_window_last_day=23,
        reading_check=ReadingCheckSettings(high_factor=Decimal("2.5"), absolute_max_monthly_kwh=5000))
    assert company_settings.get_settings(operator_ctx) == new
    form = readings.reading_form(at(operator_ctx, date(2026, 11, 24)), list_accounts(operator_ctx)[0])
    assert form.window_last_day == 23 and form.check.high_factor == Decimal("2.5")
    assert readings.preview(form, {}).late  # the 24th is after the 23rd
    details = json.loads(audit_events(db, "settings.update")[-1].details)
    assert details["changes"]["readings.window_last_day"] == {"old": 25, "new": 23}


# --- the form and the live figures ---------------------------------------------------------------


def test_reading_form_has_everything_for_the_page(db, demo_logins, operator_ctx):
    ctx = at(operator_ctx, NOV20)
    form = find_account(ctx)
    card = account_card(ctx, form.account_number)
    meter = card.meters[0]
    assert (form.serial, form.zones, form.digits) == (meter.serial, meter.zones, meter.digits)
    assert form.previous_values == meter.last_readings
    assert form.previous_on == meter.last_reading_date
    assert form.consumer_group == card.consumer_group and form.range_threshold_kwh == 1200
    assert form.today == NOV20 and form.window_last_day == 25 and form.usual_period == "2026-11"
    assert {(r.group, r.zones) for r in form.rates} == {(card.consumer_group, form.zones)}
    assert set(form.rates_today) == {"T1"}
    # The usual level is the chart's last 12 months.
    chart = readings.monthly_consumption(ctx, form.account_number, months=13)
    year = [p for p in chart if "2025-11" <= p.period <= "2026-10"]
    assert len(year) == 12 and all(p.basis in ("meter", "share") for p in year)
    mean = (Decimal(sum(p.total for p in year)) / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert form.usual_avg == mean
    assert form.usual_same_month == next(p.total for p in chart if p.period == "2025-11")


def test_preview_live_figures_match_core_cost(db, demo_logins, operator_ctx):
    ctx = at(operator_ctx, NOV20)
    for zones in (1, 2):
        form = find_account(ctx, zones)
        typed = {z: str(p.value + 100 + 7 * i) for i, (z, p) in enumerate(form.previous.items())}
        pv = readings.preview(form, typed, NOV20)
        expected_kwh = {z: 100 + 7 * i for i, z in enumerate(form.previous)}
        assert pv.consumption == expected_kwh and pv.total_kwh == sum(expected_kwh.values())
        rates = rates_in_force(SAMARA_TARIFFS, form.consumer_group, zones, NOV20)
        core = cost_of_consumption(expected_kwh, rates)
        assert pv.cost_kopecks == core.total_kopecks and isinstance(pv.cost_kopecks, int)
        assert sum(pv.zone_cost_kopecks.values()) == pv.cost_kopecks
        assert pv.period.key == "2026-11" and not pv.late and pv.can_save
        # An unfinished keystroke: an error on the zone, no cost, nothing saved.
        half = readings.preview(form, {**typed, "T1": "12a"}, NOV20)
        assert "T1" in half.zone_errors and half.cost_kopecks is None and not half.can_save


# --- saving --------------------------------------------------------------------------------------


def test_save_normal_reading(db, demo_logins, operator_ctx):
    ctx = at(operator_ctx, NOV20)
    form = find_account(ctx)
    value = form.previous["T1"].value + 150
    saved = readings.save_readings(ctx, form.account_number, {"T1": f" {value} "}, taken_on=NOV20,
                                   expected_previous=form.previous)
    assert saved.values == {"T1": value} and saved.consumption == {"T1": 150}
    assert saved.period == "2026-11" and not saved.late and saved.period_message is None
    assert saved.cost_kopecks == readings.preview(form, {"T1": value}).cost_kopecks
    with db.sessions() as s:
        row = s.get(Reading, saved.reading_ids[0])
        assert (row.source, row.operator_id, row.rollover, row.warning) == ("operator", ctx.actor.operator_id,
                                                                              False, None)
    top = readings.history(ctx, form.account_number)[0]
    assert (top.taken_on, top.values, top.consumption, top.source) == (
        NOV20, {"T1": value}, {"T1": 150}, "operator")
    assert top.operator_login == "sam.op1" and top.operator_name
    assert readings.reading_form(ctx, form.account_number).previous["T1"].value == value
    assert readings.monthly_consumption(ctx, form.account_number)[-1].period == "2026-11"
    details = json.loads(audit_events(db, "readings.save")[-1].details)
    assert details["values"] == {"T1": value} and details["consumption"] == {"T1": 150}


def test_lower_reading_is_refused(db, demo_logins, operator_ctx):
    ctx = at(operator_ctx, NOV20)
    form = find_account(ctx)
    lower = form.previous["T1"].value - 5
    with pytest.raises(InputError) as error:
        readings.save_readings(ctx, form.account_number, {"T1": lower}, confirm_rollover_zones={"T1"})
    assert error.value.field == "T1" and "меньше предыдущего" in error.value.message
    with db.sessions() as s:
        assert not s.scalar(select(func.count()).select_from(Reading).where(Reading.taken_on == NOV20))


def test_warning_needs_a_reason_and_is_kept(db, demo_logins, operator_ctx):
    ctx = at(operator_ctx, NOV20)
    form = find_account(ctx)
    kwh = int(form.usual_avg * 10)
    typed = {"T1": form.previous["T1"].value + kwh}
    pv = readings.preview(form, typed)
    assert [f.code for f in pv.warnings] == ["high"] and not pv.can_save
    with pytest.raises(InputError) as error:
        readings.save_readings(ctx, form.account_number, typed)
    assert error.value.field == "reason"
    with pytest.raises(InputError):
        readings.save_readings(ctx, form.account_number, typed, confirmation_reason=" a ")
    saved = readings.save_readings(ctx, form.account_number, typed, expected_previous=form.previous,
                                   confirmation_reason="Клиент топил дом обогревателем")
    assert saved.warning and "намного больше" in saved.warning
    with db.sessions() as s:
        row = s.get(Reading, saved.reading_ids[0])
        assert row.confirmation_reason == "Клиент топил дом обогревателем"
        assert row.warning == saved.warning and row.operator_id == ctx.actor.operator_id
    top = readings.history(ctx, form.account_number)[0]
    assert top.reason == "Клиент топил дом обогревателем" and top.warning and top.operator_login == "sam.op1"
    details = json.loads(audit_events(db, "readings.save")[-1].details)
    assert details["reason"] == "Клиент топил дом обогревателем" and "намного больше" in details["warning"]


def test_above_absolute_maximum_is_refused(db, demo_logins, operator_ctx):
    ctx = at(operator_ctx, NOV20)
    form = find_account(ctx)
    typed = {"T1": form.previous["T1"].value + 10_001}
    assert readings.preview(form, typed).errors
    with pytest.raises(InputError) as error:
        readings.save_readings(ctx, form.account_number, typed, confirmation_reason="очень много")
    assert error.value.field == "T1" and "больше допустимого" in error.value.message


def test_reading_after_the_window_counts_next_period(db, demo_logins, operator_ctx):
    day = date(2026, 11, 27)
    ctx = at(operator_ctx, day)
    form = find_account(ctx)
    typed = {"T1": form.previous["T1"].value + 120}
    pv = readings.preview(form, typed, day)
    assert pv.late and pv.period.key == "2026-12"
    assert pv.period_message.startswith("Показания после 25-го числа учитываются в следующем периоде")
    saved = readings.save_readings(ctx, form.account_number, typed, taken_on=day, confirmation_reason=None)
    assert saved.late and saved.period == "2026-12" and saved.period_message == pv.period_message
    with db.sessions() as s:
        assert s.get(Reading, saved.reading_ids[0]).period == "2026-12"
    # November now has no reading of its own: the chart shares the interval and marks it.
    chart = {p.period: p for p in readings.monthly_consumption(ctx, form.account_number)}
    assert chart["2026-12"].basis == "meter" and chart["2026-11"].estimated
    assert chart["2026-11"].total + chart["2026-12"].total == 120


def test_stale_form_is_a_conflict(db, demo_logins, operator_ctx, senior_ctx):
    ctx = at(operator_ctx, NOV20)
    other = at(senior_ctx, NOV20)
    form = find_account(ctx)
    value = form.previous["T1"].value
    readings.save_readings(other, form.account_number, {"T1": value + 100}, expected_previous=form.previous)
    with pytest.raises(Conflict):
        readings.save_readings(ctx, form.account_number, {"T1": value + 100}, expected_previous=form.previous)
    with pytest.raises(Conflict):
        readings.save_readings(ctx, form.account_number, {"T1": value + 100}, expected_previous={"T1": value})
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Reading).where(Reading.taken_on == NOV20)) == 1


def test_meter_replacement_rollover_and_history_across_meters(db, demo_logins, operator_ctx, senior_ctx):
    day = date(2026, 11, 10)
    form = find_account(at(operator_ctx, day))
    number, old_value = form.account_number, form.previous["T1"].value
    args = dict(date=day, old_closing={"T1": old_value + 100}, new_serial="NEW-0001", new_zones=1,
                new_digits=5,
                new_opening={"T1": "99870"}, next_verification_on=date(2042, 11, 10))
    with pytest.raises(PermissionDenied):
        readings.replace_meter(at(operator_ctx, day), number, **args)
    replaced = readings.replace_meter(at(senior_ctx, day), number, **args)
    assert replaced.closing_consumption == {"T1": 100} and replaced.opening == {"T1": 99870}
    with db.sessions() as s:
        old = s.get(Meter, replaced.old_meter_id)
        new = s.get(Meter, replaced.new_meter_id)
        assert old.removed_on == day and new.installed_on == day and new.digits == 5
        sources = s.execute(select(Reading.meter_id, Reading.source, Reading.value)
                            .where(Reading.taken_on == day).order_by(Reading.id)).all()
    assert sources == [(old.id, "closing", old_value + 100), (new.id, "initial", 99870)]
    assert json.loads(audit_events(db, "meter.replace")[-1].details)["new_serial"] == "NEW-0001"

    # A 5-digit meter at 99,870 showing 00,130 has used 260 kWh: only with a confirmed rollover.
    ctx = at(operator_ctx, NOV20)
    form = readings.reading_form(ctx, number)
    assert form.meter_id == new.id and form.previous["T1"].value == 99870
    pv = readings.preview(form, {"T1": "00130"})
    assert pv.rollover_zones == {"T1"} and pv.consumption == {"T1": 260} and not pv.can_save
    assert readings.preview(form, {"T1": "00130"}, confirm_rollover_zones={"T1"}).can_save
    with pytest.raises(InputError) as error:
        readings.save_readings(ctx, number, {"T1": "00130"}, expected_previous=form.previous)
    assert error.value.field == "T1"
    saved = readings.save_readings(ctx, number, {"T1": "00130"}, confirm_rollover_zones={"T1"},
                                   expected_previous=form.previous)
    assert saved.consumption == {"T1": 260} and saved.rollover_zones == {"T1"}
    with db.sessions() as s:
        assert s.get(Reading, saved.reading_ids[0]).rollover is True

    rows = readings.history(ctx, number)
    assert [(r.source, r.meter_serial == "NEW-0001", r.consumption) for r in rows[:3]] == [
        ("operator", True, {"T1": 260}), ("initial", True, None), ("closing", False, {"T1": 100})]
    assert rows[0].rollover and rows[3].meter_id == old.id and rows[3].consumption is not None
    november = readings.monthly_consumption(ctx, number)[-1]
    assert (november.period, november.total, november.basis) == ("2026-11", 360, "meter")
    expected = cost_of_consumption({"T1": 360}, rates_in_force(SAMARA_TARIFFS, form.consumer_group, 1, NOV20))
    assert november.cost_kopecks == expected.total_kopecks


def test_monthly_chart_covers_24_months_with_estimates_marked(db, demo_logins, operator_ctx):
    ctx = at(operator_ctx, NOV20)
    for number in list_accounts(ctx)[:20]:
        chart = readings.monthly_consumption(ctx, number)
        assert len(chart) == 24 and chart[-1].period == "2026-10" and chart[0].period == "2024-11"
        for point in chart:
            assert point.estimated == (point.basis != "meter")
            assert point.total == sum(point.kwh.values())
            assert point.cost_kopecks is None or isinstance(point.cost_kopecks, int)
    assert any(p.basis == "share" for n in list_accounts(ctx)[:20]
               for p in readings.monthly_consumption(ctx, n))


@pytest.mark.parametrize("backend_only", ["postgresql"])
def test_meter_lock_makes_a_second_desk_wait(db, demo_logins, operator_ctx, backend_only):
    if db.engine.dialect.name != backend_only:
        pytest.skip("row locks are PostgreSQL's; SQLite takes the database write lock")
    import threading

    ctx = at(operator_ctx, NOV20)
    form = find_account(ctx)
    value = form.previous["T1"].value
    results: list[object] = []
    with db.sessions.begin() as s:
        readings._lock_meter(s, form.meter_id)  # another desk is in the middle of a save
        worker = threading.Thread(target=lambda: results.append(_try_save(ctx, form, value + 50)))
        worker.start()
        worker.join(0.5)
        assert worker.is_alive()  # waiting for the lock, not writing on top of the same reading
        s.add(Reading(meter_id=form.meter_id, zone="T1", value=value + 40, taken_on=NOV20, period="2026-11",
                      source="operator"))
    worker.join(10)
    assert len(results) == 1 and isinstance(results[0], Conflict)


def _try_save(ctx, form, value):  # type: ignore[no-untyped-def]
    try:
        return readings.save_readings(ctx, form.account_number, {"T1": value},
                                      expected_previous=form.previous)
    except Conflict as error:
        return error
