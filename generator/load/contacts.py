"""Address books → contacts: vCard 3.0/4.0 files (through vobject) and spreadsheet CSV.

Each contact keeps where it came from (``file:line``) so that every message
about it names the place. A card or row that cannot be read becomes a
:class:`Contact` with a ``problem`` and no name: the rest are still read.

vCard flavours handled: Apple Contacts (``X-APPLE-OMIT-YEAR`` birthdays,
``itemN.`` grouped addresses), Google Contacts (``--MM-DD`` birthdays, 3.0),
Outlook (``BDAY:YYYYMMDD``, ``CHARSET=`` parameters), and vCard 4.0
(``--MMDD``). CSV columns are matched by header (Google's and Outlook's export
headers, and plain ones like ``First name``); a single "Name" column is split
into given and family names only when that is unambiguous.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import vobject

from generator.load.fields import check_date
from generator.model.dates import PartialDate
from generator.model.names import PersonName, _unspaced

_BDAY = re.compile(r"^(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?$")
_OMIT_YEARS = ("1604", "1900")  # Apple writes 1604 for "no year"; some phones write 1900


@dataclass(frozen=True)
class Contact:
    """One person read from an address book."""

    where: str  # "contacts.vcf:12" (the card's BEGIN line, or the CSV row)
    name: PersonName | None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    birthday: PartialDate | None = None
    problem: str | None = None  # why it cannot be imported (then name is None)
    organisation: str | None = None  # a card for a shop, school or club (vCard ORG: with no person's name)
    fields_at: tuple[tuple[str, str, int], ...] = ()  # (our field, the card's property, its line) for messages

    def field_at(self, field: str) -> tuple[str, str]:
        """``(file:line, PROPERTY)`` of one of our fields in the card, else the card's own place and the field."""
        for ours, prop, line in self.fields_at:
            if ours == field:
                return f"{self.where.rsplit(':', 1)[0]}:{line}", prop
        return self.where, field

    @property
    def label(self) -> str:
        return self.name.full if self.name else self.where


def read_birthday(value: str, omit_year: bool = False) -> PartialDate | None:
    """``1987-04-17``, ``19870417``, ``--0417``, ``--04-17`` → a day (with its year when known)."""
    match = _BDAY.match(value.strip())
    if not match:
        return None
    year_text, month, day = match.groups()
    year = None if year_text == "--" or omit_year or year_text in _OMIT_YEARS else int(year_text)
    try:
        dt.date(year or 2000, int(month), int(day))
    except ValueError:
        return None
    return PartialDate(int(month), int(day), year)


def make_name(given: str, family: str) -> PersonName | None:
    given, family = " ".join(given.split()), " ".join(family.split())
    if not given and family:
        given, family = family, ""
    if not given:
        return None
    order = "family-first" if family and _unspaced(given + family) else None
    return PersonName(given=given, family=family or None, order=order)  # type: ignore[arg-type]


def split_full_name(full: str) -> PersonName | None:
    """A full name split into given and family only when there is one way to do it."""
    words = full.split()
    if len(words) == 1:
        word = words[0]
        if _unspaced(word) and len(word) > 1:
            return None  # 山田太郎: where the family name ends is not certain
        return PersonName(given=word)
    if len(words) == 2 and not any(w.endswith(",") for w in words):
        if _unspaced(words[0] + words[1]):
            return PersonName(given=words[1], family=words[0], order="family-first")
        return PersonName(given=words[0], family=words[1])
    return None


# ------------------------------------------------------------------- vCard


