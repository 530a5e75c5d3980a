"""The records of a kit, each field declared once with its rule.

Every field of the owner's files is one :func:`~generator.model.rules.declare`
line here: the loader reads it, the checks report against it, and the README
test finds its name. Records are frozen dataclasses; nothing here reads files.

Long because: every field of every file is declared here, once; splitting the
declarations would make the one place to look for a field into several.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.model.cards import CARDS, DEFAULT_CARD
from generator.model.dates import PartialDate, months_before
from generator.model.names import PersonName
from generator.model.prompts import Prompt, builtin_prompt_list, builtin_prompts
from generator.model.rules import declare
from generator.model.shown_text import BUSINESS_MAX, FRIEND_MAX, NAME_MAX
from generator.model.text import without_comments

OUTCOMES = ("pending", "client", "not-a-fit")
THANKS_HOW = ("handwritten", "email", "call", "in-person")
CARD_SIZES = tuple(CARDS)  # iso-a6, iso-a5, dl, us-a2, us-a6, us-a7: declared in model/cards.py
PRONOUNS = ("she", "he", "they")
SITUATIONS = ("first", "repeat", "client", "not-a-fit", "chain", "follow-up")


@dataclass(frozen=True)
class Source:
    """Where a record was read from: the kit-relative path and line."""

    path: str
    line: int = 0
    marks: tuple[tuple[str, int, int], ...] = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def at(self, name: str) -> tuple[int, int]:
        """The line and column of field ``name`` (or of the record)."""
        top = name.split(".")[0].split("[")[0]
        for key, line, col in self.marks:
            if key == top:
                return line, col
        return self.line, 0


# ------------------------------------------------------------ the owner


@dataclass(frozen=True)
class Link:
    label: str = declare("text", True, doc="what the link is, e.g. Instagram")
    url: str = declare("url", True, doc="the full https:// address")


@dataclass(frozen=True)
class Value:
    title: str = declare("text", True, doc="a value in a few words")
    text: str = declare("text", True, doc="what it means in practice")


@dataclass(frozen=True)
class Contact:
    email: str | None = declare("email", doc="email address", default=None)
    phone: str | None = declare("text", doc="phone number, in quotes", default=None)
    address: str | None = declare("text", doc="postal address, one line per line (use |)", default=None)


@dataclass(frozen=True)
class Brand:
    """The site's look; colours as ``#rrggbb`` (``None``: one chosen from the business name)."""

    primary: str | None = declare(
        "colour",
        doc='the main colour (header, buttons, links) as "#rrggbb"; darkened if too light to read',
        default=None,
    )
    accent: str | None = declare("colour", doc='the second colour (hover, highlights) as "#rrggbb"', default=None)
    logo: str | None = declare(
        "path", doc="a logo picture, relative to stories/ (default: your photo, else your initials)", default=None
    )
    favicon: str | None = declare(
        "path", doc="the browser-tab icon, relative to stories/ (default: the logo)", default=None
    )
    theme_credit: bool = declare(
        "bool", doc='keep "Made with Material for MkDocs" in the footer (default: false)', default=False
    )


