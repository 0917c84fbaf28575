"""`python -m benchmarks [NAME ...] [--smoke]`: run the benchmarks (all by default)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    smoke = "--smoke" in argv
    names = [a for a in argv if not a.startswith("-")]
    found = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if m.name.startswith("bench_"))
    for name in names or found:
        if name not in found:
            print(f"benchmarks: no benchmark {name!r}; have {', '.join(found)}", file=sys.stderr)
            return 2
        module = importlib.import_module(f"benchmarks.bench_{name}")
        module.main(getattr(module, "SMOKE_ARGS", []) if smoke else [])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
