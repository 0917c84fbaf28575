"""Where the desk keeps its settings and local data (overridable for tests and portable installs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "EnergoDesk"


def _base(env: str, xdg: str, fallback: str) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / APP
    return Path(os.environ.get(xdg) or Path.home() / fallback) / "energodesk"


def config_dir() -> Path:
    """Per-desk settings folder (ENERGODESK_CONFIG_DIR overrides)."""
    return _base("ENERGODESK_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")


def data_dir() -> Path:
    """Per-user data folder holding the local SQLite file (ENERGODESK_DATA_DIR overrides)."""
    return _base("ENERGODESK_DATA_DIR", "XDG_DATA_HOME", ".local/share")


def local_database_url() -> str:
    """The default embedded database: one SQLite file in the user data folder."""
    return f"sqlite:///{data_dir() / 'energodesk.sqlite3'}"


def demo_database_url() -> str:
    """The demo database `energodesk --demo` creates on first use."""
    return f"sqlite:///{data_dir() / 'demo.sqlite3'}"


def resources_dir() -> Path:
    """The bundled resources (fonts, translations, tariffs), also inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) / "resources" if frozen else Path(__file__).resolve().parents[1] / "resources"
