"""``ownerkit thanked``: the thank-you is recorded in the owner's file, and nothing else in it moves."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest
from conftest import TODAY, run_cli

from generator.load.kit import load_kit
from generator.model.owed import owed

PEOPLE = """\
people:
  - id: joao-silva
    name: {given: João, family: Silva}
  - id: mei-tanaka
    name: {given: Mei, family: Tanaka, order: family-first}
"""


def record(kit, referrals: str | bytes, *args: str) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """Write ``referrals`` as referrals/2026.yml (verbatim), run thanked ARGS, return the file and the output."""
    root = kit({"referrals/people.yml": PEOPLE, "referrals/2026.yml": ""})
    path = root / "referrals" / "2026.yml"
    path.write_bytes(referrals.encode("utf-8") if isinstance(referrals, str) else referrals)
    result = run_cli(root, "thanked", *args)
    assert result.exit_code == 0, result.output
    load_kit(root, TODAY)  # the kit still loads
    return path, result.output


def only_added(before: str, after: str) -> list[str]:
    """The lines of ``after`` that are not in ``before``; fails if any line of ``before`` changed or moved."""
    added = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, before.splitlines(True), after.splitlines(True)
    ).get_opcodes():
        assert op in ("equal", "insert"), f"{op} of lines {a1}-{a2}: the original lines must stay as they were"
        if op == "insert":
            added.extend(after.splitlines(True)[b1:b2])
    return added


def test_block_style_with_comments(kit) -> None:
    before = """\
# Referrals, 2026. Private.
referrals:
  # João's friend from the market
  - date: 2026-10-01   # a Thursday
    from: joao-silva
    referred: mei-tanaka     # she came on foot
    outcome: client
    # more to say later

  # a second one, not on file
  - date: 2026-10-05
    from: mei-tanaka
    referred: Carla
    outcome: pending
"""
    path, output = record(kit, before, "joao-silva-2026-10-01", "--how", "call", "--date", "2026-10-03")
    assert path.read_text("utf-8") == before.replace(
        "    referred: mei-tanaka     # she came on foot\n    outcome: client\n",
        "    referred: mei-tanaka     # she came on foot\n    outcome: client\n"
        "    thanked: {date: 2026-10-03, how: call, told: client}\n",
    )
    assert output == (
        "referrals/2026.yml:8: joao-silva-2026-10-01: added\n"
        "    thanked: {date: 2026-10-03, how: call, told: client}\n"
        "recorded 1 thank-you in referrals/2026.yml\n"
    )


def test_flow_mappings_stay_flow(kit) -> None:
    before = """\
referrals:
- {date: 2026-10-01, from: joao-silva, referred: mei-tanaka, outcome: client}   # first
- { date: 2026-10-05 , from: mei-tanaka , referred: "Carla", outcome: pending }
"""
    path, _ = record(kit, before, "mei-tanaka-2026-10-05")
    assert path.read_text("utf-8") == before.replace(
        'referred: "Carla", outcome: pending }',
        'referred: "Carla", outcome: pending, thanked: {date: 2026-11-26, how: handwritten, told: pending} }',
    )


def test_anchors_and_aliases_survive(kit) -> None:
    before = """\
referrals:
  - &first
    date: 2026-10-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
    for: &cake a birthday cake
  - date: 2026-10-05
    from: mei-tanaka
    referred: Carla
    for: *cake
    outcome: pending
"""
    path, _ = record(kit, before, "joao-silva")  # thanked, and told that Mei has sent Carla since
    after = path.read_text("utf-8")
    assert only_added(before, after) == [
        "    thanked: {date: 2026-11-26, how: handwritten, told: client}\n",
        "    followed_up: 2026-11-26\n",
    ]
    assert "  - &first\n" in after and "for: &cake a birthday cake\n" in after and "for: *cake\n" in after


def test_unusual_indentation_and_block_scalars(kit) -> None:
    before = """\
