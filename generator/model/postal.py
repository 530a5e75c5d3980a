"""A recorded postal address split into the columns a mail-merge or handwriting service takes.

The owner records an address as lines, as she would write it on an envelope.
Services want Name, Address line 1, Address line 2, Town/City, Postcode,
Country. The split is made only where it is unambiguous: a UK postcode at the
end of the last line (or on a line of its own), and a country only when the
last line is one that is plainly a country. Otherwise the lines go in order
into the address columns and Town/City and Postcode stay empty: a blank
column is better than a wrong town.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UK_POSTCODE = re.compile(r"(?:^|[\s,]+)([A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][ABD-HJLNP-UW-Z]{2})$", re.IGNORECASE)
COUNTRIES = frozenset(
    {
        "uk", "united kingdom", "great britain", "england", "scotland", "wales", "northern ireland",
        "ireland", "france", "germany", "spain", "italy", "portugal", "netherlands", "belgium",
        "usa", "united states", "canada", "australia", "new zealand", "japan", "china", "india", "nigeria",
    }
)  # fmt: skip
UK_NAMES = frozenset({"uk", "united kingdom", "great britain", "england", "scotland", "wales", "northern ireland"})


@dataclass(frozen=True)
class PostalAddress:
    """An address in envelope columns; ``street`` holds every line above the town."""

    street: tuple[str, ...]
    town: str = ""
    postcode: str = ""
    country: str = ""

    def line(self, n: int) -> str:
        """Address line ``n`` (1 or 2); line 2 carries every further street line, joined by commas."""
        if n == 1:
            return self.street[0] if self.street else ""
        return ", ".join(self.street[1:])


def split_address(address: str) -> PostalAddress:
    """The columns of ``address`` (lines as recorded), split only where it is unambiguous."""
    lines = [" ".join(line.split()).strip(" ,") for line in address.strip().splitlines()]
    lines = [line for line in lines if line]
    country = ""
    if len(lines) > 1 and lines[-1].casefold().strip(".") in COUNTRIES:
        country = lines.pop()
    if len(lines) < 2:
        return PostalAddress(tuple(lines), country=country)
    found = UK_POSTCODE.search(lines[-1])
    if not found or (country and country.casefold() not in UK_NAMES):
        return PostalAddress(tuple(lines), country=country)
    postcode = _postcode(found.group(1))
    before = lines[-1][: found.start()].strip(" ,")
    if before:
        return PostalAddress(tuple(lines[:-1]), before, postcode, country)
    if len(lines) < 3:  # "4 Mill Lane / LS6 2AB": no town to name
        return PostalAddress(tuple(lines[:-1]), "", postcode, country)
    return PostalAddress(tuple(lines[:-2]), lines[-2], postcode, country)


def _postcode(text: str) -> str:
    compact = "".join(text.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}"
