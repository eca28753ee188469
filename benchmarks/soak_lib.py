"""What benchmarks/soak.py expects and what it finds (issue 15: a day of use, not one call).

`Model` is the soak's memory of every write a command promised by exiting 0: each write
carries checks, keys into what the database must hold at the end. A key written again later
(a contact moved twice, a circle renamed, a card note replaced) is checked only for the last
write: the earlier ones are "superseded", counted apart, never hidden.

`dump(path)` reads the database with plain sqlite3 and returns everything the checks need as
JSON. It runs in a fresh interpreter (`python soak_lib.py DB`): after the TUI has quit, what
a new process reads is what a user gets the next morning.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

KINDS = {"c": "call", "m": "message", "t": "together", "s": "social", "h": "help",
         "i": "intro", "g": "gift", "n": "card", "r": "memory", "o": "other"}
BUILTIN_CIRCLES = ("inner", "friends", "work", "resting")


@dataclass
class Write:
    number: int
    source: str  # "setup", "cli", "tui", "vdir"
    command: str  # "log", "add", ... (the figure it is counted under)
    checks: list[tuple[tuple, object]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # filled in by Model.verify


class Model:
    """The expected state, built from the writes as they are promised."""

    def __init__(self) -> None:
        self.writes: list[Write] = []
        self.last: dict[tuple, int] = {}  # key -> number of the write that set it last
        self.contacts: dict[str, str] = {}  # name -> pool: "card" (vdir edits) | "mover"
        self.circles: dict[str, list] = {c: [c, None, None] for c in BUILTIN_CIRCLES}
        self.open_loops: dict[str, list[str]] = {}  # contact -> open loop texts
        self.notes: list[tuple[str, str]] = []  # (source, note) of every touch, in order
        self.touches = 0  # how many touch rows there must be

    def write(self, source: str, command: str, *checks: tuple[tuple, object]) -> Write:
        entry = Write(len(self.writes) + 1, source, command, list(checks))
        for key, _ in checks:
            self.last[key] = entry.number
        self.writes.append(entry)
        return entry

    # ----- the writes ----------------------------------------------------------------
    def added(self, source: str, name: str, pool: str, circle: str | None) -> None:
        self.contacts[name] = pool
        self.open_loops[name] = []
        self.write(source, "add", (("contact", name), True), (("circle_of", name), circle))

    def touched(self, source: str, command: str, note: str, kind: str,
                names: list[str] | None, *more: tuple[tuple, object]) -> None:
        self.touches += 1
        self.notes.append((source, note))
        who = sorted(names) if names is not None else None
        self.write(source, command, (("touch", note), (kind, who)), *more)

    def loop_closed(self, name: str, text: str, note: str) -> None:
        self.open_loops[name].remove(text)
        self.touched("cli", "done", note, "other", [name], (("loop", name, text), True))

    def circle_set(self, source: str, key: str, name: str, ideal: int | None,
                   most: int | None, command: str) -> None:
        self.circles[key] = [name, ideal, most]
        self.write(source, command, (("circle", key), (name, ideal, most)))

    # ----- the checks ----------------------------------------------------------------
    def holds(self, found: dict, key: tuple, expected) -> bool:
        what = key[0]
        if what == "contact":
            return key[1] in found["contacts"]
        if what == "touch":
            rows = found["touches"].get(key[1], [])
            kind, who = expected
            return len(rows) == 1 and rows[0][0] == kind and (who is None or rows[0][1] == who)
        if what == "circle_of":
            circle = self.circles[expected][0] if expected else None
            return found["contacts"].get(key[1], {}).get("circle") == circle
        if what == "circle":
            name, ideal, most = expected
            return found["circles"].get(name) == [ideal, most]
        if what == "loop":
            return [key[1], key[2], expected] in found["loops"]
        if what in ("fact", "gift"):
            return [key[1], key[2], expected] in found[what + "s"]
        if what == "snooze":
            return found["snoozes"].get(key[1]) == expected
        if what == "email":
            return key[2] in found["contacts"].get(key[1], {}).get("emails", [])
        if what == "card_note":
            return found["contacts"].get(key[1], {}).get("notes") == expected
        raise ValueError(key)

    def verify(self, found: dict) -> dict[str, dict]:
        """Per source and command: tried, found, superseded (checked through a later write)."""
        tally: dict[str, dict] = {}
        for entry in self.writes:
            live = [(k, v) for k, v in entry.checks if self.last[k] == entry.number]
            entry.failed = [repr(k) for k, v in live if not self.holds(found, k, v)]
            for label in (entry.source, f"{entry.source}:{entry.command}"):
                row = tally.setdefault(label, {"tried": 0, "found": 0, "superseded": 0})
                row["tried"] += 1
                row["found"] += not entry.failed
                row["superseded"] += not live
        return tally

    def lost(self) -> list[str]:
        return [f"#{w.number} {w.source} {w.command}: {', '.join(w.failed)}"
                for w in self.writes if w.failed]


# ----- the writes ------------------------------------------------------------------------
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia"]
PHRASES = ["coffee by the river", "call about the move", "lunch near work", "a long walk"]


class Writes:
    """The CLI writes of the mix. Each `w_KIND` picks its arguments with the seeded random
    and returns them with what exit 0 promises (a function that records it in the model).
    Every note, fact, gift and loop starts with a unique token (c00012, f00013...), so a
    search for it finds one thing and its absence is a lost write."""

    def __init__(self, seed: int, zone: str) -> None:
        self.rng, self.zone = random.Random(seed), zone
        self.model = Model()
        self.count = 0

    def token(self, letter: str) -> str:
        self.count += 1
        return f"{letter}{self.count:05d}"

    def people(self, pool: str | None = None) -> list[str]:
        return [n for n, p in self.model.contacts.items() if pool in (None, p)]

    def w_add(self):
        number = self.token("p")[1:]
        name = f"{FIRST[int(number) % len(FIRST)]} Soak{number}"
        pool = self.rng.choice(["card", "mover"])
        circle = "friends" if pool == "mover" and self.rng.random() < 0.5 else None
        args = ["add", name] + (["--circle", circle] if circle else [])
        if self.rng.random() < 0.3:
            args += ["--every", str(self.rng.choice([7, 14, 30]))]
        return args, lambda out: self.model.added("cli", name, pool, circle)

    def w_log(self):
        names = self.rng.sample(self.people(), self.rng.choice([1, 1, 1, 2]))
        letter = self.rng.choice("cmtshgnro")
        note = f"{self.token('c')} {self.rng.choice(PHRASES)}"
        when = self.rng.choice(["now"] * 6 + ["yesterday", "2d ago"])
        args = ["log", ",".join(names), "-k", letter, "-w", when,
                self.rng.choice(["--out", "--in", "--both"]), note]
        return args, lambda out: self.model.touched("cli", "log", note, KINDS[letter], names)

    def w_fact(self):
        name, kind = self.rng.choice(self.people()), self.rng.choice(
            ["interest", "need", "offer", "other"])
        text = f"{self.token('f')} {kind} about rivers"
        return (["fact", name, text, f"--{kind}"],
                lambda out: self.model.write("cli", "fact", (("fact", name, text), kind)))

    def w_gift(self):
        name, status = self.rng.choice(self.people()), self.rng.choice(
            ["idea", "given", "received"])
        text = f"{self.token('g')} a book of maps"
        args = ["gift", name, text] + ([] if status == "idea" else [f"--{status}"])
        return args, lambda out: self.model.write("cli", "gift", (("gift", name, text), status))

    def w_loop(self):
        name, text = self.rng.choice(self.people()), f"{self.token('l')} ask about the trip"
        due = self.rng.choice(["today", "tomorrow", "in 2 weeks"])

        def promised(out):
            self.model.open_loops[name].append(text)
            self.model.write("cli", "loop", (("loop", name, text), False))
        return ["loop", name, text, "--due", due], promised

    def w_done(self):
        waiting = [n for n, loops in self.model.open_loops.items() if loops]
        if not waiting:
            return self.w_loop()
        name = self.rng.choice(waiting)
        text, note = self.model.open_loops[name][0], f"{self.token('c')} closed the loop"
        return (["done", name, text.split()[0], "--note", note],
                lambda out: self.model.loop_closed(name, text, note))

    def w_snooze(self):
        name, days = self.rng.choice(self.people()), self.rng.choice([3, 7, 14])
        until = (datetime.now(ZoneInfo(self.zone)).date()
                 + timedelta(days=days)).isoformat()
        return (["snooze", name, "--days", str(days)],
                lambda out: self.model.write("cli", "snooze", (("snooze", name), until)))

    def w_move(self):
        movers = self.people("mover")
        if not movers:
            return self.w_add()
        name = self.rng.choice(movers)
        key = self.rng.choice([*self.model.circles, None])
        target = self.model.circles[key][0] if key else "-"
        return (["move", name, target],
                lambda out: self.model.write("cli", "move", (("circle_of", name), key)))

    def w_circle(self):
        mine = [k for k in self.model.circles if k.startswith("k")]
        name = f"soak{self.token('k')[1:]}"
        if len(mine) < 2 or self.rng.random() < 0.3:
            key = f"k{len(mine) + 1}"
            ideal, most = self.rng.choice([(7, 14), (14, 30), (30, 90)])
            return (["circle", "add", name, "--window", f"{ideal}/{most}"],
                    lambda out: self.model.circle_set("cli", key, name, ideal, most,
                                                      "circle add"))
        key = self.rng.choice(mine)
        old, ideal, most = self.model.circles[key]
        if self.rng.random() < 0.5:
            return (["circle", "rename", old, name],
                    lambda out: self.model.circle_set("cli", key, name, ideal, most,
                                                      "circle rename"))
        ideal, most = self.rng.choice([(10, 20), (21, 42), (45, 90)])
        return (["circle", "window", old, f"{ideal}/{most}"],
                lambda out: self.model.circle_set("cli", key, old, ideal, most,
                                                  "circle window"))


# ----- the vdir, as khard edits it ---------------------------------------------------
def edit_card(path: Path, email: str, note: str) -> None:
    """Add an email and replace the note, as `khard edit` would: the whole file rewritten
    atomically (a temporary file in the same folder, then a rename)."""
    lines = path.read_bytes().decode("utf-8").replace("\r\n", "\n").split("\n")
    kept, skipping = [], False
    for line in lines:
        if skipping and line.startswith((" ", "\t")):
            continue  # a folded continuation of the old NOTE
        skipping = line.upper().startswith("NOTE")
        if not skipping and line:
            kept.append(line)
    end = kept.index("END:VCARD")
    kept[end:end] = [f"EMAIL;TYPE=HOME:{email}", f"NOTE:{note}"]
    temporary = path.with_name(f".{path.name}.khard-tmp")
    temporary.write_bytes(("\r\n".join(kept) + "\r\n").encode("utf-8"))
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def card_names(folder: Path) -> dict[str, Path]:
    """FN -> file, for every card in the vdir."""
    out = {}
    for path in sorted(folder.glob("*.vcf")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("FN:"):
                out[line[3:]] = path
    return out


# ----- /proc ---------------------------------------------------------------------------
def deleted_files(pid: int, db: Path) -> list[str]:
    """The process's descriptors on the database, its WAL or shared memory once deleted."""
    found = []
    folder = Path(f"/proc/{pid}/fd")
    try:
        fds = list(folder.iterdir())
    except OSError:
        return found
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(db)) and target.endswith("(deleted)"):
            found.append(target)
    return found


