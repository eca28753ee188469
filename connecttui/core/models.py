"""The tables, and nothing else: rules live in the modules named after the product's words."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from connecttui.core.fields import PlainDateField, UTCDateTimeField

database = DatabaseProxy()

KINDS = (
    "call", "message", "together", "social", "help", "intro", "gift", "card", "memory", "other",
)
"""Touch kinds, in the order of the log dialog."""

INITIATORS = ("out", "in", "both")
"""Who started a touch: you reached out, they reached out, or both at once."""

OCCASION_KINDS = ("birthday", "anniversary", "custom")
FACT_KINDS = ("interest", "need", "offer", "other")
FEB29_RULES = ("feb28", "mar1")


class BaseModel(Model):
    class Meta:
        database = database


class SchemaVersion(BaseModel):
    """One row per applied migration, so a database knows what shape it is in."""

    version = IntegerField(primary_key=True)
    applied_at = UTCDateTimeField()


class Circle(BaseModel):
    """How close a contact is. A circle's window is the default for its contacts."""

    id = AutoField()
    name = CharField(unique=True)
    ideal_days = IntegerField(null=True)
    max_days = IntegerField(null=True)
    resting = BooleanField(default=False)
    position = IntegerField(default=0)


class Contact(BaseModel):
    """A person you care about. `last_touch_at` is kept up to date by every write of a touch
    so the contact list never aggregates the touch table."""

    id = AutoField()
    uid = CharField(unique=True)
    name = TextField()
    nicknames = TextField(default="")
    circle = ForeignKeyField(Circle, null=True, backref="contacts", on_delete="SET NULL")
    how_met = TextField(default="")
    why_care = TextField(default="")
    notes = TextField(default="")
    ideal_days = IntegerField(null=True)
    max_days = IntegerField(null=True)
    last_touch_at = UTCDateTimeField(null=True, index=True)
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()


class Touch(BaseModel):
    """One logged interaction with one or more contacts."""

    id = AutoField()
    at = UTCDateTimeField(index=True)
    kind = CharField()
    initiator = CharField(default="out")
    note = TextField(default="")
    created_at = UTCDateTimeField()


class TouchContact(BaseModel):
    """Who took part in a touch: a touch may be shared by several contacts."""

    touch = ForeignKeyField(Touch, backref="people", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="touch_links", on_delete="CASCADE")

    class Meta:
        primary_key = False
        indexes = ((("touch", "contact"), True), (("contact", "touch"), False))


class OpenLoop(BaseModel):
    """A dated follow-up tied to a contact: "ask how the interview went"."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="open_loops", on_delete="CASCADE")
    text = TextField()
    due = PlainDateField(index=True)
    done_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField()


class Occasion(BaseModel):
    """A yearly date. Month and day are kept apart so the year may be unknown."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="occasions", on_delete="CASCADE")
    kind = CharField(default="birthday")
    label = TextField(default="")
    month = IntegerField()
    day = IntegerField()
    year = IntegerField(null=True)
    feb29 = CharField(default="feb28")
    lead_days = IntegerField(default=0)

    class Meta:
        indexes = ((("month", "day"), False),)


class Fact(BaseModel):
    """Something you learned about a contact: an interest, a need, an offer, anything else."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="facts", on_delete="CASCADE")
    kind = CharField(default="other")
    text = TextField()
    created_at = UTCDateTimeField()


class ContactIndex(FTS5Model):
    """Full-text index of a contact's own words; rowid is the contact's id."""

    rowid = RowIDField()
    name = SearchField()
    nicknames = SearchField()
    body = SearchField()

    class Meta:
        database = database
        table_name = "contact_fts"
        options = {"tokenize": "unicode61 remove_diacritics 2", "prefix": "2 3"}


class TouchIndex(FTS5Model):
    """Full-text index of touch notes; rowid is the touch's id."""

    rowid = RowIDField()
    note = SearchField()

    class Meta:
        database = database
        table_name = "touch_fts"
        options = {"tokenize": "unicode61 remove_diacritics 2", "prefix": "2 3"}


TABLES = (SchemaVersion, Circle, Contact, Touch, TouchContact, OpenLoop, Occasion, Fact)
"""Plain tables in dependency order (the backup writes and reads them in this order)."""

INDEXES = (ContactIndex, TouchIndex)
