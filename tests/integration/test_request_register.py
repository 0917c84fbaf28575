"""The register of requests on both databases: filters, keyset pages in every order, XLSX export."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from desktop.services import request_register as reg
from desktop.services.errors import InputError, PermissionDenied
from tests.integration.request_helpers import TUESDAY, bulk_requests, signed_in

COUNT = 1500


@pytest.fixture
def senior(db, demo_logins):  # type: ignore[no-untyped-def]
    bulk_requests(db.engine, COUNT)
    return signed_in(db, "sam.senior", clock=lambda: TUESDAY)


def _everything(ctx, flt=reg.RegisterFilter(), sort="registered", descending=True, page=97):  # type: ignore[no-untyped-def]
    return list(reg.all_rows(ctx, flt, sort, descending, page))


def test_keyset_pages_cover_every_row_once_in_every_order(senior) -> None:
    for sort in reg.SORTS:
        for descending in (True, False):
            rows = _everything(senior, sort=sort, descending=descending)
            assert len(rows) == COUNT and len({r.id for r in rows}) == COUNT, (sort, descending)
            keys = [r.key for r in rows]
            assert keys == sorted(keys, reverse=descending), (sort, descending)


def test_filters(senior) -> None:
    everything = _everything(senior)
    today = date(2026, 11, 3)
    cases = [
        (reg.RegisterFilter(branch="SYZ"), lambda r: r.branch == "SYZ"),
        (reg.RegisterFilter(type="complaint"), lambda r: r.type == "complaint"),
        (reg.RegisterFilter(state="open"), lambda r: r.state != "closed"),
        (reg.RegisterFilter(state="answered"), lambda r: r.state == "answered"),
        (reg.RegisterFilter(overdue=True), lambda r: r.state != "closed" and r.due_on < today),
        (reg.RegisterFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)),
         lambda r: date(2026, 3, 1) <= r.registered_at.date() <= date(2026, 3, 31)),
        (reg.RegisterFilter(branch="TLT", type="meter", state="open", overdue=True),
         lambda r: r.branch == "TLT" and r.type == "meter" and r.state != "closed" and r.due_on < today),
    ]
    for flt, wanted in cases:
        expected = [r.id for r in everything if wanted(r)]
        assert expected, flt  # the data exercises every filter
        assert [r.id for r in _everything(senior, flt)] == expected, flt
    assert all(r.overdue for r in _everything(senior, reg.RegisterFilter(overdue=True)))


def test_bad_filters_and_roles_are_refused(senior, db) -> None:
    with pytest.raises(InputError):
        reg.register_page(senior, reg.RegisterFilter(type="refund"))
    with pytest.raises(InputError):
        reg.register_page(senior, reg.RegisterFilter(date_from=date(2026, 5, 1), date_to=date(2026, 4, 1)))
    with pytest.raises(InputError):
        reg.register_page(senior, reg.RegisterFilter(), sort="text")
    with pytest.raises(PermissionDenied):
        reg.register_page(signed_in(db, "sam.op1"), reg.RegisterFilter())


def test_export_of_the_current_view_reads_back_typed(senior, tmp_path) -> None:
    flt = reg.RegisterFilter(branch="SAM", state="open")
    shown = _everything(senior, flt, sort="due", descending=False)
    path = tmp_path / "реестр.xlsx"
    assert reg.export_register(senior, flt, "due", False, path) == len(shown)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(c.title for c in reg.EXPORT_COLUMNS)
    assert len(rows) == len(shown) + 1
    first = rows[1]
    assert first[0] == shown[0].number and first[1] == "SAM" and first[5] == shown[0].account
    assert isinstance(first[2], datetime) and first[2] == shown[0].registered_at.replace(tzinfo=None)
    assert isinstance(first[7], datetime) and first[7].date() == shown[0].due_on  # a date cell
    assert [r[0] for r in rows[1:]] == [r.number for r in shown]
    assert all(r[8] != "Закрыто" for r in rows[1:])
    with pytest.raises(InputError):
        reg.export_register(senior, flt, "due", False, tmp_path / "x.csv")
