"""Schema 4, interop: emails, phones, addresses and the like as labelled fields; tags; the
vCard properties kept verbatim for a faithful export. Adds only what is missing (see m0002)."""

from playhouse.migrate import SchemaMigrator, migrate

from connecttui.core.models import Contact, ContactField

VERSION = 4


def apply(db) -> None:
    migrator = SchemaMigrator.from_database(db)
    existing = {column.name for column in db.get_columns("contact")}
    operations = [
        migrator.add_column("contact", name, Contact._meta.fields[name])
        for name in ("tags", "vcard_extra")
        if name not in existing
    ]
    if operations:
        migrate(*operations)
    db.create_tables([ContactField], safe=True)
