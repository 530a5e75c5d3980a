"""Names a letter cannot print as they are: cut into a broken phrase, a placeholder, invisible or turned around.

Vague beats wrong: a friend with no clean name gets a sentence that needs none;
and the checks on every rendered letter refuse what slipped past ``check``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import TODAY, run_cli

from generator.load.kit import load_kit
from generator.model.cards import CARDS
from generator.model.english import broken_end
from generator.model.friends import name_alone
from generator.model.letters import Letter, letters_owed
from generator.model.names import PersonName
from generator.render.letters.checks import check_letter
from generator.render.letters.text import LetterRenderer

PEOPLE = """\
people:
  - id: ben-tasker
    name: {given: Ben, family: Tasker}
  - id: sam-lee
    name: {given: Sam, family: Lee}
"""


def card(root: Path, pid: str) -> str:
    """The handwritten part of a written .txt note, on one line."""
    note = (root / "letters" / f"{pid}.txt").read_text("utf-8")
    return " ".join(note.split("-" * 60)[1].split())


def referrals(*items: str) -> str:
    return "referrals:\n" + "".join(
        f"  - date: 2026-11-2{i}\n    from: ben-tasker\n    outcome: pending\n{item}" for i, item in enumerate(items)
    )


@pytest.mark.parametrize(
    ("phrase", "cut", "broken"),
    [
        ("Ben's", True, True),  # "Ben's mum" cut to "Ben's"
        ("the organist at St Laurence's", False, False),  # the owner's whole text may end so
        ("Jo from the", False, True),
        ("Jo from", False, True),
        ("", False, True),
        ("?", False, True),
        ("Mr and Mrs Ashdown", False, False),
        ("Jo and", False, True),
    ],
)
def test_broken_ends(phrase: str, cut: bool, broken: bool) -> None:
    assert (broken_end(phrase, cut=cut) is not None) is broken


def test_a_phrase_for_what_may_end_on_a_preposition() -> None:
    assert broken_end("a piano to practise on", name=False) is None
    assert broken_end("a cake for the", name=False) == 'it ends on "the"'
    assert broken_end("for", name=False) == 'it ends on "for"'


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("Ben's mum", ""),  # never "Ben's"
        ("Ben’s sister, in Leeds", ""),
        ("The PTA chair", "The PTA chair"),
        ("The organist at St Laurence's", "The organist at St Laurence's"),
        ("Jo from the allotments", "Jo"),
        ("The", ""),
    ],
)
def test_the_name_alone_is_clean_or_empty(text: str, alone: str) -> None:
    assert name_alone(text) == alone


def test_a_friend_with_no_clean_name_is_counted_in_a_list_and_check_suggests_the_rewrite(kit) -> None:  # type: ignore[no-untyped-def]
    root = kit(
        {
            "referrals/people.yml": PEOPLE,
            "referrals/2026.yml": referrals(
                "    referred: sam-lee\n", "    referred: the Bakers\n", '    referred: "Ben\'s mum"\n'
            ),
        }
    )
    checked = run_cli(root, "check")
    assert checked.exit_code == 0
    assert checked.output == (
        'referrals/2026.yml:13:15: referred: "Ben" speaks of Ben in the third person, but the letter is to Ben'
        ' (write "your mum", or referred: {name: <their name>, relation: mum};'
        " until then the letter leaves the friend's name out) [warning]\n"
        "ownerkit check: 1 story (0 drafts), 2 people, 3 referrals: no errors, 1 warning\n"
    )
    written = run_cli(root, "letters")
    assert written.exit_code == 0, written.output
    text = card(root, "ben-tasker")
    assert "Sam, the Bakers and one other" in text
    assert "Ben's" not in text and "mum" not in text


def test_a_lone_friend_with_no_clean_name_is_thanked_without_a_name(kit) -> None:  # type: ignore[no-untyped-def]
    root = kit(
        {
            "referrals/people.yml": PEOPLE,
            "referrals/2026.yml": referrals('    referred: "Ben\'s mum"\n    for: a birthday cake\n'),
        }
    )
    assert run_cli(root, "letters").exit_code == 0
    text = card(root, "ben-tasker")
    assert text.startswith("Dear Ben, ")
    assert "for a birthday cake." in text
    assert "Ben's" not in text and "mum" not in text


def test_a_record_with_a_relation_names_the_friend_safely(kit) -> None:  # type: ignore[no-untyped-def]
    root = kit(
        {
            "referrals/people.yml": PEOPLE,
            "referrals/2026.yml": referrals("    referred: {name: Carol, relation: mum}\n"),
        }
    )
    assert run_cli(root, "letters").exit_code == 0
    assert "your mum Carol" in card(root, "ben-tasker")


def test_a_dangling_for_is_left_out_and_check_says_so(kit) -> None:  # type: ignore[no-untyped-def]
    root = kit(
        {
            "referrals/people.yml": PEOPLE,
            "referrals/2026.yml": referrals("    referred: sam-lee\n    for: a cake for the\n"),
        }
    )
    checked = run_cli(root, "check")
    assert (
        'referrals/2026.yml:6:10: for: "a cake for the": it ends on "the"'
        " (finish it; until then the letter leaves it out) [warning]"
    ) in checked.output
    assert run_cli(root, "letters").exit_code == 0
    assert "for the" not in card(root, "ben-tasker")


# ------------------------------------------------------------------ the last line of defence


def first_letter(root: Path) -> tuple[LetterRenderer, Letter]:
    checked = load_kit(root, TODAY)
    return LetterRenderer(checked.kit), letters_owed(checked.kit, TODAY)[0]


def named(letter: Letter, **name: str) -> Letter:
    """The letter, to the same person under another name (as if the loader had let it through)."""
    return dataclasses.replace(letter, person=dataclasses.replace(letter.person, name=PersonName(**name)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ({"given": "None"}, '"None" is printed as a name'),
        ({"given": "João", "family": "N/A"}, '"N/A" is printed as a name'),
        ({"given": "nan"}, '"nan" is printed as a name'),
        ({"given": "\u200b"}, "the greeting is empty"),
        ({"given": "\u202eleinaD"}, "a direction control (U+202E) turns the text around"),
    ],
)
def test_letter_checks_refuse_what_check_would_have_refused(kit, name: dict[str, str], message: str) -> None:  # type: ignore[no-untyped-def]
    renderer, letter = first_letter(kit())
    rendered = renderer.render(named(letter, **name), CARDS["iso-a6"], TODAY)
    errors = [p.message for p in check_letter(rendered) if p.severity == "error"]
    assert message in errors


# ------------------------------------------------------------------ wording a recipient would wince at

WINCES = (
    "I haven't forgotten",  # reads as a grudge
    "kept count",  # keeping score
    "on my books",  # a person as a ledger entry
    "see more of",  # "of her": not what a tuner should hope
    "say-so",  # permission, not a recommendation
)


def test_no_phrasing_a_recipient_would_wince_at() -> None:
    from generator.render.letters.phrasings import PHRASINGS, SIGN_OFFS

    every = [p for slot in (*PHRASINGS.values(), *SIGN_OFFS.values()) for p in slot]
    assert [p for p in every for wince in WINCES if wince.lower() in p.lower()] == []
    # a closing follows any body, and a chain or a news letter may not have thanked yet
    assert [s for s in SIGN_OFFS["thanks"] if "again" in s] == []