@dataclass(frozen=True, kw_only=True)
class Owner:
    name: PersonName = declare("name", True, record=PersonName, doc="the owner's name: given, family, preferred, order")
    business: str = declare("text", True, name_limit=BUSINESS_MAX, doc="the business name")
    tagline: str | None = declare("text", doc="one line under the name on the home page", default=None)
    photo: str | None = declare("path", doc="a picture of you, relative to stories/", default=None)
    photo_alt: str | None = declare("text", doc="what the photo shows, for people who cannot see it", default=None)
    location: str | None = declare("text", doc="town or neighbourhood", default=None)
    started: int | None = declare("year", doc="the year the business started", default=None)
    contact: Contact = declare(
        "map", record=Contact, doc="public ways to reach you: email, phone, address", default=Contact()
    )
    social: tuple[Link, ...] = declare("list", record=Link, doc="links: each with label and url", default=())
    brand: Brand = declare(
        "map", record=Brand, doc="the site's look: primary, accent, logo, favicon, theme_credit", default=Brand()
    )
    values: tuple[Value, ...] = declare(
        "list", record=Value, doc="what you stand for: each with title and text", default=()
    )
    signature: str = declare("text", True, name_limit=NAME_MAX, doc="how you sign letters")
    sign_off: str | None = declare(
        "text",
        doc='how every letter closes, e.g. "Warm wishes," (default: varied closings chosen for you)',
        default=None,
    )
    card_size: str = declare(
        "card",
        choices=CARD_SIZES,
        doc="default card size for letters (default: iso-a6); A2, A6 and A7 alone are ambiguous",
        default=DEFAULT_CARD,
    )
    prompts: tuple[Prompt, ...] = declare(
        "list", record=Prompt, doc="extra story prompts: each with id, title, intro, questions", default=()
    )
    source: Source = Source("stories/owner.yml")


# ------------------------------------------------------------ stories


@dataclass(frozen=True, kw_only=True)
class Story:
    title: str = declare("text", True, doc="the story's title")
    prompt: str = declare("slug", True, doc=f"{builtin_prompt_list()}, or one of yours")
    date: dt.date = declare("date", True, doc="YYYY-MM-DD")
    summary: str | None = declare(
        "text", doc="one or two sentences for listings and link previews (up to 160 characters)", default=None
    )
    image: str | None = declare("path", doc="a picture, relative to stories/", default=None)
    image_alt: str | None = declare("text", doc="what the picture shows; required with image", default=None)
    tags: tuple[str, ...] = declare("texts", doc="a list of short topics", default=())
    featured: bool = declare("bool", doc="show on the home page (default: false)", default=False)
    draft: bool = declare("bool", doc="keep off the built site (default: false)", default=False)
    slug: str = declare("slug", doc="the page address (default: from the file name)")
    body: str = declare("text", doc="only in .yml stories: the Markdown text")
    source: Source = Source("stories")

    @property
    def words(self) -> int:
        return len(without_comments(self.body).split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 200))


# ------------------------------------------------------------ people


@dataclass(frozen=True)
class ConsentSpan:
    """Consent given, then taken back: kept when the person says yes again (``ownerkit consent``)."""

    since: dt.date = declare("date", True, doc="the day they said yes")
    withdrawn: dt.date = declare("date", True, doc="the day they took it back")


@dataclass(frozen=True)
class Remembered:
    fact: str = declare("text", True, doc="something you know about them, in your words")
    checked: dt.date = declare("date", True, doc="when you last knew it to be true")
    ask: str | None = declare(
        "text", doc='a question the card may ask while the fact is fresh, e.g. "How is the album going?"', default=None
    )

    def fresh(self, today: dt.date, months: int = 12) -> bool:
        """Checked within the last ``months`` months."""
        return self.checked >= months_before(today, months)


@dataclass(frozen=True)
class LetterLine:
    text: str = declare("text", True, doc="a line in your words for the next letter to them")
    written: dt.date = declare("date", True, doc="when you wrote it; letters use it until you are next in touch")


@dataclass(frozen=True)
class MemorableDate:
    label: str = declare("text", True, doc="what the date is, e.g. Wedding anniversary")
    date: PartialDate = declare("partial-date", True, doc="MM-DD, or YYYY-MM-DD when the year is known")