# ----- the fresh process ---------------------------------------------------------------
def dump(path: str) -> dict:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        q = conn.execute
        circles = {i: n for i, n in q("SELECT id, name FROM circle")}
        names = {}
        contacts = {}
        for cid, name, circle, notes in q("SELECT id, name, circle_id, notes FROM contact"):
            names[cid] = name
            contacts[name] = {"circle": circles.get(circle), "notes": notes, "emails": []}
        for cid, value in q("SELECT contact_id, value FROM contactfield WHERE kind = 'email'"):
            contacts[names[cid]]["emails"].append(value)
        touches: dict[str, list] = {}
        who: dict[int, list[str]] = {}
        for tid, cid in q("SELECT touch_id, contact_id FROM touchcontact"):
            who.setdefault(tid, []).append(names[cid])
        for tid, note, kind in q("SELECT id, note, kind FROM touch ORDER BY id"):
            touches.setdefault(note, []).append([kind, sorted(who.get(tid, []))])
        return {
            "integrity": [r[0] for r in q("PRAGMA integrity_check")],
            "foreign_key_errors": len(q("PRAGMA foreign_key_check").fetchall()),
            "contacts": contacts,
            "touches": touches,
            "touch_count": q("SELECT COUNT(*) FROM touch").fetchone()[0],
            "circles": {n: [a, b] for n, a, b in q("SELECT name, ideal_days, max_days "
                                                     "FROM circle")},
            "loops": [[names[c], t, d is not None] for c, t, d in
                      q("SELECT contact_id, text, done_at FROM openloop")],
            "facts": [[names[c], t, k] for c, t, k in q("SELECT contact_id, text, kind "
                                                          "FROM fact")],
            "gifts": [[names[c], t, s] for c, t, s in q("SELECT contact_id, text, status "
                                                          "FROM gift")],
            "snoozes": {names.get(int(r), r): u for r, u in
                        q("SELECT ref, until FROM snooze WHERE kind = 'drift' ORDER BY id")},
        }
    finally:
        conn.close()


def backup_state(path: str) -> tuple[str, int]:
    """A backup's integrity check and contact count."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return check, conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0]
    finally:
        conn.close()


# ----- the figures ---------------------------------------------------------------------
def figure(name: str, tried, found, ok: bool | None = None, note: str = "") -> dict:
    met = ok if ok is not None else tried == found
    return {"figure": name, "tried": tried, "found": found, "met": met, "note": note}


def print_figures(rows: list[dict]) -> None:
    cols = ("figure", "tried", "found", "met", "note")
    cells = [[("yes" if r[c] else "NO") if c == "met" else str(r[c]) for c in cols]
             for r in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for line in cells:
        print("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)))
    sys.stdout.flush()


if __name__ == "__main__":
    print(json.dumps(dump(sys.argv[1])))
