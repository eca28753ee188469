"""Run every benchmark, then print one combined table and write the summary.

Runs cli_speed.py, peers.py and (when present) tui_speed.py, each as its own process (a
failing one is reported and the rest still run), then reads benchmarks/results/*.json and
writes benchmarks/results/summary.json and summary.md (a markdown table and the machine
line, for the README). `make bench` calls this. BENCH_ONLY="cli_speed,peers" picks scripts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    BENCH_DIR,
    RESULTS_DIR,
    machine_info,
    machine_line,
    markdown_table,
    print_table,
)

SCRIPTS = ("cli_speed", "peers", "tui_speed")
SUMMARY_COLUMNS = ("figure", "size", "unit", "min", "median", "reference", "ratio", "target",
                   "met")


def run_scripts(names: list[str]) -> dict[str, dict]:
    status = {}
    for name in names:
        script = BENCH_DIR / f"{name}.py"
        if not script.exists():
            continue
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR.parent)
        status[name] = {"returncode": done.returncode,
                        "seconds": round(time.perf_counter() - started, 1)}
        if done.returncode != 0:
            print(f"{name} failed (exit {done.returncode})", file=sys.stderr)
    return status


def collect(names: list[str]) -> tuple[list[dict], dict | None]:
    rows, machine = [], None
    for name in names:
        path = RESULTS_DIR / f"{name}.json"
        if not path.exists():
            continue
        payload = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(payload, dict) or "rows" not in payload:
            continue  # an old format
        machine = machine or payload.get("machine")
        for row in payload["rows"]:
            rows.append({"source": name, **row})
    return rows, machine


def main() -> int:
    only = os.environ.get("BENCH_ONLY")
    names = [n.strip() for n in only.split(",")] if only else list(SCRIPTS)
    status = run_scripts(names)
    rows, machine = collect(names)
    machine = machine or machine_info()
    print("\n== summary ==")
    print_table(rows, SUMMARY_COLUMNS)
    print(machine_line(machine))
    targets = [r for r in rows if r.get("met") is not None]
    met = sum(1 for r in targets if r["met"])
    print(f"{met} of {len(targets)} targets met")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "summary.json").write_text(json.dumps(
        {"machine": machine, "scripts": status, "rows": rows,
         "targets_met": met, "targets": len(targets)}, indent=1) + "\n", encoding="utf-8")
    (RESULTS_DIR / "summary.md").write_text(
        markdown_table(rows, SUMMARY_COLUMNS) + "\n\n" + machine_line(machine) + "\n",
        encoding="utf-8")
    print(f"wrote {RESULTS_DIR / 'summary.json'} and summary.md")
    return 1 if any(s["returncode"] for s in status.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
