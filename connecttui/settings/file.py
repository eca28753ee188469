"""The commented config file `connecttui config --edit` starts from.

It holds every setting at its default, each explained where it stands, so editing it is
the documentation; a test proves it parses to exactly the defaults of config.Settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from connecttui.core.private_files import open_private

DEFAULT_TEXT = """\
# connecttui settings. Every line is optional: delete one to get its default back.
# A mistake never stops the app: it names the line and uses the default for that value.

# Colours: "connecttui-dark", "connecttui-light", or any Textual theme ("nord",
# "gruvbox", "textual-light"...). ctrl+p, then "theme", switches while the app runs.
theme = "connecttui-dark"

# How the header (and anywhere a whole day is shown) writes a day:
#   "short" Fri 27 Nov 2026   "long" Friday 27 November 2026
#   "iso"   2026-11-27        "us"   Fri Nov 27, 2026
# or a strftime pattern of day codes, like "%d/%m/%Y" or "%A %d %B".
date_format = "short"

# The first day of the week (the weekly review's week starts here).
week_start = "monday"

# The day the app offers the weekly review.
review_day = "friday"

# Ring the terminal bell when the day's notifications appear.
bell = false

# Open with the privacy blur on (notes, facts and family show as dots; b shows them).
start_blurred = false

# The birthdays and anniversaries of someone who has died (marked deceased) are never
# shown. true: they come back on their day, worded as remembrance ("Ada Lovelace's
# birthday, in remembrance"), never as an age or a lead time to prepare.
remembrance = false

# Rewrite this iCalendar file after every change, for a calendar app to subscribe to.
ics_path = ""

# The database, when neither --db nor CONNECTTUI_DB names one: a file, or a PostgreSQL
# server shared by several machines (the README's "On more than one machine").
# db = "postgresql://me@db.example.org/connecttui?sslmode=verify-full&sslrootcert=/path/ca.crt"

[windows]
# Keep-in-touch windows for circles that have none set in the app, by circle name:
# days (the maximum is twice that), "ideal/max", or [ideal, max]. A window set in the
# app (or on the contact) always wins; nothing stored is changed.
# inner = "14/30"
# friends = 30
# work = [60, 120]

[lead_times]
# Days ahead to start preparing (0 to 90).
gift = 10        # a gift idea comes up this long before its occasion (if it sets none)
card = 7         # holiday cards: the reminder starts this long before the posting day
birthday = 0     # the lead time a new birthday gets when none is given
anniversary = 0  # ... a new anniversary
custom = 0       # ... a new named occasion (name day, ...)

[keys]
# Remap any key by its binding id (`?` lists the keys; ids are like "main.log").
# Several keys: "ctrl+l,f2". Quote ids: they contain a dot.
# "main.log" = "ctrl+l"
# "app.quit" = "ctrl+q"
"""


def write_default(path: Path) -> bool:
    """Create the commented file at `path` (0600, in a 0700 folder) unless it exists;
    True when it was created. An existing file is never touched."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = open_private(path, os.O_WRONLY | os.O_EXCL)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(DEFAULT_TEXT)
    return True
