"""``ownerkit import`` (vCard flavours, CSV) and ``ownerkit export addresses``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from generator.load.contacts import map_headers, read_birthday, read_csv, split_full_name
from generator.model.records import PartialDate, PersonName

CONTACTS = REPO / "tests" / "fixtures" / "contacts.vcf"


def test_import_vcard_adds_new_people_and_reports_duplicates(kit) -> None:
    people = "people:\n  - id: tom-hale\n    name: {given: Tom, family: Hale}\n"
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": "referrals: []\n"})
    result = run_cli(root, "import", str(CONTACTS), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [a["id"] for a in data["added"]] == [
        "chiamaka-okafor", "siobhan-brennan", "imran-khan", "xiaolong-li", "zofia-kowalczyk", "irina-ivanova",
        "yuki-nakamura", "joana-ferreira", "giorgos", "aoife-oneill", "margaret-whitaker", "kwame-mensah",
        "laerke-sorensen", "taro-yamada", "folake-adeyemi", "jose-garcia-marquez", "cher",
    ]  # fmt: skip
    assert data["duplicates"] == [
        {"name": "Tom Hale", "from": "contacts.vcf:49", "on_file": "tom-hale", "why": "same name"},
        {"name": "Chiamaka Okafor", "from": "contacts.vcf:98", "on_file": "chiamaka-okafor", "why": "same email"},
        {"name": "siobhan brennan", "from": "contacts.vcf:139", "on_file": "siobhan-brennan", "why": "same name"},
    ]
    text = (root / "referrals/people.yml").read_text(encoding="utf-8")
    assert "  - id: xiaolong-li\n    name:\n      given: 小龍\n      family: 李\n      order: family-first\n" in text
    assert '    birthday: "03-09"\n' in text  # Apple's X-APPLE-OMIT-YEAR=1604
    assert '    birthday: "04-17"\n' in text  # Google's --04-17
    assert '    birthday: "05-05"\n' in text  # vCard 4.0's --0505
    assert '    birthday: "1952-06-05"\n' in text  # Outlook's 19520605
    assert '    phone: "+81-90-1234-5678"\n' in text  # vCard 4.0's tel: URI
    assert "    address: |\n      The Old Vicarage\n      Church Lane\n      Adel Leeds LS16 8DE\n" in text
    assert run_cli(root, "check").exit_code == 0
    again = run_cli(root, "import", str(CONTACTS))
    assert again.output.splitlines()[-1] == "added 0 people; 20 duplicates and 0 contacts with a problem left out"
    assert (root / "referrals/people.yml").read_text(encoding="utf-8") == text


def test_import_dry_run_writes_nothing(kit) -> None:
    root = kit()
    before = (root / "referrals/people.yml").read_bytes()
    result = run_cli(root, "import", str(CONTACTS), "--dry-run")
    assert result.output.splitlines()[0] == "contacts.vcf:1: would add chiamaka-okafor (Chiamaka Okafor)"
    assert result.output.splitlines()[-1] == (
        "would add 18 people to referrals/people.yml; 2 duplicates and 0 contacts with a problem left out;"
        " dry run: nothing was written"
    )
    assert (root / "referrals/people.yml").read_bytes() == before


def test_import_csv_maps_headers_and_splits_only_unambiguous_names(kit, tmp_path: Path) -> None:
    sheet = tmp_path / "customers.csv"
    sheet.write_text(
        "Name,E-mail Address,Mobile Phone,Street,City,Postcode,Birthday\n"
        "Ruth Abara,ruth@example.com,07700 900200,3 Mill Lane,Leeds,LS6 2AB,1990-05-01\n"
        "Mary Ann Lee,mal@example.com,,,,,\n"
        "Prince,,,,,,--12-24\n"
        ",,,,,,\n"
        "joão silva,,,,,,\n",
        encoding="utf-8",
    )
    result = run_cli(kit(), "import", str(sheet))
    assert result.exit_code == 1, result.output  # one row left out: the others are in
    assert result.output == (
        "columns: full ← 'Name', email ← 'E-mail Address', phone ← 'Mobile Phone', street ← 'Street',"
        " city ← 'City', code ← 'Postcode', birthday ← 'Birthday'\n"
        "customers.csv:2: added ruth-abara (Ruth Abara)\n"
        "customers.csv:4: added prince (Prince)\n"
        "customers.csv:6: joão silva: already on file as joao-silva (same name); not added\n"
        'customers.csv:3: not imported: cannot tell the given from the family name in "Mary Ann Lee"'
        " (add First name and Last name columns, or add this person with ownerkit add person)\n"
        "added 2 people to referrals/people.yml; 1 duplicate and 1 contact with a problem left out\n"
    )


def test_import_refuses_a_file_without_names(kit, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("Colour,Size\nred,2\n", encoding="utf-8")
    result = run_cli(kit(), "import", str(sheet))
    assert result.exit_code == 1
    assert "x.csv:1: no name column among the headers (Colour, Size)" in result.output


def test_birthdays_in_every_flavour() -> None:
    assert read_birthday("1604-04-17", omit_year=True) == PartialDate(4, 17)
    assert read_birthday("--0417") == PartialDate(4, 17)
    assert read_birthday("--04-17") == PartialDate(4, 17)
    assert read_birthday("19870417") == PartialDate(4, 17, 1987)
    assert read_birthday("1987-04-17T00:00:00Z") == PartialDate(4, 17, 1987)
    assert read_birthday("--0231") is None
    assert read_birthday("April 17") is None


def test_full_names_split_only_when_unambiguous() -> None:
    assert split_full_name("Ruth Abara") == PersonName("Ruth", "Abara")
    assert split_full_name("Cher") == PersonName("Cher")
    assert split_full_name("李 小龍") == PersonName("小龍", "李", order="family-first")
    assert split_full_name("Mary Ann Lee") is None
    assert split_full_name("山田太郎") is None
    assert map_headers(["First Name", "Last Name", "E-mail 1 - Value"]) == {"given": 0, "family": 1, "email": 2}
    contacts, _ = read_csv("Given Name,Family Name\nAna,\n", "g.csv")
    assert contacts[0].name == PersonName("Ana")


def test_export_addresses_skips_the_deceased_and_says_who(kit, monkeypatch) -> None:
    people = """\
    people:
      - id: joao-silva
        name: {given: João, family: Silva}
        address: |
          4 Mill Lane
          Leeds LS6 2AB
      - id: mei-tanaka
        name: {given: Mei, family: Tanaka, order: family-first}
      - id: tenzin
        name: {given: Tenzin}
        address: "1 Road"
        deceased: true
    """
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": "referrals: []\n"})
    monkeypatch.chdir(root)
    result = run_cli(root, "export", "addresses")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "left out tenzin: marked deceased\n"
        "left out mei-tanaka: no address on file\n"
        "wrote private/addresses.csv and private/addresses.vcf: 1 address\n"
        "Private: addresses are personal; keep these files to yourself.\n"
    )
    assert (root / "private/addresses.csv").read_bytes().decode("utf-8") == (
        "Name,Organisation,Address line 1,Address line 2,Town/City,Postcode,Country\r\n"
        "João Silva,,4 Mill Lane,,Leeds,LS6 2AB,\r\n"
    )
    card = (root / "private/addresses.vcf").read_bytes().decode("utf-8")
    assert "VERSION:3.0\r\n" in card
    assert "ADR;TYPE=HOME:;;4 Mill Lane;Leeds;;LS6 2AB;\r\n" in card
    assert "PRODID:-//ownerkit//addresses//EN\r\n" in card
    assert "N:Silva;João;;;\r\n" in card


def test_an_android_vcard_2_1_with_quoted_printable_names() -> None:
    from generator.load.contacts import read_vcard

    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=B0=8F=E9=BE=8D;;;\r\n"
        "TEL;CELL;PREF:+447700900123\r\nEMAIL;HOME:li@example.com\r\n"
        "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;12 Ch=C3=A2teau Road;Leeds;;LS6 1AA;UK\r\n"
        "BDAY:1990-04-17\r\nEND:VCARD\r\n"
    )
    (contact,) = read_vcard(text, "android.vcf")
    assert contact.name == PersonName("小龍", "李", order="family-first")
    assert (contact.email, contact.phone, contact.birthday) == (
        "li@example.com",
        "+447700900123",
        PartialDate(4, 17, 1990),
    )
    assert contact.address == "12 Château Road\nLeeds LS6 1AA\nUK"


def test_a_card_that_cannot_be_read_names_its_line_and_the_rest_still_import(kit, tmp_path: Path) -> None:
    broken = tmp_path / "mixed.vcf"
    broken.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:Abara;Ruth;;;\nFN:Ruth Abara\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nthis line is not a property\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:nobody@example.com\nEND:VCARD\n",
        encoding="utf-8",
    )
    result = run_cli(kit(), "import", str(broken))
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == "mixed.vcf:1: added ruth-abara (Ruth Abara)"
    assert lines[1] == "mixed.vcf:6: not imported: the card has no name (N:, FN: or ORG:)"  # its bad line is skipped
    assert lines[2] == "mixed.vcf:10: not imported: the card has no name (N:, FN: or ORG:)"
    assert lines[3] == "added 1 person to referrals/people.yml; 0 duplicates and 2 contacts with a problem left out"


def test_export_addresses_names_partners_and_organisations_as_the_envelope_does(kit, monkeypatch) -> None:
    people = """\
    people:
      - id: ruth-baxter
        name: {given: Ruth, family: Baxter}
        with:
          - {given: Tom, family: Okafor}
        address: |
          7 Bath Road
          Stroud GL5 3JN
      - id: ana-lima
        name: {given: Ana, family: Lima}
        organisation: Lima & Co
        address: |
          2 High Street
          Leeds LS1 1AA
    """
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": "referrals: []\n"})
    monkeypatch.chdir(root)
    result = run_cli(root, "export", "addresses")
    assert result.exit_code == 0, result.output
    assert (root / "private/addresses.csv").read_bytes().decode("utf-8") == (
        "Name,Organisation,Address line 1,Address line 2,Town/City,Postcode,Country\r\n"
        "Ruth Baxter and Tom Okafor,,7 Bath Road,,Stroud,GL5 3JN,\r\n"
        "Ana Lima,Lima & Co,2 High Street,,Leeds,LS1 1AA,\r\n"
    )
    card = (root / "private/addresses.vcf").read_bytes().decode("utf-8")
    assert "FN:Ruth Baxter and Tom Okafor\r\n" in card
    assert "ORG:Lima & Co\r\n" in card


@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_a_csv_separated_by_semicolons_or_tabs_is_read(separator: str) -> None:
    text = separator.join(["First name", "Last name", "Email"]) + "\n" + separator.join(["Ana", "Lima", "a@x.test"])
    contacts, mapping = read_csv(text + "\n", "s.csv")
    assert mapping == {"given": "First name", "family": "Last name", "email": "Email"}
    assert [(c.name, c.email) for c in contacts] == [(PersonName("Ana", "Lima"), "a@x.test")]


def test_a_card_whose_birthday_is_no_real_day_is_told_at_its_bday_line(kit, tmp_path) -> None:
    card = tmp_path / "c.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ACME Ltd\r\nORG:ACME Ltd\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Dee\r\nN:Dee;Cy;;;\r\nBDAY:2026-02-30\r\nEND:VCARD\r\n"
    )
    result = run_cli(kit(), "import", str(card), "--dry-run")
    assert result.exit_code == 1  # a contact was left out: a script must notice
    assert result.output == (
        "c.vcf:1: would add acme-ltd (ACME Ltd)\n"
        'c.vcf:10: not imported: BDAY: "2026-02-30" is not a day of the calendar'
        " (February has no day 30; fix it in your address book, then import again)\n"
        "would add 1 person to referrals/people.yml; 0 duplicates and 1 contact with a problem left out;"
        " dry run: nothing was written\n"
    )
