"""Schema 2, the six practices: windows kept on the contact, tags on facts, a couple's
anniversary, snoozes, family, gifts and holiday cards.

The first migration creates tables from the current models, so on a new database these
columns already exist: every step here adds only what is missing.
"""

from playhouse.migrate import SchemaMigrator, migrate

from connecttui.core.models import Contact, Fact, FamilyMember, Gift, HolidayCard, Occasion, Snooze

VERSION = 2

NEW_COLUMNS = (
    (Contact, ("last_full_touch_at", "last_social_at", "learned_days", "address")),
    (Fact, ("tags",)),
    (Occasion, ("partner",)),
)


def apply(db) -> None:
    migrator = SchemaMigrator.from_database(db)
    operations = []
    for model, names in NEW_COLUMNS:
        table = model._meta.table_name
        existing = {column.name for column in db.get_columns(table)}
        for name in names:
            field = model._meta.fields[name]
            if field.column_name not in existing:
                operations.append(migrator.add_column(table, field.column_name, field))
    if operations:
        migrate(*operations)
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
