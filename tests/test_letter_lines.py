"""A line in the owner's words for one letter: ``ownerkit letters --line ID "..."`` and ``letter_lines:``.

Kept in her records (not in letters/), used in her words and never cut to fit
the card, checked against ``dont_mention``, recorded by ``thanked`` as told,
and not used again once a letter carrying it was recorded as sent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import PEOPLE_YML, TODAY, run_cli, write_kit

from generator.load.kit import load_kit
from generator.model.letters import letters_owed

LINE = "Say hello to your mother for me."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_kit(tmp_path / "kit", {})


def body(root: Path, pid: str = "joao-silva") -> str:
    note = (root / "letters" / f"{pid}.txt").read_text("utf-8")
    return " ".join(note.split("-" * 60)[1].split())


def test_line_is_recorded_in_her_records_and_used_in_her_words(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = run_cli(root, "letters", "--line", "joao-silva", LINE)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "ownerkit letters: 1 letter on ISO A6, 105 × 148 mm (4.13 × 5.83 in) cards\n"
        "  joao-silva  client  wrote  letters/joao-silva.{txt,html,eml}\n"
        "referrals/people.yml:5: added your line for joao-silva under letter_lines\n"
        "Letters are in letters/: copy each .txt by hand, print each .html on an ISO A6 card,"
        " or open each .eml as a draft. Nothing has been sent.\n"
        "When you have sent one, record it:\n"
        "  ownerkit thanked joao-silva\n"
    )
    assert (root / "referrals" / "people.yml").read_text("utf-8") == PEOPLE_YML.replace(
        "    email: joao@example.com\n",
        f"    email: joao@example.com\n    letter_lines:\n      - text: {LINE}\n        written: 2026-11-26\n",
    )
    assert body(root).endswith(f"I'm glad to say. {LINE} With thanks and best wishes, Ana")
    # no "no personal line" warning: the line is personal
    assert "no personal line" not in result.output


def test_line_survives_regeneration_until_the_letter_is_recorded_sent(root: Path) -> None:
    assert run_cli(root, "letters", "--line", "joao-silva", LINE).exit_code == 0
    (root / "letters" / "joao-silva.txt").unlink()
    assert run_cli(root, "letters").exit_code == 0
    assert LINE in body(root)
    thanked = run_cli(root, "thanked", "joao-silva")
    assert "    thanked: {date: 2026-11-26, how: handwritten, told: client, line_told: true}\n" in thanked.output
    assert "line_told: true" in (root / "referrals" / "2026.yml").read_text("utf-8")
    later = TODAY + dt.timedelta(days=30)
    (root / "letters" / "joao-silva.txt").unlink()
    assert run_cli(root, "letters", "--person", "joao-silva", today=later).exit_code == 0
    assert LINE not in body(root)
    # the line stays in her records, as what she wrote
    assert LINE in (root / "referrals" / "people.yml").read_text("utf-8")


def test_a_newer_line_replaces_an_unsent_one(root: Path) -> None:
    assert run_cli(root, "letters", "--line", "joao-silva", "An old line.").exit_code == 0
    (root / "letters" / "joao-silva.txt").unlink()
    assert run_cli(root, "letters", "--line", "joao-silva", LINE).exit_code == 0
    assert LINE in body(root) and "An old line." not in body(root)


def test_line_spent_by_a_later_contact_but_not_a_same_day_call(tmp_path: Path) -> None:
    def line_with(last_contact: str) -> str | None:
        people = PEOPLE_YML.replace(
            "    email: joao@example.com\n",
            f"    email: joao@example.com\n    last_contact: {last_contact}\n"
            "    letter_lines: [{text: Hello to Rosa., written: 2026-11-20}]\n",
        )
        root = write_kit(tmp_path / last_contact, {"referrals/people.yml": people})
        letter = letters_owed(load_kit(root, TODAY).kit, TODAY)[0]
        return letter.line_text

    assert line_with("2026-11-20") == "Hello to Rosa."
    assert line_with("2026-11-21") is None


def test_a_hello_recorded_by_touched_the_same_day_spends_the_line(root: Path) -> None:
    people = PEOPLE_YML + "  - id: ada-lovel\n    name: {given: Ada, family: Lovel}\n"
    referrals = (root / "referrals" / "2026.yml").read_text("utf-8") + (
        "    thanked: {date: 2026-10-02, how: call}\n"
        "  - date: 2026-03-01\n    from: ada-lovel\n    referred: Bo\n    outcome: client\n"
        "    thanked: {date: 2026-03-02, how: call, told: client}\n"
    )
    root = write_kit(root, {"referrals/people.yml": people, "referrals/2026.yml": referrals})
    result = run_cli(root, "letters", "--person", "ada-lovel", "--line", "ada-lovel", "See you at the fair.")
    assert result.exit_code == 0, result.output
    assert "  ada-lovel  hello  " in result.output and "See you at the fair." in body(root, "ada-lovel")
    assert run_cli(root, "touched", "ada-lovel").exit_code == 0
    (root / "letters" / "ada-lovel.txt").unlink()
    assert run_cli(root, "letters", "--person", "ada-lovel").exit_code == 0
    assert "See you at the fair." not in body(root, "ada-lovel")


def test_line_touching_dont_mention_is_refused_before_it_is_saved(root: Path) -> None:
    people = PEOPLE_YML.replace(
        "    email: joao@example.com\n", "    email: joao@example.com\n    dont_mention: [his divorce]\n"
    )
    root = write_kit(root, {"referrals/people.yml": people})
    result = run_cli(root, "letters", "--line", "joao-silva", "I hope things are calmer since you divorced.")
    assert result.exit_code != 0
    assert result.output == (
        'Error: --line joao-silva: the line touches "his divorce", which joao-silva asked never to be mentioned'
        " (dont_mention); nothing was saved: rephrase the line without it\n"
    )
    assert (root / "referrals" / "people.yml").read_text("utf-8") == dedent(people)


def test_line_touching_dont_mention_written_by_hand_is_left_out_and_said(root: Path) -> None:
    people = PEOPLE_YML.replace(
        "    email: joao@example.com\n",
        "    email: joao@example.com\n    dont_mention: [his divorce]\n"
        "    letter_lines:\n      - {text: I hope things are calmer since you divorced., written: 2026-11-20}\n",
    )
    root = write_kit(root, {"referrals/people.yml": people})
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    assert (
        "left out of the letter for joao-silva: your line at referrals/people.yml:2"
        ' (it touches "his divorce" (dont_mention))' in result.output
    )
    assert "divorced" not in body(root)
    check = run_cli(root, "check")
    assert (
        'referrals/people.yml:7:7: letter_lines: touches "his divorce", which joao-silva asked never to be mentioned'
        " (letters leave it out; rephrase it if it should reach the card) [warning]"
    ) in check.output


def test_a_line_in_two_lines_is_joined_as_sentences(root: Path) -> None:
    result = run_cli(root, "letters", "--line", "joao-silva", "See you at the fair\nBring the kids: they'll love it")
    assert result.exit_code == 0, result.output
    assert "See you at the fair. Bring the kids: they'll love it." in body(root)


def test_line_is_never_trimmed_for_the_card_before_ownerkits_sentences(tmp_path: Path) -> None:
    long_line = " ".join(["A long line in my own words that the card must keep."] * 4)
    root = write_kit(tmp_path / "kit", {})
    result = run_cli(root, "letters", "--card", "us-a2", "--line", "joao-silva", long_line)
    assert result.exit_code == 0, result.output
    assert long_line in body(root)
    left = "left out of the letter for joao-silva: how it went, the apology for lateness (to fit a US A2"
    assert left in result.output


def test_dry_run_records_no_line(root: Path) -> None:
    before = (root / "referrals" / "people.yml").read_text("utf-8")
    result = run_cli(root, "letters", "--dry-run", "--line", "joao-silva", LINE)
    assert result.exit_code == 0
    assert "referrals/people.yml:5: would add your line for joao-silva under letter_lines\n" in result.output
    assert (root / "referrals" / "people.yml").read_text("utf-8") == before


def test_line_for_someone_owed_nothing_waits_for_their_next_letter(root: Path) -> None:
    people = PEOPLE_YML + "  - id: ada-lovel\n    name: {given: Ada, family: Lovel}\n"
    root = write_kit(root, {"referrals/people.yml": people})
    result = run_cli(root, "letters", "--line", "ada-lovel", "See you at the fair.")
    assert result.exit_code == 0, result.output
    assert (
        "referrals/people.yml:9: added your line for ada-lovel under letter_lines;"
        " no letter is owed them today, so it waits for the next one\n"
    ) in result.output


def test_refused_letters_record_no_line(root: Path) -> None:
    referrals = (root / "referrals" / "2026.yml").read_text("utf-8") + "    note: Mei said {{ 7*7 }}.\n"
    root = write_kit(root, {"referrals/2026.yml": referrals})
    before = (root / "referrals" / "people.yml").read_text("utf-8")
    result = run_cli(root, "letters", "--line", "joao-silva", LINE)
    assert result.exit_code == 1
    assert (root / "referrals" / "people.yml").read_text("utf-8") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nobody", "Hi."), 'Error: no one on file is "nobody" (to add them: ownerkit add person)\n'),
        (
            ("joao-silva", "  "),
            "Error: --line joao-silva: the line is empty; write it in quotes after the person's id\n",
        ),
    ],
)
def test_bad_line_is_refused_with_what_to_do(root: Path, args: tuple[str, str], message: str) -> None:
    result = run_cli(root, "letters", "--line", *args)
    assert result.exit_code == 1
    assert result.output == message
    assert not (root / "letters").exists()


def test_at_a_terminal_she_is_offered_a_line(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.cli.terminal.at_terminal", lambda: True)
    monkeypatch.chdir(root)
    result = run_cli(root, "letters", input=f"{LINE}\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "A line of your own goes into the letter as you type it. Enter: none (or keep the one you wrote).\n"
        f"  for João (joao-silva): {LINE}\n"
    )
    assert LINE in body(root)
    (root / "letters" / "joao-silva.txt").unlink()
    again = run_cli(root, "letters", input="\n")
    assert f'  for João (joao-silva) (now: "{LINE}"): \n' in again.output
    assert LINE in body(root)
