"""People's names: the structured name record, how it is written, and folding for matching."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from generator.model.rules import declare
from generator.model.shown_text import NAME_MAX

NAME_ORDERS = ("given-first", "family-first")


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
    given: str = declare("line", True, name_limit=NAME_MAX, doc="given name, or the only name of someone with one name")
    family: str | None = declare(
        "line", name_limit=NAME_MAX, doc="family name; leave out for someone with one name", default=None
    )
    preferred: str | None = declare(
        "line", name_limit=NAME_MAX, doc="what you call them; letters greet them by it (default: given)", default=None
    )
    order: Literal["given-first", "family-first"] | None = declare(
        "choice",
        choices=NAME_ORDERS,
        doc="how the full name is written (default: given-first; family-first when both are in CJK script)",
        default=None,
    )

    @property
    def family_first(self) -> bool:
        """Family name first: as recorded, else when both names are in CJK script (张伟, not 伟张)."""
        if self.order is not None:
            return self.order == "family-first"
        return bool(self.family) and _unspaced(self.given) and _unspaced(self.family or "")

    @property
    def greeting(self) -> str:
        """What the owner calls them."""
        return self.preferred or self.given

    @property
    def full(self) -> str:
        if not self.family:
            return self.given
        space = "" if _unspaced(self.given + self.family) else " "
        if self.family_first:
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
        if self.family_first:
            return f"{initial}. {self.greeting}"
        return f"{self.greeting} {initial}."
