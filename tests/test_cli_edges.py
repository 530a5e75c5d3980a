"""Whole-output tests of what every command shares: the kit folder, and ``--json`` on a broken kit."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from conftest import TODAY, run_cli

from generator.load.kit import load_kit
from generator.model.asof import person_as_of

BROKEN = {
    "referrals/2026.yml": """\
    referrals:
      - date: 2026-02-30
        from: joao-silva
        referred: Ana
        outcome: pending
    """
}
BROKEN_PROBLEM = {
    "path": "referrals/2026.yml",
    "line": 2,
    "col": 11,
    "field": "date",
    "message": "2026-02-30 is not a real date",
    "hint": "February has no day 30",
    "severity": "error",
}


@pytest.mark.parametrize(
    "args",
    [("queue", "--json"), ("letters", "--json"), ("report", "--json"), ("check", "--json")],
)
def test_json_commands_report_a_broken_kit_as_json(kit, args: tuple[str, ...]) -> None:
    result = run_cli(kit(BROKEN), *args)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"ok": False, "problems": [BROKEN_PROBLEM]}


def test_import_json_reports_a_broken_kit_as_json(kit, tmp_path: Path) -> None:
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nEND:VCARD\r\n")
    result = run_cli(kit(BROKEN), "import", str(card), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"ok": False, "problems": [BROKEN_PROBLEM]}


def test_queue_on_a_broken_kit_does_not_speak_of_writing(kit) -> None:
    root = kit(BROKEN)
    result = run_cli(root, "queue")
    assert result.exit_code == 1
    assert result.output == (
        "referrals/2026.yml:2:11: date: 2026-02-30 is not a real date (February has no day 30)\n"
        f"Error: 1 problem in {root}; fix them, then run this again\n"
    )


def test_a_missing_kit_folder_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = run_cli(missing, "queue")
    assert result.exit_code == 1
    assert result.output == f"Error: no such folder: {missing} (give your kit's folder with --kit FOLDER)\n"


def test_a_missing_kit_folder_with_json(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = run_cli(missing, "check", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "ok": False,
        "problems": [
            {
                "path": "",
                "line": 0,
                "col": 0,
                "field": "",
                "message": f"no such folder: {missing} (give your kit's folder with --kit FOLDER)",
                "hint": "",
                "severity": "error",
            }
        ],
    }


def test_a_folder_that_is_not_a_kit_says_so(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path} is not an ownerkit kit: it has no stories/ or referrals/ folder"
        f" (start one there with 'ownerkit init {tmp_path}', or give your kit's folder with --kit FOLDER)\n"
    )


@pytest.mark.parametrize(
    ("written", "got", "hint"),
    [
        (
            "yes",
            "true or false",
            "YAML reads yes, no, on, off, true and false as true or false: write one of the values above",
        ),
        ("3", "the number 3", ""),
        ("[client]", "a list", "did you mean client?"),
        ("Client", '"Client"', "did you mean client?"),
        (
            "True",
            "true or false",
            "YAML reads yes, no, on, off, true and false as true or false: write one of the values above",
        ),
    ],
)
def test_an_enum_field_lists_its_values_whatever_was_written(kit, written: str, got: str, hint: str) -> None:
    root = kit(
        {
            "referrals/2026.yml": f"""\
            referrals:
              - date: 2026-02-01
                from: joao-silva
                referred: Ana
                outcome: {written}
            """
        }
    )
    result = run_cli(root, "check")
    assert result.exit_code == 1
    shown = f" ({hint})" if hint else ""
    assert result.output == (
        f"referrals/2026.yml:5:14: outcome: expected one of pending, client, not-a-fit, got {got}{shown}\n"
        f"Error: 1 problem found in {root}\n"
    )


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (
            ("--email", "x,y@z.test"),
            '--email: expected one email address, got "x,y@z.test": it holds a , or ; as if it were several'
            " addresses (write one address, like name@example.com)",
        ),
        (
            ("--given", "   "),
            "--given: is empty (given name, or the only name of someone with one name)",
        ),
        (
            ("--birthday", "2020-02-30"),
            "--birthday: 2020-02-30 is not a real date (February has no day 30)",
        ),
    ],
)
def test_a_bad_option_value_is_told_by_its_option_and_nothing_is_written(
    kit, options: tuple[str, str], said: str
) -> None:
    root = kit()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".ownerkit.lock"}
    given = () if options[0] == "--given" else ("--given", "Bea")
    result = run_cli(root, "add", "person", *given, "--family", "Lowe", *options)
    assert result.exit_code == 1
    assert result.output == f"Error: {said}; nothing was written\n"
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".ownerkit.lock"} == before


def test_new_story_with_a_title_in_another_script_gets_a_safe_address(kit) -> None:
    root = kit()
    result = run_cli(root, "new", "story", "--prompt", "why-i-started", "张伟的故事")
    assert result.exit_code == 0
    assert result.output == (
        f"created {os.path.relpath(root / 'stories/2026-11-26-why-i-started-a2431d.md')}"
        " (a draft: when it is ready, ownerkit publish why-i-started-a2431d)\n"
    )
    assert run_cli(root, "check").exit_code == 0


def test_new_story_dry_run_writes_nothing(kit) -> None:
    root = kit()
    result = run_cli(root, "new", "story", "--prompt", "why-i-started", "Why I opened", "--dry-run")
    assert result.exit_code == 0
    assert result.output == (
        f"would create {os.path.relpath(root / 'stories/2026-11-26-why-i-opened.md')} (a draft);"
        " dry run: nothing was written\n"
    )
    assert not (root / "stories/2026-11-26-why-i-opened.md").exists()


def test_init_dry_run_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "my-kit"
    result = run_cli(None, "init", str(folder), "--given", "Ana", "--business", "Ferreira Bakes", "--dry-run")
    assert result.exit_code == 0
    shown = os.path.relpath(folder)
    assert result.output == (
        f"would create {shown}/mkdocs.yml\n"
        f"would create {shown}/.gitignore\n"
        f"would create {shown}/stories/owner.yml\n"
        f"would create {shown}/referrals/people.yml\n"
        f"would create {shown}/referrals/referrals.yml\n"
        f"would create {shown}/stories/2026-11-26-why-i-started.md\n"
        "dry run: nothing was written\n"
    )
    assert not folder.exists()


DECEASED_KIT = {
    "referrals/people.yml": """\
    people:
      - id: sipho-dube
        name: {given: Sipho, family: Dube}
        deceased: true
      - id: mei-tanaka
        name: {given: Mei, family: Tanaka}
    """,
    "referrals/2026.yml": """\
    referrals:
      - date: 2026-10-01
        from: sipho-dube
        referred: mei-tanaka
        outcome: client
    """,
}


def test_thanked_a_deceased_person_says_so_and_how_to_record_anyway(kit) -> None:
    root = kit(DECEASED_KIT)
    before = (root / "referrals/2026.yml").read_text()
    result = run_cli(root, "thanked", "sipho-dube")
    assert result.exit_code == 1
    assert result.output == (
        "Error: sipho-dube is recorded as deceased, so the queue asks for no letter to them; nothing was written"
        " (to record a referral as thanked anyway: ownerkit thanked sipho-dube-2026-10-01;"
        " not thanked yet: sipho-dube-2026-10-01)\n"
    )
    assert (root / "referrals/2026.yml").read_text() == before
    queue = run_cli(root, "queue", "--json")
    assert queue.exit_code == 0
    assert "sipho-dube" not in queue.stdout
    anyway = run_cli(root, "thanked", "sipho-dube-2026-10-01")
    assert anyway.exit_code == 0, anyway.output
    assert "thanked:" in (root / "referrals/2026.yml").read_text()


CONSENT_KIT = {
    "referrals/people.yml": """\
    people:
      - id: noor-haddad
        name:
          given: Noor
          family: Haddad
        public_thanks: true
        public_thanks_since: 2026-03-01
        public_thanks_withdrawn: 2026-06-01
      - id: sipho-dube
        name:
          given: Sipho
          family: Dube
        deceased: true
    """,
    "referrals/2026.yml": "referrals: []\n",
}


def test_consent_given_again_keeps_the_earlier_dates_as_history(kit) -> None:
    root = kit(CONSENT_KIT)
    result = run_cli(root, "consent", "noor-haddad", "--date", "2026-09-01")
    assert result.exit_code == 0, result.output
    assert (root / "referrals/people.yml").read_text() == (
        "people:\n"
        "  - id: noor-haddad\n"
        "    name:\n"
        "      given: Noor\n"
        "      family: Haddad\n"
        "    public_thanks: true\n"
        "    public_thanks_since: 2026-09-01\n"
        "    consent_history:\n"
        "      - since: 2026-03-01\n"
        "        withdrawn: 2026-06-01\n"
        "  - id: sipho-dube\n"
        "    name:\n"
        "      given: Sipho\n"
        "      family: Dube\n"
        "    deceased: true\n"
    )
    kit_now = load_kit(root, TODAY).kit
    assert kit_now.people["noor-haddad"].public_thanks
    assert person_as_of(kit_now.people["noor-haddad"], dt.date(2026, 4, 1)).public_thanks
    assert not person_as_of(kit_now.people["noor-haddad"], dt.date(2026, 7, 1)).public_thanks


def test_consent_for_a_deceased_person_is_refused(kit) -> None:
    root = kit(CONSENT_KIT)
    result = run_cli(root, "consent", "sipho-dube")
    assert result.exit_code == 1
    assert result.output == (
        "Error: sipho-dube is recorded as deceased: consent cannot be recorded for them; nothing was written\n"
    )


def test_add_referral_records_what_is_known_of_a_friend_not_on_file(kit) -> None:
    root = kit({"referrals/2026.yml": "referrals: []\n"})
    result = run_cli(
        root, "add", "referral", "--from", "joao-silva", "--referred", "Ingrid",
        "--relation", "neighbour", "--pronoun", "she", "--count", "2", "--date", "2026-11-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = (root / "referrals/people.yml").read_text()  # where the file with people also holds referrals
    assert written.endswith(
        "referrals:\n"
        "  - date: 2026-11-20\n"
        "    from: joao-silva\n"
        "    referred:\n"
        "      name: Ingrid\n"
        "      relation: neighbour\n"
        "      pronoun: she\n"
        "      count: 2\n"
        "    outcome: pending\n"
    )
    referral = load_kit(root, TODAY).kit.referrals[0]
    assert (referral.referred_name, referral.referred.relation, referral.referred.pronoun) == (
        "Ingrid",
        "neighbour",
        "she",
    )


def test_add_referral_friend_details_are_checked_by_their_option(kit) -> None:
    root = kit({"referrals/2026.yml": "referrals: []\n"})
    result = run_cli(root, "add", "referral", "--from", "joao-silva", "--referred", "Ingrid", "--count", "0")
    assert result.exit_code == 1
    assert result.output == "Error: --count: expected how many people, like 2, got the number 0; nothing was written\n"
    assert (root / "referrals/2026.yml").read_text() == "referrals: []\n"
    assert not (root / "referrals/referrals.yml").exists()
