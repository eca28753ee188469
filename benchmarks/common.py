"""Timing helpers shared by every benchmark script.

A figure is measured several times in a subprocess (wall-clock seconds) and reported as
min / median / max. Every figure is read against its floor or peer measured in the SAME
run (``reference`` / ``ratio``): absolute times depend on the machine and its load, ratios
much less. Results are written as benchmarks/results/{name}.json and printed as a table.

Row schema (a plain dict)::

    figure     what was measured ("connecttui upcoming")
    size       data size ("10k", "100k", "-")
    unit       "ms" | "%" | "MB" | "x"
    min, median, max, runs
    reference  the figure name of the floor/peer row, or None
    ratio      median / reference median (or None)
    target     text, e.g. "<= 1.5x floor"
    met        True / False / None (no target)
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
CACHE_DIR = BENCH_DIR / ".cache"
REPO = BENCH_DIR.parent


def bench_runs(default: int = 7, variable: str = "BENCH_RUNS") -> int:
    """How many runs per figure (BENCH_RUNS, or another variable such as PEERS_RUNS)."""
    return max(1, int(os.environ.get(variable, str(default))))


def size_label(size: int) -> str:
    """10000 -> "10k", 100000 -> "100k", 1000 -> "1k", 500 -> "500"."""
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def time_command(argv: list[str], env: dict[str, str] | None = None, runs: int = 7,
                 *, setup=None, cwd: str | os.PathLike | None = None) -> list[float]:
    """Wall seconds of ``argv`` run as a subprocess, ``runs`` times.

    ``setup`` (optional, untimed) is called before each run, e.g. to copy a fresh database.
    A failing command raises (with its stderr), so a broken figure is never reported.
    """
    times: list[float] = []
    for _ in range(runs):
        if setup is not None:
            setup()
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(map(str, argv))} exited {done.returncode}:\n"
                f"{done.stderr.decode(errors='replace')[-2000:]}"
            )
        times.append(elapsed)
    return times


def summarize(times: list[float]) -> dict:
    """min / median / max / runs of a list of numbers (in their own unit)."""
    return {
        "min": min(times),
        "median": statistics.median(times),
        "max": max(times),
        "runs": len(times),
    }


def row(figure: str, size: str, times: list[float], *, unit: str = "ms",
        scale: float = 1000.0, reference: dict | None = None,
        target: str | None = None, limit: float | None = None,
        at_least: bool = False) -> dict:
    """Build a result row from raw times (seconds, scaled to ``unit`` by ``scale``).

    ``reference`` is another row; ``ratio`` = this median / reference median.
    ``limit`` is checked against the ratio: ratio <= limit, or (``at_least``) the
    reference is at least ``limit`` times slower, i.e. reference/this >= limit.
    """
    stats = summarize([t * scale for t in times])
    result = {
        "figure": figure,
        "size": size,
        "unit": unit,
        "min": round(stats["min"], 3),
        "median": round(stats["median"], 3),
        "max": round(stats["max"], 3),
        "runs": stats["runs"],
        "reference": None,
        "ratio": None,
        "target": target,
        "met": None,
    }
    if reference is not None:
        result["reference"] = reference["figure"] + (
            f" ({reference['size']})" if reference.get("size") not in (None, "-", size) else "")
        if reference["median"]:
            result["ratio"] = round(stats["median"] / reference["median"], 4)
    if limit is not None and result["ratio"] is not None:
        if at_least:
            result["met"] = result["ratio"] > 0 and (1 / result["ratio"]) >= limit
        else:
            result["met"] = result["ratio"] <= limit
    return result


def _version(module: str) -> str | None:
    try:
        from importlib.metadata import version
        return version(module)
    except Exception:
        return None


def machine_info() -> dict:
    import sqlite3
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "textual": _version("textual"),
        "peewee": _version("peewee"),
        "sqlite": sqlite3.sqlite_version,
        "date": datetime.now().isoformat(timespec="seconds"),
        "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def machine_line(info: dict | None = None) -> str:
    info = info or machine_info()
    return (f"{info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}, "
            f"Textual {info['textual']}, Peewee {info['peewee']}, SQLite {info['sqlite']}, "
            f"{info['date']}")


def write_results(name: str, rows: list[dict]) -> Path:
    """Write benchmarks/results/{name}.json: {"name", "machine", "rows"}."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    payload = {"name": name, "machine": machine_info(), "rows": rows}
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return path


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


COLUMNS = ("figure", "size", "unit", "min", "median", "runs", "reference", "ratio",
           "target", "met")


def table_lines(rows: list[dict], columns=COLUMNS) -> list[str]:
    cells = [[_fmt(r.get(c), 2 if c == "ratio" else 1) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)) for line in cells]
    return lines


def print_table(rows: list[dict], columns=COLUMNS) -> None:
    print("\n".join(table_lines(rows, columns)))
    sys.stdout.flush()


def markdown_table(rows: list[dict], columns=COLUMNS) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        lines.append("| " + " | ".join(
            _fmt(r.get(c), 2 if c == "ratio" else 1).replace("|", "\\|") for c in columns) + " |")
    return "\n".join(lines)


def bench_env(home: str | os.PathLike) -> dict[str, str]:
    """Environment for a subprocess: user files kept away in ``home``."""
    env = dict(os.environ)
    env["CONNECTTUI_HOME"] = str(home)
    env.setdefault("CONNECTTUI_TZ", "Europe/London")
    env["XDG_CONFIG_HOME"] = str(Path(home) / "config")
    env["XDG_DATA_HOME"] = str(Path(home) / "data")
    return env


def time_commands(cases: dict[str, list[str]], env: dict[str, str] | None = None,
                  runs: int = 7, *, warmup: bool = True) -> dict[str, list[float]]:
    """Several commands timed in turns (round-robin), so a burst of load elsewhere on the
    machine hits all of them alike; one untimed warm-up run each first (page cache, .pyc)."""
    if warmup:
        for argv in cases.values():
            time_command(argv, env, 1)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, argv in cases.items():
            times[name] += time_command(argv, env, 1)
    return times