@dataclass(frozen=True)
class Person:
    id: str = declare("slug", True, doc="a short lowercase name like ana-ferreira; used in referrals and file names")
    name: PersonName = declare("name", True, record=PersonName, doc="given, family, preferred, order")
    email: str | None = declare("email", doc="private", default=None)
    phone: str | None = declare("text", doc="private, in quotes", default=None)
    address: str | None = declare("text", doc="private postal address, one line per line (use |)", default=None)
    client_since: dt.date | None = declare("date", doc="when they became a client", default=None)
    last_contact: dt.date | None = declare("date", doc="when you were last in touch", default=None)
    best_customer: bool = declare("bool", doc="among your best customers (default: false)", default=False)
    birthday: PartialDate | None = declare("partial-date", doc="MM-DD, or YYYY-MM-DD", default=None)
    dates: tuple[MemorableDate, ...] = declare(
        "list", record=MemorableDate, doc="other dates worth remembering: each with label and date", default=()
    )
    remember: tuple[Remembered, ...] = declare(
        "list", record=Remembered, doc="private facts: each with fact and checked", default=()
    )
    dont_mention: tuple[str, ...] = declare("texts", doc="topics letters must never touch", default=())
    deceased: bool = declare("bool", doc="they have died: no letters, no reminders (default: false)", default=False)
    public_thanks: bool = declare(
        "bool", doc="they agreed to be thanked on the site (default: false); false again once withdrawn", default=False
    )
    public_thanks_since: dt.date | None = declare(
        "date", doc="when they agreed to be thanked on the site", default=None
    )
    public_thanks_withdrawn: dt.date | None = declare(
        "date", doc="when they took that back: the site no longer names them", default=None
    )
    consent_history: tuple[ConsentSpan, ...] = declare(
        "list",
        record=ConsentSpan,
        doc="earlier consent given and taken back: each with since and withdrawn",
        default=(),
    )
    public_name: str | None = declare(
        "text", name_limit=NAME_MAX, doc="how the site names them (default: their name, family initial)", default=None
    )
    testimonial: str | None = declare("text", doc="words they agreed to share on the site", default=None)
    pronoun: str | None = declare(
        "choice", choices=PRONOUNS, doc="she, he or they; letters use it only where it is recorded", default=None
    )
    with_names: tuple[PersonName, ...] = declare(
        "list",
        key="with",
        record=PersonName,
        doc="a couple or family: the others this record stands for, each a name (given, family)",
        default=(),
    )
    organisation: str | None = declare(
        "text", name_limit=BUSINESS_MAX, doc="a shop, school or club; name: is the person you write to", default=None
    )
    sign_off: str | None = declare(
        "text", doc='how letters to them close, e.g. "With love," (default: the owner\'s, else varied)', default=None
    )
    letter_lines: tuple[LetterLine, ...] = declare(
        "list",
        record=LetterLine,
        doc="lines for the next letter, each with text and written (ownerkit letters --line adds one)",
        default=(),
    )
    source: Source = Source("referrals")

    @property
    def shown_name(self) -> str:
        """The name the public site uses (only ever shown with consent)."""
        if self.public_name:
            return self.public_name
        name = self.name  # what they are called (preferred, else given) and the family initial
        return PersonName(name.greeting, name.family, order=name.order).public_default


# ------------------------------------------------------------ referrals


@dataclass(frozen=True)
class Thanks:
    date: dt.date = declare("date", True, doc="when you thanked them")
    how: str = declare("choice", True, choices=THANKS_HOW, doc="handwritten, email, call or in-person")
    told: str | None = declare(
        "choice", choices=OUTCOMES, doc="the outcome the letter told them (ownerkit thanked writes it)", default=None
    )
    note_told: bool = declare("bool", doc="the letter gave them your note (ownerkit thanked writes it)", default=False)
    line_told: bool = declare(
        "bool", doc="the letter gave them your line from letter_lines (ownerkit thanked writes it)", default=False
    )


