"""Peewee fields that store pendulum values.

Peewee's SQLite driver only adapts the exact stdlib types, so pendulum's subclasses fail
to bind. These fields convert on the way in (any aware datetime -> naive UTC) and on the
way out (-> pendulum in UTC), so the rest of the core only ever sees pendulum values.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from peewee import DateField, DateTimeField


class UTCDateTimeField(DateTimeField):
    """A moment in time, stored as naive UTC text, read back as an aware pendulum DateTime."""

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, str):
            value = pendulum.parse(value)
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return dt.datetime(
            value.year, value.month, value.day, value.hour, value.minute, value.second,
            value.microsecond,
        )

    def python_value(self, value):
        value = super().python_value(value)
        if value is None or isinstance(value, str):
            return value
        if value.tzinfo is not None:  # PostgreSQL's timestamptz, should a column be one
            return pendulum.instance(value).in_timezone(pendulum.UTC)
        # Built directly: pendulum.instance() takes 4.5 us a value, this 0.5 (every touch
        # read: a logged touch's window reads its contact's latest hundred)
        return pendulum.DateTime(value.year, value.month, value.day, value.hour, value.minute,
                                 value.second, value.microsecond, tzinfo=pendulum.UTC)


class PlainDateField(DateField):
    """A calendar date with no time zone (a due date), read back as a pendulum Date."""

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return dt.date(value.year, value.month, value.day)

    def python_value(self, value):
        value = super().python_value(value)
        if value is None or isinstance(value, str):
            return value
        return pendulum.Date(value.year, value.month, value.day)
