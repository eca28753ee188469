"""Schema 8, a deceased state: a contact who has died, and the day if it is known (see
core/deceased.py). Adds only what is missing (see m0002).

Monica's importer used to turn a `deceased_date` into a yearly custom occasion named
"deceased", so an imported friend who had died kept drifting and came up every year as
"deceased in 3 days". Those contacts are marked deceased here. When the occasion has its
year, the day moves onto the contact and the occasion goes (nothing is lost: it is the same
date); without a year it stays, since nothing else holds that day and month (like every
occasion of a deceased contact, it is no longer suggested).
"""

import datetime as dt

from connecttui.core.store.migrations import add_missing_columns
from connecttui.core.store.models import Contact

VERSION = 8

MONICA_LABEL = "deceased"
"""The label the Monica importer gave a death date (interop/monica.py before schema 8)."""


def apply(db) -> None:
    from connecttui.core.store.dialect import sql

    add_missing_columns(db, (Contact, ("deceased", "deceased_on")))
    rows = db.execute_sql(
        sql("SELECT id, contact_id, year, month, day FROM occasion "
            "WHERE kind = 'custom' AND label = ? ORDER BY id", db), (MONICA_LABEL,)
    ).fetchall()
    moved = []
    for occasion_id, contact_id, year, month, day in rows:
        day_of_death = _day(year, month, day)
        if day_of_death is not None:
            db.execute_sql(sql("UPDATE contact SET deceased = ?, deceased_on = ? WHERE id = ?",
                               db), (True, day_of_death, contact_id))
            moved.append(occasion_id)
        else:
            db.execute_sql(sql("UPDATE contact SET deceased = ? WHERE id = ?", db),
                           (True, contact_id))
    for occasion_id in moved:  # SQLite migrates with foreign keys off: no SET NULL by itself
        db.execute_sql(sql("UPDATE gift SET occasion_id = NULL WHERE occasion_id = ?", db),
                       (occasion_id,))
        db.execute_sql(sql("DELETE FROM snooze WHERE kind = 'occasion' AND ref = ?", db),
                       (str(occasion_id),))
        db.execute_sql(sql("DELETE FROM occasion WHERE id = ?", db), (occasion_id,))


def _day(year, month, day) -> dt.date | None:
    """The full date, or None without a year (or for one that does not exist)."""
    try:
        return dt.date(year, month, day) if year is not None else None
    except (TypeError, ValueError):
        return None
