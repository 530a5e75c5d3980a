"""Consent you can show: public_thanks with the dates it was given and withdrawn; the default public name."""

from __future__ import annotations

import datetime as dt
import re

from conftest import TODAY, run_cli

from generator.load.kit import load_kit
from generator.model.records import PersonName
from generator.render.site import build_pages

PEOPLE = """\
people:
  - id: joao-silva
    name: {given: João, family: Silva}
    public_thanks: true
    public_thanks_since: 2026-02-01
  - id: mei-tanaka
    name: {given: Mei, family: Tanaka}
    public_thanks: true
    public_thanks_since: 2025-05-01
    public_thanks_withdrawn: 2026-09-30
  - id: olubisi-adebayo
    name: {given: Olubisi, family: Adebayo, preferred: Bisi}
    public_thanks: true
    public_thanks_since: 2026-03-03
"""

REFERRALS = """\
referrals:
  - {date: 2026-10-01, from: joao-silva, referred: mei-tanaka, outcome: client}
  - {date: 2026-10-02, from: mei-tanaka, referred: Kasia, outcome: pending}
  - {date: 2026-10-03, from: olubisi-adebayo, referred: Tunde, outcome: pending}
"""


def test_the_wall_names_only_people_whose_consent_stands(kit) -> None:
    root = kit({"referrals/people.yml": PEOPLE, "referrals/2026.yml": REFERRALS})
    checked = load_kit(root, TODAY)
    assert checked.warnings == ()
    wall = build_pages(checked.kit)["thanks.md"]
    assert re.findall(r'<li class="ok-thanks"><h2>([^<]*)</h2>', wall) == ["Bisi A.", "João S."]
    assert "Mei" not in wall and "Tanaka" not in wall


def test_consent_dates_are_checked(kit) -> None:
    people = """\
    people:
      - id: joao-silva
        name: {given: João, family: Silva}
        public_thanks_since: 2026-02-01
      - id: mei-tanaka
        name: {given: Mei, family: Tanaka}
        public_thanks: true
        public_thanks_since: 2026-05-01
        public_thanks_withdrawn: 2026-04-30
      - id: ola-nowak
        name: {given: Ola, family: Nowak}
        public_thanks: true
        public_thanks_since: 2027-01-01
      - id: rui-costa
        name: {given: Rui, family: Costa}
        public_thanks: true
    """
    result = run_cli(kit({"referrals/people.yml": people, "referrals/2026.yml": REFERRALS[:11]}), "check")
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        "referrals/people.yml:4:26: public_thanks_since: a date of consent, but no public_thanks: true"
        " (add public_thanks: true, or remove the date)",
        "referrals/people.yml:9:30: public_thanks_withdrawn: 2026-04-30 is before consent was given (2026-05-01)",
        "referrals/people.yml:13:26: public_thanks_since: 2027-01-01 is in the future (today is 2026-11-26)",
    ]


def test_a_consent_without_a_date_is_a_warning(kit) -> None:
    people = "people:\n  - id: joao-silva\n    name: {given: João, family: Silva}\n    public_thanks: true\n"
    people += "  - id: mei-tanaka\n    name: {given: Mei, family: Tanaka}\n    public_thanks: false\n"
    people += "    public_thanks_since: 2026-01-01\n"
    result = run_cli(kit({"referrals/people.yml": people}), "check")
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        "referrals/people.yml:4:20: public_thanks: joao-silva: no date for this consent"
        " (add public_thanks_since: YYYY-MM-DD, the day they said yes) [warning]",
        "referrals/people.yml:7:20: public_thanks: mei-tanaka: consent given on 2026-01-01 was taken back"
        " (add public_thanks_withdrawn: YYYY-MM-DD) [warning]",
    ]


def test_add_person_records_consent_with_its_date(kit) -> None:
    root = kit()
    result = run_cli(root, "add", "person", "--given", "Ana", "--family", "Reis", "--public-thanks-since", "2026-11-20")
    assert result.output.splitlines()[-3:-1] == ["      public_thanks: true", "      public_thanks_since: 2026-11-20"]
    assert load_kit(root, TODAY).kit.people["ana-reis"].public_thanks
    today = run_cli(root, "add", "person", "--given", "Bo", "--family", "Reis", "--public-thanks")
    assert today.output.splitlines()[-3:-1] == ["      public_thanks: true", "      public_thanks_since: 2026-11-26"]
    both = run_cli(root, "add", "person", "--given", "Cy", "--public-thanks", "--public-thanks-since", "2026-11-20")
    assert both.exit_code == 2
    assert "--public-thanks means they agreed today; for an earlier day: --public-thanks-since" in both.output


def test_the_default_public_name_is_what_people_call_them() -> None:
    assert PersonName("Olubisi", "Adebayo", "Bisi").public_default == "Bisi A."
    assert PersonName("Margaret", "Hollis").public_default == "Margaret H."
    assert PersonName("Zsófia", "Nagy", "Zsófi", order="family-first").public_default == "N. Zsófi"
    assert PersonName("Tenzin").public_default == "Tenzin"
    assert PersonName("Olubisi", "Adebayo", "Bisi").known_as == "Bisi Adebayo"


def test_consent_is_recorded_and_withdrawn_by_command(kit) -> None:
    people = "people:\n  - id: joao-silva\n    name: {given: João, family: Silva}  # from the market\n"
    people += "  - id: mei-tanaka\n    name: {given: Mei, family: Tanaka}\n"
    root = kit({"referrals/people.yml": people})
    given = run_cli(root, "consent", "joao-silva", "--date", "2026-11-01")
    assert given.output == (
        "referrals/people.yml:4: recorded joao-silva\n"
        "    public_thanks: true\n"
        "    public_thanks_since: 2026-11-01\n"
        "Next: mkdocs build (the thanks wall follows it)\n"
    )
    assert load_kit(root, TODAY).kit.people["joao-silva"].public_thanks
    again = run_cli(root, "consent", "joao-silva")
    assert again.output == "Error: joao-silva agreed on 2026-11-01 already; nothing was written\n"
    taken_back = run_cli(root, "consent", "João Silva", "--withdrawn")
    assert taken_back.output.splitlines()[:2] == [
        "referrals/people.yml:6: recorded joao-silva",
        "    public_thanks_withdrawn: 2026-11-26",
    ]
    person = load_kit(root, TODAY).kit.people["joao-silva"]
    assert (person.public_thanks, person.public_thanks_since) == (False, dt.date(2026, 11, 1))
    text = (root / "referrals/people.yml").read_text(encoding="utf-8")
    assert text.startswith("people:\n  - id: joao-silva\n    name: {given: João, family: Silva}  # from the market\n")
    nothing = run_cli(root, "consent", "mei-tanaka", "--withdrawn")
    assert nothing.exit_code == 1
