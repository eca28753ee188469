"""Schema 7, speed: an index on the kind of a touch (and its time), so the introductions
and the memories are found without reading every touch (issue 7: at 200k touches, looking
for introduced pairs took a third of a second). New databases get it from the model."""

VERSION = 7


def apply(db) -> None:
    db.execute_sql('CREATE INDEX IF NOT EXISTS "touch_kind_at" ON "touch" ("kind", "at")')
