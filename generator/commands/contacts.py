"""``ownerkit import FILE`` and ``ownerkit export addresses``: people in from an address book, envelopes out.

Importing adds only people not on file: a contact whose email, or whose name
once folded (case, accents, spacing), matches someone already on file (or an
earlier contact of the same file) is reported as a duplicate and never
created, so importing the same file twice changes nothing. All new people go
into the people file in one edit, checked with the whole kit before it is
written.

Exporting writes the envelope list: everyone alive with a postal address, as
CSV (the columns handwriting and mail-merge services take) and as vCard 3.0.
Address lines are kept as the owner wrote them: no town or postcode is
guessed out of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import vobject

from generator.commands.records import people_file, person_record, text_change
from generator.errors import OwnerkitError
from generator.load.contacts import Contact, read_csv, read_vcard
from generator.load.kit import load_kit
from generator.model.matching import Match, PeopleIndex, base_id, unique_id
from generator.model.postal import PostalAddress, split_address
from generator.model.records import Kit, Person
from generator.write.files import write_atomic
from generator.write.lock import kit_lock
from generator.write.private import ADDRESSES_CSV, ADDRESSES_VCARD, check_target, private_target
from generator.write.yamlappend import TextChange, append_records, read_text, verify_kit, write_texts

Progress = Callable[[int, int], None]  # (contacts read, contacts in the file)


@dataclass
class Imported:
    """The plan of an import, and whether it was written."""

    source: str
    added: list[tuple[str, Contact]] = field(default_factory=list)  # (new id, contact)
    duplicates: list[tuple[Contact, Match]] = field(default_factory=list)
    skipped: list[Contact] = field(default_factory=list)  # contacts with a problem
    columns: dict[str, str] = field(default_factory=dict)  # CSV: our field → the header it came from
    change: TextChange | None = None
    written: bool = False


def read_contacts(path: Path, progress: Progress | None = None) -> tuple[list[Contact], dict[str, str]]:
    """The contacts of a .vcf or .csv file (chosen by its content, then its name)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OwnerkitError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Outlook's CSV export on Windows
    if "BEGIN:VCARD" in text[:4096].upper():
        return read_vcard(text, path.name, progress), {}
    if path.suffix.lower() in (".vcf", ".vcard"):
        raise OwnerkitError(f"{path}: no BEGIN:VCARD in it; is it a vCard file?")
    if path.suffix.lower() not in (".csv", ".txt"):
        raise OwnerkitError(f"{path}: expected a vCard (.vcf) or spreadsheet (.csv) file")
    contacts, columns = read_csv(text, path.name)
    if not ({"given", "full"} & set(columns)):
        raise OwnerkitError(
            f"{path.name}:1: no name column among the headers ({', '.join(text.splitlines()[0].split(',')[:8])});"
            " name one First name and one Last name (or one Name)"
        )
    return contacts, columns


def _new_person(pid: str, contact: Contact) -> Person:
    assert contact.name is not None
    return Person(id=pid, name=contact.name, email=contact.email)


