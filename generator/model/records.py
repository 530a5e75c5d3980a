"""The records of a kit and the rules each of their fields follows.

Every rule lives here, once: the loader reads these tables to validate the
owner's files, the README documents the same names, and a test checks that the
two agree. Records are frozen dataclasses; nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

# --------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    """How one field is read: its kind, whether it is required, allowed values."""

    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


PROMPTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # id: (section title, section introduction, guiding questions for a new story)
    "why-i-started": (
        "Why I started",
        "How the business began, and what still gets me to open the door every morning.",
        (
            "What were you doing before, and what made you leave it?",
            "What was the first day like? The first customer?",
            "What did you promise yourself then that you still keep?",
        ),
    ),
    "customer-who-changed-me": (
        "Customers who changed my mind",
        "People who walked in with a question and left me with a better way of working.",
        (
            "Who was the customer (first name or a description is enough; ask before naming them)?",
            "What did you believe before you met them?",
            "What do you do differently because of them?",
        ),
    ),
    "challenge-overcome": (
        "Challenges we got through",
        "The hard seasons, and what carried us through them.",
        (
            "What went wrong, and when did you realise it?",
            "Who helped, and how?",
            "What would you tell another owner facing the same thing?",
        ),
    ),
    "mistake-learned": (
        "Mistakes I learned from",
        "Things I got wrong, owned up to, and now do differently.",
        (
            "What was the mistake, in plain words?",
            "How did you make it right with the people it affected?",
            "What rule or habit came out of it?",
        ),
    ),
}

OUTCOMES = ("pending", "client", "not-a-fit")
FRESH_MONTHS = 12  # a remembered fact checked longer ago than this is stale
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
THANKS_HOW = ("handwritten", "email", "call", "in-person")
NAME_ORDERS = ("given-first", "family-first")
CARD_SIZES = ("A2", "A6", "A7")
SITUATIONS = ("first", "repeat", "client", "not-a-fit", "chain", "follow-up")

NAME_RULES = {
    "given": Rule("text", True, doc="given name, or the only name of someone with one name"),
    "family": Rule("text", doc="family name; leave out for someone with one name"),
    "preferred": Rule("text", doc="what you call them; letters greet them by it (default: given)"),
    "order": Rule("choice", choices=NAME_ORDERS, doc="how the full name is written (default: given-first)"),
}

CONTACT_RULES = {
    "email": Rule("email", doc="email address"),
    "phone": Rule("text", doc="phone number, in quotes"),
    "address": Rule("text", doc="postal address, one line per line (use |)"),
}

SOCIAL_RULES = {
    "label": Rule("text", True, doc="what the link is, e.g. Instagram"),
    "url": Rule("url", True, doc="the full https:// address"),
}

VALUE_RULES = {
    "title": Rule("text", True, doc="a value in a few words"),
    "text": Rule("text", True, doc="what it means in practice"),
}

PROMPT_RULES = {
    "id": Rule("slug", True, doc="the prompt id stories use"),
    "title": Rule("text", True, doc="the section title on the site"),
    "intro": Rule("text", doc="a short introduction shown above the section"),
    "questions": Rule("texts", doc="guiding questions put into a new story"),
}

OWNER_RULES = {
    "name": Rule("map", True, doc="the owner's name: given, family, preferred, order"),
    "business": Rule("text", True, doc="the business name"),
    "tagline": Rule("text", doc="one line under the name on the home page"),
    "photo": Rule("path", doc="a picture of you, relative to stories/"),
    "photo_alt": Rule("text", doc="what the photo shows, for people who cannot see it"),
    "location": Rule("text", doc="town or neighbourhood"),
    "started": Rule("year", doc="the year the business started"),
    "contact": Rule("map", doc="public ways to reach you: email, phone, address"),
    "social": Rule("list", doc="links: each with label and url"),
    "values": Rule("list", doc="what you stand for: each with title and text"),
    "signature": Rule("text", True, doc="how you sign letters"),
    "card_size": Rule("choice", choices=CARD_SIZES, doc="default card size for letters (default: A2)"),
    "prompts": Rule("list", doc="extra story prompts: each with id, title, intro, questions"),
}

STORY_RULES = {
    "title": Rule("text", True, doc="the story's title"),
    "prompt": Rule(
        "slug", True, doc="why-i-started, customer-who-changed-me, challenge-overcome, mistake-learned, or one of yours"
    ),
    "date": Rule("date", True, doc="YYYY-MM-DD"),
    "summary": Rule("text", doc="one or two sentences for listings and link previews (up to 160 characters)"),
    "image": Rule("path", doc="a picture, relative to stories/"),
    "image_alt": Rule("text", doc="what the picture shows; required with image"),
    "tags": Rule("texts", doc="a list of short topics"),
    "featured": Rule("bool", doc="show on the home page (default: false)"),
    "draft": Rule("bool", doc="keep off the built site (default: false)"),
    "slug": Rule("slug", doc="the page address (default: from the file name)"),
    "body": Rule("text", doc="only in .yml stories: the Markdown text"),
}

REMEMBER_RULES = {
    "fact": Rule("text", True, doc="something you know about them, in your words"),
    "checked": Rule("date", True, doc="when you last knew it to be true"),
}

DATE_RULES = {
    "label": Rule("text", True, doc="what the date is, e.g. Wedding anniversary"),
    "date": Rule("partial-date", True, doc="MM-DD, or YYYY-MM-DD when the year is known"),
}

PERSON_RULES = {
    "id": Rule("slug", True, doc="a short lowercase name like ana-ferreira; used in referrals and file names"),
    "name": Rule("map", True, doc="given, family, preferred, order"),
    "email": Rule("email", doc="private"),
    "phone": Rule("text", doc="private, in quotes"),
    "address": Rule("text", doc="private postal address, one line per line (use |)"),
    "client_since": Rule("date", doc="when they became a client"),
    "last_contact": Rule("date", doc="when you were last in touch"),
    "best_customer": Rule("bool", doc="among your best customers (default: false)"),
    "birthday": Rule("partial-date", doc="MM-DD, or YYYY-MM-DD"),
    "dates": Rule("list", doc="other dates worth remembering: each with label and date"),
    "remember": Rule("list", doc="private facts: each with fact and checked"),
    "dont_mention": Rule("texts", doc="topics letters must never touch"),
    "deceased": Rule("bool", doc="they have died: no letters, no reminders (default: false)"),
    "public_thanks": Rule("bool", doc="they agreed to be thanked on the site (default: false)"),
    "public_thanks_since": Rule("date", doc="when they agreed to be thanked on the site"),
    "public_thanks_withdrawn": Rule("date", doc="when they took that back: the site no longer names them"),
    "public_name": Rule("text", doc="how the site names them (default: preferred or given name, family initial)"),
    "testimonial": Rule("text", doc="words they agreed to share on the site"),
}

THANKS_RULES = {
    "date": Rule("date", True, doc="when you thanked them"),
    "how": Rule("choice", True, choices=THANKS_HOW, doc="handwritten, email, call or in-person"),
}

REFERRAL_RULES = {
    "id": Rule("slug", doc="optional; default: the referrer's id and the date, e.g. ana-ferreira-2026-03-02"),
    "date": Rule("date", True, doc="when the friend came to you"),
    "from": Rule("slug", True, doc="the id of the person who sent them"),
    "referred": Rule("text", True, doc="the friend's person id, or their name if they are not on file"),
    "for": Rule("text", doc="what they came for, as you would say it in a letter"),
    "outcome": Rule("choice", True, choices=OUTCOMES, doc="pending, client or not-a-fit"),
    "value": Rule("money", doc="private: what the work was worth"),
    "note": Rule("text", doc="a line in your own words for the letter"),
    "thanked": Rule("map", doc="date and how you thanked them"),
    "followed_up": Rule(
        "dates", doc="when you told them how it went; a list when you did more than once (each date kept)"
    ),
    "situation": Rule("choice", choices=SITUATIONS, doc="override the letter's wording"),
}

REFERRALS_FILE_RULES = {
    "people": Rule("list", doc="person records"),
    "referrals": Rule("list", doc="referral records"),
}

# -------------------------------------------------------------------- records


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


@dataclass(frozen=True)
class PartialDate:
    """A day of the year, with the year when the owner knows it."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        if self.year is None:
            return f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def next_on_or_after(self, today: dt.date) -> dt.date:
        """The next time this day comes round, on or after ``today``.

        February 29 falls on February 28 in years without it.
        """
        for year in (today.year, today.year + 1):
            day = self.day
            if self.month == 2 and day == 29 and not _is_leap(year):
                day = 28
            when = dt.date(year, self.month, day)
            if when >= today:
                return when
        raise AssertionError("unreachable")  # pragma: no cover


