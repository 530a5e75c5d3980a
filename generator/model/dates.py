"""Days as the owner writes them: partial dates (a birthday without its year), months back, month names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
            if self.month == 2 and day == 29 and not is_leap(year):
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


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def long_date(day: dt.date) -> str:
    """``12 March 2019``, in English whatever the machine's locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def partial_date_text(date: PartialDate) -> str:
    """``12 March`` or ``12 March 1980``."""
    text = f"{date.day} {MONTH_NAMES[date.month - 1]}"
    return f"{text} {date.year}" if date.year else text


def ago(then: dt.date, today: dt.date) -> str:
    """How long ago ``then`` was, in words: ``3 months ago``."""
    days = (today - then).days
    if days < 0:
        return f"on {long_date(then)}, after today"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    months = (today.year - then.year) * 12 + today.month - then.month - (today.day < then.day)
    if months < 2:
        return f"{days // 7} weeks ago"
    if months < 12:
        return f"{months} months ago"
    years = months // 12
    return "a year ago" if years == 1 else f"{years} years ago"