def import_contacts(
    root: Path, today: dt.date, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> Imported:
    """Add every new person of an address-book file to the people file (under the kit's write lock)."""
    with kit_lock(root):
        return _import_contacts(root, today, path, dry_run=dry_run, progress=progress)


def _import_contacts(root: Path, today: dt.date, path: Path, *, dry_run: bool, progress: Progress | None) -> Imported:
    kit = load_kit(root, today).kit
    contacts, columns = read_contacts(path, progress)
    result = Imported(path.name, columns=columns)
    index = PeopleIndex(kit.people.values())
    taken = set(kit.people)
    records = []
    for contact in contacts:
        if contact.name is None:
            result.skipped.append(contact)
            continue
        same = index.same(contact.name, contact.email)
        if same:
            result.duplicates.append((contact, same))
            continue
        pid = unique_id(base_id(contact.name, contact.email), taken)
        taken.add(pid)
        index.add(_new_person(pid, contact))
        result.added.append((pid, contact))
        birthday = str(contact.birthday) if contact.birthday else None
        records.append(
            person_record(
                pid, contact.name, email=contact.email, phone=contact.phone, address=contact.address, birthday=birthday
            )
        )
    if records:
        rel = people_file(kit)
        old = read_text(root, rel)
        new, _ = append_records(old, rel, "people", records)
        result.change = text_change(rel, old, new)
        verify_kit(root, {rel: new}, today)
        if not dry_run:
            write_texts(root, [result.change])
            result.written = True
    return result


# ------------------------------------------------------------------- export

VCARD_PRODID = "-//ownerkit//addresses//EN"
CSV_COLUMNS = ("Name", "Address line 1", "Address line 2", "Town/City", "Postcode", "Country")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula (= + - @) gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


@dataclass(frozen=True)
class Envelopes:
    """The envelope list: who is on it, and who was left off and why."""

    people: tuple[Person, ...]
    deceased: tuple[Person, ...]
    no_address: tuple[Person, ...]
    csv: str
    vcard: str


def envelopes(kit: Kit, person_ids: tuple[str, ...] = ()) -> Envelopes:
    """The envelope list of ``kit`` (everyone, or only ``person_ids``), as CSV and vCard 3.0 text."""
    unknown = [pid for pid in person_ids if pid not in kit.people]
    if unknown:
        raise OwnerkitError(f"no one on file has the id {', '.join(unknown)} (see referrals/*.yml)")
    chosen = [kit.people[pid] for pid in person_ids] if person_ids else list(kit.people.values())
    chosen.sort(key=lambda p: (p.name.family or p.name.given).casefold())
    deceased = tuple(p for p in chosen if p.deceased)
    no_address = tuple(p for p in chosen if not p.deceased and not (p.address or "").strip())
    people = tuple(p for p in chosen if not p.deceased and (p.address or "").strip())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    cards = []
    for person in people:
        postal = split_address(person.address or "")
        row = [person.name.full, postal.line(1), postal.line(2), postal.town, postal.postcode, postal.country]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        cards.append(_card(person, postal))
    return Envelopes(people, deceased, no_address, out.getvalue(), "".join(cards))


@dataclass(frozen=True)
class Exported:
    """Where the envelope list went (or, in a dry run, would go)."""

    envelopes: Envelopes
    csv_path: Path
    vcard_path: Path
    written: bool


def export_addresses(
    root: Path, today: dt.date, person_ids: tuple[str, ...] = (), output: Path | None = None, dry_run: bool = False
) -> Exported:
    """Write the envelope list as CSV (default ``private/addresses.csv``) and vCard 3.0 next to it."""
    found = envelopes(load_kit(root, today).kit, person_ids)
    if output is not None and Path(output).suffix.lower() == ".vcf":
        raise OwnerkitError(f"{output}: give the .csv file's name; the vCard file is written next to it (.vcf)")
    target = private_target(root, output, ADDRESSES_CSV)
    cards = check_target(root, target.with_suffix(".vcf"), ADDRESSES_VCARD)
    if not dry_run:
        try:
            write_atomic(target, found.csv)
            write_atomic(cards, found.vcard)
        except OSError as exc:
            raise OwnerkitError(f"{target}: could not write it ({exc.strerror or exc})") from None
    return Exported(found, target, cards, not dry_run)


def _card(person: Person, postal: PostalAddress) -> str:
    card = vobject.vCard()
    card.add("prodid").value = VCARD_PRODID
    card.add("n").value = vobject.vcard.Name(family=person.name.family or "", given=person.name.given)
    card.add("fn").value = person.name.full
    adr = card.add("adr")
    adr.value = vobject.vcard.Address(
        street="\n".join(postal.street), city=postal.town, code=postal.postcode, country=postal.country
    )
    adr.type_param = "HOME"
    card.add("label").value = "\n".join(line for line in (person.address or "").strip().splitlines() if line.strip())
    return str(card.serialize())
