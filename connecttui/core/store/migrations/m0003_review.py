"""Schema 3: saved Friday reviews."""

from connecttui.core.store.models import Review

VERSION = 3


def apply(db) -> None:
    db.create_tables([Review], safe=True)
