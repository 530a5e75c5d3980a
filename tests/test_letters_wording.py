"""Wording rules: ``for:`` in any shape the owner types stays grammatical; closings vary like sentences."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import PEOPLE_YML, TODAY, run_cli, write_kit

from generator.load.kit import load_kit
from generator.model.english import WhatFor, what_for
from generator.model.letters import Letter, letters_owed
from generator.render.letters.body import BodyWriter
from generator.render.letters.phrasebook import _fill
from generator.render.letters.phrasings import PHRASINGS, SIGN_OFFS

SHAPES = {
    # a noun phrase: "for" it, and "asked me for" it
    "a tuning": WhatFor("a tuning", "for a tuning"),
    "a quote on a baby grand": WhatFor("a quote on a baby grand", "for a quote on a baby grand"),
    "moving advice": WhatFor("moving advice", "for moving advice"),
    "string replacement": WhatFor("string replacement", "for string replacement"),
    "help with the move": WhatFor("help with the move", "for help with the move"),
    "advice on a first piano": WhatFor("advice on a first piano", "for advice on a first piano"),
    "for a tuning.": WhatFor("a tuning", "for a tuning"),
    # a gerund: "for help with" it, "asked me about" it
    "checking the donated piano in the foyer": WhatFor(
        "help with checking the donated piano in the foyer", "about checking the donated piano in the foyer"
    ),
    "tuning": WhatFor("help with tuning", "about tuning"),
    "Tuning the Steinway": WhatFor("help with tuning the Steinway", "about tuning the Steinway"),
    "settling and tuning her Blüthner": WhatFor(
        "help with settling and tuning her Blüthner", "about settling and tuning her Blüthner"
    ),
    "looking after the grand": WhatFor("help with looking after the grand", "about looking after the grand"),
    # a definite or possessive thing: "for" alone would mean "on behalf of"
    "the chapel's old Cramer": WhatFor("help with the chapel's old Cramer", "about the chapel's old Cramer"),
    "her mother's Bechstein": WhatFor("help with her mother's Bechstein", "about her mother's Bechstein"),
    # an infinitive or a question: no "for" phrasing can take it
    "to tune the piano": WhatFor(None, "to tune the piano"),
    "if I could restore the Bechstein": WhatFor(None, "if I could restore the Bechstein"),
    "whether the upright was worth saving": WhatFor(None, "whether the upright was worth saving"),
    "how to look after a grand": WhatFor(None, "how to look after a grand"),
}

# what reads badly in any phrasing: "for to tune", "for checking the", "about if", "asked me about a tuning"...
BAD = re.compile(
    r"\bfor (?:for|to|if|whether|how)\b|\bfor [a-z]+ing (?:the|a|her|his|their)\b|\babout (?:to|if|for)\b"
    r"|\bme about (?:a|an|help|advice)\b|\bfor (?:the|her|his|their)\b"
)
SLOTS_WITH_FOR = [
    (slot, template)
    for slot, templates in PHRASINGS.items()
    for template in templates
    if "{for_what}" in template or "{asked_me}" in template
]


@pytest.mark.parametrize("text", sorted(SHAPES))
def test_what_for_shapes(text: str) -> None:
    assert what_for(text) == SHAPES[text]


@pytest.mark.parametrize("text", sorted(SHAPES))
def test_every_phrasing_that_takes_a_shape_stays_grammatical(text: str) -> None:
    shape = what_for(text)
    values: dict[str, str | None] = {
        "friend": "Dinah",
        "Friend": "Dinah",
        "subject": "Dinah",
        "name": "Dinah",
        "for_what": shape.for_phrase,
        "asked_me": shape.asked_me,
    }
    written = [s.text for _, template in SLOTS_WITH_FOR if (s := _fill(template, values, "thank-for"))]
    assert written, "at least one phrasing takes every shape"
    for sentence in written:
        assert not BAD.search(sentence.replace(", ", " ")), sentence


@pytest.mark.parametrize("slot", ["thank-for", "each-for", "each-for-client", "each-for-not-a-fit"])
def test_every_slot_has_a_phrasing_for_each_shape(slot: str) -> None:
    for shape in SHAPES.values():
        values = {"friend": "Dinah", "Friend": "Dinah", "subject": "Dinah", "name": "Dinah"}
        values |= {"for_what": shape.for_phrase, "asked_me": shape.asked_me}
        assert any(_fill(t, values, slot) for t in PHRASINGS[slot]), (slot, shape)


def test_a_gerund_for_reads_well_in_the_letter(tmp_path: Path) -> None:
    referrals = """\
    referrals:
      - date: 2026-10-01
        from: joao-silva
        referred: mei-tanaka
        for: checking the donated piano in the foyer
        outcome: pending
    """
    root = write_kit(tmp_path / "kit", {"referrals/2026.yml": referrals})
    assert run_cli(root, "letters").exit_code == 0
    text = " ".join((root / "letters" / "joao-silva.txt").read_text("utf-8").split())
    assert "for checking" not in text
    assert "help with checking the donated piano in the foyer" in text or "about checking the donated" in text


# ------------------------------------------------------------------ closings


@pytest.fixture
def letter(tmp_path: Path) -> Letter:
    return letters_owed(load_kit(write_kit(tmp_path / "kit", {}), TODAY).kit, TODAY)[0]


def closing(letter: Letter, writer: BodyWriter | None = None) -> str:
    return (writer or BodyWriter()).sign_off(letter, TODAY)


def test_closings_vary_and_none_is_in_more_than_three_letters(letter: Letter) -> None:
    writer = BodyWriter()
    people = [dataclasses.replace(letter.person, id=f"person-{n}") for n in range(40)]
    closings = Counter(closing(dataclasses.replace(letter, person=p), writer) for p in people)
    assert max(closings.values()) <= 3, closings
    assert len(closings) >= 13


def test_one_person_does_not_get_the_same_closing_twice_running(letter: Letter) -> None:
    for before in range(8):
        this = closing(dataclasses.replace(letter, letters_before=before))
        assert this != closing(dataclasses.replace(letter, letters_before=before + 1))


def test_warmer_closings_only_where_the_record_supports_it(letter: Letter) -> None:
    ordinary = {closing(dataclasses.replace(letter, letters_before=n)) for n in range(6)}
    assert ordinary <= set(SIGN_OFFS["thanks"])
    best = dataclasses.replace(letter, person=dataclasses.replace(letter.person, best_customer=True))
    assert closing(best) in SIGN_OFFS["warm"]
    assert closing(dataclasses.replace(letter, total_sent=3)) in SIGN_OFFS["warm"]
    long_client = dataclasses.replace(letter.person, client_since=TODAY - dt.timedelta(days=6 * 365))
    assert closing(dataclasses.replace(letter, person=long_client)) in SIGN_OFFS["warm"]
    assert closing(dataclasses.replace(letter, situation="hello")) in SIGN_OFFS["hello"]
    every = {c for kind in SIGN_OFFS.values() for c in kind}
    assert not any("love" in c.lower() for c in every), "only the owner may choose With love,"


def test_person_sign_off_wins_over_the_owners_which_wins_over_the_choice(tmp_path: Path) -> None:
    owner = "name: {given: Ana}\nbusiness: Ferreira Bakes\nsignature: Ana\nsign_off: Yours in flour,\n"
    people = PEOPLE_YML.replace(
        "    email: joao@example.com\n", "    email: joao@example.com\n    sign_off: With love,\n"
    )
    root = write_kit(tmp_path / "a", {"stories/owner.yml": owner})
    assert run_cli(root, "letters").exit_code == 0
    assert "\nYours in flour,\nAna\n" in (root / "letters" / "joao-silva.txt").read_text("utf-8")
    root = write_kit(tmp_path / "b", {"stories/owner.yml": owner, "referrals/people.yml": people})
    assert run_cli(root, "letters").exit_code == 0
    assert "\nWith love,\nAna\n" in (root / "letters" / "joao-silva.txt").read_text("utf-8")