def months_before(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (clamped to the month's end)."""
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def fold(text: str) -> str:
    """Casefolded text without accents, for matching names and emails."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_UNSPACED_SCRIPTS = ("CJK UNIFIED", "CJK COMPATIBILITY", "HIRAGANA", "KATAKANA", "HANGUL")


def _unspaced(text: str) -> bool:
    """Written in Chinese, Japanese or Korean script, where names take no space (李小龍)."""
    return bool(text) and all(unicodedata.name(c, "").startswith(_UNSPACED_SCRIPTS) for c in text)


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str | None = None
    preferred: str | None = None
    order: Literal["given-first", "family-first"] = "given-first"

    @property
    def greeting(self) -> str:
        """What the owner calls them."""
        return self.preferred or self.given

    @property
    def full(self) -> str:
        if not self.family:
            return self.given
        space = "" if _unspaced(self.given + self.family) else " "
        if self.order == "family-first":
            return f"{self.family}{space}{self.given}"
        return f"{self.given}{space}{self.family}"

    @property
    def known_as(self) -> str:
        """The full name with the name people call them in place of the given name (Bisi Adebayo)."""
        return replace(self, given=self.greeting, preferred=None).full if self.preferred else self.full

    @property
    def public_default(self) -> str:
        """What people call them and the family initial (Bisi A.), the site's default public name."""
        if not self.family:
            return self.greeting
        initial = self.family.lstrip("'’-")[:1]
        if self.order == "family-first":
            return f"{initial}. {self.greeting}"
        return f"{self.greeting} {initial}."


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Value:
    title: str
    text: str


@dataclass(frozen=True)
class Prompt:
    id: str
    title: str
    intro: str = ""
    questions: tuple[str, ...] = ()


def builtin_prompts() -> dict[str, Prompt]:
    return {pid: Prompt(pid, title, intro, questions) for pid, (title, intro, questions) in PROMPTS.items()}


@dataclass(frozen=True)
class Contact:
    email: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Owner:
    name: PersonName
    business: str
    signature: str
    tagline: str | None = None
    photo: str | None = None
    photo_alt: str | None = None
    location: str | None = None
    started: int | None = None
    contact: Contact = Contact()
    social: tuple[Link, ...] = ()
    values: tuple[Value, ...] = ()
    card_size: str = "A2"
    prompts: tuple[Prompt, ...] = ()
    source: Source = Source("stories/owner.yml")


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    prompt: str
    date: dt.date
    body: str
    summary: str | None = None
    image: str | None = None
    image_alt: str | None = None
    tags: tuple[str, ...] = ()
    featured: bool = False
    draft: bool = False
    source: Source = Source("stories")

    @property
    def words(self) -> int:
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 200))


