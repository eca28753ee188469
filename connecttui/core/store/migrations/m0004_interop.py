"""Schema 4, interop: emails, phones, addresses and the like as labelled fields; tags; the
vCard properties kept verbatim for a faithful export. Adds only what is missing (see m0002)."""

from connecttui.core.store.migrations import add_missing_columns
from connecttui.core.store.models import Contact, ContactField

VERSION = 4


def apply(db) -> None:
    add_missing_columns(db, (Contact, ("tags", "vcard_extra")))
    db.create_tables([ContactField], safe=True)
