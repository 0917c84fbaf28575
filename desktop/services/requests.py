"""Customer requests and complaints: registration with a network-wide number and a due date, and
the work on them (assign, notes, answer, close); every change in the history and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.orm import Session

from desktop.core.accounts import normalize_account
from desktop.core.request_kinds import (
    CHANNEL_NAMES,
    DEFAULT_DUE_DAYS,
    RESULT_NAMES,
    TYPE_NAMES,
    request_number,
)
from desktop.core.workdays import MAX_WORKING_DAYS
from desktop.db.locks import begin_writing
from desktop.db.models import Account, Branch, Customer, CustomerRequest, Operator, RequestCounter, RequestEvent
from desktop.db.models.requests import REQUEST_TEXT_MAX
from desktop.db.text_limits import text_problem
from desktop.services import audit
from desktop.services.company_settings import get_value, set_value
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound, PermissionDenied
from desktop.services.holidays import working_day_after

KEY_DUE_DAYS = "requests.due_days"
_CR = CustomerRequest.__table__


@dataclass(frozen=True)
class RequestInfo:
    """One request as the card, the slip and the register show it."""

    id: int
    number: str
    account: str
    customer_name: str
    branch: str
    branch_name: str
    type: str
    channel: str
    text: str
    registered_at: datetime  # in the company's zone
    registered_on: date
    registered_by: str
    due_on: date
    state: str
    assignee: str
    answer: str
    result: str | None
    closed_at: datetime | None
    overdue: bool


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    who: str
    kind: str
    note: str


# --- checks ----------------------------------------------------------------------------------


def _text(value: str, field: str, label: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InputError(f"Введите {label}", field=field)
    problem = text_problem(value, REQUEST_TEXT_MAX)
    if problem:
        raise InputError(f"«{label[0].upper() + label[1:]}»: {problem}", field=field)
    return value


def _choice(value: str, names: dict[str, str], what: str, field: str) -> str:
    if value not in names:
        raise InputError(f"Неизвестный {what}: «{str(value)[:40]}»", field=field)
    return value


def _due_by_hand(ctx: ServiceContext, due_on: Any) -> date:
    if not isinstance(due_on, date) or isinstance(due_on, datetime):
        raise InputError("Срок ответа — дата", field="due_on")
    if due_on < ctx.today():
        raise InputError("Срок ответа не может быть в прошлом", field="due_on")
    return due_on


def _who(ctx: ServiceContext) -> str:
    return ctx.actor.full_name or ctx.actor.login


def _may_change(ctx: ServiceContext, request: CustomerRequest) -> None:
    """An operator works on the requests of their own branch; seniors and admins on any."""
    actor = ctx.actor
    if actor.branch_id is not None and request.branch_id != actor.branch_id and not actor.has_role("senior"):
        raise PermissionDenied("Обращение другого отделения может менять только старший оператор")
    if request.state == "closed":
        raise InputError(f"Обращение {request.number} закрыто; изменить его нельзя")


# --- settings --------------------------------------------------------------------------------


def due_days(session: Session) -> dict[str, int]:
    """Working days to answer per kind: company settings over the defaults."""
    stored = get_value(session, KEY_DUE_DAYS, {}) or {}
    return {kind: int(stored.get(kind, days)) for kind, days in DEFAULT_DUE_DAYS.items()}


def update_due_days(ctx: ServiceContext, changes: dict[str, int]) -> dict[str, int]:
    """Change the working days of some kinds (administrator); audited as settings.update."""
    ctx.require("admin")
    for kind, days in changes.items():
        _choice(kind, TYPE_NAMES, "вид обращения", "type")
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_WORKING_DAYS:
            raise InputError(f"Срок «{TYPE_NAMES[kind]}» — от 1 до {MAX_WORKING_DAYS} рабочих дней", field=kind)
    with ctx.transaction() as s:
        old = due_days(s)
        new = {**old, **changes}
        set_value(s, KEY_DUE_DAYS, new)
        audit.record(s, ctx, "settings.update", entity="company_settings",
                     changes={KEY_DUE_DAYS: {"old": old, "new": new}})
        return new


def due_date(ctx: ServiceContext, kind: str, start: date | None = None) -> date:
    """The due date of a request of ``kind`` registered on ``start`` (today by default)."""
    _choice(kind, TYPE_NAMES, "вид обращения", "type")
    with ctx.read() as s:
        return working_day_after(s, start or ctx.today(), due_days(s)[kind])


# --- numbering -------------------------------------------------------------------------------


def _next_seq(session: Session, branch_id: int, year: int) -> int:
    """The next sequence number of the branch and year, taken in the caller's transaction.

    The counter row is created if missing (a no-op when another desk made it), then incremented
    with UPDATE ... RETURNING: PostgreSQL holds that row lock until commit, so a second desk waits
    and reads the new value; SQLite's BEGIN IMMEDIATE makes the whole transaction the only writer.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        begin_writing(connection)
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    session.execute(insert(RequestCounter).values(branch_id=branch_id, year=year, last=0)
                    .on_conflict_do_nothing(index_elements=["branch_id", "year"]))
    return session.execute(
        update(RequestCounter)
        .where(RequestCounter.branch_id == branch_id, RequestCounter.year == year)
        .values(last=RequestCounter.last + 1)
        .returning(RequestCounter.last)
        .execution_options(synchronize_session=False)
    ).scalar_one()


