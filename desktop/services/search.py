"""The search box: one text, every way a customer identifies himself, keyset pages of results.

``search(ctx, text)`` classifies the text (desktop.core.search_query) and runs one index-driven
query per shape; ``search(ctx, text, after=page.next_cursor)`` gives the next page. No shape
scans the table (perf-notes: a scan of 2,000,000 rows costs about half a second):

- exact account / bill QR code: the unique index on accounts.number;
- 4 digits of an account number: the (win, number) key of ``account_number_windows``
  (migration 20261203_0014), already in number order;
- a longer part of an account number: FTS5 trigram table ``accounts_number_fts`` on SQLite,
  pg_trgm GIN index on PostgreSQL (materialised first, so the planner cannot pick an
  early-stopping scan of the number index that reads the whole table when nothing matches);
- phone: ix_customers_phone;
- name: a prefix range on customers.name_key (COLLATE "C" on PostgreSQL), in index order;
- address: the street is resolved first to the few distinct street keys that start with the
  typed name (with or without a type word: "ул. ", "пр. ", ...) by a loose index scan, then
  each street is read in (house, flat, id) order from ix_accounts_street or ix_accounts_address.

Invalid input and empty results come back as a page with a Russian ``message``; only database
trouble raises (EnvironmentProblem, from ServiceContext).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Integer, Select, String, and_, column, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from desktop.core.search_query import STREET_SPELLINGS, TYPO_SIMILARITY, AddressParts, SearchQuery, classify, similarity
from desktop.db.models import Account, Customer
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError

MAX_LIMIT = 500
MAX_STREETS = 200  # distinct streets one address query may resolve to
WINDOW_DIGITS = 4  # the length of the windows of account_number_windows
_TOP = "\uffff"  # above every character of a folded key: [p, p + _TOP) is the prefix range of p


@dataclass(frozen=True)
class SearchRow:
    """One line of the results list."""

    account: str
    name: str
    address: str
    balance_kopecks: int
    closed: bool


@dataclass(frozen=True)
class SearchCursor:
    """Where the next page starts: opaque to the caller, hand it back as ``after``."""

    query: SearchQuery  # the classified text the cursor belongs to
    kind: str  # the shape that produced the page (a name may fall back to a street)
    key: tuple[Any, ...]  # sort key of the last row given


@dataclass(frozen=True)
class SearchPage:
    """A page of results; ``next_cursor`` is None on the last page."""

    kind: str  # exact, partial, phone, name, address, typo or invalid
    rows: list[SearchRow]
    next_cursor: SearchCursor | None
    message: str | None = None


_COLUMNS = (
    Account.id,
    Account.number,
    Customer.last_name,
    Customer.first_name,
    Customer.middle_name,
    Account.town,
    Account.street,
    Account.house,
    Account.flat,
    Account.balance_kopecks,
    Account.closed_on,
    Customer.name_key,
    Customer.id.label("customer_id"),
    Account.street_key,
)


def _base() -> Select[*tuple[Any, ...]]:
    return select(*_COLUMNS).select_from(Account).join(Customer, Customer.id == Account.customer_id)


def _row(r: Any) -> SearchRow:
    name = " ".join(p for p in (r.last_name, r.first_name, r.middle_name) if p)
    address = f"{r.town}, {r.street}, д. {r.house}" + (f", кв. {r.flat}" if r.flat else "")
    return SearchRow(r.number, name, address, r.balance_kopecks, r.closed_on is not None)


def _after(columns: tuple[Any, ...], key: tuple[Any, ...]) -> Any:
    """Keyset condition ``(columns) > key``, with a leading ``c1 >= k1`` an index can seek to."""

    def greater(i: int) -> Any:
        if i == len(columns) - 1:
            return columns[i] > key[i]
        return or_(columns[i] > key[i], and_(columns[i] == key[i], greater(i + 1)))

    return and_(columns[0] >= key[0], greater(0))


def _page(query: SearchQuery, kind: str, rows: Sequence[Any], limit: int,
          key_of: Callable[[Any], tuple[Any, ...]]) -> SearchPage:
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = SearchCursor(query, kind, key_of(rows[-1])) if more else None
    return SearchPage(kind, [_row(r) for r in rows], cursor)


# --- the shapes ----------------------------------------------------------------------------------

_PERSON_ORDER = (Customer.name_key, Customer.id, Account.number)


def _person_key(r: Any) -> tuple[Any, ...]:
    return (r.name_key, r.customer_id, r.number)


def _exact(s: Session, q: SearchQuery, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    if key is not None:
        return SearchPage("exact", [], None)
    rows = s.execute(_base().where(Account.number == q.account)).all()
    return _page(q, "exact", rows, limit, lambda r: (r.number,))


# Each account's distinct 4-digit windows (migration 20261203_0014; not mapped).
_WINDOWS = table("account_number_windows", column("win", Integer), column("number", String))


def _window(s: Session, q: SearchQuery, digits: str, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    # The page's numbers straight from the (win, number) key, in order: 51 index entries whether
    # the 4 digits are in 1,800 numbers or 200,000; then only those accounts and customers.
    # Two statements: joined in one, PostgreSQL merge-joined the 51 numbers with a scan of the
    # whole number index (360 ms at 2,000,000 accounts) instead of 51 probes.
    page = select(_WINDOWS.c.number).where(_WINDOWS.c.win == int(digits))
    if key is not None:
        page = page.where(_WINDOWS.c.number > key[0])
    numbers = s.scalars(page.order_by(_WINDOWS.c.number).limit(limit + 1)).all()
    if not numbers:
        return SearchPage("partial", [], None)
    rows = s.execute(_base().where(Account.number.in_(numbers)).order_by(Account.number)).all()
    return _page(q, "partial", rows, limit, lambda r: (r.number,))


def _partial(s: Session, q: SearchQuery, digits: str, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    if len(digits) == WINDOW_DIGITS:
        return _window(s, q, digits, key, limit)
    # Two steps: the page's account ids in number order from the matches alone, then the
    # customers of those few. A 4-digit part matches about 1,800 of 2,000,000 accounts; joining
    # every match to its customer before sorting read 1,800 customer rows for a page of 50.
    if s.get_bind().dialect.name == "sqlite":
        # The digits are the whole phrase (a quoted phrase: no FTS5 syntax can slip in).
        match: Select[Any] = select(literal_column("rowid")).select_from(text("accounts_number_fts")).where(
            text("accounts_number_fts MATCH :phrase").bindparams(phrase=f'"{digits}"')
        )
        page = select(Account.id.label("id"), Account.number.label("number")).where(
            Account.id.in_(match.scalar_subquery()))
    else:
        # The bitmap scan rechecks every match in its heap row, so the match carries its
        # number from there: no second visit of 1,800 rows by primary key just to sort them.
        found = (
            select(Account.id.label("id"), Account.number.label("number"))
            .where(Account.number.like(f"%{digits}%"))
            .cte("found")
            .prefix_with("MATERIALIZED")
        )
        page = select(found.c.id, found.c.number)
    page_number = page.selected_columns.number
    if key is not None:
        page = page.where(page_number > key[0])
    ids = page.order_by(page_number).limit(limit + 1).subquery("page")
    stmt = _base().join(ids, ids.c.id == Account.id)
    rows = s.execute(stmt.order_by(Account.number)).all()
    return _page(q, "partial", rows, limit, lambda r: (r.number,))


def _phone(s: Session, q: SearchQuery, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    stmt = _base().where(Customer.phone == q.phone)
    if key is not None:
        stmt = stmt.where(_after(_PERSON_ORDER, key))
    rows = s.execute(stmt.order_by(*_PERSON_ORDER).limit(limit + 1)).all()
    return _page(q, "phone", rows, limit, _person_key)


def _name(s: Session, q: SearchQuery, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    assert q.name is not None
    parts = q.name
    prefix = f"{parts.surname} {parts.first}" if parts.first else parts.surname
    conditions = [Customer.name_key >= prefix, Customer.name_key < prefix + _TOP]
    if parts.middle:
        # Only letters, hyphens and apostrophes reach here: nothing to escape in the pattern.
        conditions.append(Customer.name_key.like(f"{prefix}% {parts.middle}%"))
    # Two steps, so that no plan depends on the planner's guess of the prefix range's size
    # (PostgreSQL guessed 1 row for 1,100 and sorted them all): (1) the next customers in
    # (name_key, id) order straight from ix_customers_name_key (name_key, id), no sort;
    # (2) their accounts, a handful of rows to sort. Repeat while customers without accounts
    # leave the page short.
    rows: list[Any] = []
    start = key[:2] if key is not None else None  # the cursor's customer may have more accounts
    while len(rows) <= limit:
        want = limit + 1 - len(rows)
        people = select(Customer.id, Customer.name_key).where(*conditions)
        if start is not None:
            people = people.where(_after_or_at(Customer.name_key, Customer.id, start))
        found = s.execute(people.order_by(Customer.name_key, Customer.id).limit(want)).all()
        if not found:
            break
        stmt = _base().where(Customer.id.in_([r.id for r in found]))
        if key is not None:
            stmt = stmt.where(_after(_PERSON_ORDER, key))
        rows += s.execute(stmt.order_by(*_PERSON_ORDER).limit(want)).all()
        if len(found) < want:
            break  # the range has no more customers
        start, key = (found[-1].name_key, found[-1].id + 1), None
    return _page(q, "name", rows, limit, _person_key)


MAX_SIMILAR = 10  # surnames offered for one typo


def _similar_surnames(s: Session, surname: str) -> list[str]:
    """Surname keys one or two letters away from ``surname``, most similar first (migration 0011)."""
    if s.get_bind().dialect.name == "sqlite":
        grams = sorted({surname[i:i + 3] for i in range(len(surname) - 2)})
        if not grams:
            return []
        # Letters, hyphens and apostrophes only reach here: each trigram is a safe quoted phrase.
        # FTS5 ranks surnames sharing the rarest trigrams first; the similarity below decides.
        found = s.scalars(text(
            "SELECT key FROM surname_keys WHERE id IN (SELECT rowid FROM surname_keys_fts "
            "WHERE surname_keys_fts MATCH :grams ORDER BY rank LIMIT 500)"),
            {"grams": " OR ".join(f'"{g}"' for g in grams)}).all()
    else:
        found = s.scalars(text(
            "SELECT key FROM surname_keys WHERE key % :s ORDER BY similarity(key, :s) DESC, key LIMIT 50"),
            {"s": surname}).all()
    scored = sorted((-similarity(k, surname), k) for k in found if k != surname)
    return [k for score, k in scored if -score >= TYPO_SIMILARITY][:MAX_SIMILAR]


def _typo(s: Session, q: SearchQuery, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    """A surname nobody has: the customers of the most similar surnames, most similar first
    (one page: the few surnames a typo can mean do not need more)."""
    if q.name is None or key is not None:
        return SearchPage("typo", [], None)
    rows: list[SearchRow] = []
    for surname in _similar_surnames(s, q.name.surname):
        page = _name(s, replace(q, name=replace(q.name, surname=surname)), None, limit - len(rows))
        rows += page.rows
        if len(rows) >= limit:
            break
    return SearchPage("typo", rows[:limit], None)


def _after_or_at(name_key: Any, customer_id: Any, at: tuple[Any, ...]) -> Any:
    """``(name_key, id) >= at`` with a leading bound an index can seek to."""
    return and_(name_key >= at[0], or_(name_key > at[0], customer_id >= at[1]))


def _street_ranges(address: AddressParts) -> list[tuple[str, str]]:
    """Prefix ranges of street keys for the typed street: "ленина" -> "ленина", "ул. ленина", ..."""
    street = address.street
    types = [address.street_type] if address.street_type else list(STREET_SPELLINGS)
    prefixes = [street] + [f"{spelling} {street}" for t in types for spelling in STREET_SPELLINGS[t]]
    return [(p, p + _TOP) for p in dict.fromkeys(prefixes)]


# A loose index scan: for each prefix range, hop from one distinct street key to the next with
# one index seek each, instead of reading every account of the street.
_RESOLVE_STREETS = """
WITH RECURSIVE p(lo, hi) AS (VALUES {values}),
s(k, hi, n) AS (
    SELECT (SELECT min(a.street_key) FROM accounts a WHERE a.street_key >= p.lo AND a.street_key < p.hi),
           p.hi, 0
    FROM p
    UNION ALL
    SELECT (SELECT min(a.street_key) FROM accounts a WHERE a.street_key > s.k AND a.street_key < s.hi),
           s.hi, s.n + 1
    FROM s WHERE s.k IS NOT NULL AND s.n < :max_streets
)
SELECT DISTINCT k FROM s WHERE k IS NOT NULL
"""


def _resolve_streets(s: Session, address: AddressParts) -> list[str]:
    ranges = _street_ranges(address)
    params: dict[str, Any] = {"max_streets": MAX_STREETS}
    values = []
    for i, (lo, hi) in enumerate(ranges):
        params[f"lo{i}"], params[f"hi{i}"] = lo, hi
        cast = f"CAST(:lo{i} AS TEXT), CAST(:hi{i} AS TEXT)"
        values.append(f"({cast})")
    sql = text(_RESOLVE_STREETS.format(values=", ".join(values)))
    keys = sorted(set(s.scalars(sql, params)))
    if address.street_type:
        # A bare prefix also found streets of other types ("кирова" -> "пр. кирова"): keep
        # those with the typed type word ("московское ш." for "Московское шоссе").
        spellings = set(STREET_SPELLINGS[address.street_type])
        keys = [k for k in keys if spellings & set(k.split())]
    return keys[:MAX_STREETS]


def _address(s: Session, q: SearchQuery, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    assert q.address is not None
    readings = q.address.readings()
    if key is not None:
        # The cursor names the reading of the text that gave the first page.
        reading, key = key[0], key[1:]
        return _address_reading(s, q, reading, readings[reading], key, limit)
    page = SearchPage("address", [], None)
    for reading, address in enumerate(readings):
        page = _address_reading(s, q, reading, address, None, limit)
        if page.rows:
            break
    return page


def _address_reading(
    s: Session, q: SearchQuery, reading: int, address: AddressParts, key: tuple[Any, ...] | None, limit: int
) -> SearchPage:
    order = (Account.house, Account.flat, Account.id)
    rows: list[Any] = []
    for street in _resolve_streets(s, address):
        if key is not None and street < key[0]:
            continue
        stmt = _base().where(Account.street_key == street)
        if address.town:
            stmt = stmt.where(Account.town_key == address.town)
        if address.house:
            houses = sorted({address.house, address.house.upper()})
            stmt = stmt.where(Account.house.in_(houses) if len(houses) > 1 else Account.house == houses[0])
        if address.flat:
            stmt = stmt.where(Account.flat == address.flat)
        if key is not None and street == key[0]:
            stmt = stmt.where(_after(order, key[1:]))
        rows += s.execute(stmt.order_by(*order).limit(limit + 1 - len(rows))).all()
        if len(rows) > limit:
            break
    return _page(q, "address", rows, limit, lambda r: (reading, r.street_key, r.house, r.flat, r.id))


def _run(s: Session, q: SearchQuery, kind: str, key: tuple[Any, ...] | None, limit: int) -> SearchPage:
    if kind == "exact":
        return _exact(s, q, key, limit)
    if kind == "partial":
        # A phone-looking 10-11 digits that found no phone may be the tail of an account number.
        return _partial(s, q, q.digits or (q.phone or "")[1:], key, limit)
    if kind == "phone":
        return _phone(s, q, key, limit)
    if kind == "name":
        return _name(s, q, key, limit)
    if kind == "typo":
        return _typo(s, q, key, limit)
    if kind == "address":
        if q.address is None and q.name is not None:
            # A single word like "Ленина" that is nobody's surname may be a street.
            words = " ".join(w for w in (q.name.surname, q.name.first, q.name.middle) if w)
            q = replace(q, address=AddressParts(street=words))
        return _address(s, q, key, limit)
    raise AssertionError(kind)


# When the first page of a shape is empty, the next reading of the same text is tried.
# A name that is nobody's surname nor a street may be a surname with a typo.
_FALLBACK = {"name": "address", "phone": "partial", "address": "typo"}


def search(
    ctx: ServiceContext, text: str, *, after: SearchCursor | None = None, limit: int = 50
) -> SearchPage:
    """One page of accounts matching ``text``; pass ``page.next_cursor`` as ``after`` for the next.

    Pages are in a stable order (name, customer, account for names and phones; account number
    for parts of it; street, house, flat for addresses) and never overlap. Invalid text and
    empty results give an empty page with a Russian ``message``. Raises InputError for a cursor
    of another query and EnvironmentProblem when the database cannot be used.
    """
    ctx.require("operator")
    limit = max(1, min(int(limit), MAX_LIMIT))
    query = classify(text)
    if query.kind == "invalid":
        return SearchPage("invalid", [], None, query.message)
    if after is not None:
        if not isinstance(after, SearchCursor) or after.query != query:
            raise InputError("Курсор поиска относится к другому запросу")
        with ctx.read() as s:
            return _own_cursor(_run(s, query, after.kind, after.key, limit), query)
    kind = query.kind
    with ctx.read() as s:
        page = _run(s, query, kind, None, limit)
        while not page.rows and kind in _FALLBACK:
            kind = _FALLBACK[kind]
            page = _run(s, query, kind, None, limit)
    if not page.rows:
        return SearchPage(query.kind, [], None, f"Ничего не найдено по запросу «{query.text}»")
    return _own_cursor(page, query)


def _own_cursor(page: SearchPage, query: SearchQuery) -> SearchPage:
    """A fallback reading (a name read as a street) still hands out cursors of the text's query."""
    if page.next_cursor is not None and page.next_cursor.query != query:
        page = replace(page, next_cursor=replace(page.next_cursor, query=query))
    return page
