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
from generator.model.records import Kit, Person
from generator.write.files import write_atomic
from generator.write.private import private_target
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
    """Add every new person of an address-book file to the people file."""
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

CSV_COLUMNS = (
    "Full Name",
    "First Name",
    "Last Name",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address",
)
ADDRESS_LINES = 5


@dataclass(frozen=True)
class Envelopes:
    """The envelope list: who is on it, and who was left off and why."""

    people: tuple[Person, ...]
    deceased: tuple[Person, ...]
    no_address: tuple[Person, ...]
    csv: str
    vcard: str


def address_lines(address: str) -> list[str]:
    """The address's lines, at most five (the rest joined onto the fifth with commas)."""
    lines = [line.strip() for line in address.strip().splitlines() if line.strip()]
    if len(lines) > ADDRESS_LINES:
        lines = [*lines[: ADDRESS_LINES - 1], ", ".join(lines[ADDRESS_LINES - 1 :])]
    return lines


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
        lines = address_lines(person.address or "")
        padded = lines + [""] * (ADDRESS_LINES - len(lines))
        writer.writerow([person.name.full, person.name.given, person.name.family or "", *padded, "\n".join(lines)])
        cards.append(_card(person, lines))
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
    target = private_target(root, output, "addresses.csv")
    cards = target.with_suffix(".vcf")
    if not dry_run:
        try:
            write_atomic(target, found.csv)
            write_atomic(cards, found.vcard)
        except OSError as exc:
            raise OwnerkitError(f"{target}: could not write it ({exc.strerror or exc})") from None
    return Exported(found, target, cards, not dry_run)


def _card(person: Person, lines: list[str]) -> str:
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=person.name.family or "", given=person.name.given)
    card.add("fn").value = person.name.full
    adr = card.add("adr")
    adr.value = vobject.vcard.Address(street="\n".join(lines))
    adr.type_param = "HOME"
    card.add("label").value = "\n".join(lines)
    return str(card.serialize())
