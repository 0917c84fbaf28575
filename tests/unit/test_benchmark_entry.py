"""Every benchmark starts both ways the README names: as a script path and as `python -m benchmarks NAME`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.__main__ import available, split  # noqa: E402

NAMES = available()


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing puts the root on the path
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_every_benchmark_is_found() -> None:
    assert {"search", "card_gui", "payments"} <= set(NAMES)


@pytest.mark.parametrize("bench", NAMES)
def test_script_path_runs_from_another_folder(bench: str, tmp_path: Path) -> None:
    # `python benchmarks/bench_card_gui.py` used to fail with ModuleNotFoundError: benchmarks.
    done = _run([str(ROOT / "benchmarks" / f"bench_{bench}.py"), "--help"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
    assert "Traceback" not in done.stderr


def test_module_form_passes_arguments_to_the_benchmark() -> None:
    done = _run(["-m", "benchmarks", "search", "--help"], ROOT)
    assert done.returncode == 0, done.stderr
    assert "--database" in done.stdout and "--rounds" in done.stdout


def test_module_form_refuses_an_unknown_name_in_one_line() -> None:
    done = _run(["-m", "benchmarks", "nosuch"], ROOT)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "nosuch" in done.stderr


def test_split_names_smoke_and_arguments() -> None:
    assert split(["search", "--database", "sqlite:///x", "--smoke"]) == (
        ["search"], True, ["--database", "sqlite:///x"])
    assert split(["card_gui", "search"]) == (["card_gui", "search"], False, [])
    assert split([]) == ([], False, [])
