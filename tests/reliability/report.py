"""``make reliability``: every reliability scenario in its long form, then one table.

Runs ``pytest -m reliability`` twice (offscreen, then the X11 pass under Xvfb, as
scripts/test.sh does) with ``KIOSK_RELIABILITY_FULL=1``, collects what each scenario recorded and
prints: scenario, runs, failures, what was lost. Also measures what a commit costs at each SQLite
``synchronous`` level on this disk (the evidence for the durability setting). Exit status: 0 when
every test passed. Arguments go to pytest (e.g. ``-k power``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
COMMITS = 200


def run_pass(results: Path, extra: list[str], x11: bool) -> int:
    env = dict(os.environ, KIOSK_RELIABILITY_FULL="1", KIOSK_RELIABILITY_RESULTS=str(results))
    marker = "reliability and x11" if x11 else "reliability and not x11"
    if x11:
        env["QT_QPA_PLATFORM"] = "xcb"
    command = [sys.executable, "-m", "pytest", "-q", "-m", marker, "tests/reliability", *extra]
    code = subprocess.run(command, cwd=REPOSITORY, env=env, check=False).returncode
    return 0 if code == 5 else code  # 5: the filter left nothing to run


def commit_cost() -> list[tuple[str, float]]:
    """Milliseconds per small committed transaction (WAL) at each synchronous level."""
    costs = []
    with tempfile.TemporaryDirectory(dir=REPOSITORY) as folder:
        for level in ("OFF", "NORMAL", "FULL"):
            path = Path(folder) / f"{level}.db"
            connection = sqlite3.connect(path, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA synchronous={level}")
            connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, subject TEXT)")
            started = time.perf_counter()
            for index in range(COMMITS):
                connection.execute("BEGIN")
                connection.execute("INSERT INTO events (subject) VALUES (?)", (f"lieu-{index}",))
                connection.execute("COMMIT")
            costs.append((level, (time.perf_counter() - started) * 1000 / COMMITS))
            connection.close()
    return costs


def table(rows: list[dict[str, object]]) -> str:
    header = ("Scénario", "Essais", "Échecs", "Perdu", "Détail")
    cells = [header] + [
        (str(r["scenario"]), str(r["runs"]), str(r["failures"]), str(r["lost"]), str(r["detail"]))
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results.jsonl"
        results.touch()
        status = run_pass(results, argv, x11=False)
        status = run_pass(results, argv, x11=True) or status
        rows = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    print()
    print(table(rows))
    print()
    print("Coût d'une validation SQLite (WAL) sur ce disque :")
    for level, milliseconds in commit_cost():
        print(f"  synchronous={level:<6} {milliseconds:6.2f} ms")
    print()
    print("Tous les scénarios sont passés." if status == 0 else "Des scénarios ont échoué.")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
