"""``ownerkit letters``: golden letters, hostile names, vague-beats-wrong, the checks, safe writes.

Refresh the golden letters after an intended change with:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_letters.py
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
from pathlib import Path

import pytest
from conftest import TODAY, compare_golden_file, compare_golden_tree, run_cli

from generator.errors import WriteRefused
from generator.load.kit import load_kit
from generator.model.cards import CARDS
from generator.model.english import as_subject, in_sentence, join_names
from generator.model.letters import letters_owed
from generator.render.letters.checks import body_sentences, check_letter, check_together
from generator.render.letters.text import LetterRenderer
from generator.write.letters_folder import LetterFolder

GOLDEN = Path(__file__).parent / "golden" / "letters"


def files_of(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` as text, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def body_of(note: str) -> str:
    """The handwritten part of a .txt note, on one line."""
    return " ".join(note.split("-" * 60)[1].split())


def compare_golden(tree: dict[str, str], folder: Path) -> None:
    compare_golden_tree(tree, folder, "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_letters.py")


# ------------------------------------------------------------------ golden letters of the example kit


def test_golden_letters_of_the_example_kit(example_kit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(example_kit)
    result = run_cli(example_kit, "letters")
    assert result.exit_code == 0, result.output
    tree = {"output.txt": result.output, **files_of(example_kit / "letters")}
    compare_golden(tree, GOLDEN / "example")
    # the example covers these situations on its own
    situations = {line.split()[1] for line in result.output.splitlines()[1:] if line.startswith("  ")}
    assert {"first", "repeat", "client", "chain", "follow-up"} <= situations
    # nobody who has died gets a letter
    assert not (example_kit / "letters" / "arthur-pennington.txt").exists()


@pytest.mark.parametrize(
    ("card", "size"),
    [("iso-a6", "105mm 148mm"), ("iso-a5", "148mm 210mm"), ("dl", "99mm 210mm"), ("us-a7", "127.0mm 177.8mm")],
)
def test_golden_card_sizes(example_kit: Path, monkeypatch: pytest.MonkeyPatch, card: str, size: str) -> None:
    monkeypatch.chdir(example_kit)
    result = run_cli(example_kit, "letters", "--person", "hamid-karimi", "--card", card)
    assert result.exit_code == 0, result.output
    html_text = (example_kit / "letters" / "hamid-karimi.html").read_text("utf-8")
    assert f"@page {{ size: {size}; margin: 0; }}" in html_text
    tree = {
        f"output-{card}.txt": result.output,
        f"hamid-karimi-{card}.html": html_text,
        f"hamid-karimi-{card}.txt": (example_kit / "letters" / "hamid-karimi.txt").read_text("utf-8"),
    }
    for rel, content in tree.items():
        compare_golden_file(GOLDEN / "cards" / rel, content, "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_letters.py")


# ------------------------------------------------------------------ every situation, in a small kit

SITUATIONS_PEOPLE = """\
people:
  - id: joao-silva
    name: {given: João, family: Silva}
    email: joao@example.com
  - id: mei-tanaka
    name: {given: Mei, family: Tanaka, order: family-first}
  - id: ruth-okafor
    name: {given: Ruth, family: Okafor}
    address: |
      12 Mill Lane
      Stroud GL5 1AA
  - id: tom-hale
    name: {given: Thomas, family: Hale, preferred: Tom}
  - id: ines-costa
    name: {given: Inês, family: Costa}
  - id: priya-raman
    name: {given: Priya, family: Raman}
  - id: sam-ade
    name: {given: Samuel, family: Adé, preferred: Sam}
  - id: lena-brandt
    name: {given: Lena, family: Brandt}