@dataclass(frozen=True)
class Remembered:
    fact: str
    checked: dt.date

    def fresh(self, today: dt.date, months: int = 12) -> bool:
        """Checked within the last ``months`` months."""
        return self.checked >= months_before(today, months)


@dataclass(frozen=True)
class MemorableDate:
    label: str
    date: PartialDate


@dataclass(frozen=True)
class Person:
    id: str
    name: PersonName
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    client_since: dt.date | None = None
    last_contact: dt.date | None = None
    best_customer: bool = False
    birthday: PartialDate | None = None
    dates: tuple[MemorableDate, ...] = ()
    remember: tuple[Remembered, ...] = ()
    dont_mention: tuple[str, ...] = ()
    deceased: bool = False
    public_thanks: bool = False  # consent given and not withdrawn
    public_name: str | None = None
    testimonial: str | None = None
    source: Source = Source("referrals")
    public_thanks_since: dt.date | None = None
    public_thanks_withdrawn: dt.date | None = None

    @property
    def shown_name(self) -> str:
        """The name the public site uses (only ever shown with consent)."""
        return self.public_name or self.name.public_default


@dataclass(frozen=True)
class Thanks:
    date: dt.date
    how: str


@dataclass(frozen=True)
class Referral:
    id: str
    date: dt.date
    from_id: str
    outcome: str
    referred_id: str | None = None
    referred_name: str | None = None
    for_what: str | None = None
    value: Decimal | None = None
    note: str | None = None
    thanked: Thanks | None = None
    followed_up: dt.date | None = None  # the latest follow-up
    situation: str | None = None
    source: Source = Source("referrals")
    follow_ups: tuple[dt.date, ...] = ()  # every follow-up, oldest first


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

    def referred_display_name(self, referral: Referral) -> str:
        """The friend's name as the owner knows it (private: letters only)."""
        if referral.referred_id and referral.referred_id in self.people:
            return self.people[referral.referred_id].name.greeting
        return referral.referred_name or ""