@dataclass(frozen=True)
class Referred:
    """A referred friend written as a small record, for letters that need more than a name."""

    name: str = declare(
        "text", True, name_limit=NAME_MAX, doc="the friend's name, as you would write it to the referrer"
    )
    relation: str | None = declare(
        "text", name_limit=NAME_MAX, doc="who they are to the referrer: neighbour, brother, colleague", default=None
    )
    pronoun: str | None = declare("choice", choices=PRONOUNS, doc="she, he or they", default=None)
    count: int | None = declare(
        "count", doc="how many people: 2 for a couple, 4 for a family of four (default: not said)", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Referral:
    id: str = declare(
        "slug", doc="optional; default: the referrer's id and the date, e.g. ana-ferreira-2026-03-02", default=""
    )
    date: dt.date = declare("date", True, doc="when the friend came to you")
    from_id: str = declare("slug", True, key="from", doc="the id of the person who sent them")
    referred: str | Referred = declare(
        "friend",
        True,
        name_limit=FRIEND_MAX,
        record=Referred,
        doc="the friend's person id, their name, or name with relation, pronoun and count",
    )
    for_what: str | None = declare(
        "text", key="for", doc="what they came for, as you would say it in a letter", default=None
    )
    outcome: str = declare("choice", True, choices=OUTCOMES, doc="pending, client or not-a-fit")
    value: Decimal | None = declare("money", doc="private: what the work was worth", default=None)
    note: str | None = declare("text", doc="a line in your own words for the letter", default=None)
    thanked: Thanks | None = declare("map", record=Thanks, doc="date and how you thanked them", default=None)
    follow_ups: tuple[dt.date, ...] = declare(
        "dates",
        key="followed_up",
        doc="when you told them how it went; a list when you did more than once (each date kept)",
        default=(),
    )
    situation: str | None = declare("choice", choices=SITUATIONS, doc="override the letter's wording", default=None)
    source: Source = Source("referrals")

    @property
    def followed_up(self) -> dt.date | None:
        """The latest follow-up, if any."""
        return self.follow_ups[-1] if self.follow_ups else None

    @property
    def referred_id(self) -> str | None:
        """The friend's person id, when ``referred:`` names one."""
        if isinstance(self.referred, Referred):
            return None
        return self.referred if looks_like_id(self.referred) else None

    @property
    def referred_name(self) -> str | None:
        """The friend's name, when they are not on file."""
        if isinstance(self.referred, Referred):
            return self.referred.name
        return None if looks_like_id(self.referred) else self.referred

    @property
    def referred_record(self) -> Referred | None:
        """The friend as a small record (relation, pronoun, count), when written so."""
        return self.referred if isinstance(self.referred, Referred) else None


def looks_like_id(text: str | Referred) -> bool:
    """``ana-ferreira`` is a person's id; ``Ana Ferreira`` (or a friend written as a record) is a name."""
    return isinstance(text, str) and text == text.lower() and " " not in text and text.isascii()


@dataclass(frozen=True)
class ReferralsFile:
    """What one ``referrals/*.yml`` file holds."""

    people: tuple[Person, ...] = declare("list", record=Person, doc="person records", default=())
    referrals: tuple[Referral, ...] = declare("list", record=Referral, doc="referral records", default=())


# every record read from the owner's files (the README documents each of their fields)
RECORDS: tuple[type, ...] = (
    Owner,
    PersonName,
    Contact,
    Link,
    Value,
    Prompt,
    Story,
    ReferralsFile,
    Person,
    MemorableDate,
    ConsentSpan,
    Remembered,
    LetterLine,
    Referral,
    Referred,
    Thanks,
)


# ------------------------------------------------------------ the kit


@dataclass(frozen=True)
class Kit:
    """Everything the owner keeps, loaded and checked."""

    root: Path
    owner: Owner
    stories: tuple[Story, ...]
    people: dict[str, Person]
    referrals: tuple[Referral, ...]
    prompts: dict[str, Prompt] = field(default_factory=builtin_prompts)

    @property
    def stories_dir(self) -> Path:
        return self.root / "stories"

    def published_stories(self) -> list[Story]:
        return [s for s in self.stories if not s.draft]

    def referred_display_name(self, referral: Referral, full: bool = False) -> str:
        """The friend's name as the owner knows it, or in ``full`` (private: letters, queue, calendar, report)."""
        friend = self.people.get(referral.referred_id) if referral.referred_id else None
        if friend is not None:
            return friend.name.full if full else friend.name.greeting
        return referral.referred_name or ""
