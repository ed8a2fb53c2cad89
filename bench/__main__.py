"""Run every benchmark module and print one table (figure, kiosk, baseline, ratio, budget, met?).

Each ``bench/bench_*.py`` module exposes ``run() -> list[dict]`` whose rows have the keys
``figure``, ``kiosk``, ``baseline``, ``ratio``, ``budget`` and ``met``; the baseline is measured
in the same run. The table is also written to ``bench/results/latest.json``.
``python -m bench map video`` runs only the modules whose names contain those words.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COLUMNS = ("figure", "kiosk", "baseline", "ratio", "budget", "met")


def discover(filters: list[str]) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    return [n for n in names if not filters or any(f in n for f in filters)]


def cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def print_table(rows: list[dict[str, Any]]) -> None:
    table = [COLUMNS, *[tuple(cell(row.get(c, "")) for c in COLUMNS) for row in rows]]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    for index, line in enumerate(table):
        print("  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[dict[str, Any]] = []
    failures = 0
    for name in discover(argv):
        started = time.perf_counter()
        print(f"# {name} …", flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            module_rows = module.run()
        except Exception:
            traceback.print_exc()
            failures += 1
            rows.append({"figure": f"{name}: failed", "met": False})
            continue
        for row in module_rows:
            row.setdefault("module", name)
        rows.extend(module_rows)
        print(f"# {name} done in {time.perf_counter() - started:.0f} s", flush=True)
    print()
    print_table(rows)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps(rows, indent=2, default=str))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
