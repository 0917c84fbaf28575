"""A surname with one or two wrong letters still finds the customer (issue 13), on both databases.

pg_trgm on PostgreSQL, the FTS5 trigram table plus the same similarity on SQLite, both over the
distinct surnames of migration 20261202_0011 (surname_keys), kept up to date by a trigger.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from desktop.core.search_query import similarity
from desktop.core.text import fold, name_key
from desktop.db.models import Account, Customer
from desktop.services.search import search


def typo(word: str, kind: str) -> str:
    """One wrong letter (a vowel swapped) or one letter left out, in the middle of the word."""
    i = len(word) // 2
    if kind == "swap":
        return word[:i] + ("о" if word[i] != "о" else "а") + word[i + 1:]
    return word[:i] + word[i + 1:]


def test_similarity_is_pg_trgm_s():
    assert similarity("степонова", "степанова") == pytest.approx(7 / 13)
    assert similarity("журвлев", "журавлев") == pytest.approx(6 / 11)
    assert similarity("иванов", "иванов") == 1.0 and similarity("иванов", "ким") < 0.3


@pytest.mark.parametrize("kind", ["swap", "drop", "two"])
def test_surname_with_wrong_letters_finds_the_customer(operator_ctx, db, kind):
    with db.sessions() as s:
        rows = s.execute(select(Customer.last_name, Account.number).join(Account, Account.customer_id == Customer.id)
                         .order_by(Account.number)).all()
    surname, number = next((r.last_name, r.number) for r in rows if len(r.last_name) >= 7)
    wrong = typo(typo(surname, "swap"), "drop") if kind == "two" else typo(surname, kind)
    assert fold(wrong) != fold(surname)
    assert search(operator_ctx, wrong).rows == [] or search(operator_ctx, wrong).kind == "typo"
    page = search(operator_ctx, wrong)
    assert page.kind == "typo" and number in [r.account for r in page.rows], (wrong, surname)
    # The most similar surname comes first.
    assert fold(page.rows[0].name.split()[0]) == fold(surname)
    # The right spelling is an ordinary (exact) surname search, never the typo one.
    assert search(operator_ctx, surname).kind == "name"


def test_new_surnames_are_searchable_and_strangers_find_nothing(operator_ctx, db, demo_logins):
    with db.sessions() as s, s.begin():
        customer = s.scalars(select(Customer).order_by(Customer.id).limit(1)).one()
        customer.last_name = "Журавлёв"
        customer.name_key = name_key("Журавлёв", customer.first_name, customer.middle_name)
        number = s.scalar(select(Account.number).where(Account.customer_id == customer.id).limit(1))
    with db.sessions() as s:
        assert s.scalar(text("SELECT count(*) FROM surname_keys WHERE key = 'журавлев'")) == 1
    page = search(operator_ctx, "Журвлёв")
    assert page.kind == "typo" and page.rows[0].account == number
    nothing = search(operator_ctx, "Щщщщщщщ")
    assert nothing.rows == [] and "Ничего не найдено" in nothing.message
