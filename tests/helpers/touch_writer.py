"""A stream of touches logged through the real core, one transaction each, for the crash
and concurrency tests (run as its own process: `python touch_writer.py DB ...`).

It prints each touch's id on its own line, flushed, only once `log_touch` has returned,
that is once the transaction has committed: every id on stdout is a promise that the touch
is stored. With `--count 0` it writes until it is killed.
"""

from __future__ import annotations

import argparse
import sys

from connecttui.core import touches
from connecttui.core.store.db import close_db, open_db


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--contact", type=int, required=True, help="Every touch is with them.")
    parser.add_argument("--count", type=int, default=0, help="0: until killed.")
    parser.add_argument("--prefix", default="touch", help="Notes are PREFIX-1, PREFIX-2, ...")
    parser.add_argument("--also", type=int, help="A second contact, on every --every'th touch.")
    parser.add_argument("--every", type=int, default=0)
    args = parser.parse_args()

    open_db(args.db)
    print("ready", flush=True)
    number = 0
    while args.count == 0 or number < args.count:
        number += 1
        people = [args.contact]
        if args.also and args.every and number % args.every == 0:
            people.append(args.also)
        touch = touches.log_touch(people, "message", note=f"{args.prefix}-{number}")
        print(touch.id, flush=True)
    close_db()


if __name__ == "__main__":
    sys.exit(main())
