"""The kit as it stood on an earlier day: for ``--today`` set in the past ("for catching up").

A record dated after that day is not an error (it is only an error after the
real clock's today): it has simply not happened yet. A referral made later is
not counted; a thank-you, follow-up, consent, withdrawal, contact or client
date recorded later is treated as not yet done; a note remembered later is not
yet known. Nothing is changed in the owner's files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.model.records import Person, Referral


def person_as_of(person: Person, today: dt.date) -> Person:
    """``person`` as on ``today``: what was recorded for later days not yet done."""

    def known(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= today else None

    since = known(person.public_thanks_since)
    withdrawn_later = person.public_thanks_withdrawn is not None and person.public_thanks_withdrawn > today
    consented = (person.public_thanks or (withdrawn_later and since is not None)) and not (
        person.public_thanks_since and since is None
    )
    # consent given again later: on ``today`` an earlier span may still stand
    consented = consented or any(span.since <= today < span.withdrawn for span in person.consent_history)
    return dataclasses.replace(
        person,
        client_since=known(person.client_since),
        last_contact=known(person.last_contact),
        public_thanks=consented,
        public_thanks_since=since,
        public_thanks_withdrawn=known(person.public_thanks_withdrawn),
        remember=tuple(fact for fact in person.remember if fact.checked <= today),
    )


def referrals_as_of(referrals: list[Referral], today: dt.date) -> list[Referral]:
    """The referrals made by ``today``, with only the thank-yous and follow-ups done by then."""
    kept = []
    for referral in referrals:
        if referral.date > today:
            continue
        thanked = referral.thanked if referral.thanked and referral.thanked.date <= today else None
        follow_ups = tuple(day for day in referral.follow_ups if day <= today)
        if thanked is not referral.thanked or follow_ups != referral.follow_ups:
            referral = dataclasses.replace(referral, thanked=thanked, follow_ups=follow_ups)
        kept.append(referral)
    return kept
