"""Reading one YAML record against the rules its record declares (:mod:`generator.model.rules`).

A :class:`RecordReader` reports unknown fields (with a "did you mean"),
duplicate fields, missing required fields and wrong values, each at its line,
and hands back clean Python values. It never raises for bad input: problems
are collected so that one run reports them all.

Long because: one small reader per kind of field (text, line, email, slug,
url, date, amount, year...), kept side by side so that a new kind is one method
next to its neighbours.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.errors import Problem
from generator.load.shown import shown_problem
from generator.load.yamlsource import MarkedList, MarkedMap
from generator.model.cards import card_size
from generator.model.dates import MONTH_NAMES, PartialDate
from generator.model.email_address import address_problem
from generator.model.records import Source
from generator.model.rules import Rule

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 100  # a page address or letter file name; longer ones overflow file names in the built site
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PARTIAL = re.compile(r"^(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})$")
YEARS = (1800, 2200)  # dates outside these years are typing mistakes (and overflow calendars)
MAX_AMOUNT = Decimal(10) ** 12
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # all but tab and line feed
# the text kinds read by a pattern: (pattern, what was expected, hint)
_PATTERNS = {
    "url": (
        re.compile(r"^(https?://|mailto:)\S+$"),
        "a web address starting with https://",
        "e.g. https://example.com/me",
    ),
    "slug": (SLUG, "a short id of lowercase letters, digits and hyphens", "e.g. ana-ferreira"),
    "colour": (
        re.compile(r"^#[0-9a-fA-F]{6}$"),
        'a colour like "#2e5e4e"',
        'write it in quotes as "#" and six hex digits',
    ),
}

_KIND_NAMES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "text",
    MarkedMap: "a group of fields",
    MarkedList: "a list",
    type(None): "nothing",
}


def describe(value: Any) -> str:
    """A value as the owner wrote it, or its kind: ``"clent"``, ``the number -40``, ``a list``."""
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 40 else f'"{value[:37]}..."'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(value)
        return f"the number {text}" if len(text) <= 40 else f"a number of {len(text)} digits"
    return _KIND_NAMES.get(type(value), type(value).__name__)


def check_date(year: int, month: int, day: int) -> str | None:
    """Why this day does not exist (or its year is out of range), or ``None``; a year 0 means none."""
    if year and not YEARS[0] <= year <= YEARS[1]:
        return f"the year must be between {YEARS[0]} and {YEARS[1]}"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        if month == 2 and day == 29:
            return f"{year} is not a leap year"
        return f"{MONTH_NAMES[month - 1]} has no day {day}"
    return None


class RecordReader:
    """Validates one mapping and returns its fields as clean values."""

    def __init__(
        self,
        rel: str,
        data: MarkedMap,
        rules: Mapping[str, Rule],
        problems: list[Problem],
        prefix: str = "",
    ) -> None:
        self.rel = rel
        self.data = data
        self.rules = rules
        self.problems = problems
        self.prefix = prefix
        for key, (line, col) in data.duplicates:
            self.problem(key, "this field appears twice in the same record", "keep one", (line, col))
        misspelt = set()
        for key in data:
            if key not in rules:
                close = difflib.get_close_matches(key, [k for k in rules if k not in data], n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}?" if close else "known fields: " + ", ".join(rules)
                misspelt.update(close)
                self.problem(key, "unknown field", hint, data.key_marks.get(key))
        for key, rule in rules.items():
            # a misspelt required field is reported once, as the unknown field above
            if rule.required and (key not in data or data[key] is None) and key not in misspelt:
                self.problem(key, "required field is missing", rule.doc, (data.line, data.col))

    # ---------------------------------------------------------------- reporting

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def problem(
        self,
        key: str,
        message: str,
        hint: str = "",
        mark: tuple[int, int] | None = None,
        severity: str = "error",
    ) -> None:
        line, col = mark or self.data.mark(key)
        self.problems.append(
            Problem(self.rel, line, col, self.name(key), message, hint, severity)  # type: ignore[arg-type]
        )

    @property
    def line(self) -> int:
        return self.data.line

    def source(self) -> Source:
        """Where this record stands, with the place of each of its fields."""
        marks = tuple([(key, mark[0], mark[1]) for key, mark in self.data.value_marks.items()])
        return Source(self.rel, self.data.line, marks)

    # ------------------------------------------------------------------ values

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def get(self, key: str) -> Any:
        """The value of ``key`` read by its rule, or ``None`` (absent or wrong)."""
        rule = self.rules[key]
        value = self.data.get(key)
        if value is None:
            return None
        result = _READERS[rule.kind](self, key, value, rule)
        if why := shown_problem(result, rule):  # as a reader would see it: load/shown.py
            self.problem(key, *why)
            return None
        return result

    def _text(self, key: str, value: Any, rule: Rule) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(key, f"expected text, got {describe(value)}")
            return None
        if not isinstance(value, str):
            self.problem(key, f"expected text, got the number {value}", "put it in quotes")
            return None
        bad = _UNPRINTABLE.search(value)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            what = "a line break (\\r)" if bad.group() == "\r" else f"an invisible control character ({code})"
            self.problem(key, f"the text holds {what}", "remove the \\ escape from the quoted value")
            return None
        text = value.strip()
        if not text:
            if rule.required:
                self.problem(key, "is empty", rule.doc)
            return None
        return text

    def _patterned(self, key: str, value: Any, rule: Rule) -> str | None:
        """Text that must match its kind's pattern: a web address, an email address, an id."""
        text = self._text(key, value, rule)
        pattern, expected, hint = _PATTERNS[rule.kind]
        if text is not None and not pattern.match(text):
            self.problem(key, f"expected {expected}, got {describe(text)}", hint)
            return None
        return text

    _url = _colour = _patterned

    def _line(self, key: str, value: Any, rule: Rule) -> str | None:
        """Text on one line (a name: it goes into a letter's greeting and an email header)."""
        text = self._text(key, value, rule)
        if text is not None and "\n" in text:
            self.problem(key, "must be on one line", "write it on one line, without \\n or a | block")
            return None
        return text

    def _email(self, key: str, value: Any, rule: Rule) -> str | None:
        text = self._text(key, value, rule)
        why = address_problem(text) if text is not None else None
        if why:
            self.problem(key, f"expected one email address, got {describe(text)}: it {why[0]}", why[1])
            return None
        return text

    def _slug(self, key: str, value: Any, rule: Rule) -> str | None:
        text = self._text(key, value, rule)
        if text is not None and len(text) > SLUG_MAX and SLUG.match(text):
            self.problem(key, f"is {len(text)} characters long; keep it under {SLUG_MAX}", "e.g. ana-ferreira")
            return None
        return self._patterned(key, text, rule) if text is not None else None

    def _path(self, key: str, value: Any, rule: Rule) -> str | None:
        text = self._text(key, value, rule)
        if text is None:
            return None
        if text.startswith("/") or "\\" in text or ".." in text.split("/") or "://" in text:
            self.problem(key, f"expected a file path inside stories/, got {describe(text)}", "e.g. images/shop.jpg")
            return None
        return text

    def _choice(self, key: str, value: Any, rule: Rule) -> str | None:
        if not isinstance(value, str):  # yes/no/true (a YAML bool), a number, a list: still list the choices
            self._not_a_choice(key, value, rule)
            return None
        text = self._text(key, value, rule)
        if text is not None and text not in rule.choices:
            self._not_a_choice(key, text, rule)
            return None
        return text

    def _not_a_choice(self, key: str, value: Any, rule: Rule) -> None:
        """Name every allowed value, and the nearest one when there is one."""
        said = value if isinstance(value, str) else str(value).casefold()
        close = difflib.get_close_matches(said, rule.choices, n=1, cutoff=0.5)
        if close:
            hint = f"did you mean {close[0]}?"
        elif isinstance(value, bool):
            hint = "YAML reads yes, no, on, off, true and false as true or false: write one of the values above"
        else:
            hint = ""
        self.problem(key, f"expected one of {', '.join(rule.choices)}, got {describe(value)}", hint)

    def _count(self, key: str, value: Any, rule: Rule) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
            self.problem(key, f"expected how many people, like 2, got {describe(value)}")
            return None
        return value

    def _card(self, key: str, value: Any, rule: Rule) -> str | None:
        """A card size; a bare A2, A6 or A7 is read as before, with a warning saying how to choose."""
        if not isinstance(value, str):
            return self._choice(key, value, rule)
        text = self._text(key, value, rule)
        if text is None or text in rule.choices:
            return text
        try:
            card, ambiguous = card_size(text)
        except KeyError:
            near = [c for c in rule.choices if c.endswith(f"-{text.casefold()}")]
            if not near:
                return self._choice(key, value, rule)
            self.problem(
                key, f"expected one of {', '.join(rule.choices)}, got {describe(text)}", f"did you mean {near[0]}?"
            )
            return None
        self.problem(key, ambiguous, f"until you choose, letters use {card.name}, as before", None, "warning")
        return card.name

    def _friend(self, key: str, value: Any, rule: Rule) -> str | None:
        """A referred friend written as text (a person id or a name); the record form is read by load/records."""
        return self._text(key, value, rule)

    def _bool(self, key: str, value: Any, rule: Rule) -> bool | None:
        if not isinstance(value, bool):
            self.problem(key, f"expected true or false, got {describe(value)}")
            return None
        return value

    def _year(self, key: str, value: Any, rule: Rule) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not YEARS[0] <= value <= YEARS[1]:
            self.problem(key, f"expected a year like 2014, got {describe(value)}")
            return None
        return value

    def _money(self, key: str, value: Any, rule: Rule) -> Decimal | None:
        if isinstance(value, bool):
            self.problem(key, f"expected an amount like 1200 or 1200.50, got {describe(value)}")
            return None
        try:
            amount = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation:
            self.problem(key, f"expected an amount like 1200 or 1200.50, got {describe(value)}")
            return None
        if not amount.is_finite() or amount < 0:
            self.problem(key, f"expected an amount of zero or more, got {describe(value)}")
            return None
        if amount >= MAX_AMOUNT or len(amount.as_tuple().digits) > 20:
            self.problem(
                key,
                f"expected an amount like 1200 or 1200.50, got {describe(value)}",
                "a number this large is a typing mistake",
            )
            return None
        return amount

    def _date(self, key: str, value: Any, rule: Rule) -> dt.date | None:
        known = _DATES.get(value) if isinstance(value, str) else None
        if known is not None:
            return known
        text = value if isinstance(value, str) else None
        match = _DATE.match(text.strip()) if text else None
        if not match:
            self.problem(key, f"expected a date YYYY-MM-DD, got {describe(value)}", "e.g. 2026-03-14")
            return None
        year, month, day = (int(g) for g in match.groups())
        why = check_date(year, month, day) if year else f"the year must be between {YEARS[0]} and {YEARS[1]}"
        if why:
            self.problem(key, f"{text} is not a real date", why)
            return None
        result = _DATES[value] = dt.date(year, month, day)
        return result

    def _partial_date(self, key: str, value: Any, rule: Rule) -> PartialDate | None:
        text = value if isinstance(value, str) else None
        match = _PARTIAL.match(text.strip()) if text else None
        if not match:
            self.problem(key, f"expected MM-DD or YYYY-MM-DD, got {describe(value)}", 'e.g. "03-14"')
            return None
        year = int(match.group(1)) if match.group(1) else None
        month, day = int(match.group(2)), int(match.group(3))
        why = check_date(2000 if year is None else year, month, day) if year != 0 else "the year 0 does not exist"
        if why:
            self.problem(key, f"{text} is not a real date", why)
            return None
        return PartialDate(month, day, year)

    def _dates(self, key: str, value: Any, rule: Rule) -> tuple[dt.date, ...] | None:
        """One date, or a list of them (a history: each kept, oldest first)."""
        if not isinstance(value, list):
            one = self._date(key, value, rule)
            return None if one is None else (one,)
        if not value:
            self.problem(key, "expected a date YYYY-MM-DD or a list of them, got an empty list")
            return None
        days = []
        for index, item in enumerate(value):
            mark = value.mark(index) if isinstance(value, MarkedList) else None
            before = len(self.problems)
            day = self._date(f"{key}[{index + 1}]", item, rule)
            if day is None:
                if mark is not None and len(self.problems) > before:  # point at the item, not the field
                    last = self.problems[-1]
                    self.problems[-1] = Problem(last.path, mark[0], mark[1], last.field, last.message, last.hint)
                continue
            days.append(day)
        return tuple(sorted(days)) if days else None

    def _texts(self, key: str, value: Any, rule: Rule) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(key, f"expected a list, got {describe(value)}")
            return None
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                mark = value.mark(index) if isinstance(value, MarkedList) else None
                self.problem(f"{key}[{index + 1}]", f"expected text, got {describe(item)}", "", mark)
                continue
            items.append(item.strip())
        return tuple(items)

    def _name(self, key: str, value: Any, rule: Rule) -> MarkedMap | None:
        if isinstance(value, str):
            self.problem(
                key,
                "expected given and family as separate fields",
                "write name: {given: Ana, family: Ferreira} so first and last names are never swapped",
            )
            return None
        return self._map(key, value, rule)

    def _map(self, key: str, value: Any, rule: Rule) -> MarkedMap | None:
        if not isinstance(value, MarkedMap):
            self.problem(key, f"expected a group of fields, got {describe(value)}", rule.doc)
            return None
        return value

    def _list(self, key: str, value: Any, rule: Rule) -> MarkedList | None:
        if not isinstance(value, MarkedList):
            self.problem(key, f"expected a list, got {describe(value)}", rule.doc)
            return None
        return value

    # ----------------------------------------------------------------- nesting

    def sub(self, key: str, rules: Mapping[str, Rule]) -> RecordReader | None:
        """A reader for the mapping under ``key``."""
        data = self.get(key)
        if data is None:
            return None
        return RecordReader(self.rel, data, rules, self.problems, f"{self.name(key)}.")

    def items(self, key: str, rules: Mapping[str, Rule], nested: bool = True) -> list[RecordReader]:
        """Readers for each mapping in the list under ``key``.

        Field names inside are prefixed with ``key[n].`` when ``nested``; the
        records of a file's top-level lists are named by their line alone.
        """
        data = self.get(key)
        if data is None:
            return []
        readers = []
        for index, item in enumerate(data):
            label = f"{self.name(key)}[{index + 1}]"
            if not isinstance(item, MarkedMap):
                line, col = data.mark(index)
                self.problems.append(
                    Problem(
                        self.rel,
                        line,
                        col,
                        label,
                        f"expected a group of fields, got {describe(item)}",
                        rules_hint(rules),
                    )
                )
                continue
            readers.append(RecordReader(self.rel, item, rules, self.problems, label + "." if nested else ""))
        return readers


# the readers of each Rule.kind: "partial-date" is read by _partial_date
_READERS = {
    name[1:].replace("_", "-"): function
    for name, function in vars(RecordReader).items()
    if name.startswith("_") and not name.startswith("__") and name != "_patterned"
}
# dates already read (the same few thousand days recur across a large kit)
_DATES: dict[str, dt.date] = {}


def not_a_record(rel: str, data: Any, fields: str, example: str) -> Problem:
    """A file (or front matter) that holds something other than fields, e.g. a list or a bare value."""
    return Problem(
        rel,
        getattr(data, "line", 1),
        getattr(data, "col", 1),
        message=f"expected fields like {fields}, got {describe(data)}",
        hint=f"write one field per line, e.g. {example}",
    )


def rules_hint(rules: Mapping[str, Rule]) -> str:
    required = [k for k, r in rules.items() if r.required]
    return "each needs " + ", ".join(required) if required else ""
