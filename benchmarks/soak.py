"""Soak (issue 15): the TUI open in a real terminal while another process uses the CLI for a
while, then proof that nothing was lost.

    python benchmarks/soak.py                        # 3 minutes, seed 1 (make soak)
    python benchmarks/soak.py --seconds 45 --seed 7  # the short form tests/test_soak.py runs
    python benchmarks/soak.py --pythonpath /tmp/old  # a copy of connecttui/ (before/after)

Issue 15 was a TUI that lost its file locks: the next CLI process to close believed it was
the last, deleted the WAL under the TUI, and from then on the TUI saw no outside write and
its own were gone after quit. One call showed it; a day of use is what users live, so:

  * a fresh CONNECTTUI_HOME, the default database path under it (the case users hit, not
    --db), a few contacts, then the real `connecttui` in tmux (160x50, tui_speed's helpers);
  * one after another, a seeded random mix of real CLI processes: writes (add, log, fact,
    gift, loop, done, snooze, move, circle add/rename/window), reads (upcoming, show,
    search, review, plan, bash completion of a name), `sync VDIR` (with cards edited in
    the vdir between syncs, as khard does, so sync writes inbound too) and `backup`;
  * now and then a touch logged in the TUI (`l`, a kind, a unique note, enter) while a CLI
    write runs beside it, then the TUI's contacts count waited for (its two-second look);
  * /proc/<tui pid>/fd sampled after every step for a deleted database, WAL or shm file;
  * at the end, in the TUI: the count, `/` finding the last notes, the timeline showing the
    latest touch; `q`; exit status 0 and no traceback; then a fresh process reads the file:
    every promised write found (soak_lib.Model), each touch once, integrity_check ok.

A write is promised by its command's exit status 0 (for the TUI: the note shown after
enter); only promised writes are expected. Any loss, error or failed check exits 1. The
figures go to benchmarks/results/soak.json (or --results).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tui_speed as tty  # noqa: E402  (the tmux helpers)
from common import RESULTS_DIR, bench_env, machine_info, machine_line  # noqa: E402
from soak_lib import (  # noqa: E402
    KINDS,
    Writes,
    backup_state,
    card_names,
    deleted_files,
    edit_card,
    figure,
    print_figures,
)

APP, PYTHON, SESSION = tty.APP, tty.PYTHON, "soak"
CLI_TIMEOUT, SCREEN_TIMEOUT = 120.0, 20.0
STEPS = {"log": 18, "add": 7, "fact": 5, "gift": 4, "loop": 5, "done": 4, "snooze": 3,
         "move": 4, "circle": 3, "upcoming": 3, "show": 3, "search": 4, "review": 2,
         "plan": 2, "complete": 2, "sync": 4, "backup": 2, "tui": 7}
WRITES = {"log", "add", "fact", "gift", "loop", "done", "snooze", "move", "circle"}
NEEDS = {"done": ("loop", "done"), "complete": ("completion",), "tui": ()}
"""The CLI commands a step needs (its own name unless said): a step whose command this
connecttui lacks (an older copy, with --pythonpath) is left out of the mix, and said so."""


class Soak(Writes):
    def __init__(self, seconds: float, seed: int, home: Path, pythonpath: str | None,
                 results: Path) -> None:
        self.env = bench_env(home)
        super().__init__(seed, self.env["CONNECTTUI_TZ"])
        self.seconds, self.home, self.results = seconds, home, results
        self.env.pop("CONNECTTUI_DB", None)
        self.env["PATH"] = f"{Path(APP).parent}:{self.env['PATH']}"  # for the completion
        if pythonpath:  # tty.spawn reads TUI_PYTHONPATH for the TUI; the CLI gets the same
            os.environ["TUI_PYTHONPATH"] = self.env["PYTHONPATH"] = pythonpath
        self.vdir = home / "vdir"
        self.problems: list[str] = []
        self.tally: dict[str, list[int]] = {}  # figure -> [tried, ok]
        self.sync_totals = {"out": 0, "in": 0, "conflicts": 0}
        self.deleted: set[str] = set()
        self.samples = self.wal_missing = 0
        self.pid, self.stale = 0, False
        self.steps = STEPS

    # ----- running things --------------------------------------------------------------
    def start(self, args: list[str]) -> subprocess.Popen:
        return subprocess.Popen([APP, *args], env=self.env, cwd=self.home, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def finish(self, process: subprocess.Popen, args: list[str]) -> str | None:
        """The command's output when it exited 0; else None, and the error is kept."""
        try:
            out, err = process.communicate(timeout=CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            err += f"\n(killed after {CLI_TIMEOUT:g} s)"
        if process.returncode == 0:
            return out
        self.problems.append(f"connecttui {' '.join(args)}: exit {process.returncode}: "
                             f"{err.strip()[-800:]}")
        return None

    def cli(self, *args: str) -> str | None:
        return self.finish(self.start(list(args)), list(args))

    def mark(self, name: str, ok: bool, detail: str = "") -> None:
        row = self.tally.setdefault(name, [0, 0])
        row[0] += 1
        row[1] += bool(ok)
        if not ok:
            self.problems.append(f"{name}: {detail}")

    def screen(self, test, what: str, timeout: float = SCREEN_TIMEOUT) -> str | None:
        """The screen once test(screen) holds; None (and the screen kept) on a timeout.
        Once a wait has failed the TUI is known stale, and later waits are short: the soak
        goes on counting rather than spending the run waiting."""
        try:
            return tty.wait_for(SESSION, test, timeout=min(timeout, 5) if self.stale else
                                timeout, pause=0.05)[1]
        except TimeoutError as error:
            if not self.stale:
                self.problems.append(self.stacks())
            self.stale = True
            self.problems.append(f"TUI: {what}: {error}")
            return None

    @staticmethod
    def child_of(shell: int) -> int:
        """The TUI's pid: the shell's child, once it has started."""
        children = Path(f"/proc/{shell}/task/{shell}/children")
        deadline = time.monotonic() + SCREEN_TIMEOUT
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if found := children.read_text().split():
                    return int(found[0])
            time.sleep(0.01)
        raise SystemExit("the TUI did not start")

    def stacks(self) -> str:
        """Every thread's stack in the TUI when it first failed a wait (py-spy, where
        installed: `pip install py-spy`), so a stall explains itself in the JSON."""
        spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(PYTHON).parent))
        if not spy:
            return "TUI stacks: py-spy is not installed"
        done = subprocess.run([spy, "dump", "--locals", "--pid", str(self.pid)],
                              capture_output=True, text=True, timeout=60)
        return f"TUI stacks (py-spy):\n{done.stdout}{done.stderr}"

    def sample(self) -> None:
        self.samples += 1
        self.deleted.update(deleted_files(self.pid, self.db))
        self.wal_missing += not Path(f"{self.db}-wal").exists()

    def write(self, kind: str) -> None:
        args, promised = getattr(self, f"w_{kind}")()
        out = self.cli(*args)
        if out is not None:
            promised(out)

    # ----- reads, sync, backup ---------------------------------------------------------
    def read(self, kind: str) -> None:
        if kind in ("upcoming", "review", "plan"):
            self.mark("CLI reads answered", self.cli(kind) is not None, kind)
            return
        name = self.rng.choice(self.people())
        if kind == "show":
            out = self.cli("show", name) or ""
            self.mark("CLI reads answered", name in out, f"show {name}: {out[:200]!r}")
        elif kind == "search":  # one of the last notes, the TUI's too: read your writes
            token = self.rng.choice(self.model.notes[-5:])[1].split()[0]
            out = self.cli("search", token) or ""
            self.mark("CLI reads answered", token in out, f"search {token}: {out[:300]!r}")
        else:  # bash completion of a name, as test_completion.py asks for it
            word = name.split()[1].lower()
            script = ('eval "$(connecttui completion bash)"; COMP_WORDS=(connecttui show '
                      f'{word}); COMP_CWORD=2; _connecttui_completion connecttui; '
                      'printf "%s\\n" "${COMPREPLY[@]}"')
            done = subprocess.run(["bash", "-c", script], env=self.env, capture_output=True,
                                  text=True, timeout=CLI_TIMEOUT)
            want = name.replace(" ", "\\ ")
            self.mark("CLI reads answered", want in done.stdout.splitlines(),
                      f"completion of {word}: {done.stdout!r} {done.stderr[-300:]!r}")

    def sync(self) -> None:
        """Edit a card or two as khard would, then sync: out, and those edits in."""
        cards = card_names(self.vdir) if self.vdir.exists() else {}
        edits = []
        for name in self.rng.sample(sorted(set(cards) & set(self.people("card"))),
                                    k=min(len(cards), self.rng.choice([0, 1, 1, 2]))):
            token = self.token("v")
            edits.append((name, f"{token}@example.org", f"{token} note from khard"))
            edit_card(cards[name], *edits[-1][1:])
        out = self.cli("sync", str(self.vdir))
        found = re.search(r"(\d+) out, (\d+) in, (\d+) conflicts?", out or "")
        self.mark("syncs (exit 0, no conflict)", bool(found) and found.group(3) == "0",
                  f"sync: {out!r}")
        if out is None:
            return
        for key, value in zip(("out", "in", "conflicts"), found.groups(), strict=True):
            self.sync_totals[key] += int(value)
        for name, email, note in edits:
            self.model.notes.append(("vdir", note))
            self.model.write("vdir", "card edit", (("email", name, email), True),
                             (("card_note", name), note))

    def backup(self) -> None:
        out = self.cli("backup")
        path = (out or "").strip().splitlines()[-1:] or [""]
        state = backup_state(path[0]) if path[0] and Path(path[0]).exists() else None
        self.mark("backups whole (integrity ok, every contact)",
                  state == ("ok", len(self.model.contacts)), f"backup {path}: {state}")

    # ----- the TUI -----------------------------------------------------------------------
    def tui_log(self) -> None:
        """A touch logged in the TUI while a CLI write runs beside it; then the TUI must
        show the CLI's changes too (the contacts count, within its two-second look)."""
        kind = self.rng.choice([k for k in self.steps if k in WRITES])
        args, promised = getattr(self, f"w_{kind}")()
        process = self.start(args)
        letter, token = self.rng.choice("cmtshgnro"), self.token("t")
        note = f"{token} logged in the tui"
        tty.send(SESSION, "1")
        tty.send(SESSION, "l")
        if self.screen(lambda s: "Log a touch" in s, "the log dialog did not open"):
            tty.send(SESSION, letter)
            tty.tmux("send-keys", "-t", SESSION, "-l", note)
            tty.send(SESSION, "Enter")
            shown = self.screen(lambda s: "Log a touch" not in s and token in s,
                                f"{note!r} not shown after enter") is not None
            self.mark("TUI writes shown after enter", shown, note + ("" if shown else
                                                                    self.stored_with(note)))
            if shown:
                self.model.touched("tui", "log dialog", note, KINDS[letter], None)
            else:
                tty.send(SESSION, "Escape")  # the dialog left open
        out = self.finish(process, args)
        if out is not None:
            promised(out)
        want = len(self.model.contacts)
        self.mark("TUI shows outside writes (contacts count)",
                  self.screen(lambda s: tty.app_count(s) == want, f"count {want}") is not None)

    def stored_with(self, note: str) -> str:
        """Where a touch the TUI did not show went: its contacts in the file, if stored."""
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            names = [n for (n,) in conn.execute(
                "SELECT c.name FROM touch t JOIN touchcontact tc ON tc.touch_id = t.id "
                "JOIN contact c ON c.id = tc.contact_id WHERE t.note = ?", (note,))]
        finally:
            conn.close()
        return f" (stored for {names})" if names else " (not stored)"

    def tui_search(self, token: str, jump: bool = False) -> bool:
        tty.send(SESSION, "/")
        if not self.screen(lambda s: "esc close" in s, "the search dialog did not open"):
            return False
        tty.tmux("send-keys", "-t", SESSION, "-l", token)
        found = self.screen(lambda s: token in s and "1 match " in s, f"search {token}")
        if jump and found:
            tty.send(SESSION, "Enter")
            return self.screen(lambda s: "esc close" not in s and len(tty.panes(s)) > 1 and
                               token in "".join(tty.panes(s)[1][:1]),
                               f"{token} first in the timeline") is not None
        tty.send(SESSION, "Escape")
        self.screen(lambda s: "esc close" not in s, "the search dialog did not close")
        return found is not None

    # ----- the day ---------------------------------------------------------------------
    def setup(self) -> None:
        where = re.search(r"^Database\s+(\S.*)$", self.cli("where") or "", re.M | re.I)
        if where is None:
            raise SystemExit(f"connecttui where: {self.problems}")
        self.db = Path(where.group(1))
        commands = set(re.findall(r"^  (\S+)  ", (self.cli("--help") or "").split(
            "Commands:")[-1], re.M))
        self.steps = {k: w for k, w in STEPS.items() if set(NEEDS.get(k, (k,))) <= commands}
        for _ in range(6):
            self.write("add")
        for _ in range(6):
            self.write("log")
        self.sync()
        for entry in self.model.writes:
            entry.source = "setup"

    def run(self) -> int:
        self.setup()
        tty.start_server()
        tty.tmux("set-window-option", "-g", "remain-on-exit", "on")  # for the traceback
        # tmux here leaves an exited pane's process a zombie now and then, its status never
        # read: a shell runs the TUI and writes the status where the soak can read it.
        self.status_file = self.home / "tui-exit-status"
        shell = tty.spawn(SESSION, f"sh -c '{APP}; echo $? > {self.status_file}'", self.env)
        self.pid = self.child_of(shell)
        n = len(self.model.contacts)
        if not self.screen(lambda s: tty.app_count(s) == n, "the TUI did not draw", 60):
            return self.report(None, 0.0)
        started = time.monotonic()
        kinds, weights = list(self.steps), list(self.steps.values())
        while time.monotonic() - started < self.seconds:
            kind = self.rng.choices(kinds, weights)[0]
            if kind in WRITES:
                self.write(kind)
            elif kind == "tui":
                self.tui_log()
            elif kind in ("sync", "backup"):
                getattr(self, kind)()
            else:
                self.read(kind)
            self.sample()
        self.sync()
        self.w_log_now()
        elapsed = time.monotonic() - started
        self.sample()
        self.tui_end()
        return self.report(self.fresh_look(), elapsed)

    def w_log_now(self) -> None:
        """The last write: a touch logged now, which the TUI's timeline must show first."""
        name, note = self.rng.choice(self.people()), f"{self.token('c')} the last touch"
        if self.cli("log", name, "-k", "c", note) is not None:
            self.model.touched("cli", "log", note, "call", [name])

    def tui_end(self) -> None:
        want = len(self.model.contacts)
        self.mark("TUI end: contacts count", self.screen(
            lambda s: tty.app_count(s) == want, f"count {want}") is not None)
        notes = self.model.notes
        cli, tui, cards = ([n for s, n in notes if s == source] for source in
                           ("cli", "tui", "vdir"))
        for note in dict.fromkeys(cli[-4:-1] + tui[-1:] + cards[-1:]):
            self.mark("TUI end: `/` finds the last notes", self.tui_search(note.split()[0]))
        self.mark("TUI end: timeline shows the latest touch",
                  self.tui_search(notes[-1][1].split()[0], jump=True))
        self.sample()
        tty.send(SESSION, "q")
        deadline = time.monotonic() + SCREEN_TIMEOUT
        while not self.status_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.1)  # the shell's echo written whole
        status = (self.status_file.read_text().split() if self.status_file.exists() else [])
        text = tty.tmux("capture-pane", "-p", "-S", "-", "-t", SESSION)
        clean = status == ["0"] and "Traceback" not in text
        if not status:
            self.problems.append(self.stacks())
        self.mark("TUI quit: exit 0, no traceback", clean, f"status {status}: "
                  f"{text.strip()[-1500:]}")

    def fresh_look(self) -> dict:
        done = subprocess.run([PYTHON, str(Path(__file__).with_name("soak_lib.py")),
                               str(self.db)], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            self.problems.append(f"the fresh look failed: {done.stderr[-2000:]}")
            return {}
        return json.loads(done.stdout)

    def report(self, found: dict | None, elapsed: float) -> int:
        tally = self.model.verify(found) if found else {}
        rows = []
        for source, label in (("cli", "CLI writes"), ("tui", "TUI writes (log dialog)"),
                              ("vdir", "vdir edits taken in by sync"),
                              ("setup", "setup writes (before the TUI)")):
            row = tally.get(source, {"tried": 0, "found": 0, "superseded": 0})
            rows.append(figure(
                f"{label}: in the database", row["tried"], row["found"],
                note=f"{row['superseded']} superseded later" if row["superseded"] else ""))
        per = ", ".join(f"{k.split(':', 1)[1]} {v['found']}/{v['tried']}"
                        for k, v in sorted(tally.items()) if k.startswith("cli:"))
        rows.append(figure("CLI writes by command (found/tried)", "-", "-", ok=True, note=per))
        rows += [figure(name, *counts) for name, counts in self.tally.items()]
        if found:
            rows.append(figure("touch rows (each note once)", self.model.touches,
                               found["touch_count"]))
            rows.append(figure("PRAGMA integrity_check", "ok", ",".join(found["integrity"]),
                               ok=found["integrity"] == ["ok"]
                               and found["foreign_key_errors"] == 0))
        rows.append(figure("CLI commands failed", 0, sum(
            p.startswith("connecttui ") for p in self.problems)))
        rows.append(figure("deleted db files under the TUI (fd samples)", self.samples,
                           len(self.deleted), ok=not self.deleted,
                           note=" ".join(sorted(self.deleted)) or
                           f"WAL absent in {self.wal_missing} samples"))
        lost = self.model.lost() if found else ["no fresh look"]
        ok = all(r["met"] for r in rows) and not lost and not self.problems
        print(machine_line())
        left_out = sorted(set(STEPS) - set(self.steps))
        print(f"soak: {elapsed:.0f} s of mix, {len(self.model.writes)} writes, cards synced "
              f"{self.sync_totals}" + (f", not in this CLI: {left_out}" if left_out else ""))
        print_figures(rows)
        for line in (lost + self.problems)[:30]:  # the screens are in the JSON
            print("  !", line.splitlines()[0][:240] if line else line)
        print("PASSED" if ok else "FAILED")
        self.results.parent.mkdir(parents=True, exist_ok=True)
        self.results.write_text(json.dumps(
            {"name": "soak", "machine": machine_info(), "seconds": round(elapsed, 1),
             "passed": ok, "rows": rows, "sync": self.sync_totals, "lost": lost,
             "left_out": left_out,
             "problems": self.problems}, indent=1) + "\n", encoding="utf-8")
        return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pythonpath", help="a copy of the package to run instead")
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "soak.json")
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="connecttui-soak-"))
    soak = Soak(options.seconds, options.seed, home, options.pythonpath, options.results)
    try:
        return soak.run()
    finally:
        with contextlib.suppress(Exception):
            tty.tmux("kill-server")
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
