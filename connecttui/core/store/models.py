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
GIFT_STATUSES = ("idea", "given", "received")
RELATIONS = ("partner", "child", "parent", "sibling", "other")
FIELD_KINDS = ("email", "phone", "address", "org", "title", "url")


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
    # Kept by every write of a touch (schema 2), so windows need no aggregate either:
    last_full_touch_at = UTCDateTimeField(null=True)  # latest touch that is not social
    last_social_at = UTCDateTimeField(null=True)  # latest social touch (counts half)
    learned_days = IntegerField(null=True)  # median gap, once there are five touches
    address = TextField(default="")  # postal address, for holiday cards
    # Schema 4, interop: categories from other programs, and the vCard properties
    # connecttui has no field for, kept verbatim so an export gives them back unchanged.
    tags = TextField(default="")
    vcard_extra = TextField(default="")
    # Schema 8: someone who has died stays, with their history, but is never drifting nor
    # suggested (core/deceased.py); the day may be unknown.
    deceased = BooleanField(default=False)
    deceased_on = PlainDateField(null=True)


class Touch(BaseModel):
    """One logged interaction with one or more contacts."""

    id = AutoField()
    at = UTCDateTimeField(index=True)
    kind = CharField()
    initiator = CharField(default="out")
    note = TextField(default="")
    created_at = UTCDateTimeField()

    class Meta:
        # Touches of one kind (the introductions, the memories) without reading them all.
        indexes = ((("kind", "at"), False),)


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
    partner = ForeignKeyField(
        Contact, null=True, backref="shared_occasions", on_delete="SET NULL",
        column_name="partner_id",
    )  # a couple's anniversary is stored once and shown on both

    class Meta:
        indexes = ((("month", "day"), False),)


class Fact(BaseModel):
    """Something you learned about a contact: an interest, a need, an offer, anything else."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="facts", on_delete="CASCADE")
    kind = CharField(default="other")
    text = TextField()
    created_at = UTCDateTimeField()
    tags = TextField(default="")  # comma-separated, lower case: what needs and offers match on


class ContactField(BaseModel):
    """An email, phone, postal address, organisation or web address, with its label."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="fields", on_delete="CASCADE")
    kind = CharField()  # email, phone, address, org, title, url
    label = TextField(default="")  # home, work, cell, or the other program's own label
    value = TextField()
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("kind", "value"), False),)


class Snooze(BaseModel):
    """A suggestion put aside until a day; it comes back by itself when the day comes."""

    id = AutoField()
    kind = CharField()  # the suggestion's kind: occasion, loop, drift, intro, memory, gift
    ref = CharField()  # what it is about (an id, or ids joined for an introduction)
    until = PlainDateField()
    created_at = UTCDateTimeField()

    class Meta:
        indexes = ((("kind", "ref"), True),)


class FamilyMember(BaseModel):
    """A partner, child or other relative: a contact of their own, or just a name."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="family", on_delete="CASCADE")
    relation = CharField(default="child")
    name = TextField()
    birth_year = IntegerField(null=True)
    activities = TextField(default="")
    linked = ForeignKeyField(
        Contact, null=True, backref="family_of", on_delete="SET NULL", column_name="linked_id"
    )


class Gift(BaseModel):
    """A gift idea, or a gift given or received; maybe for an occasion."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="gifts", on_delete="CASCADE")
    occasion = ForeignKeyField(Occasion, null=True, backref="gifts", on_delete="SET NULL")
    text = TextField()
    status = CharField(default="idea")  # idea, given, received
    on = PlainDateField(null=True)
    created_at = UTCDateTimeField()


class HolidayCard(BaseModel):
    """Who gets a card this year, ticked off as sent."""

    id = AutoField()
    contact = ForeignKeyField(Contact, backref="cards", on_delete="CASCADE")
    year = IntegerField()
    sent_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("contact", "year"), True),)


class Review(BaseModel):
    """A saved Friday review: the week it covers, its counts, commitments and reflection."""

    id = AutoField()
    week_start = PlainDateField(unique=True)  # the first day of the week reviewed
    saved_at = UTCDateTimeField()
    counts = TextField(default="{}")  # JSON: touches per kind and per circle, and more
    commitments = TextField(default="[]")  # JSON: [{"text", "contact_id", "loop_id"}]
    reflection = TextField(default="")


class Trash(BaseModel):
    """A deleted contact, kept until purged: the contact row and every row that pointed at
    it, as a JSON snapshot of the stored values, so `undelete` puts them back with their ids."""

    id = AutoField()
    contact_id = IntegerField()  # the id the contact had, and gets back
    name = TextField()
    snapshot = TextField()  # JSON: {"contact": row, "touch": [rows], ...}; see core/undo.py
    deleted_at = UTCDateTimeField(index=True)


class UndoEntry(BaseModel):
    """One change (made in the TUI or by the CLI, through core/commands/), newest last, with
    what puts it back (`u`, `connecttui undo`)."""

    id = AutoField()
    label = TextField()  # "logged call with Ada Lovelace"
    inverse = TextField()  # JSON: {"op": ..., ...}; see core/undo.py
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


TABLES = (
    SchemaVersion, Circle, Contact, Touch, TouchContact, OpenLoop, Occasion, Fact,
    Snooze, FamilyMember, Gift, HolidayCard, Review, ContactField, Trash, UndoEntry,
)
"""Plain tables in dependency order (the backup writes and reads them in this order)."""

INDEXES = (ContactIndex, TouchIndex)
