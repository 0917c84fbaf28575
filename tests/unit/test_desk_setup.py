"""First-start checks without a server: each PostgreSQL failure (English or Russian server) gets its
own message, the typed fields and the desk's branch are validated, translations are never compiled at start."""

from __future__ import annotations

import gettext
import logging
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop import desk_setup as setup
from desktop import i18n

TARGET = setup.SharedDatabase("db.samara.local", 5432, "energodesk", "desk")
RUSSIAN_CATALOGUE = Path("/usr/share/locale/ru/LC_MESSAGES")

# libpq's and the server's English texts (the server's come translated on a Russian server).
CASES = [
    ("failed to resolve host 'db.samara.local': [Errno -2] Name or service not known", None, "unknown_host"),
    ('connection to server at "10.0.0.5", port 5432 failed: Connection refused', None, "unreachable"),
    ('connection to server at "10.0.0.5", port 5432 failed: timeout expired', None, "unreachable"),
    (
        'connection to server at "10.0.0.5", port 5432 failed: fe_sendauth: no password supplied',
        None,
        "password_missing",
    ),
    (
        'FATAL:  password authentication failed for user "desk"',
        'password authentication failed for user "%s"',
        "password",
    ),
    ('FATAL:  database "energodesk" does not exist', 'database "%s" does not exist', "no_database"),
    ('FATAL:  role "desk" does not exist', 'role "%s" does not exist', "no_user"),
    (
        'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "desk", database "energodesk", no encryption',
        'no pg_hba.conf entry for host "%s", user "%s", database "%s", %s',
        "not_allowed",
    ),
    (
        'FATAL:  permission denied for database "energodesk"',
        'permission denied for database "%s"',
        "not_allowed",
    ),
]


@pytest.mark.parametrize(("english", "msgid", "kind"), CASES)
def test_each_failure_has_its_own_kind(english, msgid, kind):
    assert setup._connection_problem(RuntimeError(english), TARGET, "pw").kind == kind


def _russian_catalogues() -> list[Path]:
    return sorted(RUSSIAN_CATALOGUE.glob("postgres-*.mo"))


@pytest.mark.parametrize(("english", "msgid", "kind"), [c for c in CASES if c[1]])
def test_a_russian_server_is_understood_too(english, msgid, kind):
    """The server's own Russian catalogue (postgresql's .mo) gives the texts a Russian server sends."""
    catalogues = _russian_catalogues()
    if not catalogues:
        pytest.skip("no Russian PostgreSQL message catalogue installed")
    with catalogues[-1].open("rb") as f:
        russian = gettext.GNUTranslations(f).gettext(msgid)
    assert russian != msgid
    text = "ВАЖНО:  " + russian.replace("%s", "desk", 1).replace("%s", "x")
    assert setup._connection_problem(RuntimeError(text), TARGET, "pw").kind == kind


def test_unknown_failure_keeps_the_first_line_short():
    problem = setup._connection_problem(RuntimeError("something odd\nsecond line" + "x" * 500), TARGET, "")
    assert problem.message == "Не удалось подключиться: something odd" and "\n" not in problem.message


def test_url_never_carries_a_password_and_reads_back():
    url = setup.shared_database(" [::1] ", "6432", "energodesk", "desk").url()
    parsed = make_url(url)
    assert (parsed.host, parsed.port, parsed.database, parsed.username, parsed.password) == (
        "::1",
        6432,
        "energodesk",
        "desk",
        None,
    )


def test_a_database_without_branches_takes_any_valid_code():
    empty = setup.DatabaseReport("sqlite:///x")
    assert setup.desk_fields(" syz ", "  Касса   2 ", empty) == ("SYZ", "Касса 2")
    assert setup.desk_fields(
        "SYZ — Сызранское отделение", "Окно", setup.DatabaseReport("u", [("SYZ", "Сызранское отделение")])
    ) == ("SYZ", "Окно")
    with pytest.raises(setup.SetupProblem) as error:
        setup.desk_fields("S", "Окно", empty)
    assert error.value.field == "branch"
    with pytest.raises(setup.SetupProblem) as error:
        setup.desk_fields("SYZ", "К" * 61, empty)
    assert error.value.field == "desk"


def test_translations_are_never_compiled_at_start(tmp_path, caplog):
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "area_ru.ts").write_text("<TS/>", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="energodesk.i18n"):
        assert i18n.compiled(folder, "ru") == []
    assert sorted(p.name for p in folder.iterdir()) == ["area_ru.ts"]  # nothing written anywhere here
    assert "area_ru.ts is not compiled or is stale" in caplog.text
    (folder / "area_ru.qm").write_bytes(b"")
    assert i18n.compiled(folder, "ru") == [folder / "area_ru.qm"]
