"""`make bench`: runs every benchmark module and prints its figures.

Each module under tests/ named ``bench_*.py`` exposes ``run() -> list[str]``.
Pass module names (``core``, ``cli``, ``gui``) to run only some.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run the selected benchmarks (all by default) and print their result lines."""
    here = Path(__file__).resolve().parent
    names = argv or sorted(p.stem.removeprefix("bench_") for p in here.glob("bench_*.py"))
    failed = 0
    for name in names:
        started = time.perf_counter()
        print(f"== bench_{name}", flush=True)
        try:
            module = importlib.import_module(f"tests.bench_{name}")
            for line in module.run():
                print(f"   {line}", flush=True)
        except Exception as exc:  # a broken benchmark must not hide the others
            failed += 1
            print(f"   FAILED: {type(exc).__name__}: {exc}", flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
