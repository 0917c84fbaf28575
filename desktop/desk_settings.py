"""Per-desk settings in an INI file through QSettings, each registered once with its default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from desktop.paths import config_dir


@dataclass(frozen=True)
class Setting:
    """One registered setting: INI key, Python type, default and a label for the settings page."""

    key: str
    type: type
    default: Any
    label: str


DATABASE_URL = Setting("database/url", str, "", "Адрес базы данных (пусто — локальный файл)")
BRANCH = Setting("desk/branch", str, "", "Отделение этого рабочего места")
DESK_NAME = Setting("desk/name", str, "", "Название рабочего места (касса)")
# The [printers] section of CONTRACTS.md: one printer per document kind, by the system's name.
BILL_PRINTER = Setting("printers/bills", str, "", "Принтер для счетов (A4)")
RECEIPT_PRINTER = Setting("printers/receipts", str, "", "Принтер для чеков (лента 80 мм)")
REPORT_PRINTER = Setting("printers/reports", str, "", "Принтер для отчётов (A4)")
PRINTERS = {"bills": BILL_PRINTER, "receipts": RECEIPT_PRINTER, "reports": REPORT_PRINTER}
LANGUAGE = Setting("ui/language", str, "ru", "Язык интерфейса")

ALL = (DATABASE_URL, BRANCH, DESK_NAME, BILL_PRINTER, RECEIPT_PRINTER, REPORT_PRINTER, LANGUAGE)


class DeskSettings:
    """Typed access to the desk's INI file; secrets never go here (see desktop.secrets)."""

    def __init__(self, qsettings: QSettings) -> None:
        self._q = qsettings

    @classmethod
    def from_file(cls, path: str) -> DeskSettings:
        return cls(QSettings(path, QSettings.Format.IniFormat))

    @classmethod
    def default(cls) -> DeskSettings:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return cls.from_file(str(folder / "energodesk.ini"))

    def get(self, setting: Setting) -> Any:
        value = self._q.value(setting.key, setting.default)
        if setting.type is bool:
            return value in (True, "true", "1", 1)
        return setting.type(value) if value is not None else setting.default

    def printer(self, kind: str) -> str:
        """The printer chosen for a document kind (bills, receipts, reports); '' when none."""
        return str(self.get(PRINTERS[kind]) or "")

    def set(self, setting: Setting, value: Any) -> None:
        self._q.setValue(setting.key, value)
        self._q.sync()