# --- reading ---------------------------------------------------------------------------------


def _info(session: Session, ctx: ServiceContext, request_ids: list[int] | None = None,
          account_id: int | None = None) -> list[RequestInfo]:
    registrar = Operator.__table__.alias("registrar")
    assignee = Operator.__table__.alias("assignee")
    query = (
        select(_CR, Account.number.label("account_number"), Customer.last_name, Customer.first_name,
               Customer.middle_name, Branch.code.label("branch_code"), Branch.name.label("branch_name"),
               registrar.c.full_name.label("registrar_name"), registrar.c.login.label("registrar_login"),
               assignee.c.full_name.label("assignee_name"), assignee.c.login.label("assignee_login"))
        .join(Account, Account.id == _CR.c.account_id)
        .join(Customer, Customer.id == Account.customer_id)
        .join(Branch, Branch.id == _CR.c.branch_id)
        .outerjoin(registrar, registrar.c.id == _CR.c.registered_by)
        .outerjoin(assignee, assignee.c.id == _CR.c.assignee_id)
        .order_by(_CR.c.registered_at.desc(), _CR.c.id.desc())
    )
    if request_ids is not None:
        query = query.where(_CR.c.id.in_(request_ids))
    if account_id is not None:
        query = query.where(_CR.c.account_id == account_id)
    zone, today = ctx.zone(), ctx.today()
    return [
        RequestInfo(
            id=r.id, number=r.number, account=r.account_number,
            customer_name=" ".join(p for p in (r.last_name, r.first_name, r.middle_name) if p),
            branch=r.branch_code, branch_name=r.branch_name, type=r.type, channel=r.channel, text=r.text,
            registered_at=r.registered_at.astimezone(zone), registered_on=r.registered_on,
            registered_by=r.registrar_name or r.registrar_login or "", due_on=r.due_on, state=r.state,
            assignee=r.assignee_name or r.assignee_login or "", answer=r.answer, result=r.result,
            closed_at=r.closed_at.astimezone(zone) if r.closed_at else None,
            overdue=r.state != "closed" and r.due_on < today,
        )
        for r in session.execute(query)
    ]


def _account(session: Session, number: str) -> Account:
    normalized = normalize_account(number)
    if normalized is None:
        raise NotFound("Номер лицевого счёта — 12 цифр")
    account = session.scalar(select(Account).where(Account.number == normalized))
    if account is None:
        raise NotFound(f"Лицевой счёт {normalized} не найден")
    return account


def account_requests(ctx: ServiceContext, number: str) -> list[RequestInfo]:
    """Every request of an account, newest first (open and closed)."""
    ctx.zone()  # read before the transaction: one connection at a time
    with ctx.read() as s:
        return _info(s, ctx, account_id=_account(s, number).id)


def get_request(ctx: ServiceContext, request_id: int) -> RequestInfo:
    ctx.zone()
    with ctx.read() as s:
        found = _info(s, ctx, [request_id])
    if not found:
        raise NotFound("Обращение не найдено")
    return found[0]


def request_history(ctx: ServiceContext, request_id: int) -> list[HistoryItem]:
    """The history of one request, oldest first, times in the company's zone."""
    zone = ctx.zone()
    with ctx.read() as s:
        rows = s.scalars(select(RequestEvent).where(RequestEvent.request_id == request_id)
                         .order_by(RequestEvent.id))
        return [HistoryItem(e.at.astimezone(zone), e.who, e.kind, e.note) for e in rows]


def open_counts(connection: Connection, account_id: int, today: date) -> tuple[int, int]:
    """(open requests, of them overdue) of an account, for the card's alert line."""
    row = connection.execute(
        select(func.count(), func.count().filter(_CR.c.due_on < today))
        .where(_CR.c.account_id == account_id, _CR.c.state != "closed")
    ).one()
    return int(row[0]), int(row[1])


# --- writing ---------------------------------------------------------------------------------


def register_request(ctx: ServiceContext, account: str, kind: str, text: str, channel: str = "in_person",
                     *, due_on: date | None = None) -> RequestInfo:
    """Register a request of the customer of ``account``: numbered, due date from its kind (or a
    later date set by hand), history and audit in the same transaction."""
    kind = _choice(kind, TYPE_NAMES, "вид обращения", "type")
    channel = _choice(channel, CHANNEL_NAMES, "способ ответа", "channel")
    text = _text(text, "text", "текст обращения")
    by_hand = due_on is not None
    if by_hand:
        due_on = _due_by_hand(ctx, due_on)
    now, today = ctx.clock(), ctx.today()
    with ctx.transaction() as s:
        acc = _account(s, account)
        branch_id = ctx.actor.branch_id or acc.branch_id
        branch_code = s.scalar(select(Branch.code).where(Branch.id == branch_id))
        if due_on is None:
            due_on = working_day_after(s, today, due_days(s)[kind])
        seq = _next_seq(s, branch_id, today.year)
        request = CustomerRequest(
            number=request_number(branch_code, today.year, seq), branch_id=branch_id, year=today.year, seq=seq,
            account_id=acc.id, type=kind, channel=channel, text=text, registered_at=now, registered_on=today,
            registered_by=ctx.actor.operator_id, due_on=due_on, due_by_hand=by_hand, state="new", answer="",
        )
        s.add(request)
        s.flush()
        s.add(RequestEvent(request_id=request.id, at=now, operator_id=ctx.actor.operator_id, who=_who(ctx),
                           kind="registered", note=""))
        audit.record(s, ctx, "request.register", account_number=acc.number, entity="customer_request",
                     entity_id=request.id, number=request.number, type=kind, channel=channel,
                     due_on=due_on.isoformat(), due_by_hand=by_hand)
        request_id = request.id
    return get_request(ctx, request_id)