referrals:
    -   date: 2026-10-01
        from: joao-silva
        referred: mei-tanaka
        outcome: client
        note: |
            She brought her grandmother's recipe.

            We baked it together.

    -   date: 2026-10-05
        from: mei-tanaka
        referred: Carla
        outcome: pending
        note: >-
          Carla wants
          a quote
"""
    path, _ = record(kit, before, "joao-silva-2026-10-01", "--date", "2026-10-04")  # before Carla came
    after = path.read_text("utf-8")
    told = "told: client, note_told: true"  # what the letter told: the outcome, and the note
    assert only_added(before, after) == [f"        thanked: {{date: 2026-10-04, how: handwritten, {told}}}\n"]
    assert after.index("thanked") > after.index("We baked it together.")
    assert after.index("thanked") < after.index("2026-10-05")
    kit_now = load_kit(path.parent.parent, TODAY).kit
    first = next(r for r in kit_now.referrals if r.id == "joao-silva-2026-10-01")
    assert first.note == "She brought her grandmother's recipe.\n\nWe baked it together."
    assert first.thanked is not None and first.thanked.how == "handwritten"
    # the last record of the file, ending in a folded scalar with no blank line after
    path2, _ = record(kit, after, "mei-tanaka-2026-10-05")
    told = "told: pending, note_told: true"
    assert only_added(after, path2.read_text("utf-8")) == [
        f"        thanked: {{date: 2026-11-26, how: handwritten, {told}}}\n"
    ]


def test_block_style_thanked_when_the_file_already_uses_it(kit) -> None:
    before = """\
referrals:
  - date: 2026-09-01
    from: joao-silva
    referred: Bea
    outcome: pending
    thanked:
        date: 2026-09-02
        how: call
  - date: 2026-10-05
    from: mei-tanaka
    referred: Carla
    outcome: pending"""  # and no newline at the end of the file
    path, _ = record(kit, before, "mei-tanaka")
    assert (
        path.read_text("utf-8")
        == before + "\n    thanked:\n        date: 2026-11-26\n        how: handwritten\n        told: pending\n"
    )


def test_windows_line_endings_are_kept(kit) -> None:
    before = "referrals:\r\n  - date: 2026-10-01\r\n    from: joao-silva\r\n    referred: mei-tanaka\r\n"
    before += "    outcome: client\r\n"
    path, _ = record(kit, before.encode("utf-8"), "joao-silva")
    assert path.read_bytes() == (before + "    thanked: {date: 2026-11-26, how: handwritten, told: client}\r\n").encode(
        "utf-8"
    )


def test_a_person_id_records_all_their_unthanked_referrals(kit) -> None:
    before = """\
referrals:
  - date: 2026-10-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
  - date: 2026-10-02
    from: mei-tanaka
    referred: Carla
    outcome: pending
  - date: 2026-10-03
    from: joao-silva
    referred: Bea
    outcome: not-a-fit
  - date: 2026-10-04
    from: joao-silva
    referred: Dev
    outcome: pending
    thanked: {date: 2026-10-05, how: email}
"""
    path, output = record(kit, before, "joao-silva", "--how", "in-person")
    added = only_added(before, path.read_text("utf-8"))
    assert added == [
        "    thanked: {date: 2026-11-26, how: in-person, told: client}\n",
        "    followed_up: 2026-11-26\n",  # the chain: Mei, whom he sent, has sent Carla
        "    thanked: {date: 2026-11-26, how: in-person, told: not-a-fit}\n",
    ]
    assert output == (
        "referrals/2026.yml:6: joao-silva-2026-10-01: added\n"
        "    thanked: {date: 2026-11-26, how: in-person, told: client}\n"
        "referrals/2026.yml:7: joao-silva-2026-10-01: added\n"
        "    followed_up: 2026-11-26\n"
        "referrals/2026.yml:16: joao-silva-2026-10-03: added\n"
        "    thanked: {date: 2026-11-26, how: in-person, told: not-a-fit}\n"
        "recorded 2 thank-yous and 1 follow-up in referrals/2026.yml\n"
    )
    kit_now = load_kit(path.parent.parent, TODAY).kit
    assert [o.kind for o in owed(kit_now, TODAY) if o.person.id == "joao-silva"] == []


def test_follow_up_adds_then_keeps_history(kit) -> None:
    before = """\