"""

SITUATIONS_REFERRALS = """\
referrals:
  # first: one pending referral
  - date: 2026-11-10
    from: joao-silva
    referred: Carla from the market
    for: a birthday cake for her mother
    outcome: pending
  # client
  - date: 2026-11-01
    from: mei-tanaka
    referred: lena-brandt
    for: bread for her café
    outcome: client
    note: Lena's café smells of our sourdough every morning now.
  # not-a-fit
  - date: 2026-11-02
    from: ruth-okafor
    referred: The Hendersons
    for: a wedding cake for three hundred
    outcome: not-a-fit
  # repeat: Tom has sent a friend before
  - date: 2025-05-01
    from: tom-hale
    referred: Ana's cousin Bea
    outcome: client
    thanked: {date: 2025-05-03, how: call}
    followed_up: 2025-06-01
  - date: 2026-11-05
    from: tom-hale
    referred: Dev
    outcome: pending
  # chain: Inês sent Priya, and Priya has now sent Sam
  - date: 2026-01-10
    from: ines-costa
    referred: priya-raman
    outcome: client
    thanked: {date: 2026-01-12, how: handwritten}
    followed_up: 2026-02-01
  - date: 2026-11-12
    from: priya-raman
    referred: sam-ade
    outcome: pending
    thanked: {date: 2026-11-13, how: in-person}
  # follow-up: Sam's friend became a client, Sam was thanked but has not heard how it went
  - date: 2026-09-01
    from: sam-ade
    referred: Olu, his brother
    for: a christening cake
    outcome: client
    thanked: {date: 2026-09-03, how: email}
  # an override: a pending referral written as a first-time thank-you although Lena has sent before
  - date: 2026-03-01
    from: lena-brandt
    referred: Jo
    outcome: client
    thanked: {date: 2026-03-02, how: call}
    followed_up: 2026-03-20
  - date: 2026-11-20
    from: lena-brandt
    referred: Kit, her sister
    outcome: pending
    situation: first
