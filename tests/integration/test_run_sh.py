"""run.sh as a person uses it: the throwaway PostgreSQL it starts is gone after success, failure and
Ctrl+C (so a second run works), and without a display `demo` and `energodesk` say so in one line."""

from __future__ import annotations

import glob
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# Nothing listens on port 1: run.sh has to start a throwaway server of its own.
DEAD = {"ENERGODESK_TEST_PG": "postgresql+psycopg://postgres@127.0.0.1:1/postgres"}
STARTED = re.compile(r"starting a throwaway PostgreSQL in (\S+) on port (\d+)")
QUICK_TESTS = ["tests/unit/test_periods.py", "-q", "-p", "no:cacheprovider"]


@pytest.fixture
def server_binaries() -> None:
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL server binaries are missing (run.sh test installs them)")
        pytest.skip("no PostgreSQL server binaries")


def no_display_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def assert_gone(stderr: str) -> None:
    found = STARTED.search(stderr)
    assert found, stderr
    folder, port = Path(found.group(1)), int(found.group(2))
    assert "run.sh: stopped the throwaway PostgreSQL" in stderr
    assert not folder.exists()
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.connect(("127.0.0.1", port))


def run_sh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["./run.sh", *args],
        check=False,
        cwd=ROOT,
        env={**os.environ, **DEAD},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_throwaway_server_stopped_after_success_and_failure_and_a_second_run_works(server_binaries):
    first = run_sh("test", *QUICK_TESTS)
    assert first.returncode == 0, first.stderr
    assert_gone(first.stderr)
    failed = run_sh("test", "tests/unit/no_such_file.py", "-q", "-p", "no:cacheprovider")
    assert failed.returncode == 4  # pytest: file not found
    assert_gone(failed.stderr)
    again = run_sh("test", *QUICK_TESTS)
    assert again.returncode == 0 and " passed" in again.stdout
    assert_gone(again.stderr)


def test_ctrl_c_stops_the_throwaway_server(server_binaries):
    def as_a_terminal() -> None:
        # A terminal's Ctrl+C reaches a foreground group whose SIGINT is not ignored, whatever ours is.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    proc = subprocess.Popen(
        ["./run.sh", "test", "tests/unit", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env={**os.environ, **DEAD},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=as_a_terminal,
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        os.set_blocking(proc.stdout.fileno(), False)
        deadline = time.monotonic() + 600
        seen = b""
        while b"." not in seen and proc.poll() is None and time.monotonic() < deadline:
            seen += proc.stdout.read() or b""  # the first test dots: pytest runs on the throwaway server
            time.sleep(0.2)
        assert proc.poll() is None, "the test run ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C does: the whole foreground process group
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 130
    finally:
        if proc.poll() is None:  # the test failed: stop the run (its TERM trap stops the server)
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=120)
        proc.stdout.close()
        proc.stderr.close()
    assert_gone(stderr)


def test_demo_without_a_display_says_so_in_one_line_before_any_work():
    started = time.monotonic()
    done = subprocess.run(
        ["./run.sh", "demo"],
        check=False,
        cwd=ROOT,
        env=no_display_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("run.sh: no display:") and done.stderr.count("\n") == 1, done.stderr
    assert "Creating the demo database" not in done.stderr and time.monotonic() - started < 60


def test_energodesk_without_a_display_says_so_but_the_command_line_works(tmp_path):
    env = {**no_display_env(), "ENERGODESK_DATA_DIR": str(tmp_path / "data")}
    gui = subprocess.run(
        [sys.executable, "-m", "desktop"],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert gui.returncode == 2 and gui.stderr.startswith("energodesk: нет дисплея для окна программы")
    assert gui.stderr.count("\n") == 1 and not (tmp_path / "data").exists()
    demo = subprocess.run(
        [sys.executable, "-m", "desktop", "--demo"],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert demo.returncode == 2 and not (tmp_path / "data").exists()  # no demo built for nothing
    upgrade = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "db",
            "upgrade",
            "--database",
            f"sqlite:///{tmp_path / 'x.sqlite3'}",
        ],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert upgrade.returncode == 0 and upgrade.stdout.startswith("schema at revision")
