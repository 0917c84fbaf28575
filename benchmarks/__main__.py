"""`python -m benchmarks [NAME ...] [--smoke] [ARGS ...]`: run the benchmarks (all by default).

The leading names choose the benchmarks; every argument after them (``--database URL``,
``--rounds 21``...) goes to each chosen benchmark's own ``main``, exactly as
``python benchmarks/bench_NAME.py ARGS`` would get it.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    """The benchmarks' names: the bench_NAME modules of this folder."""
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                  if m.name.startswith("bench_"))


def split(argv: list[str]) -> tuple[list[str], bool, list[str]]:
    """(names, smoke, the arguments for the benchmarks) from the command line."""
    smoke = "--smoke" in argv
    argv = [a for a in argv if a != "--smoke"]
    names: list[str] = []
    while argv and not argv[0].startswith("-"):
        names.append(argv.pop(0))
    return names, smoke, argv


def main(argv: list[str]) -> int:
    found = available()
    names, smoke, rest = split(argv)
    for name in names:
        if name not in found:
            print(f"benchmarks: no benchmark {name!r}; have {', '.join(found)}", file=sys.stderr)
            return 2
    if rest and not names:
        print("benchmarks: name the benchmark the arguments are for: python -m benchmarks NAME ARGS",
              file=sys.stderr)
        return 2
    for name in names or found:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        module.main(rest + (list(getattr(module, "SMOKE_ARGS", [])) if smoke else []))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
