"""The first-start dialog: this computer only or the shared branch database, then branch and desk name;
for a database nobody can sign in to yet, then its first branch and administrator (first_admin_page.py).

It appears only while the desk has no `[database] url`; afterwards only an administrator changes the
settings (the settings dialog). Checks and writing are in desktop/desk_setup.py; slow work (creating
the local file, the connection test) runs on the task runner, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop import desk_settings as ds
from desktop import desk_setup as setup
from desktop.paths import data_dir
from desktop.views.first_admin_page import FirstAdminPage
from desktop.views.messages import make_error_label, report_error, set_error
from desktop.views.runner import TaskRunner

NOTE_STYLE = "color: #555;"


class SetupDialog(QDialog):
    """Asks where this desk's data lives, tests it, and writes the desk's INI file."""

    def __init__(self, settings: ds.DeskSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.report: setup.DatabaseReport | None = None
        # What the first step chose while the first-administrator step is shown:
        # the database's report and the desk's name.
        self.pending: tuple[setup.DatabaseReport, str] | None = None
        self.runner = TaskRunner(self, serial=True)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("EnergoDesk: first start"))
        self.setMinimumWidth(620)

        intro = QLabel(self.tr("This desk is not set up yet. Where does it keep its data?"))
        intro.setStyleSheet("font-size: 13pt; font-weight: 600;")
        intro.setWordWrap(True)
        self.local = QRadioButton(self.tr("&This computer only"))
        self.local.setObjectName("localChoice")
        local_note = self._note(
            self.tr(
                "A database file on this computer ({path}), created now. For a desk that works on its own."
            ).format(path=data_dir() / "energodesk.sqlite3")
        )
        self.shared = QRadioButton(self.tr("&Shared branch database"))
        self.shared.setObjectName("sharedChoice")
        shared_note = self._note(
            self.tr(
                "One PostgreSQL database for all branches; the administrator "
                "gives you its server, database and user."
            )
        )
        choice = QButtonGroup(self)
        choice.addButton(self.local)
        choice.addButton(self.shared)
        self.local.setChecked(True)

        self.host = self._edit("hostEdit", 253)
        self.port = self._edit("portEdit", 5, "5432")
        self.database = self._edit("databaseNameEdit", 63, "energodesk")
        self.user = self._edit("userEdit", 63)
        self.password = self._edit("passwordEdit", 256)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("Test &connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.connection_status = QLabel()
        self.connection_status.setObjectName("connectionStatusLabel")
        self.connection_status.setWordWrap(True)
        self.shared_box = QGroupBox(self.tr("Shared database (PostgreSQL)"))
        form = QFormLayout(self.shared_box)
        form.addRow(self.tr("Se&rver:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        keyring_note = self._note(self.tr("The password is kept in the system keyring, never in a file."))
        keyring_note.setWordWrap(False)  # a wrapped label in a form row is cut off (height for width)
        form.addRow(keyring_note)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.connection_status, 1)
        form.addRow("", test_row)

        self.branch = QComboBox()
        self.branch.setObjectName("branchEdit")
        self.branch.setEditable(True)
        self.branch.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.desk_name = self._edit("deskNameEdit", 60)
        self.desk_name.setPlaceholderText(self.tr("e.g. Cash desk 2"))
        desk_box = QGroupBox(self.tr("This desk"))
        desk_form = QFormLayout(desk_box)
        desk_form.addRow(self.tr("&Branch:"), self.branch)
        desk_form.addRow(self.tr("Desk &name:"), self.desk_name)

        self.error = make_error_label(self)
        self.status = QLabel()
        self.status.setObjectName("setupStatusLabel")
        self.status.setStyleSheet(NOTE_STYLE)
        self.status.setWordWrap(True)
        self.finish_button = QPushButton(self.tr("&Save and start"))
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setDefault(True)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setObjectName("backButton")
        self.create_button = QPushButton(self.tr("&Create and start"))
        self.create_button.setObjectName("createAdminButton")
        cancel = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.create_button)
        buttons.addWidget(cancel)

        self.where_page = QWidget()
        where = QVBoxLayout(self.where_page)
        where.setContentsMargins(0, 0, 0, 0)
        for part in (intro, self.local, local_note, self.shared, shared_note, self.shared_box, desk_box):
            where.addWidget(part)
        self.admin_page = FirstAdminPage()

        layout = QVBoxLayout(self)
        for widget in (self.where_page, self.admin_page, self.error, self.status):
            layout.addWidget(widget)
        # The second step is shorter than the first: the spare height goes below the error, not into it.
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.fields: dict[str, QWidget] = {
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "user": self.user,
            "password": self.password,
            "branch": self.branch,
            "desk": self.desk_name,
            "local": self.local,
        }
        self.shared.toggled.connect(self._choice_changed)
        self.test_button.clicked.connect(self.test_connection)
        self.finish_button.clicked.connect(self.finish)
        self.create_button.clicked.connect(self.create_admin)
        self.back_button.clicked.connect(self.go_back)
        cancel.clicked.connect(self.reject)
        for edit in (self.host, self.port, self.database, self.user, self.password):
            edit.textEdited.connect(self._forget_test)
        self._choice_changed()
        self._show_page(self.where_page)

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE)
        label.setIndent(24)
        return label

    def _edit(self, name: str, length: int, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setMaxLength(length)
        return edit

    def _choice_changed(self) -> None:
        self.shared_box.setEnabled(self.shared.isChecked())
        self._forget_test()
        if self.shared.isChecked():
            self.host.setFocus()

    def _forget_test(self) -> None:
        """Typed values changed: the last test and its branch list no longer apply."""
        self.report = None
        self.connection_status.clear()

    def current_page(self) -> QWidget:
        """The step shown: ``where_page`` (where the data lives) or ``admin_page`` (first administrator)."""
        return self.admin_page if self.admin_page.isVisibleTo(self) else self.where_page

    def _show_page(self, page: QWidget) -> None:
        first = page is self.where_page
        self.where_page.setVisible(first)
        self.admin_page.setVisible(not first)
        self.finish_button.setVisible(first)
        self.finish_button.setDefault(first)
        self.back_button.setVisible(not first)
        self.create_button.setVisible(not first)
        self.create_button.setDefault(not first)

    def _problem(self, error: BaseException) -> None:
        from desktop.services.errors import ServiceError

        self._busy("")
        if not isinstance(error, (setup.SetupProblem, ServiceError)):
            report_error(self, error)  # a bug: the crash handler reports it
            return
        set_error(self.error, error.message)
        fields = self.admin_page.fields if self.current_page() is self.admin_page else self.fields
        widget = fields.get(error.field or "")
        if widget is not None:
            widget.setFocus()

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        for widget in (self.finish_button, self.test_button, self.local, self.shared, self.create_button,
                       self.back_button, self.admin_page):
            widget.setEnabled(not text)
        self.shared_box.setEnabled(not text and self.shared.isChecked())

    def _target(self) -> setup.SharedDatabase:
        return setup.shared_database(
            self.host.text(), self.port.text(), self.database.text(), self.user.text()
        )

    def _run(
        self,
        busy_text: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        set_error(self.error, None)
        self._busy(busy_text)
        self.runner.run(work, done, failed or self._problem)

    def _check_shared(self, done: Callable[[setup.DatabaseReport, setup.SharedDatabase], None]) -> None:
        """Validate the typed fields, then test the connection off the GUI thread."""
        try:
            target = self._target()
        except setup.SetupProblem as problem:
            self._problem(problem)
            return
        password = self.password.text()
        self._run(
            self.tr("Connecting to {where}…").format(where=target.where()),
            lambda: setup.check_shared(target, password),
            lambda report: done(report, target),
        )

    def test_connection(self) -> None:
        """Connect with the typed values; on success list the database's branches."""
        self._check_shared(lambda report, _target: self._tested(report))

    def _tested(self, report: setup.DatabaseReport) -> None:
        self._busy("")
        self._show_report(report)
        self.connection_status.setStyleSheet("color: #1b6e20;")
        self.connection_status.setText(self.tr("Connected: the database is ready."))

    def _show_report(self, report: setup.DatabaseReport) -> None:
        self.report = report
        typed = self.branch.currentText()
        self.branch.clear()
        self.branch.addItems([f"{code} — {name}" for code, name in report.branches])
        self.branch.setEditText(typed)
        if not report.operators:
            self.status.setText(
                self.tr(
                    "The database has no operators yet: after saving you create its first "
                    "administrator here."
                )
            )

    def finish(self) -> None:
        """Check (or create) the database, then write the INI and close."""
        if self.shared.isChecked():
            self._check_shared(self._save)
        else:
            self._run(
                self.tr("Creating the database on this computer…"),
                setup.prepare_local,
                lambda r: self._save(r, None),
            )

    def _save(self, report: setup.DatabaseReport, target: setup.SharedDatabase | None) -> None:
        self._busy("")
        self._show_report(report)
        try:
            branch, desk_name = setup.desk_fields(self.branch.currentText(), self.desk_name.text(), report)
            if target is not None and self.password.text():
                setup.store_password(target, self.password.text())
        except setup.SetupProblem as problem:
            self._problem(problem)
            return
        if report.operators:
            setup.write_settings(self.settings, report.url, branch, desk_name)
            self.accept()
            return
        # Nobody could sign in to it: the first branch and administrator come first.
        self.pending = (report, desk_name)
        self.status.clear()
        self.admin_page.prepare(branch, report.branches, self._where(target), desk_name)
        self._show_page(self.admin_page)

    def _where(self, target: setup.SharedDatabase | None) -> str:
        if target is None:
            return str(data_dir() / "energodesk.sqlite3")
        return self.tr("«{database}» on {server}").format(database=target.database, server=target.where())

    def go_back(self) -> None:
        """To the first step (the database is checked again when saved)."""
        if self.pending is not None and not self.admin_page.existing_branch:
            self.branch.setEditText(self.admin_page.code.text())  # a code changed in this step
        self.pending = None
        set_error(self.error, None)
        self._show_page(self.where_page)

    def create_admin(self) -> None:
        """Create the first branch and administrator (off the GUI thread), then write the INI and close."""
        if self.pending is None or not self.create_button.isEnabled():
            return
        report, desk_name = self.pending
        from desktop.services.errors import InputError

        try:
            admin = self.admin_page.values()
        except (setup.SetupProblem, InputError) as error:  # shown next to the field it names
            self._problem(error)
            return
        db_password = self.password.text() if self.shared.isChecked() else ""
        self._run(
            self.tr("Creating the administrator…"),
            lambda: setup.create_first_admin(report.url, db_password, desk_name, admin),
            lambda actor: self._created(report.url, actor.branch_code, desk_name),
            self._not_created,
        )

    def _created(self, url: str, branch: str, desk_name: str) -> None:
        self._busy("")
        setup.write_settings(self.settings, url, branch, desk_name)
        self.accept()

    def _not_created(self, error: BaseException) -> None:
        from desktop.services.installation import AlreadyInstalled

        if isinstance(error, AlreadyInstalled):
            # Another desk was quicker: back to the first step, whose next save finds its operators.
            self.go_back()
        self._problem(error)

    def done(self, result: int) -> None:  # QDialog.done
        self.runner.wait()
        super().done(result)