def _cards(text: str) -> list[tuple[int, str]]:
    """Each ``BEGIN:VCARD``…``END:VCARD`` block with the line it starts on."""
    found, start, lines = [], None, []
    for number, line in enumerate(text.splitlines(), 1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            start, lines = number, [line]
        elif start is not None:
            lines.append(line)
            if upper == "END:VCARD":
                found.append((start, "\r\n".join(lines) + "\r\n"))
                start = None
    return found


def _first(card: vobject.base.Component, key: str) -> vobject.base.ContentLine | None:
    """The preferred (``TYPE=pref`` / ``PREF=1``) line of ``key``, else the first."""
    lines = card.contents.get(key) or []
    for line in lines:
        types = [t.lower() for t in line.params.get("TYPE", [])]
        if "pref" in types or line.params.get("PREF"):
            return line
    return lines[0] if lines else None


def _address(line: vobject.base.ContentLine | None) -> str | None:
    if line is None:
        return None
    value = line.value
    if isinstance(value, str):
        parts = value.split(";")
        value = vobject.vcard.Address(*(parts + [""] * 7)[:7]) if len(parts) >= 3 else None
        if value is None:
            return None
    street = [s for s in re.split(r"\r?\n", _join(value.box, value.extended, value.street)) if s.strip()]
    town = " ".join(p for p in (_join(value.city), _join(value.region), _join(value.code)) if p)
    lines = [*street, town, _join(value.country)]
    text = "\n".join(line.strip() for line in lines if line and line.strip())
    return text or None


def _join(*parts: object) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            out.extend(str(p) for p in part if p)
        elif part:
            out.append(str(part))
    return "\n".join(out)


def _card_contact(where: str, card: vobject.base.Component) -> Contact:
    name = None
    n = card.contents.get("n")
    if n and not isinstance(n[0].value, str):
        name = make_name(_join(n[0].value.given).replace("\n", " "), _join(n[0].value.family).replace("\n", " "))
    organisation = _org(card)
    if name is None and card.contents.get("fn"):
        full = " ".join(str(card.fn.value).split())
        name = PersonName(given=full) if len(full.split()) == 1 else None
        if name is None and full and full != organisation:
            return Contact(
                where,
                None,
                problem=f'FN: "{full}" has no N: field to say which is the given and which the family name'
                " (add them with ownerkit add person --given ... --family ...)",
            )
    if name is None and organisation:
        name = PersonName(given=organisation)  # letters are then to the organisation itself
    if name is None:
        return Contact(where, None, problem="the card has no name (N:, FN: or ORG:)")
    email = _first(card, "email")
    phone = _first(card, "tel")
    bday = card.contents.get("bday")
    birthday = None
    if bday:
        omit = "X-APPLE-OMIT-YEAR" in bday[0].params
        birthday = read_birthday(str(bday[0].value), omit)
    return Contact(
        where,
        name,
        email=str(email.value).strip() or None if email else None,
        phone=re.sub(r"^tel:", "", str(phone.value).strip()) or None if phone else None,
        address=_address(_first(card, "adr")),
        birthday=birthday,
        organisation=organisation,
    )


def _org(card: vobject.base.Component) -> str | None:
    lines = card.contents.get("org") or []
    if not lines:
        return None
    value = lines[0].value
    parts = value if isinstance(value, (list, tuple)) else str(value).split(";")
    text = " ".join(" ".join(str(part) for part in parts if str(part).strip()).split())
    return text or None


# our field: the vCard properties it is read from
_PROPERTIES = {"name": ("N", "FN", "ORG"), "email": ("EMAIL",), "phone": ("TEL",), "address": ("ADR",)}
_PROPERTIES["birthday"] = ("BDAY",)
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")


def _fields_at(block: str, start: int) -> tuple[tuple[str, str, int], ...]:
    """Where each of our fields is in a card: (field, property, line of the file)."""
    seen: dict[str, tuple[str, str, int]] = {}
    for offset, line in enumerate(block.split("\r\n")):
        found = _PROPERTY.match(line)
        if not found:
            continue
        prop = found.group(1).upper()
        for ours, props in _PROPERTIES.items():
            if prop in props and ours not in seen:
                seen[ours] = (ours, prop, start + offset)
    return tuple(seen.values())


def _unread_birthday(contact: Contact, card: vobject.base.Component) -> Contact | None:
    """The contact left out, told at its BDAY line, when its birthday is there but is no real day; else ``None``.

    Dropping the birthday quietly would lose what the owner's address book says.
    """
    bday = card.contents.get("bday")
    if contact.problem or contact.birthday or not bday:
        return None
    value = str(bday[0].value).strip()
    match = _BDAY.match(value)
    why = check_date(0 if match[1] == "--" else int(match[1]), int(match[2]), int(match[3])) if match else None
    said = f"{why}; " if why else ""
    place, prop = contact.field_at("birthday")
    problem = f'{prop}: "{value}" is not a day of the calendar ({said}fix it in your address book, then import again)'
    return dataclasses.replace(contact, where=place, name=None, problem=problem)


def read_vcard(text: str, rel: str, progress: Callable[[int, int], None] | None = None) -> list[Contact]:
    """Every card in a vCard file; a card vobject cannot read becomes a contact with a problem.

    ``progress(done, total)`` is called every hundred cards, and once at the end.
    """
    contacts = []
    cards = _cards(text)
    for number, (line, block) in enumerate(cards, 1):
        if progress and number % 100 == 0:
            progress(number, len(cards))
        where = f"{rel}:{line}"
        try:
            card = vobject.readOne(block, ignoreUnreadable=True)
        except (vobject.base.ParseError, ValueError, IndexError) as exc:
            contacts.append(Contact(where, None, problem=f"this card cannot be read ({exc})"))
            continue
        contact = dataclasses.replace(_card_contact(where, card), fields_at=_fields_at(block, line))
        contacts.append(_unread_birthday(contact, card) or contact)
    if progress:
        progress(len(cards), len(cards))
    return contacts


# --------------------------------------------------------------------- CSV

COLUMNS: dict[str, tuple[str, ...]] = {
    # our field: headers (folded: lowercase, no spaces, hyphens or underscores) it is read from
    "given": ("given", "givenname", "firstname", "first", "forename"),
    "family": ("family", "familyname", "lastname", "last", "surname"),
    "full": ("name", "fullname", "displayname", "contactname"),
    "email": ("email", "emailaddress", "e-mailaddress", "email1value", "e-mail1value", "mail"),
    "phone": ("phone", "phonenumber", "mobile", "mobilephone", "phone1value", "telephone", "tel", "cell"),
    "address": ("address", "postaladdress", "address1formatted", "homeaddress", "fulladdress"),
    "street": ("street", "homestreet", "address1street", "addressline1", "streetaddress"),
    "street2": ("addressline2", "homestreet2", "address1extendedaddress"),
    "city": ("city", "town", "homecity", "address1city"),
    "region": ("region", "county", "state", "homestate", "address1region"),
    "code": ("postcode", "postalcode", "zip", "zipcode", "homepostalcode", "address1postalcode"),
    "country": ("country", "homecountry", "homecountry/region", "address1country"),
    "birthday": ("birthday", "dateofbirth", "dob", "birthdate"),
}


def _fold_header(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header.strip().lstrip("\ufeff").lower()).replace(":", "")


def map_headers(headers: list[str]) -> dict[str, int]:
    """Our field → column index, from the spreadsheet's header row."""
    index: dict[str, int] = {}
    for number, header in enumerate(headers):
        folded = _fold_header(header)
        for field, names in COLUMNS.items():
            if field not in index and folded in {_fold_header(n) for n in names}:
                index[field] = number
    return index


def _delimiter(text: str) -> str:
    """The column separator, from the header line: a comma, or the semicolon or tab some spreadsheets write."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


def read_csv(text: str, rel: str) -> tuple[list[Contact], dict[str, str]]:
    """Every row of a spreadsheet export, and which header each field was read from."""
    text = text.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    if not rows:
        return [], {}
    headers = rows[0]
    index = map_headers(headers)
    mapping = {field: headers[i] for field, i in index.items()}
    contacts = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str:
            i = index.get(field)
            return _value(row[i]) if i is not None and i < len(row) else ""

        where = f"{rel}:{number}"
        formulas = [headers[i] for i in index.values() if i < len(row) and row[i].strip().startswith("=")]
        if formulas:
            problem = f'{", ".join(formulas)}: starts with "=", a spreadsheet formula, not a value'
            contacts.append(Contact(where, None, problem=problem + " (save the sheet's values, not its formulas)"))
            continue
        contacts.append(_row_contact(where, cell))
    return contacts, mapping


def _value(cell: str) -> str:
    """A cell's text; a leading apostrophe that kept a value from being read as a formula is dropped."""
    text = cell.strip()
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def _row_contact(where: str, get: Callable[[str], str]) -> Contact:
    name = make_name(get("given"), get("family")) if get("given") or get("family") else None
    if name is None:
        full = get("full")
        if not full:
            return Contact(where, None, problem="no name in this row (columns: Given name/Family name, or Name)")
        name = split_full_name(full)
        if name is None:
            return Contact(
                where,
                None,
                problem=f'cannot tell the given from the family name in "{full}"'
                " (add First name and Last name columns, or add this person with ownerkit add person)",
            )
    address = get("address").replace("\\n", "\n") or None
    if address is None:
        town = " ".join(p for p in (get("city"), get("region"), get("code")) if p)
        lines = [get("street"), get("street2"), town, get("country")]
        address = "\n".join(line for line in lines if line) or None
    birthday = read_birthday(get("birthday")) if get("birthday") else None
    return Contact(
        where,
        name,
        email=get("email") or None,
        phone=get("phone") or None,
        address=address,
        birthday=birthday,
    )
