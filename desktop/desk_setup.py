"""First start of a desk: where its data lives (local file or shared PostgreSQL), tested, then written to the INI.

No widgets here: views/setup_dialog.py asks, this module checks and writes. Messages are Russian text
for the operator, each naming the field it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from desktop import desk_settings as ds
from desktop.keyring_store import SecretsUnavailable, database_secret_name, set_secret
from desktop.paths import data_dir, local_database_url
from desktop.services.branches import CODE, CODE_RULE, NewBranch, new_branch
from desktop.services.context import Actor

# Host names and IPv4/IPv6 literals; anything else (spaces, slashes, a pasted URL) is refused.
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,252})$|^\[?[0-9A-Fa-f:]{2,39}\]?$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,62}$")


class SetupProblem(Exception):
    """Something the person at the desk can fix: a Russian message and the field it concerns."""

    def __init__(self, message: str, field: str = "", kind: str = "") -> None:
        super().__init__(message)
        self.message, self.field, self.kind = message, field, kind


@dataclass(frozen=True)
class SharedDatabase:
    """Where the branches' shared PostgreSQL database is."""

    host: str
    port: int
    database: str
    user: str

    def url(self) -> str:
        """The URL for the INI file: never with a password (that one goes to the keyring)."""
        return URL.create(
            "postgresql+psycopg", username=self.user, host=self.host, port=self.port, database=self.database
        ).render_as_string(hide_password=False)

    def secret_name(self) -> str:
        return database_secret_name(self.user, self.host, self.port, self.database)

    def where(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass
class DatabaseReport:
    """What a successful check found: the branches to choose from and whether anyone can sign in."""

    url: str
    branches: list[tuple[str, str]] = field(default_factory=list)
    operators: int = 0


def shared_database(host: str, port: str, database: str, user: str) -> SharedDatabase:
    """Validate the typed fields (SetupProblem with the field's name on a mistake)."""
    host, port, database, user = host.strip(), port.strip(), database.strip(), user.strip()
    if not host:
        raise SetupProblem("Укажите сервер базы данных (имя или IP-адрес)", "host")
    if not _HOST.match(host):
        raise SetupProblem("Имя сервера: буквы, цифры, точки и дефисы или IP-адрес", "host")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise SetupProblem("Порт — число от 1 до 65535 (обычно 5432)", "port")
    for value, name, what in ((database, "database", "базы данных"), (user, "user", "пользователя")):
        if not value:
            raise SetupProblem(f"Укажите имя {what}", name)
        if not _NAME.match(value):
            raise SetupProblem(f"Имя {what}: латинские буквы, цифры, «_», «.» и «-», до 63 знаков", name)
    return SharedDatabase(host.strip("[]"), int(port), database, user)


def _connection_problem(error: BaseException, target: SharedDatabase, password: str) -> SetupProblem:
    """One plain message per failure; PostgreSQL answers in English or, on a Russian server, in Russian."""
    detail = str(getattr(error, "orig", None) or error)
    low = detail.lower()

    def has(*needles: str) -> bool:
        return any(n in low for n in needles)

    if has("failed to resolve host", "could not translate host name", "name or service not known"):
        return SetupProblem(f"Сервер «{target.host}» не найден: проверьте его имя", "host", "unknown_host")
    if has(
        "connection refused",
        "timeout expired",
        "no route to host",
        "network is unreachable",
        "could not connect",
        "connection timed out",
        "отказано в соединении",
    ):
        return SetupProblem(
            f"Сервер {target.where()} не отвечает: проверьте адрес, порт и сеть "
            "(и что PostgreSQL принимает подключения по сети)",
            "host",
            "unreachable",
        )
    if has("no password supplied", "fe_sendauth"):
        return SetupProblem("Сервер требует пароль: введите его", "password", "password_missing")
    if has(
        "password authentication failed", "не прошёл проверку подлинности", "не прошел проверку подлинности"
    ):
        field_name = "password" if password else "user"
        return SetupProblem(
            f"Сервер отклонил пользователя «{target.user}» или пароль: проверьте оба", field_name, "password"
        )
    if has("role", "роль") and has("does not exist", "не существует"):
        return SetupProblem(f"На сервере нет пользователя «{target.user}»", "user", "no_user")
    if has("database", "база данных") and has("does not exist", "не существует"):
        return SetupProblem(
            f"На сервере {target.where()} нет базы данных «{target.database}»: администратор "
            "создаёт её по инструкции из README",
            "database",
            "no_database",
        )
    if has("pg_hba.conf"):
        return SetupProblem(
            f"Сервер {target.where()} не пускает этот компьютер (pg_hba.conf): "
            "обратитесь к администратору базы",
            "host",
            "not_allowed",
        )
    if has("permission denied", "нет доступа", "запрещён", "запрещен"):
        return SetupProblem(
            f"У пользователя «{target.user}» нет доступа к базе «{target.database}»", "user", "not_allowed"
        )
    return SetupProblem("Не удалось подключиться: " + detail.splitlines()[0][:200], "host", "other")


def _schema_problem(engine: Engine, url: str) -> SetupProblem | None:
    from desktop.db.schema import SchemaError, check_not_newer, current_revision, head_revision

    revision = current_revision(engine)
    if revision is None:
        if set(inspect(engine).get_table_names()) - {"alembic_version"}:
            return SetupProblem(
                "В этой базе чужие таблицы: это не база EnergoDesk", "database", "not_energodesk"
            )
        return SetupProblem(
            f"База пуста: администратор готовит её командой «energodesk db upgrade --database {url}»",
            "database",
            "not_migrated",
        )
    try:
        check_not_newer(engine)
    except SchemaError as error:
        return SetupProblem(str(error), "database", "schema_new")
    if revision != head_revision():
        return SetupProblem(
            f"Схема базы устарела: администратор обновляет её командой «energodesk db "
            f"upgrade --database {url}»",
            "database",
            "schema_old",
        )
    return None


def _engine(url: str, password: str) -> Engine:
    """An engine for ``url`` with the typed password (never written anywhere)."""
    from desktop.db.engine import make_engine

    return make_engine(make_url(url).set(password=password or None).render_as_string(hide_password=False))


def _describe(engine: Engine, url: str) -> DatabaseReport:
    with engine.connect() as conn:
        branches = [
            (row[0], row[1]) for row in conn.execute(text("SELECT code, name FROM branches ORDER BY code"))
        ]
        operators = conn.execute(text("SELECT count(*) FROM operators")).scalar_one()
    return DatabaseReport(url, branches, int(operators))


def check_shared(target: SharedDatabase, password: str) -> DatabaseReport:
    """Connect, check the locale and the schema; SetupProblem per failure. Slow: call off the GUI thread."""
    if any(not ch.isprintable() for ch in password):  # libpq cannot carry NUL or control characters
        raise SetupProblem(
            "В пароле есть непечатаемые символы (скопирован с мусором?): введите его заново",
            "password",
            "password",
        )
    url = target.url()
    engine = _engine(url, password)
    try:
        with engine.connect() as conn:
            ctype = conn.execute(
                text("SELECT datctype FROM pg_database WHERE datname = current_database()")
            ).scalar_one()
        if str(ctype).upper() in ("C", "POSIX"):
            # perf-notes pitfall 1: with ctype C, Cyrillic is not a letter and searches go wrong.
            raise SetupProblem(
                f"База «{target.database}» создана с локалью {ctype}: кириллица в ней не "
                "ищется. Администратор создаёт её заново с LC_CTYPE 'C.UTF-8' (README)",
                "database",
                "locale",
            )
        problem = _schema_problem(engine, url)
        if problem is not None:
            raise problem
        return _describe(engine, url)
    except SQLAlchemyError as error:  # also a server that goes away in the middle of the checks
        raise _connection_problem(error, target, password) from None
    finally:
        engine.dispose()


def prepare_local() -> DatabaseReport:
    """Create and migrate this desk's own SQLite file (or open the one already there)."""
    from desktop.database import DatabaseOpenError, open_database

    url = local_database_url()
    try:
        database = open_database(url, upgrade_older=True)
    except DatabaseOpenError as error:
        raise SetupProblem(str(error), "local", "local") from None
    except OSError as error:  # the data folder cannot be created (a file in the way, no rights, disk full)
        raise SetupProblem(
            f"Не удалось создать базу в {data_dir()}: {error.strerror or error}", "local", "local"
        ) from None
    try:
        return _describe(database.engine, url)
    except SQLAlchemyError as error:  # an existing local file that is not a desk's database, or damaged
        raise SetupProblem(
            f"Локальная база не читается: {str(error).splitlines()[0][:200]}", "local", "local"
        ) from None
    finally:
        database.close()


def desk_fields(branch: str, desk_name: str, report: DatabaseReport) -> tuple[str, str]:
    """The branch code and desk name, checked against the branches the database has."""
    code = branch.strip().split(" ", 1)[0].upper()
    name = " ".join(desk_name.split())
    if not code:
        raise SetupProblem("Укажите отделение этого рабочего места", "branch")
    if not CODE.match(code):
        raise SetupProblem(CODE_RULE, "branch")
    known = [c for c, _ in report.branches]
    if known and code not in known:
        raise SetupProblem(f"В базе нет отделения {code}; есть: {', '.join(known)}", "branch")
    if not name:
        raise SetupProblem("Укажите название рабочего места, например «Касса 2»", "desk")
    if len(name) > 60 or any(not ch.isprintable() for ch in name):
        raise SetupProblem("Название рабочего места: до 60 обычных знаков", "desk")
    return code, name


def store_password(target: SharedDatabase, password: str) -> str:
    """The shared database's password to the system keyring (never to the INI); the backend's name."""
    try:
        return set_secret(target.secret_name(), password)
    except SecretsUnavailable as error:
        raise SetupProblem(
            f"{error}. Без хранилища паролей настройте вход без пароля "
            "(сертификат или trust для этого компьютера) и оставьте поле пустым",
            "password",
            "keyring",
        ) from None


def write_settings(settings: ds.DeskSettings, url: str, branch: str, desk_name: str) -> None:
    """`[database] url`, `[desk] branch`, `[desk] name`: what every later start reads."""
    settings.set(ds.BRANCH, branch)
    settings.set(ds.DESK_NAME, desk_name)
    # Written last: a desk whose URL is set counts as configured (desktop.first_start).
    settings.set(ds.DATABASE_URL, url)


@dataclass(frozen=True)
class FirstAdmin:
    """What the first-administrator step asks: the branch (new, or the code of one the database has)
    and the administrator's login, full name and password."""

    branch: NewBranch | str
    login: str
    full_name: str
    password: str


def first_admin(
    branch: tuple[str, str, str] | str, login: str, full_name: str, password: str, repeat: str
) -> FirstAdmin:
    """Check what can be checked before the database: the new branch's fields (code, name, town) or
    an existing branch's code, and that the password was typed the same twice.

    InputError (from the services) or SetupProblem, each naming its field; the login and the
    password policy are checked by the service that creates the administrator.
    """
    chosen = new_branch(*branch) if isinstance(branch, tuple) else branch
    if not password:
        raise SetupProblem("Придумайте пароль администратора", "password")
    if repeat != password:
        raise SetupProblem("Пароли не совпадают: введите пароль ещё раз", "repeat")
    return FirstAdmin(chosen, login, full_name, password)


def create_first_admin(url: str, db_password: str, desk_name: str, admin: FirstAdmin) -> Actor:
    """The database's first branch (when new) and administrator, in one transaction with audit events.

    Slow (a connection and an Argon2 hash): call off the GUI thread. ServiceError on refusal:
    InputError naming the field, AlreadyInstalled when another desk was quicker, EnvironmentProblem
    when the database is out of reach.
    """
    from desktop.db.engine import make_session_factory
    from desktop.services.context import ServiceContext
    from desktop.services.installation import FIRST_START
    from desktop.services.installation import create_first_admin as create

    engine = _engine(url, db_password)
    try:
        ctx = ServiceContext(make_session_factory(engine), FIRST_START, desk=desk_name)
        return create(ctx, admin.branch, admin.login, admin.full_name, admin.password)
    finally:
        engine.dispose()