referrals:
  - date: 2026-01-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
    thanked: {date: 2026-01-02, how: call}
    followed_up: 2026-02-01  # told him at the market
  - date: 2026-10-02
    from: mei-tanaka
    referred: Carla
    outcome: client
    thanked: {date: 2026-10-03, how: call}
"""
    # Mei's friend became a client: a plain follow-up
    path, _ = record(kit, before, "mei-tanaka-2026-10-02", "--follow-up")
    assert only_added(before, path.read_text("utf-8")) == ["    followed_up: 2026-11-26\n"]
    # João is owed a chain follow-up (Mei, whom he sent, has sent Carla): a second date, the first kept
    root = path.parent.parent
    result = run_cli(root, "thanked", "joao-silva")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "referrals/2026.yml:7: joao-silva-2026-01-01: changed\n"
        "    followed_up: [2026-02-01, 2026-11-26]  # told him at the market\n"
        "recorded 1 follow-up in referrals/2026.yml\n"
    )
    assert [o.kind for o in owed(load_kit(root, TODAY).kit, TODAY)] == []


def test_dry_run_changes_nothing(kit) -> None:
    root = kit({"referrals/people.yml": PEOPLE})
    path = root / "referrals" / "2026.yml"
    before = path.read_bytes()
    result = run_cli(root, "thanked", "joao-silva", "--dry-run")
    assert result.exit_code == 0
    assert result.output == (
        "referrals/2026.yml:7: joao-silva-2026-10-01: would add\n"
        "    thanked: {date: 2026-11-26, how: handwritten, told: client}\n"
        "dry run: would record 1 thank-you in referrals/2026.yml; nothing was written\n"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody"], 'Error: no referral or person has the id "nobody" (see ownerkit queue for ids)\n'),
        (
            ["joao-silva", "--date", "2026-09-01"],
            "Error: joao-silva-2026-10-01: 2026-09-01 is before the referral itself (2026-10-01)\n",
        ),
        (
            ["joao-silva", "--date", "2026-12-01"],
            "Usage: main thanked [OPTIONS] ID\nTry 'main thanked --help' for help.\n\n"
            "Error: Invalid value for --date: 2026-12-01 is in the future (today is 2026-11-26)\n",
        ),
        (
            ["joao-silva", "--how", "pigeon"],
            "Usage: main thanked [OPTIONS] ID\nTry 'main thanked --help' for help.\n\n"
            "Error: Invalid value for '--how': 'pigeon' is not one of 'handwritten', 'email', 'call', 'in-person'.\n",
        ),
    ],
)
def test_refusals(kit, args: list[str], message: str) -> None:
    root = kit({"referrals/people.yml": PEOPLE})
    before = (root / "referrals" / "2026.yml").read_bytes()
    result = run_cli(root, "thanked", *args)
    assert result.exit_code != 0
    assert result.output == message
    assert (root / "referrals" / "2026.yml").read_bytes() == before


def test_already_thanked(kit) -> None:
    root = kit({"referrals/people.yml": PEOPLE})
    assert run_cli(root, "thanked", "joao-silva-2026-10-01").exit_code == 0
    result = run_cli(root, "thanked", "joao-silva-2026-10-01")
    assert result.exit_code == 1
    assert result.output == (
        "Error: joao-silva-2026-10-01 was already thanked on 2026-11-26 (handwritten); nothing was written\n"
    )
    result = run_cli(root, "thanked", "joao-silva")
    assert result.exit_code == 0
    assert result.output == (
        "nothing to record: every referral from joao-silva has been thanked and followed up on already\n"
    )


def test_an_alias_record_is_refused(kit) -> None:
    before = """\
referrals:
  - &r
    date: 2026-10-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
  - *r