def _change(ctx: ServiceContext, request_id: int, kind: str, note: str, apply: Any, **details: Any) -> RequestInfo:
    """Load, check the branch and state, apply, append the history line and the audit event."""
    now = ctx.clock()
    with ctx.transaction() as s:
        request = s.get(CustomerRequest, request_id)
        if request is None:
            raise NotFound("Обращение не найдено")
        _may_change(ctx, request)
        apply(s, request)
        s.add(RequestEvent(request_id=request.id, at=now, operator_id=ctx.actor.operator_id, who=_who(ctx),
                           kind=kind, note=note))
        number = s.scalar(select(Account.number).where(Account.id == request.account_id))
        audit.record(s, ctx, f"request.{kind}", account_number=number, entity="customer_request",
                     entity_id=request.id, number=request.number, **details)
    return get_request(ctx, request_id)


def assign_request(ctx: ServiceContext, request_id: int, login: str) -> RequestInfo:
    """Give the request to an operator (by login) to work on."""
    def apply(s: Session, request: CustomerRequest) -> None:
        person = s.scalar(select(Operator).where(Operator.login == (login or "").strip()))
        if person is None or not person.active:
            raise InputError(f"Нет такого сотрудника: «{(login or '')[:40]}»", field="assignee")
        request.assignee_id = person.id
        if request.state == "new":
            request.state = "in_work"

    return _change(ctx, request_id, "assigned", (login or "").strip(), apply, assignee=(login or "").strip())


def add_note(ctx: ServiceContext, request_id: int, note: str) -> RequestInfo:
    """A working note in the request's history (what was checked, whom it was passed to)."""
    note = _text(note, "note", "текст примечания")
    return _change(ctx, request_id, "note", note, lambda s, r: None)


def answer_request(ctx: ServiceContext, request_id: int, answer: str) -> RequestInfo:
    """Write (or rewrite) the answer to the customer; the history keeps every version."""
    answer = _text(answer, "answer", "текст ответа")
    now = ctx.clock()

    def apply(s: Session, request: CustomerRequest) -> None:
        request.answer, request.answered_at, request.state = answer, now, "answered"

    return _change(ctx, request_id, "answer", answer, apply)


def set_due_on(ctx: ServiceContext, request_id: int, due_on: date, reason: str) -> RequestInfo:
    """Move the due date by hand (never into the past), with a reason in the history."""
    due_on = _due_by_hand(ctx, due_on)
    reason = _text(reason, "note", "причину переноса срока")

    def apply(s: Session, request: CustomerRequest) -> None:
        request.due_on, request.due_by_hand = due_on, True

    return _change(ctx, request_id, "due_date", f"{due_on:%d.%m.%Y}: {reason}", apply, due_on=due_on.isoformat())


def close_request(ctx: ServiceContext, request_id: int, result: str, answer: str | None = None) -> RequestInfo:
    """Close with a result (resolved, refused, forwarded); only with an answer text."""
    result = _choice(result, RESULT_NAMES, "результат", "result")
    given = _text(answer or "", "answer", "текст ответа", required=False)
    now = ctx.clock()

    def apply(s: Session, request: CustomerRequest) -> None:
        text = given or request.answer
        if not text.strip():
            raise InputError("Нельзя закрыть обращение без текста ответа", field="answer")
        if given:
            request.answer, request.answered_at = given, now
        request.state, request.result, request.closed_at, request.closed_by = (
            "closed", result, now, ctx.actor.operator_id)

    return _change(ctx, request_id, "closed", RESULT_NAMES[result] + (f": {given}" if given else ""), apply,
                   result=result)


def slip_pdf(ctx: ServiceContext, request_id: int) -> bytes:
    """The acknowledgement slip of a request as PDF bytes (the document printed for the customer)."""
    from desktop.printing.request_slip_pdf import SlipDocument, render_slip
    from desktop.services.billing import load_payee

    info = get_request(ctx, request_id)
    with ctx.read() as s:
        payee = load_payee(s)
        address = s.scalar(select(Branch.address).where(Branch.code == info.branch)) or ""
    return render_slip(SlipDocument(info, payee, address, ctx.now().strftime("%d.%m.%Y %H:%M")))
