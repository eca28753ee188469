"""connecttui against khard on the same 10k contacts, whole processes, in the same run.

- `connecttui upcoming` (seeded 10k database) against `khard birthdays` (the same people as
  a vdir of vCard 3.0 files, benchmarks/generate.py): target at least 40x faster.
- `connecttui import VDIR` into a new, empty database each run against `khard list` reading
  the same vdir: target at most half of khard's time.

khard takes seconds per run, so each figure runs PEERS_RUNS times (default 3), in turns,
after one warm-up run each. khard gets a private HOME and a config file (`-c`) in a
temporary folder; connecttui a private CONNECTTUI_HOME. Results: benchmarks/results/peers.json.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    bench_env,
    bench_runs,
    print_table,
    row,
    size_label,
    time_command,
    write_results,
)
from benchmarks.generate import ensure_db, ensure_vdir  # noqa: E402

SIZE = 10_000


def khard_program() -> str:
    path = Path(sys.executable).parent / "khard"
    if not path.exists():
        raise SystemExit(f"khard is not installed beside {sys.executable} (pip install khard)")
    return str(path)


def main() -> int:
    runs = bench_runs(3, "PEERS_RUNS")
    size = int(os.environ.get("PEERS_SIZE", SIZE))
    db, vdir = ensure_db(size), ensure_vdir(size)
    label = size_label(size)
    with tempfile.TemporaryDirectory(prefix="connecttui-peers-") as home:
        home = Path(home)
        conf = home / "khard.conf"
        conf.write_text(f"[addressbooks]\n[[people]]\npath = {vdir}\n"
                        "[general]\neditor = /bin/false\nmerge_editor = /bin/false\n",
                        encoding="utf-8")
        env = bench_env(home)
        khard_env = {k: v for k, v in env.items() if not k.startswith(("XDG_", "KHARD"))}
        khard_env |= {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        fresh = home / "imported.db"

        def new_database() -> None:
            for path in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
                path.unlink(missing_ok=True)

        khard = khard_program()
        cli = [sys.executable, "-m", "connecttui"]
        cases = {  # name: (argv, env, setup)
            "khard birthdays": ([khard, "-c", str(conf), "birthdays"], khard_env, None),
            "khard list": ([khard, "-c", str(conf), "list"], khard_env, None),
            "connecttui upcoming": ([*cli, "--db", str(db), "upcoming"], env, None),
            "connecttui import VDIR": ([*cli, "--db", str(fresh), "import", str(vdir)], env,
                                       new_database),
        }
        print(f"{len(cases)} commands x {runs} runs on {label} contacts ...", flush=True)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for argv, cenv, setup in cases.values():  # warm-up (page cache, .pyc)
            time_command(argv, cenv, 1, setup=setup)
        for _ in range(runs):
            for name, (argv, cenv, setup) in cases.items():
                times[name] += time_command(argv, cenv, 1, setup=setup)
    birthdays = row("khard birthdays", label, times["khard birthdays"])
    listing = row("khard list", label, times["khard list"])
    rows = [
        birthdays,
        listing,
        row("connecttui upcoming", label, times["connecttui upcoming"], reference=birthdays,
            target=">= 40x faster than khard birthdays", limit=40, at_least=True),
        row("connecttui import VDIR", label, times["connecttui import VDIR"],
            reference=listing, target="<= 0.5x khard list", limit=0.5),
    ]
    print_table(rows)
    path = write_results("peers", rows)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
