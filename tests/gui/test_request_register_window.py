"""The register window: lazy pages, filters, sort by header, export of the view, opening an account."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QTableView
from openpyxl import load_workbook

from desktop.services.request_register import PAGE
from tests.integration.request_helpers import bulk_requests

COUNT = 1100


def test_register_loads_lazily_filters_sorts_and_exports(qtbot, database_url, db, demo_logins, tmp_path) -> None:
    from desktop.app import launch
    from desktop.services.demo.build import DEMO_PASSWORD

    bulk_requests(db.engine, COUNT)
    window = launch(database_url, login="sam.senior", password=DEMO_PASSWORD)
    qtbot.addWidget(window)
    try:
        assert window.requests_menu.menu.menuAction().isVisible()
        window.requests_menu.open_register()
        register = window.requests_menu.register_window
        model = register.model
        view = register.findChild(QTableView, "registerView")
        qtbot.waitUntil(lambda: model.rowCount() >= PAGE, timeout=30_000)
        register.resize(1280, 680)
        register.grab().save(str(tmp_path / "register.png"))
        assert model.rowCount() < COUNT and model.canFetchMore()  # one page, not everything
        # Scrolling to the end asks for the next page.
        view.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() >= 2 * PAGE, timeout=30_000)
        keys = [r.key for r in model.rows]
        assert keys == sorted(keys, reverse=True) and len({r.id for r in model.rows}) == len(model.rows)

        branch = register.findChild(QComboBox, "registerBranch")
        branch.setCurrentIndex(branch.findData("SYZ"))
        state = register.findChild(QComboBox, "registerState")
        state.setCurrentIndex(state.findData("open"))
        register.findChild(QCheckBox, "registerOverdue").setChecked(True)
        qtbot.keyClick(register, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: model.complete and model.flt.branch == "SYZ", timeout=30_000)
        while not model.complete or model.canFetchMore():
            model.fetchMore()
            qtbot.waitUntil(lambda: not model._loading, timeout=30_000)
        assert model.rows and all(r.branch == "SYZ" and r.state != "closed" and r.overdue for r in model.rows)
        shown = [r.number for r in model.rows]

        view.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # due date
        qtbot.waitUntil(lambda: model.sort_key == "due" and model.rowCount() > 0, timeout=30_000)
        dues = [r.due_on for r in model.rows]
        assert dues == sorted(dues)

        path = tmp_path / "view.xlsx"
        register.export_to(str(path))
        qtbot.waitUntil(lambda: "Сохранено" in register.status.text(), timeout=30_000)
        rows = list(load_workbook(path).active.iter_rows(values_only=True))[1:]
        assert sorted(r[0] for r in rows) == sorted(shown)
        assert [r[7] for r in rows] == sorted(r[7] for r in rows)  # in the view's order

        first = model.rows[0]
        register._open_account(model.index(0, 0))
        qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == first.account,
                        timeout=30_000)
    finally:
        window.desk.wait()


def test_the_menu_is_for_seniors_only(window) -> None:
    assert not window.requests_menu.menu.menuAction().isVisible()
