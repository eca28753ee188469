"""How fast the CLI is against its floor: `python -c "import peewee, pendulum"`.

Runs each command several times on a seeded demo database and prints min and median
wall-clock times and the ratio to the floor measured in the same run. It never asserts:
the figures are for people to read (and the README to quote).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def timed(command: list[str], env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "CONNECTTUI_HOME": folder, "CONNECTTUI_TZ": "Europe/London"}
        db = str(Path(folder) / "demo.db")
        subprocess.run(
            [sys.executable, "-c",
             f"from connecttui.core.demo import create_demo_db; create_demo_db({db!r})"],
            env=env, check=True,
        )
        cli = [sys.executable, "-m", "connecttui", "--db", db]
        cases = {
            "floor: import peewee, pendulum": [sys.executable, "-c", "import peewee, pendulum"],
            "connecttui upcoming": [*cli, "upcoming"],
            "connecttui log": [*cli, "log", "Ahmed", "-k", "c", "benchmark"],
            "connecttui search": [*cli, "search", "river"],
        }
        results = {name: timed(command, env) for name, command in cases.items()}
    floor = statistics.median(results["floor: import peewee, pendulum"])
    print(f"{'what':<34} {'min ms':>8} {'median ms':>10} {'x floor':>8}   ({RUNS} runs)")
    table = {}
    for name, times in results.items():
        low, mid = min(times) * 1000, statistics.median(times) * 1000
        table[name] = {"min_ms": round(low, 1), "median_ms": round(mid, 1)}
        print(f"{name:<34} {low:>8.1f} {mid:>10.1f} {mid / 1000 / floor:>8.2f}")
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    (out / "cli_speed.json").write_text(json.dumps(table, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
