"""Card sizes: one declaration each, with names that cannot be confused.

ISO sizes are what a UK or European stationer sells (A6 is 105 × 148 mm); US
sizes are the North American envelope sizes, whose names happen to look like ISO
names ("A6" there is 4½ × 6¼ in). So each is named with its system: ``iso-a6``,
``us-a6``. The bare names an older kit may hold (``A2``, ``A6``, ``A7``) are
ambiguous: :func:`card_size` reads them as the US size they used to mean and
says how to choose.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class CardSize:
    """A card: its size, its envelope, and how much handwriting fits on it."""

    name: str
    label: str  # what a stationer calls it
    width_mm: float
    height_mm: float
    envelope_mm: tuple[float, float]  # the matching envelope, landscape: (width, height)
    words: int  # what fits inside in ordinary handwriting
    characters: int
    font_pt: float  # a handwriting-like size that fills the card with `words` words

    @property
    def width_in(self) -> float:
        return round(self.width_mm / MM_PER_INCH, 2)

    @property
    def height_in(self) -> float:
        return round(self.height_mm / MM_PER_INCH, 2)

    @property
    def with_article(self) -> str:
        """ "an ISO A6", "a US A2", "a DL folded"."""
        return f"{'an' if self.label.startswith('ISO') else 'a'} {self.label}"

    @property
    def described(self) -> str:
        """ "ISO A6, 105 × 148 mm (4.13 × 5.83 in)", or "US A6, 4.5 × 6.25 in (114 × 159 mm)"."""
        mm = f"{round(self.width_mm)} × {round(self.height_mm)} mm"
        inches = f"{_n(self.width_in)} × {_n(self.height_in)} in"
        if self.name.startswith("us-"):
            return f"{self.label}, {inches} ({mm})"
        return f"{self.label}, {mm} ({inches})"


def _n(number: float) -> str:
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _inches(width: float, height: float) -> tuple[float, float]:
    return round(width * MM_PER_INCH, 1), round(height * MM_PER_INCH, 1)


CARDS: dict[str, CardSize] = {
    card.name: card
    for card in (
        CardSize("iso-a6", "ISO A6", 105, 148, (162, 114), 60, 330, 12.5),  # C6 envelope
        CardSize("iso-a5", "ISO A5", 148, 210, (229, 162), 110, 620, 14),  # C5 envelope
        CardSize("dl", "DL folded", 99, 210, (220, 110), 75, 420, 12.5),  # DL envelope
        CardSize("us-a2", "US A2", *_inches(4.25, 5.5), _inches(5.75, 4.375), 50, 290, 12),
        CardSize("us-a6", "US A6", *_inches(4.5, 6.25), _inches(6.5, 4.75), 60, 340, 12.5),
        CardSize("us-a7", "US A7", *_inches(5, 7), _inches(7.25, 5.25), 80, 450, 13.5),
    )
}
DEFAULT_CARD = "iso-a6"
# the names older kits used, all of them US sizes under names that read as ISO ones
AMBIGUOUS = {"a2": "us-a2", "a6": "us-a6", "a7": "us-a7"}


def card_size(name: str) -> tuple[CardSize, str]:
    """The card called ``name``, and a message when the name is ambiguous (``""`` otherwise).

    Raises ``KeyError`` for a name that is no card at all.
    """
    key = name.strip().casefold()
    if key in CARDS:
        return CARDS[key], ""
    meant = AMBIGUOUS[key]  # KeyError for an unknown name
    return CARDS[meant], ambiguity(name)


def ambiguity(name: str) -> str:
    """How to choose, for an ambiguous bare name like ``A6``."""
    key = name.strip().casefold()
    meant = CARDS[AMBIGUOUS[key]]
    iso = CARDS.get(f"iso-{key}")
    choices = f"write {meant.name} for {meant.described}"
    if iso:
        choices = f"write iso-{key} for {iso.described}, what UK and European stationers sell, or {choices}"
    else:
        choices += f", or iso-a6 for {CARDS['iso-a6'].described}"
    return f'"{name}" could be an ISO or a US size: {choices}'