"""


def situations_kit(kit) -> Path:  # type: ignore[no-untyped-def]
    return kit({"referrals/people.yml": SITUATIONS_PEOPLE, "referrals/2026.yml": SITUATIONS_REFERRALS})


def test_golden_letter_for_every_situation(kit, monkeypatch: pytest.MonkeyPatch) -> None:
    root = situations_kit(kit)
    monkeypatch.chdir(root)
    result = run_cli(root, "letters", "--card", "us-a7")
    assert result.exit_code == 0, result.output
    situations = {}
    for line in result.output.splitlines()[1:]:
        if line.startswith("  ") and not line.startswith("  ownerkit "):
            pid, situation = line.split()[:2]
            situations[pid] = situation
    assert situations == {
        "joao-silva": "first",
        "mei-tanaka": "client",
        "ruth-okafor": "not-a-fit",
        "tom-hale": "repeat",
        "ines-costa": "chain",
        "sam-ade": "follow-up",
        "lena-brandt": "first",  # overridden by situation: first
    }
    tree = {"output.txt": result.output, **files_of(root / "letters")}
    compare_golden(tree, GOLDEN / "situations")


def test_situation_wording(kit) -> None:
    root = situations_kit(kit)
    assert run_cli(root, "letters").exit_code == 0
    text = {p.stem: p.read_text("utf-8") for p in (root / "letters").glob("*.txt")}
    body = {pid: body_of(note) for pid, note in text.items()}
    assert "Mei" in text["mei-tanaka"] and "Tanaka Mei" in text["mei-tanaka"]  # greeting, then full name
    # the owner's note names the friend, so it opens the letter
    assert body["mei-tanaka"].startswith("Dear Mei, Lena's café smells of our sourdough every morning now.")
    assert "Hendersons" in body["ruth-okafor"] and "wedding cake for three hundred" in body["ruth-okafor"]
    assert ("Dear Tom," in text["tom-hale"] and "second time" in body["tom-hale"]) or "before" in body["tom-hale"]
    assert "Priya" in body["ines-costa"] and "Sam" in body["ines-costa"]
    # "Olu, his brother" speaks of Sam in the third person: the letter says "Olu" alone
    assert "his brother" not in body["sam-ade"] and "Olu" in body["sam-ade"]
    assert "second time" not in body["lena-brandt"]  # first, by override


# ------------------------------------------------------------------ hostile names

HOSTILE_PEOPLE = """\
people:
  - id: sulastri
    name: {given: Sulastri}
    email: sulastri@example.com
  - id: tanaka-mei
    name: {given: Mei, family: Tanaka, order: family-first}
  - id: aoife-obrien-smith
    name: {given: Aoife, family: O'Brien-Smith, preferred: ""}
    email: aoife@example.com
    address: |
      Flat 2, 7 St John's Road
      Dún Laoghaire
  - id: jose-nunez
    name: {given: José, family: Núñez, preferred: Pepe}
    email: jose@example.com
  - id: li-xiaolong
    name: {given: 小龍, family: 李, order: family-first}
    email: xiaolong@example.com
"""

HOSTILE_REFERRALS = """\
referrals:
  - date: 2026-11-01
    from: sulastri
    referred: tanaka-mei
    for: "a cake for <script>alert('x')</script> & friends"
    outcome: client
  - date: 2026-11-02
    from: aoife-obrien-smith
    referred: jose-nunez
    outcome: pending
    note: Pepe's "tres leches" was the talk of the street.
  - date: 2026-11-03
    from: jose-nunez
    referred: li-xiaolong
    outcome: pending
  - date: 2026-11-04
    from: li-xiaolong
    referred: Zoë O'Neill-Ng
    for: dumplings for the lantern festival
    outcome: pending
"""


def test_hostile_names(kit) -> None:
    root = kit({"referrals/people.yml": HOSTILE_PEOPLE, "referrals/2026.yml": HOSTILE_REFERRALS})
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    out = root / "letters"
    txt = {p.stem: p.read_text("utf-8") for p in out.glob("*.txt")}
    html = {p.stem: p.read_text("utf-8") for p in out.glob("*.html")}
    # mononym: greeted and named by the one name; no stray space or "None"
    assert "Dear Sulastri," in txt["sulastri"] and "For Sulastri (" in txt["sulastri"]
    # family-first: greeted by given name, full name family first
    assert "Mei" in " ".join(txt["sulastri"].split()) and "Tanaka" not in body_of(txt["sulastri"])
    # apostrophe and hyphen intact; empty preferred falls back to the given name
    assert "Dear Aoife," in txt["aoife-obrien-smith"]
    assert "Aoife O'Brien-Smith" in txt["aoife-obrien-smith"]
    assert "Aoife O&#39;Brien-Smith" in html["aoife-obrien-smith"]  # escaped in HTML, shown intact
    assert "Dún Laoghaire" in html["aoife-obrien-smith"]
    # accents, and greeting by preferred name
    assert "Dear Pepe," in txt["jose-nunez"] and "José Núñez" in txt["jose-nunez"]
    assert "小龍" in body_of(txt["jose-nunez"]) and "李" not in body_of(txt["jose-nunez"])
    # non-Latin script, family-first
    assert "Dear 小龍," in txt["li-xiaolong"] and "李小龍" in txt["li-xiaolong"]
    assert "Zoë O'Neill-Ng" in txt["li-xiaolong"]
    # <script> in `for` is escaped in the card, and stays plain text in the note
    assert "<script>" not in html["sulastri"]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends" in html["sulastri"]
    assert "<script>alert('x')</script> & friends" in " ".join(txt["sulastri"].split())
    for name, text in {**txt, **html}.items():
        assert "None" not in text and "nan" not in text.split(), name
    # the email drafts carry the names intact
    message = email.message_from_bytes((out / "li-xiaolong.eml").read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].display_name == "李小龍"
    assert "Dear 小龍," in message.get_content()


def test_template_syntax_in_a_value_is_never_run(kit) -> None:
    root = kit(
        {
            "referrals/2026.yml": """\
            referrals:
              - date: 2026-10-01
                from: joao-silva
                referred: mei-tanaka
                outcome: client
                note: "She said {{ 7*7 }} times thank you"
            """
        }
    )
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output == (
        'letter for joao-silva (client letter → note.txt.j2): leftover template syntax "{{" in "She said {{ 7*7 }}'
        ' times thank you" (it comes from note: (referrals/2026.yml:2): values are never run as templates;'
        " rephrase it without braces)\n"
        f"Error: 1 problem in the letters; nothing was written to {os.path.relpath(root / 'letters')}\n"
    )
    assert "49 times" not in result.output  # (the temporary folder's name may hold a 49)
    assert not (root / "letters").exists()


# ------------------------------------------------------------------ vague beats wrong

VAGUE_PEOPLE = """\
people:
  - id: joao-silva
    name: {given: João, family: Silva}
    email: joao@example.com
    remember:
      - fact: Training for the Cotswold Way walk
        checked: 2026-10-01
      - fact: His son Rui was learning the cello
        checked: 2024-01-05
      - fact: Going through a divorce this year
        checked: 2026-11-01
    dont_mention: [divorce, the old shop]
  - id: mei-tanaka
    name: {given: Mei, family: Tanaka, order: family-first}
  - id: ada-lowe
    name: {given: Ada, family: Lowe}
    deceased: true
"""


def test_vague_beats_wrong(kit) -> None:
    root = kit(
        {
            "referrals/people.yml": VAGUE_PEOPLE,
            "referrals/2026.yml": """\
            referrals:
              - date: 2026-10-01
                from: joao-silva
                referred: mei-tanaka
                outcome: client
                value: 1234.56
                note: She found us after THE OLD SHOP closed. Lovely to meet her.
              - date: 2026-10-02
                from: ada-lowe
                referred: Bea
                for: a cake
                outcome: client
            """,
        }
    )
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    everything = "\n".join(files_of(root / "letters").values())
    # no `for`: the sentence that needs it is gone, with nothing in its place
    assert "my way for" not in everything
    assert "Mei" in body_of((root / "letters" / "joao-silva.txt").read_text("utf-8"))
    assert "they've" not in everything  # no pronoun recorded for Mei: none is written
    # the amount never appears
    assert "1234" not in everything and "1,234" not in everything
    # dont_mention: the note touching it is left out (whatever the case), and the owner is told
    assert "old shop" not in everything.lower()
    assert "Lovely to meet her." not in everything
    # ... and the remember fact touching it never appears either
    assert "divorce" not in everything.lower()
    # fresh remember facts are offered (off the card); stale ones are not
    assert "Training for the Cotswold Way walk (checked 2026-10-01)" in everything
    assert "Rui" not in everything
    # nobody who has died gets a letter
    assert sorted(p.name for p in (root / "letters").iterdir()) == [
        ".ownerkit-manifest.json",
        "joao-silva.eml",
        "joao-silva.html",
        "joao-silva.txt",
    ]
    assert (
        "left out of the letter for joao-silva: note: of joao-silva-2026-10-01 at referrals/2026.yml:2"
        ' (it touches "the old shop" (dont_mention))'
    ) in result.output
    # a wider freshness window lets the older fact through
    assert run_cli(root, "letters", "--fresh-months", "36").exit_code == 0
    assert "His son Rui was learning the cello" in (root / "letters" / "joao-silva.txt").read_text("utf-8")


def test_no_letter_for_someone_who_died(kit) -> None:
    root = kit({"referrals/people.yml": VAGUE_PEOPLE})
    result = run_cli(root, "letters", "--person", "ada-lowe")
    assert result.exit_code == 1
    assert result.output == "Error: ada-lowe has died: ownerkit writes them no letter\n"
    result = run_cli(root, "letters", "--person", "nobody")
    assert result.output == 'Error: no person has the id "nobody"\n'
    result = run_cli(root, "letters", "--person", "mei-tanaka")
    assert result.output == "Error: mei-tanaka has not referred anyone yet: there is nothing to thank them for\n"


def test_nothing_owed_writes_nothing(kit) -> None:
    root = kit(
        {
            "referrals/2026.yml": """\
            referrals:
              - date: 2026-10-01
                from: joao-silva
                referred: mei-tanaka
                outcome: pending
                thanked: {date: 2026-10-02, how: call}
            """
        }
    )
    result = run_cli(root, "letters")
    assert result.output == "No letters owed today (2026-11-26): everyone has been thanked. Nothing was written.\n"
    assert not (root / "letters").exists()
    # --person still writes one, about their latest referral; --all covers every living referrer
    assert run_cli(root, "letters", "--person", "joao-silva").exit_code == 0
    assert (root / "letters" / "joao-silva.txt").exists()
    data = json.loads(run_cli(root, "letters", "--all", "--json").output)
    assert [item["person"] for item in data["letters"]] == ["joao-silva"]


# ------------------------------------------------------------------ the checks, one test each


NO_FOR = """\
referrals:
  - date: 2026-10-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
"""


def override(kit, name: str, text: str, referrals: str | None = None) -> Path:  # type: ignore[no-untyped-def]
    files = {f"referrals/templates/{name}": text}
    if referrals:
        files["referrals/2026.yml"] = referrals
    return kit(files)


def test_check_leftover_template_syntax_from_a_template(kit) -> None:
    root = override(kit, "client.j2", "Thank you for {% raw %}{{ friends }}{% endraw %}.\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert (
        'letter for joao-silva (referrals/templates/client.j2 → note.txt.j2): leftover template syntax "{{" in'
        ' "Thank you for {{ friends }}." (a template tag was not rendered; check the template\'s {{ }} and {% %}'
        " pairs)"
    ) in result.output
    assert not (root / "letters").exists()


def test_check_none_printed(kit) -> None:
    # a None turned into text slips past the renderer's guard; the check still catches it
    root = override(kit, "client.j2", "Thank you. It was {{ thanks[0].for_what | string }}.\n", NO_FOR)
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert '"None" where a value should be' in result.output
    assert not (root / "letters").exists()


def test_renderer_refuses_to_print_a_missing_value(kit) -> None:
    root = override(kit, "client.j2", "Thank you.\nIt was {{ thanks[0].for_what }}.\n", NO_FOR)
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output == (
        "Error: letter for joao-silva: referrals/templates/client.j2:2: printed a missing value (None)"
        " (every value a template prints must be recorded; guard optional ones with {% if %}); nothing was written\n"
    )


def test_check_nan(kit) -> None:
    root = override(kit, "client.j2", "Thank you for the nan cakes.\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert '"nan" where a value should be' in result.output


def test_owner_words_are_not_mistaken_for_a_missing_value(kit) -> None:
    root = kit(
        {
            "referrals/2026.yml": """\
            referrals:
              - date: 2026-10-01
                from: joao-silva
                referred: mei-tanaka
                outcome: client
                note: None of us will forget your nan's recipe.
            """
        }
    )
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output


def test_check_empty_greeting(kit) -> None:
    root = override(kit, "note.txt.j2", "Dear {{ person.id[:0] }},\n\n{{ paragraphs | join('\\n') }}\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert "letter for joao-silva (client letter → note.txt.j2): a greeting with no name" in result.output


@pytest.mark.parametrize("placeholder", ["[NAME]", "<FIRST NAME>", "TODO", "XXX", "{name}"])
def test_check_placeholders(kit, placeholder: str) -> None:
    root = kit(
        {
            "referrals/2026.yml": f"""\
            referrals:
              - date: 2026-10-01
                from: joao-silva
                referred: mei-tanaka
                outcome: client
                note: "Say hello to {placeholder} for me."
            """
        }
    )
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert f'placeholder-looking text "{placeholder}" (it comes from note: (referrals/2026.yml:2)' in result.output
    assert not (root / "letters").exists()


def test_check_dont_mention_in_a_template(kit) -> None:
    people = "people:\n  - id: joao-silva\n    name: {given: João, family: Silva}\n    dont_mention: [cake]\n"
    people += "  - id: mei-tanaka\n    name: {given: Mei, family: Tanaka}\n"
    root = override(kit, "note.txt.j2", "About the cake\nDear {{ person.greeting }},\n")
    root.joinpath("referrals/people.yml").write_text(people, encoding="utf-8")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert (
        'letter for joao-silva (client letter → note.txt.j2): mentions "cake", which joao-silva asked you never to'
        " mention (dont_mention) (rephrase it)"
    ) in result.output


def test_check_nothing_to_say(kit) -> None:
    root = override(kit, "client.j2", "{# nothing #}\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert "letter for joao-silva (referrals/templates/client.j2): the letter has nothing to say" in result.output


def test_warning_too_long_for_the_card(kit) -> None:
    note = "We talked for an hour about sourdough, starters, rye and spelt, and she left with a loaf. " * 3
    root = kit(
        {
            "referrals/2026.yml": f"""\
            referrals:
              - date: 2026-10-01
                from: joao-silva
                referred: mei-tanaka
                outcome: client
                note: {note.strip()}
            """
        }
    )
    result = run_cli(root, "letters", "--card", "us-a2")
    assert result.exit_code == 0
    assert (
        "letter for joao-silva (client letter): too long to handwrite on a US A2 card: 66 words, 349 characters"
        " (about 50 words or 290 characters fit) (try --card iso-a5, or shorten your note) [warning]"
    ) in result.output
    assert "too long" not in run_cli(root, "letters", "--card", "iso-a5").output
    assert run_cli(root, "letters", "--card", "us-a2", "--strict").exit_code == 1


def test_no_ownerkit_sentence_in_more_than_three_letters(kit) -> None:
    people = "people:\n" + "".join(
        f"  - id: p{i}\n    name: {{given: Pat{chr(97 + i)}, family: Lee}}\n" for i in range(12)
    )
    referrals = "referrals:\n" + "".join(
        f"  - date: 2026-11-20\n    from: p{i}\n    referred: Friend{chr(97 + i)}\n    outcome: not-a-fit\n"
        for i in range(12)
    )
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": referrals})
    checked = load_kit(root, TODAY)
    renderer = LetterRenderer(checked.kit)
    rendered = [renderer.render(x, CARDS["iso-a6"], TODAY) for x in letters_owed(checked.kit, TODAY)]
    assert len(rendered) == 12
    counts: dict[str, int] = {}
    for one in rendered:
        for sentence in set(body_sentences(one)):
            counts[sentence] = counts.get(sentence, 0) + 1
    assert max(counts.values()) <= 3, counts
    assert check_together(rendered) == []


def test_a_sentence_in_four_letters_is_reported(kit) -> None:
    template = "Thank you, {{ person.greeting }}. The bread was good.\n"
    people = "people:\n" + "".join(f"  - id: p{i}\n    name: {{given: Pat{chr(97 + i)}}}\n" for i in range(4))
    referrals = "referrals:\n" + "".join(
        f"  - date: 2026-11-20\n    from: p{i}\n    referred: Jo\n    outcome: client\n" for i in range(4)
    )
    root = override(kit, "client.j2", template)
    root.joinpath("referrals/people.yml").write_text(people, encoding="utf-8")
    root.joinpath("referrals/2026.yml").write_text(referrals, encoding="utf-8")
    checked = load_kit(root, TODAY)
    renderer = LetterRenderer(checked.kit)
    rendered = [renderer.render(x, CARDS["iso-a6"], TODAY) for x in letters_owed(checked.kit, TODAY)]
    assert [str(w) for w in check_together(rendered)] == [
        'letter for p0 (referrals/templates/client.j2): "The bread was good." is in 4 letters: p0, p1, p2, p3'
        " (a sentence every reader gets reads like a form; add a note: in your own words, or change it) [warning]"
    ]


def test_warning_no_personal_line(kit) -> None:
    root = kit()
    result = run_cli(root, "letters")
    assert (
        "letter for joao-silva (client letter): no personal line: it reads generic"
        " (add note: to the referral with a line in your own words, or a line for this letter:"
        ' ownerkit letters --line joao-silva "...") [warning]'
    ) in result.output
    checked = load_kit(root, TODAY)
    letter = letters_owed(checked.kit, TODAY)[0]
    issues = check_letter(LetterRenderer(checked.kit).render(letter, CARDS["us-a2"], TODAY))
    assert [i.message for i in issues] == ["no personal line: it reads generic"]


# ------------------------------------------------------------------ templates: override, sandbox, errors


def test_owner_template_overrides_the_default_by_name(kit) -> None:
    root = override(kit, "client.j2", "Cheers for {{ friends }}, {{ person.greeting }}!\n")
    assert run_cli(root, "letters").exit_code == 0
    assert "Cheers for Mei, João!" in (root / "letters" / "joao-silva.txt").read_text("utf-8")


def test_sandbox_refuses_unsafe_templates(kit) -> None:
    root = override(kit, "client.j2", "{{ friends.__class__.__mro__[1].__subclasses__() }}\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output.startswith("Error: letter for joao-silva: referrals/templates/client.j2:1: ")
    assert "unsafe" in result.output
    assert not (root / "letters").exists()


def test_template_syntax_error_names_the_file_and_line(kit) -> None:
    root = override(kit, "client.j2", "Thank you.\n{% if friends %}\nno end\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output.startswith("Error: referrals/templates/client.j2:3: Unexpected end of template.")
    assert result.output.endswith("; nothing was written\n")


# ------------------------------------------------------------------ safe writes


def test_dry_run_writes_nothing(kit, monkeypatch: pytest.MonkeyPatch) -> None:
    root = kit()
    monkeypatch.chdir(root)
    result = run_cli(root, "letters", "--dry-run")
    assert result.exit_code == 0
    assert result.output == (
        "ownerkit letters: 1 letter on ISO A6, 105 × 148 mm (4.13 × 5.83 in) cards (dry run: nothing is written)\n"
        "  joao-silva  client  would write  letters/joao-silva.{txt,html,eml}\n"
        "letter for joao-silva (client letter): no personal line: it reads generic"
        " (add note: to the referral with a line in your own words, or a line for this letter:"
        ' ownerkit letters --line joao-silva "...") [warning]\n'
        "Letters would be in letters/: copy each .txt by hand, print each .html on an ISO A6 card,"
        " or open each .eml as a draft. Nothing has been sent.\n"
    )
    assert not (root / "letters").exists()


def test_an_edited_letter_is_never_overwritten(kit, monkeypatch: pytest.MonkeyPatch) -> None:
    root = kit()
    monkeypatch.chdir(root)
    assert run_cli(root, "letters").exit_code == 0
    txt = root / "letters" / "joao-silva.txt"
    html = root / "letters" / "joao-silva.html"
    mine = txt.read_text("utf-8").replace("Dear João,", "Dear João, my friend,")
    txt.write_text(mine, encoding="utf-8")
    html_before = html.read_bytes()
    # a new note changes the letter; the edited .txt must survive, the others are refreshed
    (root / "referrals/2026.yml").write_text(
        (root / "referrals/2026.yml").read_text("utf-8") + "    note: Mei loved the cake.\n", encoding="utf-8"
    )
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    assert txt.read_text("utf-8") == mine
    assert html.read_bytes() != html_before and b"Mei loved the cake." in html.read_bytes()
    assert "  joao-silva  client  wrote, kept 1 you edited  letters/joao-silva.{txt,html,eml}\n" in result.output
    assert (
        "kept letters/joao-silva.txt: you edited it since ownerkit wrote it; not overwritten"
        " (delete it to get a fresh one)\n"
    ) in result.output
    # still kept on the next run; deleting it brings a fresh one
    assert txt.read_text("utf-8") == mine
    run_cli(root, "letters")
    assert txt.read_text("utf-8") == mine
    txt.unlink()
    run_cli(root, "letters")
    assert "Mei loved the cake." in " ".join(txt.read_text("utf-8").split())
    # a run with nothing new says so
    assert "  joao-silva  client  unchanged  letters/joao-silva.{txt,html,eml}\n" in run_cli(root, "letters").output


def test_a_file_ownerkit_did_not_write_is_kept(kit) -> None:
    root = kit()
    (root / "letters").mkdir()
    (root / "letters" / "joao-silva.txt").write_text("my own draft\n", encoding="utf-8")
    result = run_cli(root, "letters")
    assert result.exit_code == 0
    assert (root / "letters" / "joao-silva.txt").read_text("utf-8") == "my own draft\n"
    assert "joao-silva.txt: ownerkit did not write it; not overwritten" in result.output


def test_file_names_cannot_leave_the_letters_folder(tmp_path: Path) -> None:
    folder = LetterFolder(tmp_path / "letters")
    with pytest.raises(WriteRefused):
        folder.plan([("../escape.txt", b"x")])


# ------------------------------------------------------------------ the email draft


def test_eml_parses_back(kit) -> None:
    owner = "name:\n  given: Ana\n  family: Ferreira\nbusiness: Ferreira Bakes\nsignature: Ana\n"
    owner += "sign_off: Love from the bakery,\ncontact:\n  email: ana@ferreira.example\n"
    root = kit({"stories/owner.yml": owner})
    assert run_cli(root, "letters").exit_code == 0
    raw = (root / "letters" / "joao-silva.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"].addresses[0].display_name == "João Silva"
    assert message["To"].addresses[0].addr_spec == "joao@example.com"
    assert message["From"].addresses[0].display_name == "Ana Ferreira"
    assert message["From"].addresses[0].addr_spec == "ana@ferreira.example"
    assert message["Subject"] == "Thank you, João"
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith(
        "(A draft from ownerkit: read it, make it yours, and send it yourself. Delete this line before sending.)\n"
    )
    assert "Dear João,\n\nForgive me for taking eight weeks to write this." in body
    assert body.endswith("Love from the bakery,\nAna\n")  # the owner's own sign_off closes every letter
    # no email address, no draft
    assert not (root / "letters" / "mei-tanaka.eml").exists()


def test_no_eml_without_an_email_address(kit) -> None:
    root = kit({"referrals/people.yml": SITUATIONS_PEOPLE, "referrals/2026.yml": SITUATIONS_REFERRALS})
    assert run_cli(root, "letters").exit_code == 0
    assert (root / "letters" / "joao-silva.eml").exists()
    assert not (root / "letters" / "ruth-okafor.eml").exists()
    # the envelope sheet exists only where an address is recorded
    assert 'class="sheet envelope"' in (root / "letters" / "ruth-okafor.html").read_text("utf-8")
    assert 'class="sheet envelope"' not in (root / "letters" / "joao-silva.html").read_text("utf-8")


# ------------------------------------------------------------------ small helpers


def test_name_helpers() -> None:
    assert join_names(["Isla"]) == "Isla"
    assert join_names(["Isla", "Tom"]) == "Isla and Tom"
    assert join_names(["Isla", "Tom", "Priya"]) == "Isla, Tom and Priya"
    assert join_names(["Lorna, the alto", "Jean"]) == "Lorna, the alto; and Jean"
    assert in_sentence("The Lewis family") == "the Lewis family"
    assert in_sentence("Theo") == "Theo"
    assert as_subject("Lorna, the alto") == "Lorna, the alto,"
    assert as_subject("the Lewis family") == "The Lewis family"


@pytest.mark.parametrize("pid", ["fiona-mcallister", "daniel-okoro", "hamid-karimi"])
def test_readme_shows_real_letters_from_the_example(pid: str) -> None:
    """The README's three letters (a first thank-you, a chain, a late one) are the example kit's, word for word."""
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    card = (GOLDEN / "example" / f"{pid}.txt").read_text("utf-8").split("-" * 60)[1].strip("\n")
    assert card in readme


def test_a_relation_that_touches_dont_mention_leaves_the_friend_by_name_alone(kit) -> None:
    people = "people:\n  - id: joao-silva\n    name: {given: João, family: Silva}\n    dont_mention: [divorce]\n"
    referrals = """\
    referrals:
      - date: 2026-10-01
        from: joao-silva
        referred: {name: Lin, relation: ex-wife}
        for: a birthday cake
        outcome: client
    """
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": referrals})
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    body = body_of((root / "letters" / "joao-silva.txt").read_text("utf-8"))
    assert "Lin" in body and "ex-wife" not in body
    assert (
        "left out of the letter for joao-silva: referred: of joao-silva-2026-10-01 at referrals/2026.yml:2"
        ' (it touches "divorce" (dont_mention); the letter says "Lin")'
    ) in result.output


def test_a_friend_who_has_died_gets_no_news_in_the_present_tense(kit) -> None:
    people = """\
    people:
      - id: noor-ali
        name: {given: Noor, family: Ali}
      - id: sipho-dube
        name: {given: Sipho, family: Dube}
        deceased: true
    """
    referrals = """\
    referrals:
      - {date: 2026-10-01, from: noor-ali, referred: Bob, for: a tuning, outcome: client}
      - {date: 2026-10-02, from: noor-ali, referred: Sipho Dube, for: a coat, outcome: client}
    """
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": referrals})
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    body = body_of((root / "letters" / "noor-ali.txt").read_text("utf-8"))
    assert "Sipho" in body  # thanked for the referral ...
    assert "coat" not in body and "Sipho Dube" not in body  # ... by the name on file, and no news about him
    assert "Bob" in body and "a tuning" in body


@pytest.mark.parametrize("outcome", ["not-a-fit", "client"])
def test_no_it_points_at_a_for_the_letter_does_not_give(kit, outcome: str) -> None:
    for day in range(1, 8):  # every phrasing the day may choose
        referrals = f"referrals:\n  - {{date: 2026-10-0{day}, from: joao-silva, referred: Lin, outcome: {outcome}}}\n"
        root = kit({"referrals/2026.yml": referrals})
        result = run_cli(root, "letters")
        assert result.exit_code == 0, result.output
        body = body_of((root / "letters" / "joao-silva.txt").read_text("utf-8"))
        assert not re.search(r"\b[Ii]t\b", body), body
