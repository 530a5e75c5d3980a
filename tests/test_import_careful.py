"""``ownerkit import``: a bad card is told at its own line and field, the good ones come in; any encoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from generator.commands.contacts import decode_contacts

CARDS = """\
BEGIN:VCARD
VERSION:3.0
N:Smith;Ann;;;
FN:Ann Smith
EMAIL:ann@@x
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Hale;Tom;;;
FN:Tom Hale
EMAIL:tom@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Plumber Dave
END:VCARD
BEGIN:VCARD
VERSION:3.0
ORG:Stroud Choral Society;
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:田中;芽衣;;;
FN:田中 芽衣
END:VCARD
"""


def test_bad_cards_are_told_at_their_own_line_and_the_good_ones_imported(kit, tmp_path: Path) -> None:
    root = kit()
    book = tmp_path / "book.vcf"
    book.write_text(CARDS, encoding="utf-8")
    result = run_cli(root, "import", str(book))
    assert result.exit_code == 1
    assert result.output == (
        "book.vcf:7: added tom-hale (Tom Hale)\n"
        "book.vcf:17: added stroud-choral-society (Stroud Choral Society)\n"
        "book.vcf:21: added person-0f3b8d (田中芽衣)\n"
        'book.vcf:13: not imported: FN: "Plumber Dave" has no N: field to say which is the given and which the'
        " family name (add them with ownerkit add person --given ... --family ...)\n"
        'book.vcf:5: not imported: EMAIL: expected one email address, got "ann@@x": it has more than one @'
        " (write one address, like name@example.com); fix the card in your address book and import again\n"
        "added 3 people to referrals/people.yml; 0 duplicates and 2 contacts with a problem left out\n"
    )
    text = (root / "referrals/people.yml").read_text(encoding="utf-8")
    assert "    organisation: Stroud Choral Society\n" in text
    assert "      given: 芽衣\n      family: 田中\n      order: family-first\n" in text
    assert "ann@@x" not in text and "Plumber" not in text
    assert run_cli(root, "check").exit_code == 0
    again = run_cli(root, "import", str(book))
    assert "added 0 people; 3 duplicates and 2 contacts with a problem left out" in again.output


@pytest.mark.parametrize(
    ("encoded", "note"),
    [
        ("\ufeffN:Ferreira;Zoë;;;".encode("utf-16"), None),  # UTF-16 with its byte-order mark
        ("N:Ferreira;Zoë;;;".encode("utf-16-le"), "read as UTF-16 (no byte-order mark)"),
        ("N:Ferreira;Zoë;;;".encode("utf-8-sig"), None),
        (
            "N:Ferreira;Zoë;;;".encode("cp1252"),
            "not UTF-8; read as Western European (Windows-1252/Latin-1): check accented names",
        ),
    ],
)
def test_encodings_are_detected(encoded: bytes, note: str | None) -> None:
    text, said = decode_contacts(encoded)
    assert text.lstrip("\ufeff") == "N:Ferreira;Zoë;;;"
    assert said == note


def test_a_latin_1_card_imports_with_its_accents_and_a_note(kit, tmp_path: Path) -> None:
    book = tmp_path / "old.vcf"
    book.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sørensen;Lærke;;;\r\nEND:VCARD\r\n".encode("latin-1"))
    result = run_cli(kit(), "import", str(book))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "note: old.vcf: not UTF-8; read as Western European (Windows-1252/Latin-1): check accented names",
        "old.vcf:1: added laerke-sorensen (Lærke Sørensen)",
    ]


def test_a_formula_in_a_spreadsheet_is_never_imported(kit, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        'First name,Last name,Email\nAnn,"=HYPERLINK(""http://x"",""y"")",a@example.com\nBo,\'-Ross,b@example.com\n',
        encoding="utf-8",
    )
    root = kit()
    result = run_cli(root, "import", str(sheet))
    assert result.exit_code == 1
    assert 'people.csv:2: not imported: Last name: starts with "=", a spreadsheet formula, not a value' in result.output
    assert "people.csv:3: added bo-ross (Bo -Ross)" in result.output
    assert "HYPERLINK" not in (root / "referrals/people.yml").read_text(encoding="utf-8")
