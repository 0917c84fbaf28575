"""`energodesk check`: is this installation whole? Fonts, translations, migrations, every module imports.

Meant for the administrator of a branch after installing the package (and for the frozen-bundle test):
one line per check, exit status 2 with the first failure on standard error when anything is missing.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from desktop.cli import COMMANDS, EXTENSIONS

# Not importable on their own: the program's entry point and Alembic's scripts (run by Alembic).
SKIPPED_PREFIXES = ("desktop.__main__", "desktop.db.migrations")


def _register(sub: Any, common: argparse.ArgumentParser) -> None:
    check = sub.add_parser("check", help="check this installation (fonts, translations, migrations, modules)")
    check.add_argument(
        "--modules",
        nargs="+",
        metavar="NAME",
        help="import these modules (default: every module of the program)",
    )


def program_modules() -> list[str]:
    """Every module of the `desktop` package, as this installation holds it (also a frozen one)."""
    import desktop

    names = [m.name for m in pkgutil.walk_packages(desktop.__path__, "desktop.", onerror=lambda _: None)]
    return sorted(n for n in names if not n.startswith(SKIPPED_PREFIXES))


def _fonts() -> str:
    from desktop.paths import resources_dir

    folder = resources_dir() / "fonts"
    found = sorted(p.name for p in folder.glob("*.ttf"))
    if "DejaVuSans.ttf" not in found or "DejaVuSans-Bold.ttf" not in found:
        raise RuntimeError(f"no DejaVu fonts in {folder}")
    return f"{len(found)} in {folder}"


def _translations() -> str:
    from PySide6.QtCore import QCoreApplication

    from desktop import i18n
    from desktop.paths import resources_dir

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    folder = resources_dir() / "translations"
    files = i18n.compiled(folder, "ru")
    if not files:
        raise RuntimeError(f"no compiled translations (.qm) in {folder}")
    i18n.install(app)
    # The sign-in button and Qt's own Cancel (names in variables: not new strings for lupdate).
    login, sign_in, theme, cancel = "LoginDialog", "Sign in", "QPlatformTheme", "Cancel"
    ours, qt = QCoreApplication.translate(login, sign_in), QCoreApplication.translate(theme, cancel)
    if ours == sign_in or qt == cancel:
        raise RuntimeError(f"interface not in Russian: {ours!r}, Qt's own buttons {qt!r}")
    return f"{len(files)} files in {folder}; «{ours}», «{qt}»"


def _migrations() -> str:
    from desktop.db.schema import MIGRATIONS, head_revision

    return f"head {head_revision()} in {MIGRATIONS}"


def _keyring() -> str:
    import keyring

    backend = type(keyring.get_keyring())
    return f"backend {backend.__module__}.{backend.__name__}"


def _importer(name: str) -> Callable[[], str]:
    def check() -> str:
        importlib.import_module(name)
        return "ok"

    return check


def _modules(names: list[str]) -> Iterator[tuple[str, Callable[[], str]]]:
    for name in names:
        yield f"import {name}", _importer(name)


def _cmd_check(args: argparse.Namespace) -> int:
    from desktop import __version__

    checks: list[tuple[str, Callable[[], str]]] = [
        ("fonts", _fonts),
        ("translations", _translations),
        ("migrations", _migrations),
        ("keyring", _keyring),
    ]
    modules = args.modules or program_modules()
    checks += list(_modules(modules))
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source install"
    print(f"energodesk {__version__} ({frozen}, Python {sys.version.split()[0]}): {len(modules)} modules")
    failures = []
    for name, check in checks:
        try:
            detail = check()
        except Exception as error:  # noqa: BLE001 - every failure is reported, the check goes on
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            failures.append(f"{name}: {type(error).__name__}: {first}")
            print(f"FAIL {name}: {type(error).__name__}: {first}")
            print(traceback.format_exc(limit=-3), end="")
        else:
            if not name.startswith("import ") or detail != "ok":
                print(f"ok   {name}: {detail}")
    if failures:
        sys.stderr.write(f"energodesk: {len(failures)} check(s) failed, first: {failures[0]}\n")
        return 2
    print(f"ok   all {len(checks)} checks")
    return 0


EXTENSIONS.append(_register)
COMMANDS["check"] = _cmd_check
