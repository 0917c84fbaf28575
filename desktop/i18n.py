"""Qt translations: Russian by default, compiled from resources/translations/*.ts."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.paths import data_dir, resources_dir

log = logging.getLogger("energodesk.i18n")
_installed: list[QTranslator] = []


def _lrelease() -> str | None:
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lrelease"
    if bundled.exists():
        return str(bundled)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compiled(source: Path) -> Path | None:
    """The .qm file of one .ts: shipped next to it, or compiled into the data folder."""
    shipped = source.with_suffix(".qm")
    if shipped.exists() and (not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime):
        return shipped
    if not source.exists():
        return None
    target = data_dir() / "translations" / shipped.name
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = _lrelease()
    if tool is None:
        log.warning("no lrelease found; interface stays untranslated")
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-silent", str(source), "-qm", str(target)], check=True, timeout=60)
    return target


def install(app: QApplication, language: str = "ru") -> None:
    """Install our translation and Qt's own (standard buttons) for ``language``."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    locale = QLocale(QLocale.Language.Russian, QLocale.Country.Russia) if language == "ru" else QLocale(language)
    QLocale.setDefault(locale)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    # One .ts file per area (shell, search, readings, ...): install them all.
    for source in sorted((resources_dir() / "translations").glob(f"*_{language}.ts")):
        path = compiled(source)
        ours = QTranslator(app)
        if path is not None and ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
