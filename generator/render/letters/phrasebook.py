"""Choosing phrasings for a batch of letters: deterministic, varied, none in more than three letters.

Within one letter no phrasing is used twice: phrasings are compared by their
first clause (:func:`shape`), so "{Friend} asked me {asked_me}." and
"{Friend} asked me {asked_me}; it went well." count as the same.
"""

from __future__ import annotations

import re
import string
import zlib
from collections import Counter
from dataclasses import dataclass

from generator.model.english import capitalise
from generator.render.letters.phrasings import PHRASINGS, SIGN_OFFS

MOST_LETTERS = 3  # no ownerkit sentence in more letters than this, in one batch
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Sentence:
    text: str
    slot: str = ""  # the phrasing slot, or "" for the owner's own words
    template_words: int = 0  # words that came from ownerkit, not from the owner's records


class Phrasebook:
    """Picks phrasings for one batch of letters: deterministic, varied, none in more than three letters."""

    def __init__(self) -> None:
        self.used: Counter[str] = Counter()  # by phrasing, so that names do not hide a form sentence
        self.in_letter: set[str] = set()  # shapes of the letter being written: no phrasing twice in one letter
        self.letter_key = ""

    def new_letter(self, key: str = "") -> None:
        self.in_letter, self.letter_key = set(), key

    def say(
        self, slot: str, values: dict[str, str | None], key: str, turn: int, required: bool = False
    ) -> Sentence | None:
        """A sentence for ``slot`` using ``values``; ``None`` when nothing fits (or silence was chosen)."""
        options = PHRASINGS[slot] if slot in PHRASINGS else SIGN_OFFS[slot.removeprefix("sign-off-")]
        if key != self.letter_key:
            self.new_letter(key)
        start = (zlib.crc32(f"{key}:{slot}".encode()) + turn) % len(options)
        fallback: tuple[str, Sentence] | None = None
        for step in range(len(options)):
            template = options[(start + step) % len(options)]
            if template and shape(template) in self.in_letter:
                continue
            if not template:
                if not required:
                    return None
                continue
            sentence = _fill(template, values, slot)
            if sentence is None:
                continue
            if self.used[template] < MOST_LETTERS:
                self.used[template] += 1
                self.in_letter.add(shape(template))
                return sentence
            if required and (fallback is None or self.used[template] < self.used[fallback[0]]):
                fallback = (template, sentence)
        if fallback is None:
            return None
        self.used[fallback[0]] += 1
        self.in_letter.add(shape(fallback[0]))
        return fallback[1]


def shape(template: str) -> str:
    """A phrasing's first clause: "{Friend} asked me {asked_me}" whether "; it went well" follows or not."""
    first = re.split(r"[.,;:]", template, maxsplit=1)[0].strip()
    return first if len(re.sub(r"\{[^}]*\}", "", first).split()) >= 2 else template  # "{Friend}" alone: no shape


def _fill(template: str, values: dict[str, str | None], slot: str) -> Sentence | None:
    names = [name for _, name, _, _ in _FORMATTER.parse(template) if name]
    if any(values.get(name) is None for name in names):
        return None
    text = template.format(**{name: values[name] for name in names})
    text = re.sub(r",([.,;:])", r"\1", text)
    fixed = len(_FORMATTER.vformat(re.sub(r"\{[^}]*\}", "", template), (), {}).split())
    return Sentence(capitalise(text), slot, fixed)
