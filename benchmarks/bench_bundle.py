"""The installable bundle beside the source install: size on disk, the .deb, and cold start to the
sign-in dialog painted (frozen, source install, bare PySide6 window; medians of interleaved rounds).

  python -m benchmarks bundle [--dist DIR] [--rounds N]   DIR: an existing build (./run.sh package makes dist/);
                                                          without it the bundle is built once into a temporary folder
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_bundle.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_startup import BARE, ROOT, _timed
from benchmarks.common import interleaved, median_ms, write

# CI's smoke run builds nothing (the package test builds the bundle once per run): it times the
# source install and the bare window with the same code and reports the bundle as not measured.
SMOKE_ARGS = ["--rounds", "1", "--source-only"]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _largest(internal: Path, count: int = 6) -> dict[str, float]:
    # Symlinks (PyInstaller links shared libraries to one copy) are not counted twice.
    parts = {p.name: _size(p) if p.is_dir() else p.stat().st_size for p in internal.iterdir() if not p.is_symlink()}
    top = sorted(parts.items(), key=lambda kv: kv[1], reverse=True)[:count]
    return {name: round(size / 2**20, 1) for name, size in top}


def _build(into: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "installer" / "build.py"),
            "linux",
            "--dist",
            str(into / "dist"),
            "--work",
            str(into / "work"),
        ],
        check=True,
    )
    return into / "dist"


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--dist", type=Path, help="folder holding energodesk/ and energodesk_*.deb")
    parser.add_argument("--source-only", action="store_true", help="time the source install only (CI smoke)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dist = None if args.source_only else (args.dist.resolve() if args.dist else _build(work / "build"))
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            ENERGODESK_DATA_DIR=tmp,
            ENERGODESK_CONFIG_DIR=tmp,
            ENERGODESK_BENCH_PAINTED="1",
            PYTHONPATH=str(ROOT),
        )
        url = f"sqlite:///{tmp}/bench.sqlite3"
        cases = {
            "bare_window": [sys.executable, "-c", BARE],
            "source_install": [sys.executable, "-m", "desktop", "--database", url],
        }
        if dist is not None:
            cases["frozen_bundle"] = [str(dist / "energodesk" / "energodesk"), "--database", url]
        for argv_ in cases.values():
            _timed(argv_, env)  # warm the disk cache; the first one also creates and migrates the database
        samples = interleaved(args.rounds, {name: partial(_timed, argv_, env) for name, argv_ in cases.items()})
        medians = {name: median_ms(values) for name, values in samples.items()}
        result: dict[str, object] = {
            "rounds": args.rounds,
            "cold_start_ms": medians,
            "source_vs_bare": round(medians["source_install"] / medians["bare_window"], 3),
            "samples_ms": {k: [round(v * 1000, 1) for v in vs] for k, vs in samples.items()},
        }
        if dist is None:
            result["bundle"] = "not measured (--source-only: the smoke run builds nothing)"
        else:
            debs = sorted(dist.glob("energodesk_*.deb"))
            result.update(
                {
                    "frozen_vs_bare": round(medians["frozen_bundle"] / medians["bare_window"], 3),
                    "frozen_vs_source": round(medians["frozen_bundle"] / medians["source_install"], 3),
                    "bundle_mib": round(_size(dist / "energodesk") / 2**20, 1),
                    "bundle_files": sum(1 for p in (dist / "energodesk").rglob("*") if p.is_file()),
                    "largest_parts_mib": _largest(dist / "energodesk" / "_internal"),
                    "deb_mib": round(debs[-1].stat().st_size / 2**20, 1) if debs else None,
                }
            )
    return write("bundle", result)


if __name__ == "__main__":
    main()
