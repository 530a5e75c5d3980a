"""One test (or a few) per rule of the letters: meaning, grammar, history, addressing, cards, variety."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, run_cli

from generator.errors import Problem
from generator.load.kit import load_kit
from generator.model.cards import CARDS, card_size
from generator.model.english import how_late, ordinal, when_words
from generator.model.friends import (
    Friend,
    addressed,
    envelope_names,
    name_alone,
    second_person,
    third_person_warning,
    turned_on_reader,
)
from generator.model.letters import letters_owed
from generator.model.names import PersonName
from generator.model.owed import owed
from generator.model.records import Person
from generator.model.topics import mentions, touches
from generator.render.letters.body import Phrasebook, friend_values, note_leads
from generator.render.letters.checks import body_sentences
from generator.render.letters.text import LetterRenderer


def body(root: Path, pid: str) -> str:
    """The handwritten part of a written .txt note, on one line."""
    note = (root / "letters" / f"{pid}.txt").read_text("utf-8")
    return " ".join(note.split("-" * 60)[1].split())


def friend(**changes: object) -> Friend:
    values: dict[str, object] = {
        "referral_id": "r",
        "name": "Lorna, the choir's new alto",
        "short": "Lorna",
        "pronoun": None,
        "count": None,
        "for_what": "a tuning",
        "outcome": "client",
        "note": None,
        "date": dt.date(2026, 11, 1),
        "where": "referrals/2026.yml:2",
    }
    values.update(changes)
    return Friend(**values)  # type: ignore[arg-type]


READER = Person(id="tom-hale", name=PersonName(given="Thomas", family="Hale", preferred="Tom"))

# ------------------------------------------------------------------ dont_mention by meaning


@pytest.mark.parametrize(
    ("topic", "text", "touched"),
    [
        ("divorce", "Martin, her brother-in-law from before the divorce", True),  # one word
        ("her divorce", "the one thing he kept after he divorced", True),  # another form of the word
        ("the restaurant closing", "since the restaurant closed", True),
        ("her father's illness", "her father has been ill", True),  # a possessive phrase, by key words
        ("the school's budget cuts", "the school hall piano", False),  # three key words: one is not enough
        ("the school's budget cuts", "the budget for the school", True),
        ("the old shop", "her old piano", False),  # small common words are not key words
        # simple word forms: -y/-ies, -ncy/-nt, -cy/-t, accents folded
        ("bankruptcy", "the year he went bankrupt", True),
        ("redundancy", "since she was made redundant", True),
        ("pregnancy", "now that she is pregnant", True),
        ("divorce", "a divorcée these days", True),
        ("her divorce", "a divorcee these days", True),
        # the related words of common sensitive topics (topics.RELATED)
        ("cancer", "after the chemotherapy", True),
        ("cancer", "a cancerous growth", True),
        ("the accident", "since the car crash", True),
        ("divorce", "your ex-wife Lin", True),
        ("her husband's death", "the funeral in May", True),
        ("redundancy", "when he was laid off", True),
        ("pregnancy", "the baby due in June", True),
        ("the accident", "more than I was expecting", False),  # related words belong to their own topic
        ("cancer", "the car crash", False),
    ],
)
def test_dont_mention_matches_by_meaning(topic: str, text: str, touched: bool) -> None:
    assert touches(text, topic) is touched
    assert mentions(text, ("unrelated", topic)) == (topic if touched else None)


# ------------------------------------------------------------------ third person about the reader


def test_third_person_in_referred_is_found_and_rewritten() -> None:
    assert turned_on_reader("Harriet from his office", READER, "referred") == "his"
    assert second_person("Harriet from his office", READER) == "Harriet from your office"
    assert name_alone("Harriet from his office") == "Harriet"
    assert turned_on_reader("Harriet from your office", READER, "referred") is None


def test_the_readers_own_name_in_a_note_is_found() -> None:
    assert turned_on_reader("Harriet says Tom's playing is legend", READER, "note") == "Tom"
    assert second_person("Harriet says Tom's playing is legend", READER) == "Harriet says your playing is legend"
    assert second_person("Ngozi says Tom has been busy", READER) == "Ngozi says Tom has been busy"  # check says how
    # a pronoun in a note speaks of the friend, not the reader
    assert turned_on_reader("He tells me the choir trusts his note", READER, "note") is None


@pytest.mark.parametrize(
    ("name", "alone"),
    [
        ("Mr and Mrs Ashdown in Amberley", "Mr and Mrs Ashdown"),
        ("Astrid, her neighbour", "Astrid"),
        ("The PTA chair", "The PTA chair"),
        ("Jo from the allotments", "Jo"),
    ],
)
def test_name_alone(name: str, alone: str) -> None:
    assert name_alone(name) == alone


def test_check_warns_on_third_person_and_letter_says_the_name_alone(kit) -> None:  # type: ignore[no-untyped-def]
    root = kit(
        {
            "referrals/2026.yml": """\
            referrals:
              - date: 2026-11-20
                from: joao-silva
                referred: Ingrid, his neighbour in Chalford
                outcome: pending
            """
        }
    )
    result = run_cli(root, "check")
    assert (
        'referrals/2026.yml:4:15: referred: "his" speaks of João in the third person, but the letter is to João'
        ' (write "Ingrid, your neighbour in Chalford"; until then the letter says "Ingrid") [warning]'
    ) in result.output
    assert run_cli(root, "letters").exit_code == 0
    assert "his neighbour" not in body(root, "joao-silva") and "Ingrid" in body(root, "joao-silva")


# ------------------------------------------------------------------ grammar from recorded data


def test_no_pronoun_is_written_unless_recorded() -> None:
    unknown = friend_values(friend(), named=True)
    assert unknown["friend"] == "Lorna" and unknown["They_are"] is None and unknown["was"] is None
    she = friend_values(friend(pronoun="she", count=1), named=True)
    assert (she["friend"], she["Friend"], she["They_are"], she["was"]) == ("her", "She", "She's", "was")
    # not yet named in the letter: the name, with the comma that closes its description
    assert friend_values(friend(pronoun="she"))["friend"] == "Lorna, the choir's new alto,"


def test_verbs_agree_with_how_many_people() -> None:
    assert friend_values(friend(count=2, pronoun="they", short="Bence and Anna"))["was"] == "were"
    singular_they = friend_values(friend(pronoun="they", count=1, short="Sam"), named=False)
    assert singular_they["was"] == "was"  # "Sam was", though "they were"
    assert friend_values(friend(pronoun="they", count=1), named=True)["was"] == "were"


def test_several_friends_are_named_not_pronouned() -> None:
    values = friend_values(friend(pronoun="they", count=2, short="Mr and Mrs Ashdown"), named=True, pronouns=False)
    assert values["Friend"] == "Mr and Mrs Ashdown"


def test_the_note_leads_when_it_names_the_friend() -> None:
    assert note_leads(friend(note="Lorna says the choir will rehearse round her piano."))
    assert not note_leads(friend(note="It was beyond saving, but she kept the plate."))
    assert not note_leads(friend(note="The choir will rehearse round her piano."))


def test_counts_say_times_not_people() -> None:
    assert ordinal(3) == "third" and ordinal(21) == "21st"


# ------------------------------------------------------------------ variety


def test_no_phrasing_serves_more_than_three_letters_of_a_batch() -> None:
    book = Phrasebook()
    said = [book.say("late", {"late": "two months"}, f"p{i}", 0) for i in range(9)]
    texts = [s.text for s in said if s]
    assert len(texts) == 9 and max(texts.count(t) for t in texts) <= 3


def test_one_person_does_not_get_the_same_phrasing_twice_running() -> None:
    values = {"friend": "Jo", "Friend": "Jo", "subject": "Jo", "name": "Jo", "for_what": "a tuning"}
    first = Phrasebook().say("thank-for", values, "peggy-hollis", 4, required=True)
    second = Phrasebook().say("thank-for", values, "peggy-hollis", 5, required=True)
    assert first and second and first.text != second.text


def test_same_kit_same_day_same_letters(kit) -> None:  # type: ignore[no-untyped-def]
    root = kit()
    assert run_cli(root, "letters").exit_code == 0
    before = body(root, "joao-silva")
    (root / "letters" / "joao-silva.txt").unlink()
    assert run_cli(root, "letters").exit_code == 0
    assert body(root, "joao-silva") == before


# ------------------------------------------------------------------ history


def referrals_kit(kit, referrals: str, people: str | None = None) -> Path:  # type: ignore[no-untyped-def]
    files = {"referrals/2026.yml": referrals}
    if people:
        files["referrals/people.yml"] = people
    return kit(files)


def test_no_follow_up_when_the_thanks_already_told_the_news(kit) -> None:  # type: ignore[no-untyped-def]
    told = """\
    referrals:
      - date: 2026-10-01
        from: joao-silva
        referred: mei-tanaka
        outcome: client
        thanked: {date: 2026-10-02, how: call, told: %s}
    """
    root = referrals_kit(kit, told % "client")
    assert [o.kind for o in owed(load_kit(root, TODAY).kit, TODAY)] == []
    root = referrals_kit(kit, told % "pending")
    assert [o.kind for o in owed(load_kit(root, TODAY).kit, TODAY)] == ["follow-up"]


def test_a_note_already_given_is_not_repeated(kit) -> None:  # type: ignore[no-untyped-def]
    root = referrals_kit(
        kit,
        """\
        referrals:
          - date: 2026-10-01
            from: joao-silva
            referred: mei-tanaka
            outcome: client
            note: Mei's cake was the talk of the street.
            thanked: {date: 2026-10-02, how: call, told: pending, note_told: true}
        """,
    )
    assert run_cli(root, "letters").exit_code == 0
    assert "talk of the street" not in body(root, "joao-silva") and "Mei" in body(root, "joao-silva")


def test_someone_owed_nothing_gets_a_hello_not_a_second_thank_you(kit) -> None:  # type: ignore[no-untyped-def]
    root = referrals_kit(
        kit,
        """\
        referrals:
          - date: 2025-03-01
            from: joao-silva
            referred: mei-tanaka
            outcome: client
            thanked: {date: 2025-03-02, how: call, told: client}
        """,
    )
    for args in (("--person", "joao-silva"), ("--all",)):
        result = run_cli(root, "letters", *args)
        assert result.exit_code == 0, result.output
        assert "  joao-silva  hello  " in result.output
        letter = body(root, "joao-silva")
        assert "Mei" in letter and "March last year" in letter and "Thank you for sending" not in letter


def test_a_late_thank_you_says_so(kit) -> None:  # type: ignore[no-untyped-def]
    late = "referrals:\n  - date: %s\n    from: joao-silva\n    referred: mei-tanaka\n    outcome: pending\n"
    root = referrals_kit(kit, late % "2025-09-20")
    assert run_cli(root, "letters").exit_code == 0
    assert "over a year" in body(root, "joao-silva")
    root.joinpath("referrals/2026.yml").write_text(late % "2026-11-01", encoding="utf-8")
    assert run_cli(root, "letters").exit_code == 0
    assert "late" not in body(root, "joao-silva") and "Forgive" not in body(root, "joao-silva")
    assert how_late(43) == "six weeks" and how_late(100) == "three months" and how_late(800) == "over two years"
    assert when_words(dt.date(2025, 3, 2), TODAY) == "in March last year"


def test_thanked_records_what_the_letter_told(kit) -> None:  # type: ignore[no-untyped-def]
    root = referrals_kit(
        kit,
        """\
        referrals:
          - date: 2026-11-20
            from: joao-silva
            referred: mei-tanaka
            outcome: pending
            note: Mei brought her grandmother's recipe.
        """,
    )
    result = run_cli(root, "thanked", "joao-silva")
    assert result.exit_code == 0, result.output
    assert "thanked: {date: 2026-11-26, how: handwritten, told: pending, note_told: true}" in result.output
    kit_now = load_kit(root, TODAY).kit
    assert kit_now.referrals[0].thanked is not None and kit_now.referrals[0].thanked.told == "pending"


# ------------------------------------------------------------------ who is addressed

ADDRESSED = """\
people:
  - id: dawes-music
    name: {given: Alan, family: Dawes}
    organisation: Dawes Music
    sign_off: "All the best,"
    address: |
      12 High Street
      Stroud
  - id: okafor-hale
    name: {given: Ruth, family: Okafor}
    with: [{given: Tom, family: Hale}]
  - id: mensah
    name: {given: Kofi, family: Mensah}
    with: [{given: Ama, family: Mensah}]
    address: |
      4 Orchard Close
  - id: jo
    name: {given: Jo, family: Byrne}
