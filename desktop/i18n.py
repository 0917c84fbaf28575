"""Qt translations: Russian by default, from the .qm files compiled at build time."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resources_dir

log = logging.getLogger("energodesk.i18n")
_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate (which finds the call by this name) and returns it untranslated.

    PySide6's own QT_TRANSLATE_NOOP does the same but is typed as returning ``object``.
    """
    return source


def compiled(folder: Path, language: str) -> list[Path]:
    """The shipped .qm files of ``language``, one per area.

    They are compiled at build time (run.sh, the test session, the package build: scripts/i18n.py
    compile); the desk never compiles at start. In a source tree a missing or stale .qm is logged.
    """
    found = sorted(folder.glob(f"*_{language}.qm"))
    for source in sorted(folder.glob(f"*_{language}.ts")):
        qm = source.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < source.stat().st_mtime:
            log.warning("%s is not compiled or is stale: run python scripts/i18n.py compile", source.name)
    return found


def install(app: QCoreApplication, language: str = "ru") -> None:
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
    # One .qm file per area (shell, search, readings, ...): install them all.
    for path in compiled(resources_dir() / "translations", language):
        ours = QTranslator(app)
        if ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
