"""Schema version checks and Alembic upgrades, run the same on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import IncludeObjectFn, NameFilterParentNames, NameFilterType
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.schema import SchemaItem

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaError(RuntimeError):
    """The database schema cannot be used by this version of the program."""


# Search objects that are not mapped: the SQLite FTS5 table of account numbers and its shadow
# tables (accounts_number_fts_data, _idx, _docsize, _config), kept in sync by triggers created in
# migration 20261130_0002. Autogenerate must neither reflect nor drop them.
# surname_keys: migration 0011; account_number_windows: migration 0014
UNMAPPED_TABLE_PREFIXES = ("accounts_number_fts", "surname_keys", "account_number_windows")


def include_name(name: str | None, type_: NameFilterType, parent_names: NameFilterParentNames) -> bool:
    """Alembic hook: hide the unmapped FTS tables from autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith(UNMAPPED_TABLE_PREFIXES))


def include_object_for(dialect: str) -> IncludeObjectFn:
    """Alembic hook for ``dialect``: a mapped index limited to another dialect
    (``Index(...).ddl_if(dialect="postgresql")``, like the trigram index) is not expected here."""

    def include_object(obj: SchemaItem, name: str | None, type_: NameFilterType, reflected: bool,
                       compare_to: SchemaItem | None) -> bool:
        if type_ == "index" and not reflected:
            only = getattr(getattr(obj, "_ddl_if", None), "dialect", None)
            if only is not None and only != dialect:
                return False
        return True

    return include_object


def alembic_config(engine: Engine | None) -> Config:
    """An Alembic config that runs on the given engine (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest revision this program knows."""
    script = ScriptDirectory.from_config(alembic_config(None))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision, or None for a database Alembic has never touched."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate to the newest revision; refuse a database newer than the program."""
    check_not_newer(engine)
    command.upgrade(alembic_config(engine), "head")


def check_not_newer(engine: Engine) -> None:
    """Raise SchemaError when the database was migrated by a newer EnergoDesk."""
    rev = current_revision(engine)
    if rev is None:
        return
    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {r.revision for r in script.walk_revisions()}
    if rev not in known:
        raise SchemaError(
            f"Схема базы данных новее программы (ревизия {rev}). Обновите EnergoDesk."
        )


def ensure_schema(engine: Engine, *, upgrade_older: bool) -> None:
    """Prepare a database for use at start.

    An empty database is migrated; a newer one is refused; an older one is migrated when
    ``upgrade_older`` (the local file of one desk), otherwise refused with the command to run
    (a shared database is upgraded once, by its administrator).
    """
    rev = current_revision(engine)
    if rev is None:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise SchemaError("Эта база данных не принадлежит EnergoDesk (нет версии схемы).")
        upgrade(engine)
        return
    check_not_newer(engine)
    if rev != head_revision():
        if not upgrade_older:
            raise SchemaError(
                "Схема базы данных устарела. Администратору: energodesk db upgrade --database URL"
            )
        upgrade(engine)
