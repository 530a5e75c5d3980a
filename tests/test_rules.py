"""Unit tests of each rule: field kinds, dates, names, freshness, YAML reading and who is owed what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.load import yamlsource
from generator.load.fields import RecordReader, check_date
from generator.load.yamlsource import MarkedMap, parse_yaml
from generator.model.dates import PartialDate, months_before
from generator.model.names import PersonName
from generator.model.owed import owed
from generator.model.records import Kit, Owner, Person, Referral, Remembered, Thanks
from generator.model.rules import Rule

# ------------------------------------------------------------ RecordReader


def read(yaml_text: str, rules: dict[str, Rule]) -> tuple[RecordReader, list[Problem]]:
    data, problems = parse_yaml("f.yml", yaml_text)
    assert problems == [] and isinstance(data, MarkedMap)
    found: list[Problem] = []
    return RecordReader("f.yml", data, rules, found), found


def one(kind: str, value: str, **rule: object) -> tuple[object, list[str]]:
    """Read ``x: value`` with a rule of ``kind``; return the value and the problems as text."""
    reader, problems = read(f"x: {value}\n", {"x": Rule(kind, **rule)})  # type: ignore[arg-type]
    got = reader.get("x")
    return got, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("text", "  Ana  ", "Ana"),
        ("url", "https://example.com/a", "https://example.com/a"),
        ("email", "ana@example.com", "ana@example.com"),
        ("path", "images/shop.svg", "images/shop.svg"),
        ("slug", "ana-ferreira-2", "ana-ferreira-2"),
        ("bool", "true", True),
        ("year", "2014", 2014),
        ("money", "1200.50", Decimal("1200.50")),
        ("money", '"1,200"', Decimal("1200")),
        ("money", "0", Decimal("0")),
        ("date", "2024-02-29", dt.date(2024, 2, 29)),
        ("partial-date", '"03-14"', PartialDate(3, 14)),
        ("partial-date", '"02-29"', PartialDate(2, 29)),
        ("partial-date", '"1988-02-29"', PartialDate(2, 29, 1988)),
        ("texts", "bread", ("bread",)),
        ("texts", "[bread, flour]", ("bread", "flour")),
    ],
)
def test_kind_reads_good_values(kind: str, value: str, expected: object) -> None:
    assert one(kind, value) == (expected, [])


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("text", "5550123", "f.yml:1:4: x: expected text, got the number 5550123 (put it in quotes)"),
        ("text", "[a, b]", "f.yml:1:4: x: expected text, got a list"),
        ("text", "true", "f.yml:1:4: x: expected text, got true or false"),
        (
            "url",
            "example.com",
            'f.yml:1:4: x: expected a web address starting with https://, got "example.com" (e.g. https://example.com/me)',
        ),
        (
            "email",
            "ana at example.com",
            'f.yml:1:4: x: expected one email address, got "ana at example.com": it has spaces in it'
            " (write one address without spaces, like name@example.com)",
        ),
        (
            "path",
            "../secret.txt",
            'f.yml:1:4: x: expected a file path inside stories/, got "../secret.txt" (e.g. images/shop.jpg)',
        ),
        (
            "path",
            "/etc/passwd",
            'f.yml:1:4: x: expected a file path inside stories/, got "/etc/passwd" (e.g. images/shop.jpg)',
        ),
        (
            "slug",
            "../x",
            'f.yml:1:4: x: expected a short id of lowercase letters, digits and hyphens, got "../x"'
            " (e.g. ana-ferreira)",
        ),
        (
            "slug",
            "ana_f",
            'f.yml:1:4: x: expected a short id of lowercase letters, digits and hyphens, got "ana_f"'
            " (e.g. ana-ferreira)",
        ),
        ("bool", "yes-please", 'f.yml:1:4: x: expected true or false, got "yes-please"'),
        ("bool", "1", "f.yml:1:4: x: expected true or false, got the number 1"),
        ("year", "14", "f.yml:1:4: x: expected a year like 2014, got the number 14"),
        ("money", "-40", "f.yml:1:4: x: expected an amount of zero or more, got the number -40"),
        ("money", "lots", 'f.yml:1:4: x: expected an amount like 1200 or 1200.50, got "lots"'),
        ("money", "true", "f.yml:1:4: x: expected an amount like 1200 or 1200.50, got true or false"),
        ("date", "2026-02-30", "f.yml:1:4: x: 2026-02-30 is not a real date (February has no day 30)"),
        ("date", "2026-13-01", "f.yml:1:4: x: 2026-13-01 is not a real date (there is no month 13)"),
        ("date", "2026-02-29", "f.yml:1:4: x: 2026-02-29 is not a real date (2026 is not a leap year)"),
        ("date", "March 3", 'f.yml:1:4: x: expected a date YYYY-MM-DD, got "March 3" (e.g. 2026-03-14)'),
        ("date", "20260303", "f.yml:1:4: x: expected a date YYYY-MM-DD, got the number 20260303 (e.g. 2026-03-14)"),
        ("partial-date", '"04-31"', "f.yml:1:4: x: 04-31 is not a real date (April has no day 31)"),
        ("partial-date", '"1990-02-29"', "f.yml:1:4: x: 1990-02-29 is not a real date (1990 is not a leap year)"),
        ("partial-date", "March", 'f.yml:1:4: x: expected MM-DD or YYYY-MM-DD, got "March" (e.g. "03-14")'),
        ("texts", "{a: b}", "f.yml:1:4: x: expected a list, got a group of fields"),
        ("texts", "[a, 3]", "f.yml:1:8: x[2]: expected text, got the number 3"),
        ("map", "text", 'f.yml:1:4: x: expected a group of fields, got "text"'),
        ("list", "text", 'f.yml:1:4: x: expected a list, got "text"'),
    ],
)
def test_kind_reports_bad_values(kind: str, value: str, message: str) -> None:
    got, problems = one(kind, value)
    if kind != "texts" or "expected a list" in message:
        assert got is None
    assert problems == [message]


def test_choice_suggests_the_closest() -> None:
    assert one("choice", "clent", choices=("pending", "client", "not-a-fit")) == (
        None,
        ['f.yml:1:4: x: expected one of pending, client, not-a-fit, got "clent" (did you mean client?)'],
    )
    assert one("choice", "client", choices=("pending", "client")) == ("client", [])


def test_empty_text_is_missing_only_when_required() -> None:
    assert one("text", '""') == (None, [])
    assert one("text", '"  "', required=True)[1] == ["f.yml:1:4: x: is empty"]


RULES = {"given": Rule("text", True, doc="given name"), "family": Rule("text")}


def test_record_reports_unknown_duplicate_and_missing_fields() -> None:
    _, problems = read("family: Silva\nfamly: Silva\nnickname: Jo\nfamily: Sousa\n", RULES)
    assert [str(p) for p in problems] == [
        "f.yml:4:1: family: this field appears twice in the same record (keep one)",
        "f.yml:2:1: famly: unknown field (known fields: given, family)",
        "f.yml:3:1: nickname: unknown field (known fields: given, family)",
        "f.yml:1:1: given: required field is missing (given name)",
    ]


def test_a_misspelt_required_field_is_reported_once() -> None:
    _, problems = read("gvien: Ana\n", RULES)
    assert [str(p) for p in problems] == ["f.yml:1:1: gvien: unknown field (did you mean given?)"]


def test_nested_records_are_named_by_their_path() -> None:
    reader, problems = read(
        "remember:\n  - fact: bakes\n  - checked: 2026-01-01\n  - plain\n",
        {"remember": Rule("list")},
    )
    items = reader.items("remember", {"fact": Rule("text", True), "checked": Rule("date", True)})
    assert len(items) == 2
    assert [str(p) for p in problems] == [
        "f.yml:2:5: remember[1].checked: required field is missing",
        "f.yml:3:5: remember[2].fact: required field is missing",
        'f.yml:4:5: remember[3]: expected a group of fields, got "plain" (each needs fact, checked)',
    ]


def test_check_date() -> None:
    assert check_date(2024, 2, 29) is None
    assert check_date(2026, 2, 29) == "2026 is not a leap year"
    assert check_date(2026, 2, 30) == "February has no day 30"
    assert check_date(2026, 0, 1) == "there is no month 0"
    assert check_date(2026, 13, 1) == "there is no month 13"
    assert check_date(2026, 6, 31) == "June has no day 31"
    assert check_date(0, 2, 29) is None  # a birthday without a year


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        (PartialDate(3, 14), dt.date(2026, 3, 14), dt.date(2026, 3, 14)),
        (PartialDate(3, 14), dt.date(2026, 3, 15), dt.date(2027, 3, 14)),
        (PartialDate(12, 31), dt.date(2026, 11, 26), dt.date(2026, 12, 31)),
        (PartialDate(1, 1, 1950), dt.date(2026, 11, 26), dt.date(2027, 1, 1)),
        (PartialDate(2, 29), dt.date(2026, 1, 1), dt.date(2026, 2, 28)),
        (PartialDate(2, 29), dt.date(2027, 3, 1), dt.date(2028, 2, 29)),
        (PartialDate(2, 29, 1988), dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
    ],
)
def test_partial_date_next_on_or_after(day: PartialDate, today: dt.date, expected: dt.date) -> None:
    assert day.next_on_or_after(today) == expected


def test_partial_date_text() -> None:
    assert str(PartialDate(3, 4)) == "03-04"
    assert str(PartialDate(3, 4, 1990)) == "1990-03-04"


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (dt.date(2026, 11, 26), 12, dt.date(2025, 11, 26)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 15), 1, dt.date(2025, 12, 15)),
        (dt.date(2026, 5, 31), 3, dt.date(2026, 2, 28)),
        (dt.date(2026, 7, 31), 1, dt.date(2026, 6, 30)),
        (dt.date(2026, 11, 26), 0, dt.date(2026, 11, 26)),
    ],
)
def test_months_before(today: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(today, months) == expected


def test_remembered_fresh() -> None:
    today = dt.date(2026, 11, 26)
    assert Remembered("x", dt.date(2025, 11, 26)).fresh(today)
    assert not Remembered("x", dt.date(2025, 11, 25)).fresh(today)
    assert Remembered("x", dt.date(2026, 6, 1)).fresh(today, months=6)
    assert not Remembered("x", dt.date(2026, 5, 25)).fresh(today, months=6)


# ------------------------------------------------------------------ names


def test_names_given_first() -> None:
    name = PersonName("Margaret", "O'Brien", "Peggy")
    assert (name.full, name.greeting, name.public_default) == ("Margaret O'Brien", "Peggy", "Peggy O.")


def test_names_family_first() -> None:
    name = PersonName("Mei", "Tanaka", order="family-first")
    assert (name.full, name.greeting, name.public_default) == ("Tanaka Mei", "Mei", "T. Mei")


def test_names_mononym() -> None:
    name = PersonName("Sukarno")
    assert (name.full, name.greeting, name.public_default) == ("Sukarno", "Sukarno", "Sukarno")


def test_names_hyphen_apostrophe_and_accents() -> None:
    name = PersonName("Anne-Marie", "D'Angelo-Núñez")
    assert (name.full, name.public_default) == ("Anne-Marie D'Angelo-Núñez", "Anne-Marie D.")
    assert PersonName("Zoë", "'t Hooft").public_default == "Zoë t."


def test_shown_name_prefers_public_name() -> None:
    assert Person("a", PersonName("Ana", "Ferreira"), public_name="Ana from the bakery").shown_name == (
        "Ana from the bakery"
    )
    assert Person("a", PersonName("Ana", "Ferreira")).shown_name == "Ana F."
    assert Person("b", PersonName("Olubisi", "Okafor", "Bisi")).shown_name == "Bisi O."  # what she is called


# ------------------------------------------------------------- YAML reading


TRICKY = [
    "a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: \"x: y\"\ng: 0x10\nh: 1_000\ni: .inf\nj: No\n",
    "2026: year as a key\nnull: k\ntrue: t\n",
    "list:\n  - a\n  -\n    - b\n    - {c: d}\n  - []\n  - {}\n",
    "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
    "dup: 1\ndup: 2\nother: [1, 2]\n",
    "empty:\nblank: \nitems:\n  -\n  - \n  - ''\nlast:",
    "? complex\n: key\n",
    "base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n",  # anchors and merge keys: general path
    "tagged: !!str 12\n",
    "",
    "# only a comment\n",
    "- a\n- b\n",
    "just text\n",
]


def deep(value: object) -> object:
    """Values with their marks, for comparing the two ways of reading."""
    if isinstance(value, yamlsource.MarkedMap):
        return (
            "map",
            value.line,
            value.col,
            value.key_marks,
            value.value_marks,
            value.duplicates,
            [(k, deep(v)) for k, v in value.items()],
        )
    if isinstance(value, yamlsource.MarkedList):
        return ("list", value.line, value.col, value.item_marks, [deep(v) for v in value])
    return (type(value).__name__, value)


@pytest.mark.parametrize("text", TRICKY)
def test_fast_reading_matches_pyyaml_constructor(text: str) -> None:
    general = yamlsource._load_general(text, 3)
    data, problems = parse_yaml("f.yml", text, line_offset=3)
    assert problems == []
    assert deep(data) == deep(general)


def test_example_kit_reads_the_same_both_ways() -> None:
    repo = Path(__file__).resolve().parent.parent
    files = [*sorted((repo / "referrals").glob("*.yml")), repo / "stories" / "owner.yml"]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert deep(parse_yaml(path.name, text)[0]) == deep(yamlsource._load_general(text, 0))


def test_yaml_unsupported_tag_is_reported() -> None:
    data, problems = parse_yaml("f.yml", "x: !python/object foo\n")
    assert data is None
    assert [str(p) for p in problems] == [
        "f.yml:1:4: x: unsupported YAML: could not determine a constructor for the tag '!python/object'"
        " (write plain values without ! tags)"
    ]


def test_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    source = yamlsource.read_source(path, "f.yml")
    assert source.text == "a: 1\n"
    assert [str(p) for p in source.problems] == [
        "f.yml:1:1: the file starts with a byte-order mark (save it as UTF-8 without BOM)"
    ]
    path.write_bytes(b"a: 1\nname: Jo\xe3o\n")
    source = yamlsource.read_source(path, "f.yml")
    assert source.text is None
    assert [str(p) for p in source.problems] == [
        "f.yml:2:9: name: byte 0xe3 is not UTF-8 (save the file as UTF-8 in your editor)"
    ]
    path.write_bytes(b"  \n\n")
    assert [str(p) for p in yamlsource.read_source(path, "f.yml").problems] == [
        "f.yml: the file is empty (add content or delete the file)"
    ]


# -------------------------------------------------------------------- owed

TODAY = dt.date(2026, 11, 26)


def person(pid: str, **fields: object) -> Person:
    return Person(pid, PersonName(pid.title()), **fields)  # type: ignore[arg-type]


def referral(
    rid: str, day: dt.date, src: str, friend: str | None, outcome: str = "client", **fields: object
) -> Referral:
    """A referral of person ``friend`` (``None``: a friend not on file)."""
    return Referral(id=rid, date=day, from_id=src, outcome=outcome, referred=friend or "A friend", **fields)  # type: ignore[arg-type]


def kit_of(people: list[Person], referrals: list[Referral]) -> Kit:
    owner = Owner(name=PersonName("Ana", "Ferreira"), business="Ferreira Bakes", signature="Ana")
    return Kit(Path("."), owner, (), {p.id: p for p in people}, tuple(referrals))


def summary(kit: Kit) -> list[tuple[str, str, dt.date, dt.date]]:
    return [(o.kind, o.person.id, o.since, o.due) for o in owed(kit, TODAY)]


def test_owed_thank_and_follow_up() -> None:
    kit = kit_of(
        [person("ana"), person("ben"), person("cai"), person("dee")],
        [
            referral("r1", dt.date(2026, 11, 1), "ana", "ben", "pending"),
            referral("r2", dt.date(2026, 10, 1), "cai", "dee", thanked=Thanks(dt.date(2026, 10, 3), "call")),
            referral(
                "r3",
                dt.date(2026, 9, 1),
                "dee",
                "ben",
                thanked=Thanks(dt.date(2026, 9, 2), "email"),
                follow_ups=(dt.date(2026, 10, 1),),
            ),
            referral("r4", dt.date(2026, 9, 5), "ana", None, "not-a-fit", thanked=Thanks(dt.date(2026, 9, 6), "call")),
        ],
    )
    assert summary(kit) == [
        ("follow-up", "cai", dt.date(2026, 10, 3), dt.date(2026, 10, 17)),
        ("thank", "ana", dt.date(2026, 11, 1), dt.date(2026, 11, 8)),
    ]


def test_owed_chain_until_followed_up_after_the_news() -> None:
    thanked = Thanks(dt.date(2026, 5, 2), "handwritten")
    a_to_b = referral("ab", dt.date(2026, 5, 1), "ana", "ben", thanked=thanked, follow_ups=(dt.date(2026, 5, 20),))
    b_to_c = referral("bc", dt.date(2026, 9, 1), "ben", "cai", thanked=Thanks(dt.date(2026, 9, 2), "call"))
    people = [person("ana"), person("ben"), person("cai")]
    kit = kit_of(people, [a_to_b, b_to_c])
    assert [item for item in summary(kit) if item[0] == "chain"] == [
        ("chain", "ana", dt.date(2026, 9, 1), dt.date(2026, 9, 8))
    ]
    told = referral("ab", dt.date(2026, 5, 1), "ana", "ben", thanked=thanked, follow_ups=(dt.date(2026, 9, 10),))
    assert [item for item in summary(kit_of(people, [told, b_to_c])) if item[0] == "chain"] == []


def test_owed_hello_for_quiet_people_who_matter() -> None:
    kit = kit_of(
        [
            person("best", best_customer=True, last_contact=dt.date(2026, 1, 1)),
            person("recent-best", best_customer=True, last_contact=dt.date(2026, 10, 1)),
            person("new", client_since=dt.date(2026, 9, 1)),
            person("old", client_since=dt.date(2015, 1, 1), last_contact=dt.date(2025, 1, 1)),
            person("nobody-special", last_contact=dt.date(2020, 1, 1)),
        ],
        [],
    )
    assert summary(kit) == [
        ("hello", "old", dt.date(2025, 7, 3), dt.date(2025, 7, 3)),
        ("hello", "best", dt.date(2026, 7, 3), dt.date(2026, 7, 3)),
        ("hello", "new", dt.date(2026, 10, 1), dt.date(2026, 10, 1)),
    ]


def test_owed_nothing_for_people_who_have_died() -> None:
    thanked = Thanks(dt.date(2026, 5, 2), "handwritten")
    kit = kit_of(
        [
            person("ana", deceased=True, best_customer=True, last_contact=dt.date(2025, 1, 1)),
            person("ben"),
            person("cai"),
        ],
        [
            referral("ab", dt.date(2026, 5, 1), "ana", "ben", thanked=thanked),
            referral("ab2", dt.date(2026, 11, 1), "ana", "cai", "pending"),
            referral("bc", dt.date(2026, 9, 1), "ben", "cai", thanked=Thanks(dt.date(2026, 9, 2), "call")),
        ],
    )
    assert all(item[1] != "ana" for item in summary(kit))
    assert ("follow-up", "ben", dt.date(2026, 9, 2), dt.date(2026, 9, 16)) in summary(kit)


@pytest.mark.parametrize("depth", [900, 3000])
def test_deep_nesting_is_a_problem_not_a_crash(depth: int) -> None:
    data, problems = parse_yaml("f.yml", "a: " + "[" * depth + "]" * depth + "\n")
    assert data is None
    assert len(problems) == 1 and problems[0].path == "f.yml"
    assert "nest" in problems[0].message


def test_windows_line_endings_read_like_unix(tmp_path: Path) -> None:
    from conftest import PEOPLE_YML, STORY_MD, run_cli, write_kit

    root = write_kit(
        tmp_path / "kit",
        {
            "stories/2026-01-10-why-i-started.md": STORY_MD.replace("\n", "\r\n").encode(),
            "referrals/people.yml": PEOPLE_YML.replace("\n", "\r\n").encode(),
        },
    )
    result = run_cli(root, "check")
    assert result.output == "ownerkit check: 1 story (0 drafts), 2 people, 1 referral: no errors\n"
    path = tmp_path / "f.yml"
    path.write_bytes(b"a: 1\r\nb: [\r\n")
    source = yamlsource.read_source(path, "f.yml")
    assert source.text == "a: 1\nb: [\n"
    assert [str(p) for p in parse_yaml("f.yml", source.text)[1]] == [
        "f.yml:2:4: b: YAML syntax: a [ or { is never closed"
        " (close it with ] or } on the same line, and put values containing commas in quotes)"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'a: "x\nb: 1\n',
            "1:4: a: YAML syntax: a quoted value is never closed (add the closing quote on the same line)",
        ),
        (
            "a: [x, y\nb: 1\n",
            "1:4: a: YAML syntax: the [ that starts here is never closed"
            " (close it with ], and put values containing commas or ] in quotes)",
        ),
        (
            "a: {x: 1,\n",
            "1:4: a: YAML syntax: a [ or { is never closed"
            " (close it with ] or } on the same line, and put values containing commas in quotes)",
        ),
        (
            "a: 1\n  b: 2\n",
            "2:3: b: YAML syntax: this line is indented more than the field above it"
            " (fields of one record start in the same column)",
        ),
        ("a: she said: hi\n", "1:12: a: YAML syntax: a value contains ': ' (put the whole value in double quotes)"),
        (
            "a: - x\n",
            "1:4: a: YAML syntax: a list item (- ...) cannot start on the same line as its field"
            " (put each - item on its own line below the field, indented)",
        ),
        ("a: @x\n", "1:4: a: YAML syntax: a value cannot start with @ (put the whole value in quotes)"),
        ("a: *x\n", "1:4: a: YAML syntax: a value starts with * (put the whole value in quotes)"),
        (
            'a: "x" y\n',
            "1:8: a: YAML syntax: unexpected text after the value"
            " (put the whole value in quotes, or remove what follows it)",
        ),
        (
            "a:\n  - x\n  y: 1\n",
            "3:3: y: YAML syntax: this line does not line up with the lines above"
            " (check its indentation against the field above it)",
        ),
        (
            "a: b\nc\nd: e\n",
            "2:1: YAML syntax: this line is not 'field: value'"
            " (each line needs a field name, a colon and a value; to continue the value above, indent this line)",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "2:1: YAML syntax: a line --- starts a second document in this file"
            " (remove the --- line; one file holds one set of records)",
        ),
        ("a:\n\t- x\n", "2:1: a tab is used for indentation (YAML indents with spaces only)"),
    ],
)
def test_yaml_errors_in_plain_words(text: str, message: str) -> None:
    data, problems = parse_yaml("f.yml", text)
    assert data is None
    assert [str(p) for p in problems] == ["f.yml:" + message]


def test_full_name_in_cjk_script_takes_no_space() -> None:

    assert PersonName("小龍", "李", order="family-first").full == "李小龍"
    assert PersonName("恵子", "渡辺", order="family-first").full == "渡辺恵子"
    assert PersonName("Keiko", "Watanabe", order="family-first").full == "Watanabe Keiko"
    assert PersonName("Xiaolong", "李", order="family-first").full == "李 Xiaolong"


def test_no_hello_for_someone_already_owed_a_letter(kit) -> None:
    from conftest import TODAY

    from generator.load.kit import load_kit
    from generator.model.owed import owed

    root = kit(
        {
            "referrals/people.yml": """\
            people:
              - id: joao-silva
                name: {given: João, family: Silva}
                best_customer: true
                last_contact: 2025-01-01
              - id: mei-tanaka
                name: {given: Mei, family: Tanaka}
                best_customer: true
                last_contact: 2025-01-01
            """
        }
    )
    kinds = {(o.person.id, o.kind) for o in owed(load_kit(root, TODAY).kit, TODAY)}
    assert ("joao-silva", "thank") in kinds and ("joao-silva", "hello") not in kinds
    assert ("mei-tanaka", "hello") in kinds


def test_ids_are_found_in_a_people_file_whose_yaml_is_broken() -> None:
    """References are checked against these, so a syntax error does not turn every reference into an error."""
    from generator.load.people import ids_in_broken_yaml

    text = (
        "people:\n"
        "  - id: ana-ferreira  # the baker\n"
        '  - {id: "joao-silva", name: {given: João\n'
        "  - name: {given: Mei}\n"
        "    id: 'mei-tanaka'\n"
        "  - id: Not An Id\n"
        "referrals:\n"
        "  - id: ana-ferreira-2026-01-01\n"
    )
    assert ids_in_broken_yaml(text, "people") == {"ana-ferreira", "joao-silva", "mei-tanaka"}
