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
import dataclasses
import datetime as dt
import io
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import vobject

from generator.commands.records import people_file, person_record, text_change
from generator.errors import OwnerkitError, Problem
from generator.load.contacts import Contact, read_csv, read_vcard
from generator.load.kit import load_kit
from generator.load.people import load_referral_file
from generator.model.friends import envelope_names
from generator.model.matching import Match, PeopleIndex, base_id, unique_id
from generator.model.names import PersonName
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
    notes: list[str] = field(default_factory=list)  # how the file was read, when that was a guess


def decode_contacts(raw: bytes) -> tuple[str, str | None]:
    """An address book's text, whatever its encoding, and a note when the encoding was a guess.

    A byte-order mark says UTF-8 or UTF-16; UTF-16 without one shows as a zero
    byte in every other place; otherwise UTF-8, and failing that Windows'
    cp1252 (a superset of Latin-1: Outlook's exports), which is said.
    """
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), None
    head = raw[:4096]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return raw.decode("utf-16-le", errors="replace"), "read as UTF-16 (no byte-order mark)"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return raw.decode("utf-16-be", errors="replace"), "read as UTF-16 (no byte-order mark)"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), (
            "not UTF-8; read as Western European (Windows-1252/Latin-1): check accented names"
        )


def read_contacts(
    path: Path, progress: Progress | None = None, notes: list[str] | None = None
) -> tuple[list[Contact], dict[str, str]]:
    """The contacts of a .vcf or .csv file (chosen by its content, then its name); ``notes`` gets guesses made."""
    notes = notes if notes is not None else []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OwnerkitError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    text, note = decode_contacts(raw)
    if note:
        notes.append(f"{path.name}: {note}")
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
    notes: list[str] = []
    contacts, columns = read_contacts(path, progress, notes)
    result = Imported(path.name, columns=columns, notes=notes)
    index = PeopleIndex(kit.people.values())
    taken = set(kit.people)
    records: dict[str, list[str]] = {}
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
        records[pid] = _contact_record(pid, contact)
    if records:
        rel = people_file(kit)
        old = read_text(root, rel)
        bad = _bad_records(rel, old, records)
        for pid, contact in list(result.added):
            if pid in bad:
                result.added.remove((pid, contact))
                where, problem = bad[pid](contact)
                result.skipped.append(dataclasses.replace(contact, where=where, name=None, problem=problem))
                del records[pid]
    if records:
        new, _ = append_records(old, rel, "people", list(records.values()))
        result.change = text_change(rel, old, new)
        verify_kit(root, {rel: new}, today)
        if not dry_run:
            write_texts(root, [result.change])
            result.written = True
    return result


def _contact_record(pid: str, contact: Contact) -> list[str]:
    birthday = str(contact.birthday) if contact.birthday else None
    fields: dict[str, object] | None = {"organisation": contact.organisation} if contact.organisation else None
    return person_record(
        pid,
        contact.name or PersonName(pid),
        email=contact.email,
        phone=contact.phone,
        address=contact.address,
        birthday=birthday,
        fields=fields,
    )


def _bad_records(rel: str, old: str, records: dict[str, list[str]]) -> dict[str, Callable[[Contact], tuple[str, str]]]:
    """The new records that would not load, each with its problem told at the contact's own line and field.

    The records are read as they would be written, on their own (in a
    temporary file), so a problem is never reported at a line of the people
    file that does not exist yet.
    """
    new, _ = append_records(old, rel, "people", list(records.values()))
    first_new = len(old.splitlines()) + 1
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="ownerkit-import-") as tmp:
        path = Path(tmp) / Path(rel).name
        path.write_bytes(new.encode("utf-8"))
        load_referral_file(path, rel, problems)
    lines = new.splitlines()
    bad: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.severity != "error" or not problem.line or problem.line < first_new:
            continue
        pid = next((m.group(1) for m in map(_ID_LINE.match, reversed(lines[: problem.line])) if m), None)
        if pid in records:
            bad.setdefault(pid, []).append(problem)
    return {pid: _told_at(found) for pid, found in bad.items()}


_ID_LINE = re.compile(r"^\s*- id: (\S+)")


def _told_at(problems: list[Problem]) -> Callable[[Contact], tuple[str, str]]:
    """``(where, what)`` of a contact's problems: the card's own line and property, and what is wrong there."""

    def told(contact: Contact) -> tuple[str, str]:
        said: list[str] = []
        where = contact.where
        for problem in problems:
            place, prop = contact.field_at((problem.field or "").split(".")[0])
            where = where if said else place
            hint = f" ({problem.hint})" if problem.hint else ""
            said.append(f"{prop}: {problem.message}{hint}")
        return where, "; ".join(said) + "; fix the card in your address book and import again"

    return told


# ------------------------------------------------------------------- export

VCARD_PRODID = "-//ownerkit//addresses//EN"
CSV_COLUMNS = ("Name", "Organisation", "Address line 1", "Address line 2", "Town/City", "Postcode", "Country")
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
        names = envelope_names(person)  # as the letter's envelope shows them: "Ruth Baxter and Tom Okafor"
        org = person.organisation or ""
        row = [names[0], org, postal.line(1), postal.line(2), postal.town, postal.postcode, postal.country]
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
    card.add("fn").value = envelope_names(person)[0]
    if person.organisation:
        card.add("org").value = [person.organisation]
    adr = card.add("adr")
    adr.value = vobject.vcard.Address(
        street="\n".join(postal.street), city=postal.town, code=postal.postcode, country=postal.country
    )
    adr.type_param = "HOME"
    card.add("label").value = "\n".join(line for line in (person.address or "").strip().splitlines() if line.strip())
    return str(card.serialize())
