"""Text a reader will see: invisible, turned-around and placeholder names are refused at check."""

from __future__ import annotations

import pytest
from conftest import run_cli, write_kit

from generator.model.names import PersonName
from generator.model.records import Owner, Person, Referral, Referred
from generator.model.rules import rules_of
from generator.model.shown_text import (
    NAME_MAX,
    direction_control,
    invisibly_empty,
    placeholder,
    stray_invisible,
)


@pytest.mark.parametrize(
    "value", ["None", "none", "NULL", "nan", "NaN", "N/A", "n/a", "TBC", "tbd", "Unknown", "-", "?", "...", "—", " ? "]
)
def test_placeholders_are_refused(value: str) -> None:
    assert placeholder(value)


@pytest.mark.parametrize("value", ["Nan", "Na", "Nil", "Anon", "Test", "Blank", "O'Neill", "李", "Noneley"])
def test_real_names_are_not_placeholders(value: str) -> None:
    assert not placeholder(value)


@pytest.mark.parametrize("value", ["\u200b", "\u200b\u2060", "\ufeff", "\u3164", "\u2800", "\u00ad"])
def test_only_invisible_characters_is_empty(value: str) -> None:
    assert invisibly_empty(value)


def test_visible_text_is_not_empty() -> None:
    assert not invisibly_empty("Ana\u200b")
    assert not invisibly_empty("😀")


@pytest.mark.parametrize("char", [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
def test_direction_controls_are_found(char: str) -> None:
    assert direction_control(f"Dan{char}iel") == f"U+{ord(char):04X}"


def test_direction_marks_are_not_overrides() -> None:
    assert direction_control("Dana\u200f") is None  # a right-to-left mark changes no order on its own


@pytest.mark.parametrize(
    "name",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with a non-joiner between letters
        "\u0915\u094d\u200d\u0937",  # Devanagari with a joiner
        "\U0001f469\u200d\U0001f467",  # an emoji sequence
    ],
)
def test_joiners_inside_a_script_are_allowed(name: str) -> None:
    assert stray_invisible(name) is None


@pytest.mark.parametrize("name", ["Ana\u200bMaria", "\u200dAna", "Ana\u200c", "Ana\ufeff", "Ana\u2060"])
def test_stray_invisible_characters_are_found(name: str) -> None:
    assert stray_invisible(name)


def test_every_name_field_declares_its_length() -> None:
    """Declared once with the field: names, the business, a friend's name and relation."""
    limits = {
        "given": rules_of(PersonName)["given"],
        "family": rules_of(PersonName)["family"],
        "preferred": rules_of(PersonName)["preferred"],
        "business": rules_of(Owner)["business"],
        "signature": rules_of(Owner)["signature"],
        "organisation": rules_of(Person)["organisation"],
        "public_name": rules_of(Person)["public_name"],
        "referred": rules_of(Referral)["referred"],
        "referred.name": rules_of(Referred)["name"],
        "relation": rules_of(Referred)["relation"],
    }
    assert {field: bool(rule.name_limit) for field, rule in limits.items()} == dict.fromkeys(limits, True)
    assert rules_of(PersonName)["given"].name_limit == NAME_MAX


def test_check_refuses_a_long_name_and_reports_it_once(tmp_path) -> None:
    people = (
        "people:\n  - id: joao-silva\n    name: {given: João}\n  - id: mei-tanaka\n"
        f"    name: {{given: Mei, family: {'T' * 20_000}}}\n"
    )
    root = write_kit(tmp_path / "kit", {"referrals/people.yml": people})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert result.output == (
        "referrals/people.yml:5:32: name.family: is 20,000 characters long; a name here is at most 60"
        " (keep only the name here; anything more about them goes in a note)\n"
        f"Error: 1 problem found in {root}\n"
    )


def test_a_joiner_in_a_persian_name_passes_check(tmp_path) -> None:
    people = (
        "people:\n  - id: joao-silva\n    name: {given: João}\n  - id: mei-tanaka\n"
        '    name: {given: "\u0645\u06cc\u200c\u0646\u0627", preferred: Mina}\n'
    )
    root = write_kit(tmp_path / "kit", {"referrals/people.yml": people})
    result = run_cli(root, "check")
    assert result.exit_code == 0, result.output
