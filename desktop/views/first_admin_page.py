"""The setup dialog's second step for a database nobody can sign in to: its first branch and administrator.

Shown by views/setup_dialog.py only when the chosen database has no operator; the checks and the
writing are in desktop/desk_setup.py and desktop/services/installation.py.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop import desk_setup as setup

NOTE_STYLE = "color: #555;"


class FirstAdminPage(QWidget):
    """The first branch (code, name, town) unless the database has branches, and the administrator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminPage")
        self.existing_branch = ""  # the code of the database's branch the administrator works at

        title = QLabel(self.tr("Create the first administrator"))
        title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        intro = self._note(
            self.tr(
                "Nobody can sign in to this database yet. Create its first branch and the administrator "
                "who signs in next and adds the other operators (energodesk operator add)."
            )
        )
        intro.setIndent(0)
        self.where = self._note("")
        self.where.setObjectName("firstAdminWhereLabel")

        self.code = self._edit("firstBranchCode", 8)
        self.code.setPlaceholderText(self.tr("e.g. SYZ"))
        self.name = self._edit("firstBranchName", 120)
        self.name.setPlaceholderText(self.tr("e.g. Syzran branch"))
        self.town = self._edit("firstBranchTown", 80)
        self.town.setPlaceholderText(self.tr("optional"))
        self.branch_label = QLabel()
        self.branch_label.setObjectName("firstBranchLabel")
        self.branch_box = QGroupBox(self.tr("Branch"))
        self.branch_form = QFormLayout(self.branch_box)
        self.branch_form.addRow(self.tr("Branch &code:"), self.code)
        self.branch_form.addRow(self.tr("Branch na&me:"), self.name)
        self.branch_form.addRow(self.tr("&Town:"), self.town)
        self.branch_form.addRow(self.tr("The administrator works at:"), self.branch_label)

        self.login = self._edit("adminLogin", 64)
        self.login.setPlaceholderText(self.tr("Latin letters, digits, dot, hyphen; e.g. ivanova.a"))
        self.full_name = self._edit("adminFullName", 160)
        self.full_name.setPlaceholderText(self.tr("e.g. Ivanova Anna Sergeevna"))
        self.password = self._edit("adminPassword", 256)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = self._edit("adminPasswordRepeat", 256)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        rules = self._note(
            self.tr(
                "At least 8 characters; the operators' password rules apply, and what they refuse "
                "is said below."
            )
        )
        rules.setIndent(0)
        admin_box = QGroupBox(self.tr("Administrator"))
        admin_form = QFormLayout(admin_box)
        admin_form.addRow(self.tr("&Login:"), self.login)
        admin_form.addRow(self.tr("&Full name:"), self.full_name)
        admin_form.addRow(self.tr("&Password:"), self.password)
        admin_form.addRow(self.tr("&Repeat password:"), self.repeat)
        admin_form.addRow(rules)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.where)
        layout.addWidget(self.branch_box)
        layout.addWidget(admin_box)
        layout.addStretch(1)

        # The field names the checks report (desk_setup, services) -> the widget to focus.
        self.fields: dict[str, QWidget] = {
            "code": self.code,
            "name": self.name,
            "town": self.town,
            "login": self.login,
            "full_name": self.full_name,
            "password": self.password,
            "repeat": self.repeat,
        }

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE)
        return label

    def _edit(self, name: str, length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(length)
        return edit

    def prepare(self, desk_branch: str, branches: list[tuple[str, str]], database: str, desk: str) -> None:
        """A new branch (code from the desk's branch) when the database has none, else the desk's branch."""
        self.where.setText(
            self.tr("Database: {database}. This desk: {desk}.").format(database=database, desk=desk)
        )
        named = dict(branches)
        self.existing_branch = desk_branch if desk_branch in named else ""
        new = not self.existing_branch
        for row in range(3):
            self.branch_form.setRowVisible(row, new)
        self.branch_form.setRowVisible(3, not new)
        if new:
            # The desk's branch of the first step is the first branch: one code, typed in either step.
            self.branch_box.setTitle(self.tr("First branch"))
            self.code.setText(desk_branch)
        else:
            self.branch_box.setTitle(self.tr("Branch"))
            self.branch_label.setText(f"{desk_branch} — {named[desk_branch]}")
        self.password.clear()
        self.repeat.clear()
        (self.name if new and self.code.text() and not self.name.text() else self.login).setFocus()

    def values(self) -> setup.FirstAdmin:
        """What was typed, checked as far as it can be without the database (raises with the field)."""
        branch: tuple[str, str, str] | str = self.existing_branch or (
            self.code.text(),
            self.name.text(),
            self.town.text(),
        )
        return setup.first_admin(
            branch, self.login.text(), self.full_name.text(), self.password.text(), self.repeat.text()
        )
