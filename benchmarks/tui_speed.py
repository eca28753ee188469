"""TUI speed (issue 7): the real app in a real terminal (tmux, 160x50), read against a bare
Textual app measured in the same run.

    python benchmarks/tui_speed.py            # every figure (10k, then start-up and search at 100k)
    BENCH_RUNS=3 IDLE_SECONDS=10 python benchmarks/tui_speed.py     # quicker, while developing
    TUI_SIZES=10000 python benchmarks/tui_speed.py                   # skip the growth figures
    TUI_PYTHONPATH=/tmp/old python benchmarks/tui_speed.py   # a baseline copy of connecttui/
    TUI_DBS=10000=/tmp/a.db,100000=/tmp/b.db ...                     # databases made elsewhere

How each figure is taken:
  * spawn to visible: from `tmux new-session` to the first capture-pane (polled every few ms)
    showing what counts: for the floor (benchmarks/bare_app.py) its table; for connecttui the
    contacts pane's count in its title, a touch in the timeline and the upcoming count.
  * quit: from `tmux send-keys q` until /proc/PID is gone (or a zombie).
  * idle CPU: utime+stime from /proc/PID/stat over IDLE_SECONDS (60) once everything is loaded,
    the app and the floor side by side, contacts pane focused; memory: VmRSS after that.
  * key to paint: benchmarks/probe.py runs the real app with time stamps for each key Textual
    parses, for what the app does with it, and for each frame the output thread writes. Once
    the start-up reads are done (contacts, then the whole Upcoming list), a key is sent with
    `tmux send-keys`, then: key -> the app's mark -> the next frame -> flushed.
    search: each keystroke of a few words typed one at a time (the worker's results for that
    text painted); `end` in the 10k contacts; `l` `c` `enter` in the log dialog (the new touch
    shown in the timeline); the contacts pane: the worker's rows posted -> all rows painted
    (at start-up, and again on the reload after each logged touch).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    REPO,
    bench_env,
    bench_runs,
    machine_line,
    print_table,
    row,
    size_label,
    write_results,
)

PYTHON = str(REPO / ".venv" / "bin" / "python")
APP = os.environ.get("TUI_APP", str(REPO / ".venv" / "bin" / "connecttui"))
PROBE = os.environ.get("TUI_PROBE", f"{PYTHON} {REPO / 'benchmarks' / 'probe.py'}")
BARE = f"{PYTHON} {REPO / 'benchmarks' / 'bare_app.py'}"
WIDTH, HEIGHT = 160, 50
IDLE_SECONDS = float(os.environ.get("IDLE_SECONDS", "60"))
SOCKET = f"connecttui-bench-{os.getpid()}"
TIMEOUT = 60.0
SEARCH_WORDS = ["ana", "coffee", "smith", "lunch", "river"]
clock = time.perf_counter
TEXTUAL_KEYS = {"/": "slash", "Enter": "enter", "Escape": "escape"}


# ----- tmux ------------------------------------------------------------------------
def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    if done.returncode != 0 and args[0] not in ("kill-session", "kill-server"):
        raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def start_server() -> None:
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "hold", "-x", str(WIDTH), "-y",
         str(HEIGHT))
    tmux("set-option", "-g", "status", "off")
    tmux("set-option", "-g", "escape-time", "0")


def spawn(name: str, command: str, env: dict[str, str]) -> int:
    """Start `command` in a new 160x50 session; returns its pid (the pane's process)."""
    extra = {k: env[k] for k in ("CONNECTTUI_HOME", "CONNECTTUI_TZ", "XDG_CONFIG_HOME",
                                 "XDG_DATA_HOME") if k in env}
    if os.environ.get("TUI_PYTHONPATH"):  # a baseline copy of the package, for before/after
        extra["PYTHONPATH"] = extra["PROBE_REPO"] = os.environ["TUI_PYTHONPATH"]
    extra["COLORTERM"] = "truecolor"
    # COLUMNS and LINES (pytest sets them, and the tmux server keeps its starter's
    # environment) would win over the pane's size in Textual: the app drawn at 80x24.
    line = "exec env -u COLUMNS -u LINES " + " ".join(
        f"{k}={shlex.quote(v)}" for k, v in extra.items())
    line += " " + command
    out = tmux("new-session", "-d", "-P", "-F", "#{pane_pid}", "-s", name, "-c", "/tmp",
               "-x", str(WIDTH),
               "-y", str(HEIGHT), line)
    return int(out.strip())


def capture(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def send(name: str, *keys: str) -> None:
    tmux("send-keys", "-t", name, *keys)


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def kill(name: str, pid: int | None = None) -> None:
    tmux("kill-session", "-t", name)
    if pid is not None:
        deadline = clock() + 5
        while alive(pid) and clock() < deadline:
            time.sleep(0.01)


def wait_for(name: str, test, timeout: float = TIMEOUT, pause: float = 0.004) -> tuple[float, str]:
    """Poll capture-pane until test(screen) holds; returns (the time it was seen, screen)."""
    deadline = clock() + timeout
    while True:
        screen = capture(name)
        seen = clock()
        if test(screen):
            return seen, screen
        if seen > deadline:
            raise TimeoutError(f"{name}: not seen in {timeout}s:\n{screen}")
        time.sleep(pause)


# ----- what is on the screen --------------------------------------------------------
def floor_ready(screen: str) -> bool:
    return "bare row 9" in screen


TIMELINE_ROW = re.compile(r"^ (?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2}|"
                          r"\d\d [A-Z][a-z]{2} \d{4}) ")


def panes(screen: str) -> list[list[str]]:
    """The inside of the three bordered panes, line by line (split on the top corners)."""
    lines = screen.splitlines()
    top = next((i for i, line in enumerate(lines) if line.count("╭") >= 3), None)
    if top is None:
        return []
    starts = [m.start() for m in re.finditer("╭", lines[top])]
    ends = [m.start() for m in re.finditer("╮", lines[top])]
    return [[line[s + 1:e] for line in lines[top + 1:]] for s, e in zip(starts, ends, strict=False)]


def app_ready(screen: str) -> bool:
    """Three panes populated: the contacts count and rows, a touch in the timeline, and a
    suggestion in the upcoming pane (its first rows: the count in its title comes with the
    whole list, which may be read after the first paint)."""
    if not re.search(r"Contacts \(\d+\)", screen):
        return False
    inside = panes(screen)
    if len(inside) != 3:
        return False
    contacts, timeline, upcoming = inside
    return (contacts[0].strip() != "" and any(TIMELINE_ROW.match(x) for x in timeline[:3])
            and upcoming[0].strip() not in ("", "Nothing needs you in the next 14 days."))


def app_count(screen: str) -> int | None:
    found = re.search(r"Contacts \((\d+)\)", screen)
    return int(found.group(1)) if found else None


# ----- /proc -----------------------------------------------------------------------
def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ----- one start, with what can be measured on it -----------------------------------------
def start_and_quit(name: str, command: str, env: dict, ready, idle: float = 0.0,
                   settle: float = 1.0) -> dict:
    t0 = clock()
    pid = spawn(name, command, env)
    try:
        seen, screen = wait_for(name, ready)
        result = {"spawn": seen - t0, "pid": pid, "screen": screen}
        time.sleep(settle)  # the rest loads; workers finish
        if idle:
            result["idle_start"] = (clock(), cpu_ticks(pid))
        result["rss"] = rss_mb(pid)
        return result
    except BaseException:
        kill(name, pid)
        raise


def quit_time(name: str, pid: int) -> float:
    t0 = clock()
    send(name, "q")
    deadline = t0 + 20
    while alive(pid):
        if clock() > deadline:
            raise TimeoutError(f"{name} did not quit")
        time.sleep(0.002)
    return clock() - t0


def idle_cpu(results: list[tuple[str, dict]], seconds: float) -> dict[str, float]:
    """Percent of one CPU over `seconds`, for processes already started side by side."""
    hz = os.sysconf("SC_CLK_TCK")
    start = {name: (clock(), cpu_ticks(r["pid"])) for name, r in results}
    time.sleep(seconds)
    out = {}
    for name, r in results:
        t0, ticks0 = start[name]
        out[name] = (cpu_ticks(r["pid"]) - ticks0) / hz / (clock() - t0) * 100
    return out


def startup_series(db: Path, env: dict, runs: int, with_floor: bool = True,
                   idle_runs: int = 0) -> dict:
    """Floor and app started alternately; spawn, quit, RSS, idle CPU."""
    out = {k: [] for k in ("floor_spawn", "app_spawn", "floor_quit", "app_quit", "app_rss",
                           "floor_rss", "app_idle", "floor_idle", "app_count")}
    app_cmd = f"{APP} --db {shlex.quote(str(db))}"
    for run in range(runs):
        floor = None
        if with_floor:
            floor = start_and_quit("floor", BARE, env, floor_ready)
            out["floor_spawn"].append(floor["spawn"])
            out["floor_rss"].append(floor["rss"])
        app = start_and_quit("app", app_cmd, env, app_ready, settle=2.0)
        out["app_spawn"].append(app["spawn"])
        out["app_count"].append(app_count(app["screen"]))
        if run < idle_runs and floor is not None:
            cpu = idle_cpu([("app", app), ("floor", floor)], IDLE_SECONDS)
            out["app_idle"].append(cpu["app"])
            out["floor_idle"].append(cpu["floor"])
        out["app_rss"].append(rss_mb(app["pid"]))
        if floor is not None:
            out["floor_quit"].append(quit_time("floor", floor["pid"]))
        out["app_quit"].append(quit_time("app", app["pid"]))
        kill("floor")
        kill("app")
    return out


# ----- the probe: key to paint ---------------------------------------------------------
class ProbeLog:
    """Reads the JSON lines benchmarks/probe.py appends, as they come."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.events: list[dict] = []
        self._offset = 0
        self._partial = ""

    def read(self) -> None:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as handle:
            handle.seek(self._offset)
            chunk = handle.read()
            self._offset = handle.tell()
        text = self._partial + chunk
        lines = text.split("\n")
        self._partial = lines.pop()
        self.events.extend(json.loads(line) for line in lines if line)

    def wait(self, test, since: int = 0, timeout: float = 20.0) -> tuple[int, dict]:
        """The first event from index `since` on for which test(event) holds."""
        deadline = clock() + timeout
        index = since
        while True:
            self.read()
            while index < len(self.events):
                if test(self.events[index]):
                    return index, self.events[index]
                index += 1
            if clock() > deadline:
                raise TimeoutError("probe: event not seen")
            time.sleep(0.002)

    def painted_after(self, index: int) -> float:
        """When the first frame drawn after event `index` was flushed to the terminal."""
        i, frame = self.wait(lambda e: e["ev"] == "frame", index)
        _, flush = self.wait(lambda e: e["ev"] == "flush" and e["seq"] >= frame["seq"], i)
        return flush["t"]


def is_mark(what: str, **fields):
    def test(event: dict) -> bool:
        return (event["ev"] == "mark" and event["what"] == what
                and all(event.get(k) == v for k, v in fields.items()))
    return test


def key_event(key: str):
    return lambda e: e["ev"] == "key" and e["key"] == key


def probe_session(db: Path, env: dict, runs: int, total: int, *, end: bool = True,
                  log: bool = True) -> dict:
    """One app under the probe: contacts ready, `end`, search keystrokes, log enter."""
    out = {"contacts_ready": [], "end": [], "search": [], "log": []}
    work = Path(tempfile.mkdtemp(prefix="tui-probe-"))
    copy = work / "bench.db"
    shutil.copy(db, copy)  # the log figure writes touches
    events = work / "events.jsonl"
    pid = spawn("probe", f"{PROBE} {shlex.quote(str(copy))} {shlex.quote(str(events))}", env)
    probe = ProbeLog(events)
    try:
        wait_for("probe", app_ready)
        # The contacts pane: the worker's rows posted -> every row set -> painted.
        i, data = probe.wait(is_mark("data:contacts", n=total))
        j, _ = probe.wait(is_mark("rows:contacts", n=total), i)
        out["contacts_ready"].append(probe.painted_after(j) - data["t"])
        # Keys are timed once the start-up reads are done (the whole Upcoming list comes
        # last: at 100k it took a second or more and shared the interpreter with the keys).
        probe.wait(is_mark("data:upcoming"), i, timeout=60)
        time.sleep(1.5)

        def press(key: str, mark, settle: float = 0.15) -> float:
            probe.read()
            start = len(probe.events)
            send("probe", key)
            k, pressed = probe.wait(key_event(TEXTUAL_KEYS.get(key, key.lower())), start)
            m, _ = probe.wait(mark, k)
            painted = probe.painted_after(m)
            time.sleep(settle)
            return painted - pressed["t"]

        if end:
            for _ in range(runs):
                out["end"].append(press("End", is_mark("action:last", widget="contacts")))
                press("Home", lambda e: e["ev"] == "frame")
        for word in SEARCH_WORDS[: max(2, min(runs, len(SEARCH_WORDS)))]:
            press("/", lambda e: e["ev"] == "frame", settle=0.4)
            typed = ""
            for letter in word:
                typed += letter
                out["search"].append(press(letter, is_mark("search:shown", text=typed,
                                                             current=typed), settle=0.1))
            press("Escape", lambda e: e["ev"] == "frame", settle=0.3)
        if log:
            for _ in range(runs):
                press("l", lambda e: e["ev"] == "frame", settle=0.3)
                press("c", lambda e: e["ev"] == "frame", settle=0.2)
                probe.read()
                start = len(probe.events)
                send("probe", "Enter")
                k, pressed = probe.wait(key_event("enter"), start)
                s, saved = probe.wait(is_mark("log:saved"), k)
                if saved.get("touch") is None:
                    raise RuntimeError("the log dialog did not store the touch")
                m, _ = probe.wait(is_mark("rows:timeline", first=saved["touch"]), s)
                out["log"].append(probe.painted_after(m) - pressed["t"])
                # Before issue 16 the touch reloaded the whole contacts pane (a sample of the
                # same figure as at start-up: rows posted -> all painted); now only the
                # touched rows are patched in, so there may be no such reload to time.
                with contextlib.suppress(TimeoutError):
                    i, data = probe.wait(is_mark("data:contacts", n=total), m, timeout=2.0)
                    j, _ = probe.wait(is_mark("rows:contacts", n=total), i)
                    out["contacts_ready"].append(probe.painted_after(j) - data["t"])
                time.sleep(1.0)  # the upcoming reload finishes
        send("probe", "q")
        deadline = clock() + 20
        while alive(pid) and clock() < deadline:
            time.sleep(0.01)
    finally:
        kill("probe", pid)
        shutil.rmtree(work, ignore_errors=True)
    return out


# ----- figures -------------------------------------------------------------------------
def key_row(figure: str, size: str, times: list[float], median_ms: float, worst_ms: float,
            reference: dict | None = None, limit: float | None = None,
            target: str | None = None) -> dict:
    result = row(figure, size, times, reference=reference, limit=limit,
                 target=target or f"median < {median_ms:g} ms, worst < {worst_ms:g} ms")
    if limit is None:
        result["met"] = result["median"] < median_ms and result["max"] < worst_ms
    return result


def plain_row(figure: str, size: str, values: list[float], unit: str, target: str | None,
              met, reference: dict | None = None) -> dict:
    result = row(figure, size, values, unit=unit, scale=1.0, reference=reference,
                 target=target)
    result["met"] = met(result) if met else None
    return result


def databases() -> dict[int, Path]:
    sizes = [int(s) for s in os.environ.get("TUI_SIZES", "10000,100000").split(",") if s]
    override = os.environ.get("TUI_DBS")  # "10000=/path/a.db,100000=/path/b.db"
    if override:
        pairs = dict(item.split("=", 1) for item in override.split(","))
        return {int(k): Path(v) for k, v in pairs.items() if int(k) in sizes}
    from generate import ensure_db

    return {size: ensure_db(size) for size in sizes}


def main() -> None:
    runs = bench_runs(5)
    idle_runs = int(os.environ.get("IDLE_RUNS", "2"))
    dbs = databases()
    home = Path(tempfile.mkdtemp(prefix="tui-speed-"))
    env = bench_env(home)
    print(machine_line())
    print(f"runs: {runs}, idle: {idle_runs} x {IDLE_SECONDS:g} s, terminal: tmux {WIDTH}x{HEIGHT}")
    rows: list[dict] = []
    start_server()
    try:
        results = {}
        for size, db in dbs.items():
            label = size_label(size)
            # Warm up: the file cache, .pyc files and the day's backup of this database.
            start_and_quit("app", f"{APP} --db {shlex.quote(str(db))}", env, app_ready,
                           settle=3.0)
            kill("app")
            first = size == min(dbs)
            series = startup_series(db, env, runs, with_floor=True,
                                    idle_runs=idle_runs if first else 0)
            total = series["app_count"][0]
            probed = probe_session(db, env, runs, total, end=first, log=first)
            results[label] = (series, probed)

        label = size_label(min(dbs))
        series, probed = results[label]
        floor_spawn = row("bare Textual app: spawn to first frame", "-", series["floor_spawn"])
        floor_quit = row("bare Textual app: q to process gone", "-", series["floor_quit"])
        app_spawn = row("connecttui: spawn to three panes populated", label,
                        series["app_spawn"], reference=floor_spawn, limit=1.2,
                        target="<= 1.2x floor")
        rows += [floor_spawn, app_spawn, floor_quit,
                 row("connecttui: q to process gone", label, series["app_quit"],
                     reference=floor_quit, limit=1.0, target="<= floor")]
        rows.append(key_row("search: keystroke to results painted", label, probed["search"],
                            30, 60))
        rows.append(row("contacts pane: rows posted to all painted", label,
                        probed["contacts_ready"], target="< 100 ms"))
        rows[-1]["met"] = rows[-1]["median"] < 100  # as `end` and the log: the median
        rows.append(key_row("contacts pane: end to painted", label, probed["end"], 16, 16,
                            target="< 16 ms (one frame)"))
        rows[-1]["met"] = rows[-1]["median"] < 16
        rows.append(key_row("log dialog: enter to touch shown", label, probed["log"], 30, 30,
                            target="< 30 ms"))
        rows[-1]["met"] = rows[-1]["median"] < 30
        if series["floor_idle"]:
            floor_idle = plain_row("bare Textual app: idle CPU", "-", series["floor_idle"],
                                   "%", None, None)
            rows += [floor_idle,
                     plain_row(f"connecttui: idle CPU over {IDLE_SECONDS:g} s", label,
                               series["app_idle"], "%", "<= 0.3%",
                               lambda r: r["median"] <= 0.3, reference=floor_idle)]
        floor_rss = plain_row("bare Textual app: RSS", "-", series["floor_rss"], "MB", None, None)
        rows += [floor_rss, plain_row("connecttui: RSS after start", label, series["app_rss"],
                                      "MB", "< 120 MB", lambda r: r["max"] < 120,
                                      reference=floor_rss)]
        for size in sorted(dbs)[1:]:
            big = size_label(size)
            big_series, big_probed = results[big]
            rows.append(row("connecttui: spawn to three panes populated", big,
                            big_series["app_spawn"], reference=app_spawn, limit=2.0,
                            target=f"<= 2x {label}"))
            rows.append(row("search: keystroke to results painted", big, big_probed["search"],
                            reference=rows[4], limit=2.0, target=f"<= 2x {label}"))
            rows.append(row(f"bare Textual app: spawn to first frame (with {big})", "-",
                            big_series["floor_spawn"]))
    finally:
        with contextlib.suppress(Exception):
            tmux("kill-server")
        shutil.rmtree(home, ignore_errors=True)
    print_table(rows)
    path = write_results("tui_speed", rows)
    print(f"written: {path.relative_to(REPO)}")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


if __name__ == "__main__":
    main()
