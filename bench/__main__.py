"""Run every benchmark module and print one table (figure, kiosk, baseline, ratio, budget, met?).

Each ``bench/bench_*.py`` module exposes ``run() -> list[dict]`` whose rows have the keys
``figure``, ``kiosk``, ``baseline``, ``ratio``, ``budget`` and ``met``; the baseline is measured
in the same run. Everywhere the ratio is kiosk / baseline: lower is better, below 1 the kiosk
beats its baseline. The table is also written to ``bench/results/latest.json`` (with the date,
the machine and how long the run took). ``python -m bench map video`` runs only the modules
whose names contain those words.

Every figure has a budget, declared next to it in its module (``bench.budgets.Budget`` or a
budget text with its verdict); a figure without one counts as a miss. The run exits with 1 when a
module fails; a figure over its budget makes it exit with 1 only with ``--fail-on-miss``.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COLUMNS = ("figure", "kiosk", "baseline", "ratio", "budget", "met")
RATIO_NOTE = "ratio = kiosk / baseline (lower is better; < 1: the kiosk beats its baseline)"
# The order: start, touch, video, the attract loop, drawings, map, memory, catalogue,
# import.
ORDER = ("startup", "touch", "video", "attract", "drawings", "map", "memory", "catalogue", "import")


def discover(filters: list[str]) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))

    def rank(name: str) -> tuple[int, str]:
        topic = name.removeprefix("bench_")
        return (ORDER.index(topic) if topic in ORDER else len(ORDER), name)

    return sorted((n for n in names if not filters or any(f in n for f in filters)), key=rank)


def cell(value: Any) -> str:
    if isinstance(value, bool):
        return "pass" if value else "MISS"
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
    fail_on_miss = "--fail-on-miss" in argv
    argv = [word for word in argv if word != "--fail-on-miss"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    run_started = time.perf_counter()
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
            if not row.get("budget") or not isinstance(row.get("met"), bool):
                row["budget"], row["met"] = "none declared", False
        rows.extend(module_rows)
        print(f"# {name} done in {time.perf_counter() - started:.0f} s", flush=True)
    elapsed = time.perf_counter() - run_started
    print()
    print(RATIO_NOTE)
    print()
    print_table(rows)
    missed = [row for row in rows if row.get("met") is False]
    print()
    print(f"{len(rows) - len(missed)} of {len(rows)} figures within budget; {elapsed / 60:.1f} min")
    for row in missed:
        print(f"  MISS: {row['figure']}: {row.get('kiosk')} (budget {row.get('budget')})")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "seconds": round(elapsed),
        "ratio": RATIO_NOTE,
        "modules": discover(argv),
        "rows": rows,
    }
    (results / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    return 1 if failures or (fail_on_miss and missed) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
