"""Family: relatives as names or linked contacts, ages across birthdays, and their order."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import family, people
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import FamilyMember

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def lines(contact_id: int, today: pendulum.Date) -> list[str]:
    return [family.describe(m) for m in family.members(contact_id, today)]


@pytest.mark.parametrize(
    ("today", "age"),
    [(pendulum.Date(2026, 1, 1), 9), (pendulum.Date(2026, 11, 27), 9),
     (pendulum.Date(2026, 12, 31), 9), (pendulum.Date(2027, 1, 1), 10)],
)
def test_a_child_born_in_2017_is_9_all_through_2026(db, today, age):
    ada = people.add_contact("Ada Lovelace")
    with time_machine.travel(NOW, tick=False):
        family.add_member(ada.id, "child", "Leo", 2017, "football")
    [leo] = family.members(ada.id, today)
    assert (leo.name, leo.age, leo.birth_year, leo.activities) == ("Leo", age, 2017, "football")
    assert family.describe(leo) == f"Leo, {age}, football"


@pytest.mark.parametrize(
    ("today", "age"),
    [(pendulum.Date(2026, 12, 9), 8), (pendulum.Date(2026, 12, 10), 9),
     (pendulum.Date(2027, 12, 9), 9)],
)
def test_a_linked_child_with_a_birthday_ages_on_the_day(db, today, age):
    ada = people.add_contact("Ada Lovelace")
    leo = people.add_contact("Leo Lovelace", birthday=(2017, 12, 10))
    with time_machine.travel(NOW, tick=False):
        family.add_member(ada.id, "child", linked_id=leo.id)
    assert [m.age for m in family.members(ada.id, today)] == [age]


def test_feb29_birthday_age_follows_the_occasion_rule(db):
    ada = people.add_contact("Ada Lovelace")
    leap = people.add_contact("Leap Kid")
    people.set_birthday(leap.id, (2016, 2, 29))
    with time_machine.travel(NOW, tick=False):
        family.add_member(ada.id, "child", linked_id=leap.id)
    assert family.members(ada.id, pendulum.Date(2027, 2, 27))[0].age == 10
    assert family.members(ada.id, pendulum.Date(2027, 2, 28))[0].age == 11  # feb28 rule


def test_partner_first_then_children_oldest_first_then_others(db, today):
    ada = people.add_contact("Ada Lovelace")
    with time_machine.travel(NOW, tick=False):
        family.add_member(ada.id, "parent", "Anne", 1960)
        family.add_member(ada.id, "child", "Young", 2020)
        family.add_member(ada.id, "sibling", "Bea")
        family.add_member(ada.id, "child", "Unknown Age")
        family.add_member(ada.id, "child", "Eldest", 2010, "  chess ")
        family.add_member(ada.id, "partner", "Sam")
        family.add_member(ada.id, "other", "Godchild", 2019)
    assert lines(ada.id, today) == [
        "partner: Sam",
        "Eldest, 16, chess",
        "Young, 6",
        "Unknown Age",
        "parent: Anne, 66",
        "sibling: Bea",
        "other: Godchild, 7",
    ]


def test_linked_contact_name_follows_renames(db, today):
    ada = people.add_contact("Ada Lovelace")
    sam = people.add_contact("Sam King")
    with time_machine.travel(NOW, tick=False):
        member = family.add_member(ada.id, "partner", linked_id=sam.id)
        family.add_member(ada.id, "sibling", "Bea")
    assert (member.name, member.linked_id) == ("Sam King", sam.id)
    people.update_contact(sam.id, name="Samuel King")
    assert lines(ada.id, today) == ["partner: Samuel King", "sibling: Bea"]
    assert family.members(ada.id, today)[0].linked_id == sam.id
    people.delete_contact(sam.id)  # the relative stays, under the name last stored
    [partner, _] = family.members(ada.id, today)
    assert (partner.name, partner.linked_id) == ("Sam King", None)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("cousin", "Bea"), {}, 'unknown relation "cousin"'),
        (("child", "   "), {}, "a family member needs a name"),
        (("child", "Leo"), {"birth_year": 1899}, "a birth year is between 1900 and 2026"),
        (("child", "Leo"), {"birth_year": 2027}, "a birth year is between 1900 and 2026"),
    ],
)
def test_refusals_store_nothing(db, args, kwargs, message):
    ada = people.add_contact("Ada Lovelace")
    with time_machine.travel(NOW, tick=False), pytest.raises(UserError, match=message):
        family.add_member(ada.id, *args, **kwargs)
    assert FamilyMember.select().count() == 0


def test_links_must_point_to_another_existing_contact(db):
    ada = people.add_contact("Ada Lovelace")
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(UserError, match="their own family"):
            family.add_member(ada.id, "partner", linked_id=ada.id)
        with pytest.raises(NotFound, match="contact #99"):
            family.add_member(ada.id, "partner", linked_id=99)
        with pytest.raises(NotFound, match="contact #98"):
            family.add_member(98, "partner", "Sam")
    assert FamilyMember.select().count() == 0


def test_delete_member(db, today):
    ada = people.add_contact("Ada Lovelace")
    with time_machine.travel(NOW, tick=False):
        leo = family.add_member(ada.id, "child", "Leo", 2017)
        family.add_member(ada.id, "child", "Mia", 2019)
    family.delete_member(leo.id)
    assert lines(ada.id, today) == ["Mia, 7"]
    with pytest.raises(NotFound):
        family.delete_member(leo.id)
