"""``add person``, ``add referral``, ``touched`` and ``publish``: whole outputs, and every other byte kept."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from generator.model.matching import base_id, unique_id
from generator.model.records import PersonName
from generator.render.yamlrecord import record_lines, scalar
from generator.write.yamlappend import append_records

COMMENTED = """\
# My people. Comments, order and style stay as I wrote them.
people:
  - id: joao-silva   # from the market
    name: {given: João, family: Silva}
    email: joao@example.com

  - id: mei-tanaka
    name: {given: Mei, family: Tanaka, order: family-first}
# the end
"""


def test_add_person_keeps_every_byte_and_prints_what_it_added(kit) -> None:
    root = kit({"referrals/people.yml": COMMENTED})
    result = run_cli(
        root, "add", "person", "--given", "Olubisi", "--family", "Adebayo", "--preferred", "Bisi",
        "--email", "bisi@example.com", "--address", "12 Otley Road / Leeds LS6 3AA", "--birthday", "04-17",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        "referrals/people.yml:10: added olubisi-adebayo\n"
        "    - id: olubisi-adebayo\n"
        "      name:\n"
        "        given: Olubisi\n"
        "        family: Adebayo\n"
        "        preferred: Bisi\n"
        "      email: bisi@example.com\n"
        "      address: |\n"
        "        12 Otley Road\n"
        "        Leeds LS6 3AA\n"
        '      birthday: "04-17"\n'
        'Next: ownerkit add referral --from olubisi-adebayo --referred "FRIEND\'S NAME"\n'
    )
    text = (root / "referrals/people.yml").read_text(encoding="utf-8")
    before, added = text.split("\n\n  - id: olubisi-adebayo\n")
    assert before + "\n" == COMMENTED.replace("# the end\n", "")
    assert added.endswith('    birthday: "04-17"\n# the end\n')
    assert run_cli(root, "check").exit_code == 0


def test_add_person_refuses_a_duplicate_and_writes_nothing(kit) -> None:
    root = kit({"referrals/people.yml": COMMENTED})
    for args in (("--given", "Joao", "--family", "SILVA"), ("--given", "Jon", "--email", "JOAO@example.com")):
        result = run_cli(root, "add", "person", *args)
        assert result.exit_code == 1
        assert "is already on file as joao-silva" in result.output
        assert "nothing was written" in result.output
    assert (root / "referrals/people.yml").read_text(encoding="utf-8") == COMMENTED


def test_add_person_dry_run_and_same_name_anyway(kit) -> None:
    root = kit({"referrals/people.yml": COMMENTED})
    dry = run_cli(root, "add", "person", "--given", "Ana", "--family", "Ramos", "--dry-run")
    assert dry.output.splitlines()[0] == "referrals/people.yml:10: would add ana-ramos"
    assert dry.output.splitlines()[-1] == "dry run: nothing was written"
    assert (root / "referrals/people.yml").read_text(encoding="utf-8") == COMMENTED
    again = run_cli(root, "add", "person", "--given", "João", "--family", "Silva", "--preferred", "Jay", "--anyway")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[0] == "referrals/people.yml:10: added joao-silva-2"


def test_add_person_names_a_close_match(kit) -> None:
    root = kit({"referrals/people.yml": COMMENTED})
    result = run_cli(root, "add", "person", "--given", "Joáo", "--family", "Silvia")
    assert "note: joao-silva (João Silva) has a similar name; is it the same person?" in result.output


def test_add_person_needs_a_name_without_a_terminal(kit) -> None:
    result = run_cli(kit(), "add", "person", "--family", "Hale")
    assert result.exit_code == 2
    assert "--given is required when not typing at a terminal" in result.output


def test_add_referral_by_name_into_the_latest_file(kit) -> None:
    root = kit()
    before = (root / "referrals/2026.yml").read_text(encoding="utf-8")
    result = run_cli(root, "add", "referral", "--from", "João Silva", "--referred", "Tom Hale", "--for", "bread")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "referrals/2026.yml:7: added joao-silva-2026-11-26\n"
        "    - date: 2026-11-26\n"
        "      from: joao-silva\n"
        "      referred: Tom Hale\n"
        "      for: bread\n"
        "      outcome: pending\n"
        "Next: ownerkit letters (then, once you have thanked them: ownerkit thanked ID)\n"
    )
    assert (root / "referrals/2026.yml").read_text(encoding="utf-8").startswith(before)
    same = run_cli(root, "add", "referral", "--from", "joao-silva", "--referred", "Tom Hale")
    assert same.exit_code == 1
    assert "already recorded as joao-silva-2026-11-26" in same.output


def test_add_referral_from_someone_not_on_file(kit) -> None:
    result = run_cli(kit(), "add", "referral", "--from", "joao-silv", "--referred", "Tom")
    assert result.exit_code == 1
    assert result.output == (
        'Error: no one on file is "joao-silv" (did you mean joao-silva? to add them: ownerkit add person)\n'
    )


def test_touched_moves_last_contact_and_keeps_notes(kit) -> None:
    root = kit({"referrals/people.yml": COMMENTED})
    result = run_cli(root, "touched", "mei-tanaka", "--note", "Opening a second shop in March")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "referrals/people.yml:9: recorded mei-tanaka\n"
        "    last_contact: 2026-11-26\n"
        "    remember:\n"
        "      - fact: Opening a second shop in March\n"
        "        checked: 2026-11-26\n"
    )
    older = run_cli(root, "touched", "mei-tanaka", "--date", "2026-10-01", "--note", "Likes rye")
    assert older.exit_code == 0
    assert "note: last_contact stays 2026-11-26 (later than 2026-10-01)" in older.output
    text = (root / "referrals/people.yml").read_text(encoding="utf-8")
    assert text.count("last_contact: 2026-11-26") == 1
    assert "      - fact: Likes rye\n        checked: 2026-10-01\n# the end\n" in text


def test_publish_removes_only_the_draft_line(kit) -> None:
    story = (
        "---\ntitle: Bread\nprompt: why-i-started\ndate: 2026-01-10\ndraft: true # not yet\nsummary: s\n---\n\nText\n"
    )
    root = kit({"stories/2026-01-10-why-i-started.md": story})
    result = run_cli(root, "publish", "why-i-started")
    assert result.output == (
        "stories/2026-01-10-why-i-started.md:5: removed draft: true (why-i-started)\n"
        "Next: mkdocs build (or mkdocs serve to preview)\n"
    )
    assert (root / "stories/2026-01-10-why-i-started.md").read_text() == story.replace("draft: true # not yet\n", "")
    again = run_cli(root, "publish", "why-i-started")
    assert again.exit_code == 0
    assert again.output == (
        "stories/2026-01-10-why-i-started.md: why-i-started is already published (it has no draft: true);"
        " nothing to do\n"
    )


def test_publish_refuses_a_starter_story_with_only_its_questions(kit) -> None:
    root = kit()
    assert run_cli(root, "new", "story", "Moving shop", "--prompt", "why-i-started").exit_code == 0
    (path,) = (root / "stories").glob("*moving-shop.md")
    before = path.read_text(encoding="utf-8")
    assert "<!--" in before
    result = run_cli(root, "publish", "moving-shop")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: stories/{path.name}: has no story yet, only the starting questions (or your notes) in <!-- -->;"
        " write the story below them first, then publish it; nothing was written\n"
    )
    assert path.read_text(encoding="utf-8") == before
    path.write_text(before + "We moved to Union Street in May.\n", encoding="utf-8")
    assert run_cli(root, "publish", "moving-shop").exit_code == 0


def test_comments_never_reach_the_page_source() -> None:
    from generator.model.text import without_comments

    text = "a\n<!-- note\n```\nstill note -->\nb <!-- x --> c\n```\n<!-- shown: code -->\n```\nend <!-- open\nmore"
    assert without_comments(text) == "a\n\nb  c\n```\n<!-- shown: code -->\n```\nend "


def test_ids_are_safe_unique_and_stable() -> None:
    assert base_id(PersonName("Aoife", "O'Neill")) == "aoife-oneill"
    assert base_id(PersonName("Lærke", "Sørensen")) == "laerke-sorensen"
    assert base_id(PersonName("Ирина", "Ivanova"), "irina.ivanova@example.ru") == "irina-ivanova"
    chinese = base_id(PersonName("小龍", "李", order="family-first"))
    assert chinese.startswith("person-") and chinese == base_id(PersonName("小龍", "李", order="family-first"))
    assert unique_id("tom-hale", {"tom-hale", "tom-hale-2"}) == "tom-hale-3"


def test_scalars_read_back_as_written() -> None:
    import yaml

    for value in ("Tom", "yes", "null", "1987-04-17", "a: b", "#x", "O'Neill", "+44 7700 900123", "on", "- x"):
        assert yaml.safe_load(f"k: {scalar(value)}") == {"k": value}
    assert record_lines({"id": "x", "address": "1 Road\nTown"}) == ["id: x", "address: |", "  1 Road", "  Town"]


def test_append_to_an_empty_flow_list_and_a_missing_key() -> None:
    text, first = append_records("# mine\npeople: []  # none yet\n", "p.yml", "people", [["id: a", "name: {given: A}"]])
    assert text == "# mine\npeople:  # none yet\n  - id: a\n    name: {given: A}\n"
    assert first == 3
    text, _ = append_records("referrals: []\n", "p.yml", "people", [["id: a"]])
    assert text == "referrals: []\npeople:\n  - id: a\n"


def test_file_changed_meanwhile_is_not_overwritten(kit, tmp_path: Path) -> None:
    from generator.write.yamlappend import TextChange, write_texts
    from generator.write.yamledit import EditRefused

    root = kit()
    change = TextChange("referrals/people.yml", "old text", "new text", 1, ("new text",))
    try:
        write_texts(root, [change])
    except EditRefused as exc:
        assert "changed while ownerkit was working" in str(exc)
    else:
        raise AssertionError("a file changed meanwhile was overwritten")


def test_add_person_at_a_terminal_asks_and_offers_a_close_match(kit, monkeypatch) -> None:
    monkeypatch.setattr("generator.cli.terminal.at_terminal", lambda: True)
    root = kit({"referrals/people.yml": COMMENTED})
    answers = "Joáo\nSilvia\n\n\n\n\ny\n"
    result = run_cli(root, "add", "person", input=answers)
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "Is this João Silva (joao-silva), already on file? [y/N]: y\nThen use joao-silva; nothing was written.\n"
    )
    assert (root / "referrals/people.yml").read_text(encoding="utf-8") == COMMENTED
    fresh = run_cli(root, "add", "person", input="Ruth\nAbara\n\nruth@example.com\n3 Mill Lane / Leeds\n05-01\n")
    assert fresh.exit_code == 0, fresh.output
    assert "      address: |\n        3 Mill Lane\n        Leeds\n" in fresh.output
    assert '      birthday: "05-01"\n' in fresh.output


def test_add_referral_at_a_terminal_asks(kit, monkeypatch) -> None:
    monkeypatch.setattr("generator.cli.terminal.at_terminal", lambda: True)
    root = kit()
    result = run_cli(root, "add", "referral", input="João Silva\nTom Hale\nrye bread\nclient\n")
    assert result.exit_code == 0, result.output
    assert "      referred: Tom Hale\n      for: rye bread\n      outcome: client\n" in result.output


def test_init_at_a_terminal_asks(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("generator.cli.terminal.at_terminal", lambda: True)
    monkeypatch.chdir(tmp_path)
    result = run_cli(None, "init", "kit", input="Ana\nFerreira\nFerreira Bakes\nBread at dawn\nLeeds\n")
    assert result.exit_code == 0, result.output
    owner = (tmp_path / "kit" / "stories" / "owner.yml").read_text(encoding="utf-8")
    assert 'family: "Ferreira"\n' in owner and 'tagline: "Bread at dawn"\n' in owner and 'location: "Leeds"\n' in owner


def test_add_person_has_an_option_for_every_field_an_owner_sets(kit) -> None:
    from generator.cli.records import NOT_OPTIONS, add_person
    from generator.model.records import Person
    from generator.model.rules import declared

    flags = {opt for param in add_person.params for opt in param.opts}
    for attribute, rule in declared(Person):
        if attribute not in NOT_OPTIONS - {"email", "phone", "address", "birthday", "client_since", "public_thanks"}:
            assert "--" + (rule.key or attribute).replace("_", "-") in flags, attribute
    root = kit()
    result = run_cli(
        root, "add", "person", "--given", "Tom", "--family", "Hale", "--with", "Sam Hale", "--with", "Jo",
        "--pronoun", "he", "--organisation", "Hale & Co", "--dont-mention", "the move", "--best-customer",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:-1] == [
        "    - id: tom-hale",
        "      name:",
        "        given: Tom",
        "        family: Hale",
        "      best_customer: true",
        "      dont_mention:",
        "        - the move",
        "      pronoun: he",
        "      with:",
        "        - given: Sam",
        "          family: Hale",
        "        - given: Jo",
        "      organisation: Hale & Co",
    ]
    assert run_cli(root, "check").exit_code == 0


def test_add_referral_warns_of_the_third_person_before_writing(kit) -> None:
    root = kit()
    result = run_cli(root, "add", "referral", "--from", "joao-silva", "--referred", "Ana, his sister")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        'warning: referred: "his" speaks of João in the third person, but the letter is to João'
        ' (write "Ana, your sister"; until then the letter says "Ana")'
    )
    check = run_cli(root, "check")
    assert '"his" speaks of João in the third person, but the letter is to João (write "Ana, your sister";' in (
        check.output
    )