"""
    root = kit({"referrals/people.yml": PEOPLE, "referrals/2026.yml": before})
    result = run_cli(root, "thanked", "joao-silva-2026-10-01")
    assert result.exit_code == 1, result.output
    assert "edit it by hand" in result.output or "ids must be unique" in result.output
    assert (root / "referrals" / "2026.yml").read_text("utf-8") == before


def test_follow_up_needs_news(kit) -> None:
    root = kit({"referrals/people.yml": PEOPLE})
    (root / "referrals" / "2026.yml").write_text(
        "referrals:\n  - date: 2026-10-01\n    from: joao-silva\n    referred: mei-tanaka\n    outcome: pending\n",
        encoding="utf-8",
    )
    result = run_cli(root, "thanked", "joao-silva-2026-10-01", "--follow-up")
    assert result.exit_code == 1
    assert result.output == (
        "Error: joao-silva-2026-10-01: the friend did not become a client, so there is no news to follow up with\n"
    )


def test_unknown_id_suggests_the_closest(example_kit) -> None:
    result = run_cli(example_kit, "thanked", "hamid")
    assert result.exit_code == 1
    assert result.output == 'Error: no referral or person has the id "hamid" (did you mean hamid-karimi?)\n'
    result = run_cli(example_kit, "thanked", "hamid-karimi-2026-08-41")
    assert result.output == (
        'Error: no referral or person has the id "hamid-karimi-2026-08-41" (did you mean hamid-karimi-2026-08-14?)\n'
    )


CHAIN = """\
referrals:
  - date: 2026-01-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
    thanked: {date: 2026-01-02, how: call}
    followed_up:
      - 2026-02-01   # at the market
  - date: 2026-11-20
    from: mei-tanaka
    referred: Carla
    outcome: pending
"""


def test_a_person_id_clears_thank_yous_and_chains_alike(kit) -> None:
    more = "  - date: 2026-11-21\n    from: joao-silva\n    referred: Rui\n    outcome: pending\n"
    path, output = record(kit, CHAIN + more, "joao-silva")
    assert output == (
        "referrals/2026.yml:9: joao-silva-2026-01-01: changed\n"
        "    - 2026-11-26\n"
        "referrals/2026.yml:18: joao-silva-2026-11-21: added\n"
        "    thanked: {date: 2026-11-26, how: handwritten, told: pending}\n"
        "recorded 1 thank-you and 1 follow-up in referrals/2026.yml\n"
    )
    kit_now = load_kit(path.parent.parent, TODAY).kit
    assert [(o.kind, o.person.id) for o in owed(kit_now, TODAY)] == [("thank", "mei-tanaka")]
    assert kit_now.referrals[0].follow_ups == (dt.date(2026, 2, 1), dt.date(2026, 11, 26))


def test_one_row_by_referral_id_and_history_is_kept(kit) -> None:
    path, _ = record(kit, CHAIN, "joao-silva-2026-01-01", "--date", "2026-11-22")
    assert only_added(CHAIN, path.read_text("utf-8")) == ["      - 2026-11-22\n"]
    root = path.parent.parent
    again = run_cli(root, "thanked", "joao-silva-2026-01-01", "--follow-up")  # more news, later
    assert again.exit_code == 0, again.output
    text = path.read_text("utf-8")
    assert "    followed_up:\n      - 2026-02-01   # at the market\n      - 2026-11-22\n      - 2026-11-26\n" in text
    same_day = run_cli(root, "thanked", "joao-silva-2026-01-01", "--follow-up")
    assert (
        same_day.output == "Error: joao-silva-2026-01-01 was already followed up on 2026-11-26; nothing was written\n"
    )


def test_a_hello_is_cleared_by_touched(kit) -> None:
    people = PEOPLE + "    best_customer: true\n    last_contact: 2026-01-05\n"
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": "referrals: []\n"})
    result = run_cli(root, "thanked", "mei-tanaka")
    assert result.output == (
        "nothing to record: every referral from mei-tanaka has been thanked and followed up on already;"
        " when you have said hello: ownerkit touched mei-tanaka\n"
    )
    assert run_cli(root, "touched", "mei-tanaka").exit_code == 0
    assert run_cli(root, "queue").output == "Nothing owed today (2026-11-26): everyone has been thanked.\n"
