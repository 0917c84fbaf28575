"""A throwaway PostgreSQL cluster that asks for passwords (scram-sha-256), for first-start tests.

The shared test server trusts everyone, so wrong passwords cannot be tried on it; this one is started
with initdb/pg_ctl on a free loopback port and stopped at the end.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER_PASSWORD = "super-secret-1"
DESK_USER, DESK_PASSWORD = "desk", "desk-secret-7"


@dataclass(frozen=True)
class PasswordServer:
    host: str
    port: int

    def url(self, database: str, user: str = "postgres", password: str = SUPERUSER_PASSWORD) -> str:
        return f"postgresql+psycopg://{user}:{password}@{self.host}:{self.port}/{database}"


def _server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if found:
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def password_server() -> Iterator[PasswordServer]:
    """Start the cluster (skipped without server binaries, failed under CI=true), stop it after."""
    bin_dir = _server_bin()
    if bin_dir is None:
        message = "no PostgreSQL server binaries (initdb, pg_ctl)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="energodesk-pgpw-"))
    run: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user
        shutil.chown(folder, "postgres")
        run = ["runuser", "-u", "postgres", "--"]
    pwfile = folder / "pw"
    pwfile.write_text(SUPERUSER_PASSWORD + "\n")
    if run:
        shutil.chown(pwfile, "postgres")
    port = free_port()
    subprocess.run(
        [
            *run,
            str(bin_dir / "initdb"),
            "-D",
            str(folder / "data"),
            "-U",
            "postgres",
            "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        [
            *run,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-l",
            str(folder / "log"),
            "-w",
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
            "start",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield PasswordServer("127.0.0.1", port)
    finally:
        subprocess.run(
            [*run, str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "-w", "stop"],
            check=False,
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(folder, ignore_errors=True)
