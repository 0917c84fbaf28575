"""Every string the interface shows has a finished Russian translation."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import i18n  # noqa: E402


def test_russian_translation_is_complete():
    assert i18n.missing() == [], "run: python scripts/i18n.py update AREA FILES, then translate"


def test_compiled_translation_loads(qapp):
    from PySide6.QtCore import QCoreApplication

    from desktop import i18n as desk_i18n

    desk_i18n.install(qapp)
    assert QCoreApplication.translate("LoginDialog", "Sign in") == "Войти"
    assert QCoreApplication.translate("CardPages", "User data") == "Данные пользователя"
