"""Schema 2, the six practices: windows kept on the contact, tags on facts, a couple's
anniversary, snoozes, family, gifts and holiday cards.

The first migration creates tables from the current models, so on a new database these
columns already exist: every step here adds only what is missing.
"""

from connecttui.core.store.migrations import add_missing_columns
from connecttui.core.store.models import (
    Contact,
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    Occasion,
    Snooze,
)

VERSION = 2

NEW_COLUMNS = (
    (Contact, ("last_full_touch_at", "last_social_at", "learned_days", "address")),
    (Fact, ("tags",)),
    (Occasion, ("partner",)),
)


def apply(db) -> None:
    add_missing_columns(db, *NEW_COLUMNS)
    db.create_tables([Snooze, FamilyMember, Gift, HolidayCard], safe=True)
    # Fill the kept columns from the touches already there.
    db.execute_sql(
        """
        UPDATE contact SET
          last_full_touch_at = (SELECT MAX(t.at) FROM touch t JOIN touchcontact tc
                                ON tc.touch_id = t.id WHERE tc.contact_id = contact.id
                                AND t.kind != 'social'),
          last_social_at = (SELECT MAX(t.at) FROM touch t JOIN touchcontact tc
                            ON tc.touch_id = t.id WHERE tc.contact_id = contact.id
                            AND t.kind = 'social')
        """
    )
