"""Customer requests on both databases: numbering, due dates, the work on a request, bad input."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.db.models import AuditEvent, CustomerRequest, RequestCounter, RequestEvent
from desktop.services import holidays, requests
from desktop.services.errors import InputError, PermissionDenied
from tests.integration.race_helpers import run_together
from tests.integration.request_helpers import TUESDAY, first_account, other_branch_operator, signed_in


def _count(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_registration_numbers_dates_history_and_audit(db, demo_logins) -> None:
    ctx = signed_in(db, "sam.op1")
    account = first_account(ctx)
    first = requests.register_request(ctx, account, "complaint", "  Счёт за октябрь завышен  ", "sms")
    second = requests.register_request(ctx, account, "online_account", "Не входит в личный кабинет")
    assert first.number == "SAM-2026-000001" and second.number == "SAM-2026-000002"
    assert first.text == "Счёт за октябрь завышен" and first.channel == "sms" and first.state == "new"
    # Tuesday 3.11 + 10 working days over a weekend and the 4 November holiday: Wednesday 18.11.
    assert first.due_on == date(2026, 11, 18)
    # 5 working days: 5, 6, 9, 10, 11 November.
    assert second.due_on == date(2026, 11, 11)
    assert first.registered_on == date(2026, 11, 3) and first.account == account
    assert [h.kind for h in requests.request_history(ctx, first.id)] == ["registered"]
    with db.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "request.register")
                          .order_by(AuditEvent.id)).first()
        assert event.account_number == account and event.entity_id == first.id
        assert json.loads(event.details)["number"] == "SAM-2026-000001"
    assert [r.number for r in requests.account_requests(ctx, account)] == [second.number, first.number]


def test_a_holiday_added_by_a_senior_moves_later_due_dates(db, demo_logins) -> None:
    senior = signed_in(db, "sam.senior")
    assert requests.due_date(senior, "complaint") == date(2026, 11, 18)
    holidays.set_holiday(senior, date(2026, 11, 10), "Региональный праздник")
    assert requests.due_date(senior, "complaint") == date(2026, 11, 19)
    # A Saturday made a working day counts again.
    holidays.set_holiday(senior, date(2026, 11, 7), "Рабочая суббота", working=True)
    assert requests.due_date(senior, "complaint") == date(2026, 11, 18)
    with pytest.raises(PermissionDenied):
        holidays.set_holiday(signed_in(db, "sam.op1"), date(2026, 11, 11), "Нет прав")
    with pytest.raises(InputError):
        holidays.set_holiday(senior, date(2026, 11, 11), "Среда", working=True)
    holidays.remove_holiday(senior, date(2026, 11, 10))
    holidays.remove_holiday(senior, date(2026, 11, 7))
    assert requests.due_date(senior, "complaint") == date(2026, 11, 18)
    assert date(2026, 11, 4) in {h.day for h in holidays.list_holidays(senior, 2026)}


def test_due_days_come_from_company_settings(db, demo_logins, admin_ctx) -> None:
    requests.update_due_days(admin_ctx, {"complaint": 3})
    ctx = signed_in(db, "sam.op1")
    assert requests.due_date(ctx, "complaint") == date(2026, 11, 9)  # 5, 6, 9 November
    with pytest.raises(InputError):
        requests.update_due_days(admin_ctx, {"complaint": 0})
    with pytest.raises(PermissionDenied):
        requests.update_due_days(ctx, {"complaint": 5})


def test_work_on_a_request_until_it_is_closed(db, demo_logins) -> None:
    ctx = signed_in(db, "sam.op1")
    made = requests.register_request(ctx, first_account(ctx), "meter", "Счётчик не светится")
    assigned = requests.assign_request(ctx, made.id, "sam.senior")
    assert assigned.state == "in_work" and assigned.assignee
    requests.add_note(ctx, made.id, "Выезд мастера назначен на 10.11")
    later = requests.set_due_on(ctx, made.id, date(2026, 12, 1), "Нужен выезд")
    assert later.due_on == date(2026, 12, 1)
    answered = requests.answer_request(ctx, made.id, "Счётчик заменён 10.11.2026")
    assert answered.state == "answered"
    closed = requests.close_request(ctx, made.id, "resolved")
    assert closed.state == "closed" and closed.result == "resolved" and closed.answer == "Счётчик заменён 10.11.2026"
    kinds = [h.kind for h in requests.request_history(ctx, made.id)]
    assert kinds == ["registered", "assigned", "note", "due_date", "answer", "closed"]
    with db.sessions() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "customer_request")
                                 .order_by(AuditEvent.id)))
    assert actions == ["request.register", "request.assigned", "request.note", "request.due_date",
                       "request.answer", "request.closed"]
    with pytest.raises(InputError, match="закрыто"):
        requests.add_note(ctx, made.id, "Ещё примечание")


def test_bad_input_saves_nothing(db, demo_logins) -> None:
    ctx = signed_in(db, "sam.op1")
    account = first_account(ctx)
    cases = [
        (dict(kind="complaint", text="   "), "text", "Введите текст обращения"),
        (dict(kind="complaint", text="я" * 4001), "text", "не больше 4000 символов"),
        (dict(kind="refund", text="Верните деньги"), "type", "Неизвестный вид обращения"),
        (dict(kind="complaint", text="Текст", channel="pigeon"), "channel", "Неизвестный способ ответа"),
        (dict(kind="complaint", text="Текст", due_on=date(2026, 11, 2)), "due_on", "в прошлом"),
        (dict(kind="complaint", text="Нуль\x00"), "text", "NUL"),
    ]
    for kwargs, field, message in cases:
        with pytest.raises(InputError, match=message) as caught:
            requests.register_request(ctx, account, **kwargs)
        assert caught.value.field == field
    assert _count(db, CustomerRequest) == 0 and _count(db, RequestEvent) == 0 and _count(db, RequestCounter) == 0

    made = requests.register_request(ctx, account, "bill_dispute", "Не согласен со счётом")
    with pytest.raises(InputError, match="без текста ответа"):
        requests.close_request(ctx, made.id, "refused")
    with pytest.raises(InputError, match="Неизвестный результат"):
        requests.close_request(ctx, made.id, "lost", "Ответ")
    with pytest.raises(InputError, match="4000"):
        requests.answer_request(ctx, made.id, "ы" * 4001)
    with pytest.raises(InputError):
        requests.assign_request(ctx, made.id, "nobody")
    assert requests.get_request(ctx, made.id).state == "new"
    assert [h.kind for h in requests.request_history(ctx, made.id)] == ["registered"]


def test_another_branch_needs_the_senior_role(db, demo_logins) -> None:
    other = signed_in(db, other_branch_operator(demo_logins))
    made = requests.register_request(other, first_account(other), "complaint", "Грубость кассира")
    assert not made.number.startswith("SAM-")
    operator = signed_in(db, "sam.op1")
    for change in (lambda: requests.add_note(operator, made.id, "Смотрю"),
                   lambda: requests.answer_request(operator, made.id, "Ответ"),
                   lambda: requests.close_request(operator, made.id, "resolved", "Ответ")):
        with pytest.raises(PermissionDenied, match="старший оператор"):
            change()
    assert [h.kind for h in requests.request_history(operator, made.id)] == ["registered"]
    senior = signed_in(db, "sam.senior")
    assert requests.close_request(senior, made.id, "forwarded", "Передано в филиал").state == "closed"


def test_overdue_counts_follow_the_clock(db, demo_logins) -> None:
    ctx = signed_in(db, "sam.op1")
    account = first_account(ctx)
    requests.register_request(ctx, account, "online_account", "Кабинет")  # due 11.11
    requests.register_request(ctx, account, "suggestion", "Поставьте скамейку")  # due later
    done = requests.register_request(ctx, account, "other", "Справка")
    requests.close_request(ctx, done.id, "resolved", "Выдана")
    later = signed_in(db, "sam.op1", clock=lambda: TUESDAY + timedelta(days=9))  # 12.11
    from desktop.services.accounts import account_card

    assert (account_card(ctx, account).open_requests, account_card(ctx, account).overdue_requests) == (2, 0)
    card = account_card(later, account)
    assert (card.open_requests, card.overdue_requests) == (2, 1)
    assert card.to_json()["open_requests"] == 2
    assert [r.overdue for r in requests.account_requests(later, account)] == [False, False, True]


def _register_one(ctx, index: int) -> str:  # type: ignore[no-untyped-def]
    from desktop.services.accounts import list_accounts

    return requests.register_request(ctx, list_accounts(ctx, 1)[0], "complaint", f"Обращение {index}").number


def test_numbers_stay_unique_under_concurrent_registration_from_processes(db, database_url, demo_logins) -> None:
    from desktop.services.operators import authenticate
    from desktop.services.context import ServiceContext
    from desktop.services.demo.build import DEMO_PASSWORD

    base = ServiceContext(db.sessions)
    actors = [authenticate(base, "sam.op1", DEMO_PASSWORD), authenticate(base, "sam.op2", DEMO_PASSWORD),
              authenticate(base, other_branch_operator(demo_logins), DEMO_PASSWORD)]
    outcomes = run_together(database_url, [actors[i % 3] for i in range(9)], _register_one, 9)
    assert all(outcome == "ok" for outcome, _ in outcomes), outcomes
    numbers = [json.loads(detail.replace("'", '"')) for _, detail in outcomes]
    assert len(set(numbers)) == 9
    sam = sorted(n for n in numbers if n.startswith("SAM-"))
    assert sam == [f"SAM-{datetime.now(UTC).year}-{i:06d}" for i in range(1, 7)]
    with db.sessions() as s:
        assert s.scalar(select(func.count(func.distinct(CustomerRequest.number)))) == 9