"""


def test_organisations_couples_and_families_are_addressed_by_name(kit) -> None:  # type: ignore[no-untyped-def]
    referrals = "referrals:\n" + "".join(
        f"  - date: 2026-11-20\n    from: {pid}\n    referred: jo\n    outcome: pending\n"
        for pid in ("dawes-music", "okafor-hale", "mensah")
    )
    root = referrals_kit(kit, referrals, ADDRESSED)
    assert run_cli(root, "letters").exit_code == 0
    assert body(root, "dawes-music").startswith("Dear Alan,") and body(root, "dawes-music").endswith(
        "All the best, Ana"
    )
    assert (
        "Envelope:\n  Alan Dawes\n  Dawes Music\n  12 High Street\n" in (root / "letters/dawes-music.txt").read_text()
    )
    assert body(root, "okafor-hale").startswith("Dear Ruth and Tom,")
    assert "Envelope:\n  Kofi and Ama Mensah\n" in (root / "letters/mensah.txt").read_text("utf-8")
    three = Person(
        id="m",
        name=PersonName(given="Kofi", family="Mensah"),
        with_names=(PersonName(given="Ama", family="Mensah"), PersonName(given="Esi", family="Mensah")),
    )
    assert envelope_names(three) == ["Kofi, Ama and Esi Mensah"] and addressed(three) == "Kofi, Ama and Esi"


def test_check_warns_on_names_that_will_not_read_right(kit) -> None:  # type: ignore[no-untyped-def]
    people = """\
    people:
      - id: ruth-and-tom
        name: {given: Ruth and Tom, family: Byrne}
      - id: dawes
        name: {given: Dawes Music}
      - id: li
        name: {given: 小龍, family: 李}
    """
    result = run_cli(referrals_kit(kit, "referrals: []\n", people), "check")
    assert '"Ruth and Tom" holds two people' in result.output
    assert '"Dawes Music" looks like a business, and letters would open "Dear Dawes Music"' in result.output
    assert '"小龍" is not in Latin letters and has no preferred: name' in result.output


# ------------------------------------------------------------------ the owner's questions


@pytest.mark.parametrize(
    ("checked", "dont", "asked"),
    [("2026-10-01", "[]", True), ("2024-10-01", "[]", False), ("2026-10-01", "[album]", False)],
)
def test_an_ask_is_used_while_fresh_and_safe(kit, checked: str, dont: str, asked: bool) -> None:  # type: ignore[no-untyped-def]
    people = f"""\
    people:
      - id: joao-silva
        name: {{given: João, family: Silva}}
        dont_mention: {dont}
        remember:
          - fact: Recording an album
            checked: {checked}
            ask: How is the album coming along?
      - id: mei-tanaka
        name: {{given: Mei, family: Tanaka}}
    """
    root = kit({"referrals/people.yml": people})
    assert run_cli(root, "letters").exit_code == 0
    assert ("How is the album coming along?" in body(root, "joao-silva")) is asked


# ------------------------------------------------------------------ cards


def test_card_sizes_say_their_size_in_mm_and_inches() -> None:
    assert CARDS["iso-a6"].described == "ISO A6, 105 × 148 mm (4.13 × 5.83 in)"
    assert CARDS["us-a6"].described == "US A6, 4.5 × 6.25 in (114 × 159 mm)"
    with pytest.raises(KeyError):
        card_size("B5")


def test_an_ambiguous_card_size_in_a_kit_warns_and_keeps_its_old_meaning(kit) -> None:  # type: ignore[no-untyped-def]
    root = kit({"stories/owner.yml": "name: {given: Ana}\nbusiness: Ferreira Bakes\nsignature: Ana\ncard_size: A6\n"})
    result = run_cli(root, "check")
    assert (
        'card_size: "A6" could be an ISO or a US size: write iso-a6 for ISO A6, 105 × 148 mm (4.13 × 5.83 in),'
        " what UK and European stationers sell, or write us-a6 for US A6, 4.5 × 6.25 in (114 × 159 mm)"
        " (until you choose, letters use us-a6, as before) [warning]"
    ) in result.output
    assert load_kit(root, TODAY).kit.owner.card_size == "us-a6"
    refused = run_cli(root, "letters", "--card", "A6")
    assert refused.exit_code == 2 and "could be an ISO or a US size" in refused.output


def test_over_budget_ownerkits_sentences_go_first(kit) -> None:  # type: ignore[no-untyped-def]
    note = (
        "Mei stayed for an hour and we talked about rye, spelt, starters"
        " and the wood oven she wants to build in her garden."
    )
    root = referrals_kit(
        kit,
        f"""\
        referrals:
          - date: 2025-06-01
            from: joao-silva
            referred: Bea
            outcome: client
            thanked: {{date: 2025-06-02, how: call}}
            followed_up: 2025-06-03
          - date: 2026-09-01
            from: joao-silva
            referred: mei-tanaka
            for: a birthday cake for her mother's seventieth
            outcome: pending
            note: {note}
        """,
    )
    result = run_cli(root, "letters", "--card", "us-a2")
    assert result.exit_code == 0, result.output
    assert note in body(root, "joao-silva")
    assert "left out of the letter for joao-silva:" in result.output and "to fit a US A2 card" in result.output


# ------------------------------------------------------------------ one problem type


def test_letter_problems_are_problems() -> None:
    problem = Problem("first letter", message="the greeting is empty", hint="give them a name", letter="jo")
    assert str(problem) == "letter for jo (first letter): the greeting is empty (give them a name)"
    assert problem.as_dict()["person"] == "jo"


def test_body_sentences_split_on_sentence_ends(kit) -> None:  # type: ignore[no-untyped-def]
    checked = load_kit(kit(), TODAY)
    rendered = LetterRenderer(checked.kit).render(letters_owed(checked.kit, TODAY)[0], CARDS["iso-a6"], TODAY)
    assert all(s.endswith((".", "?", "!")) for s in body_sentences(rendered))


def test_an_address_is_not_a_mention(kit) -> None:  # type: ignore[no-untyped-def]
    people = """\
    people:
      - id: joao-silva
        name: {given: João, family: Silva}
        dont_mention: [the restaurant closing]
        address: |
          The Old Restaurant
          Mill Lane
      - id: mei-tanaka
        name: {given: Mei, family: Tanaka}
    """
    root = kit({"referrals/people.yml": people})
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    assert "The Old Restaurant" in (root / "letters" / "joao-silva.txt").read_text("utf-8")


@pytest.mark.parametrize(
    ("note", "hint"),
    [
        ("Alec says Kim is his best pupil", 'write "You say Kim is your best pupil"'),
        ("Kim thinks Alec was a great help", 'write "Kim thinks you were a great help"'),
        ("Kim met Alec at the fair", 'rewrite it speaking to Alec as "you"'),  # no clean rewrite: no wrong one
    ],
)
def test_the_suggested_rewrite_passes_the_rule_itself(note: str, hint: str) -> None:
    reader = Person(id="alec-hay", name=PersonName(given="Alec", family="Hay"))
    said = third_person_warning(note, reader, "note")
    assert said is not None
    assert said[1].startswith(hint + ";"), said


def test_a_cjk_name_without_order_is_written_family_first() -> None:
    assert PersonName(given="伟", family="张", preferred="Wei").full == "张伟"
    assert PersonName(given="伟", family="张", order="given-first").full == "伟张"  # as recorded
    assert PersonName(given="Wei", family="Zhang").full == "Wei Zhang"
