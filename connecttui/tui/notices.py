"""What the app announces while it is open: an occasion on its day, and the day a lead time
starts (an occasion's own lead time, a gift idea's, the holiday cards' posting week).

Plain functions over the core (no widgets), so they can run in a thread worker and be read
without a screen. Each notice has a key that names what it is about; the app shows a key at
most once a day. Resting contacts are never announced (the core leaves them out) and a
snoozed suggestion stays quiet until its snooze ends. Nothing of a deceased contact's is
announced, but their occasions on the day, as remembrance, with the `remembrance` setting.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from connecttui.core import cards, gifts, occasions, review_saved, snooze
from connecttui.core.store.models import Gift
from connecttui.core.text import printable
from connecttui.settings import config


@dataclass(frozen=True)
class Notice:
    key: tuple  # (what, id): ("occasion", 3), ("lead", 3), ("gift", 7), ("cards", 2026)
    text: str  # plain text, never markup, control characters shown as `\x1b` (printable)


def notices(today: pendulum.Date) -> list[Notice]:
    """Everything that happens or starts today."""
    hidden = snooze.active(today)
    found: list[Notice] = []
    for item in occasions.coming(today, days=0, remembrance=config.load().remembrance):
        if ("occasion", str(item.occasion_id)) in hidden:
            continue
        if item.days == 0:
            found.append(Notice(("occasion", item.occasion_id),
                                f"{item.contact_name}'s {occasions.describe(item)}"))
        elif item.lead_days and item.days == item.lead_days:
            found.append(Notice(("lead", item.occasion_id),
                                f"{item.contact_name}'s {occasions.describe(item)}"))
    for suggestion in gifts.lead_suggestions(today):
        if ("gift", suggestion.snooze_ref) in hidden:
            continue
        gift = Gift.get_or_none(Gift.id == suggestion.ref_id)
        if gift is None or gift.occasion_id is None:
            continue
        lead = gift.occasion.lead_days or gifts.default_lead_days()
        if suggestion.days == lead:
            found.append(Notice(("gift", gift.id), suggestion.text))
    posting = pendulum.Date(today.year, *cards.POSTING_DAY)
    if today == posting.subtract(days=cards.posting_lead_days()):
        for suggestion in cards.card_suggestions(today):
            if ("card", suggestion.snooze_ref) not in hidden:
                found.append(Notice(("cards", today.year),
                                    f"{suggestion.text}: {suggestion.reason}"))
    return [Notice(notice.key, printable(notice.text)) for notice in found]


def review_prompt(today: pendulum.Date) -> str | None:
    """On the review day, while this week has no saved review, one gentle line offering it."""
    settings = config.load()
    prompt = review_saved.due_review_prompt(today, settings.review_day, settings.week_start)
    return f"{prompt} Press r." if prompt else None
