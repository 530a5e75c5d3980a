"""A synthetic kit of any size, realistic enough to exercise every rule.

``make_kit(root, stories, people, referrals, seed)`` writes ``stories/owner.yml``,
``stories/*.md`` (and a few ``.yml`` stories), ``referrals/people.yml`` and one
referral file per year. The kit passes ``ownerkit check --today 2026-11-26``
(quality warnings aside: a few remembered facts are stale on purpose).

YAML is written as text, not through ``yaml.dump``, so that 50,000 referrals
take a few seconds at most. The same seed always gives the same files.

    python bench/synthetic.py OUT --stories 2000 --people 5000 --referrals 50000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make this repository's generator importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.model.names import fold
from generator.model.prompts import PROMPTS as BUILTIN_PROMPTS

TODAY = dt.date(2026, 11, 26)
OUTCOMES = ("pending", "client", "not-a-fit")
THANKS_HOW = ("handwritten", "email", "call", "in-person")

# ------------------------------------------------------------------ names

GIVEN = (
    "Ana", "João", "Lucía", "Zoë", "Chloé", "Renée", "Søren", "Björn", "Małgorzata", "Łukasz", "Ines", "Tomás",
    "Aoife", "Siobhán", "Niamh", "Oisín", "Fatima", "Omar", "Yusuf", "Leila", "Amara", "Chidi", "Ngozi", "Kwame",
    "Priya", "Arjun", "Ananya", "Rohan", "Elena", "Dmitri", "Katarína", "Jiří", "Ágnes", "Mateo", "Valentina",
    "Camille", "Théo", "Mads", "Ingrid", "Hannah", "Samuel", "Margaret", "Peter", "Grace", "Thomas", "Ruth",
    "Edward", "Olivia", "Jean-Luc", "Anne-Marie", "Mary-Kate", "José", "Nuño", "Çağla", "Emre", "Dagný", "Eilidh",
    "Rhys", "Gwen", "Ifeoma", "Tiago", "Beatriz", "Marco", "Giulia", "Francesca", "Luis", "Carmen", "Pedro",
)  # fmt: skip
FAMILY = (
    "Ferreira", "Silva", "Núñez", "García", "O'Brien", "O'Connor", "D'Angelo", "MacLeod", "McAllister", "Smith",
    "Jones", "Okafor", "Adeyemi", "Mensah", "Haddad", "Khalil", "Patel", "Iyer", "Sharma", "Novák", "Dvořák",
    "Kowalski", "Wiśniewska", "Nowak", "Müller", "Schröder", "Østergaard", "Lindqvist", "Johansson", "Jensen",
    "Dubois", "Lefèvre", "Rossi", "Bianchi", "Esposito", "Costa", "Santos", "Oliveira", "Pereira", "Murphy",
    "Kelly", "Walsh", "Byrne", "Evans", "Hughes", "Whitfield", "Ashworth", "Pemberton", "de la Cruz", "van Dijk",
    "ten Brink", "Ó Súilleabháin", "Al-Sayed", "Ben-David", "St. John", "Fitzgerald", "Yılmaz", "Kaya", "Horváth",
)  # fmt: skip
# family-first names: (family, given)
FAMILY_FIRST = (
    ("Tanaka", "Mei"), ("Suzuki", "Haruto"), ("Sato", "Yui"), ("Watanabe", "Ren"), ("Kim", "Min-jun"),
    ("Park", "Ji-woo"), ("Lee", "Seo-yeon"), ("Nguyen", "Van An"), ("Tran", "Thi Mai"), ("Wang", "Xiu Ying"),
    ("Li", "Wei"), ("Zhang", "Hao"), ("Chen", "Jing"), ("Nagy", "Zsófia"), ("Kovács", "Bence"), ("Tóth", "Réka"),
)  # fmt: skip
MONONYMS = (
    "Aziz", "Sukarno", "Tenzin", "Kalinda", "Maeve", "Oyelaran", "Wirasat", "Ketut", "Sinta", "Made", "Nyoman",
    "Iolo", "Ravi", "Anwar", "Bayarmaa", "Dorji", "Pema", "Sonam", "Lhamo", "Kesang",
)  # fmt: skip
PREFERRED = {"Margaret": "Peggy", "Thomas": "Tom", "Edward": "Ned", "Małgorzata": "Gosia",
             "Valentina": "Vale", "Francesca": "Fran", "Samuel": "Sam", "Dmitri": "Dima", "Elena": "Lena",
             "Jean-Luc": "JL", "Katarína": "Katka", "Beatriz": "Bia"}  # fmt: skip

# ------------------------------------------------------------------ words

CUSTOMERS = (
    "a retired nurse", "a man with a shoebox of postcards", "a teacher from the school on the hill",
    "a couple who had just bought their first flat", "a student with a print from a flea market",
    "an architect who measured everything twice", "a grandmother carrying her wedding veil",
    "a fisherman who brought his father's charts", "a painter who never signed her work",
    "a florist from two streets down", "a boy with a certificate for swimming a length",
    "a widower who wanted his wife's embroidery on the wall",
)  # fmt: skip
THINGS = (
    "a faded wedding photograph", "a child's first drawing", "a map of a village that no longer exists",
    "a signed football shirt", "a pressed flower from a funeral", "a watercolour of the harbour",
    "a letter from a grandfather at sea", "a framed jigsaw puzzle", "a rail ticket from 1962",
    "a set of botanical prints", "a wedding invitation", "a medal and its ribbon", "a tapestry in three pieces",
)  # fmt: skip
PLACES = (
    "the back room", "the workbench by the window", "the market on Saturday", "the bus home",
    "the bank on Mill Street", "the print shop next door", "the timber yard", "my kitchen table",
)  # fmt: skip
SEASONS = ("the spring", "the summer", "the autumn", "the winter", "the week before Christmas", "the Easter rush")
FEELINGS = ("proud", "embarrassed", "tired", "relieved", "grateful", "stubborn", "lucky", "nervous", "certain")

OPENINGS = {
    "why-i-started": (
        "I opened the shop in {year} with two second-hand mitre saws and a loan I was afraid to look at.",
        "Before the shop I spent eleven years in an office, and I framed things for friends at weekends.",
        "The first frame I ever sold went to {customer}, and I undercharged by half.",
        "People ask why anyone would start a framing shop in {year}; the honest answer is that I could not stop.",
    ),
    "customer-who-changed-me": (
        "{Customer} came in one wet {weekday} with {thing}, and left me with a better way of working.",
        "I used to think I knew what people wanted until {customer} put {thing} on my counter.",
        "Some customers buy a frame; {customer} taught me to ask a question first.",
    ),
    "challenge-overcome": (
        "In {season} of {year} the glass supplier closed without warning and I had forty orders waiting.",
        "The roof over {place} gave way in {season} of {year}, and water reached the mount board.",
        "When the rent doubled in {year} I thought seriously about closing the door for good.",
    ),
    "mistake-learned": (
        "I once cut a mount for {thing} a centimetre too small, and I only saw it when the customer did.",
        "In {year} I promised a frame by Friday, knowing the moulding would not arrive until Tuesday.",
        "My worst mistake was not a cut or a measurement; it was not listening to {customer}.",
    ),
}
MIDDLES = (
    "I remember standing at {place} and feeling {feeling}, which surprised me.",
    "{Customer} came back a week later, and we talked for an hour about {thing}.",
    "Framing is slow work, and the slowness is the point: you look at a thing long enough to understand it.",
    "I measure three times now, and I write the sizes on the back of the order in pencil.",
    "We tried a cheaper moulding for a while; it warped in {season} and I replaced every one of them.",
    "My neighbour at the print shop lent me a clamp and never asked for it back.",
    "There is a drawer in {place} where I keep every note a customer has sent me.",
    "The best advice I got that year came from {customer}, who said to charge what the work is worth.",
    "On Saturdays the shop fills with people who only want to talk, and I have learned to let them.",
    "Every frame leaves with a label on the back: the date, the materials, and my initials.",
    "I still think about {thing} whenever I open a new box of glass.",
    "It took me until {year} to understand that the frame should disappear and the picture should stay.",
    "I felt {feeling} for days, and then I got back to the bench because the orders did not wait.",
    "A good mount gives a picture room to breathe; a bad one makes it look like it is apologising.",
    "We started keeping a book of offcuts, and half of our small frames now come out of it.",
    "I wrote to every customer affected, by hand, and most of them wrote back.",
    "{Customer} still sends people to us, and I still do not quite know how to thank her enough.",
    "The lesson was simple and I resisted it for a long time: ask first, then measure, then cut.",
    "When the light comes through the front window in {season}, the whole shop smells of sawdust and varnish.",
    "Some weeks the work is all invoices and phone calls, and the bench stays dusty until Sunday.",
    "I learned to say no to jobs I could not do well, which is harder than it sounds.",
    "My apprentice noticed the problem before I did, and I told her so in front of everyone.",
    "Acid-free board costs more, and I stopped pretending that customers would not notice the difference.",
    "{Customer} asked whether the frame would outlive her, and I said it would if I did my job.",
)
ENDINGS = (
    "If you have something in a drawer that deserves a wall, bring it in; I would like to see it.",
    "That is still how we work, and I hope it shows in every corner we join.",
    "I tell this story to every new apprentice, and they all roll their eyes, and then they remember it.",
    "Thank you to everyone who kept coming back while we worked it out.",
)
TITLES = {
    "why-i-started": ("Why I left the office", "Two saws and a loan", "The first frame", "Starting in 2009"),
    "customer-who-changed-me": ("The woman with {thing}", "What {customer} taught me", "Asking first"),
    "challenge-overcome": ("The year the glass ran out", "Water on the mount board", "When the rent doubled"),
    "mistake-learned": ("A centimetre too small", "The Friday I promised", "Not listening"),
}
TAGS = ("framing", "customers", "family", "history", "materials", "the shop", "apprentices", "neighbours", "glass")
FOR_WHAT = (
    "a wedding photograph", "framing a watercolour", "a set of certificates", "a shadow box for medals",
    "restoring an old frame", "a mirror for the hall", "framing a child's drawings", "a tapestry",
    "a jersey for the club house", "a gift for a retirement", "a map of the allotments", "prints for a café",
)  # fmt: skip
NOTES = (
    "She told me you had been talking about the shop at the choir.",
    "He said you insisted he come before the wedding.",
    "They brought the postcard you had framed here, to show what they wanted.",
    "The frame is now in their hallway and they sent me a photo.",
    "Your name came up three times in one conversation.",
)  # fmt: skip
FACTS = (
    "daughter started university in Lisbon", "restores old bicycles", "sings in the cathedral choir",
    "moved to the house by the river", "training for a half marathon", "grandson was born in the spring",
    "keeps bees on the allotment", "retired from the fire service", "collects railway posters",
    "opened a café on the square", "learning Portuguese", "walks the dog past the shop every morning",
)  # fmt: skip
DONT_MENTION = ("the divorce", "her brother", "the old house", "money", "his illness", "the restaurant closing")
STREETS = ("Mill Street", "Harbour Road", "Church Lane", "Rua das Flores", "Station Road", "Orchard Close")
TOWNS = ("Porthaven", "Eastmoor", "Kilbride", "Westfold", "Ashby Green")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

# the built-in prompts this generator has words for (a new prompt needs its OPENINGS and TITLES)
PROMPTS = tuple(p for p in BUILTIN_PROMPTS if p in OPENINGS and p in TITLES)
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
_PLAIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9 .,'’()-]*$")


def q(text: str) -> str:
    """A YAML scalar for ``text``: plain when safe, else double-quoted (JSON is valid YAML)."""
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.replace("ł", "l").replace("ø", "o").replace("ı", "i").replace("ß", "ss")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _fill(rng: random.Random, template: str, year: int) -> str:
    customer = rng.choice(CUSTOMERS)
    return template.format(
        year=year,
        customer=customer,
        Customer=customer[0].upper() + customer[1:],
        thing=rng.choice(THINGS),
        place=rng.choice(PLACES),
        season=rng.choice(SEASONS),
        feeling=rng.choice(FEELINGS),
        weekday=rng.choice(WEEKDAYS),
    )


# ---------------------------------------------------------------- writers


def owner_yml() -> str:
    return """\
# The owner's profile (synthetic).
name:
  given: Rosa
  family: Quintero-O'Neill
  preferred: Rosa
business: Quintero Frames
tagline: Picture framing, done slowly, on Mill Street since 2009.
location: Porthaven
started: 2009
contact:
  email: rosa@quintero-frames.example
  phone: "+44 1632 960 118"
  address: |
    14 Mill Street
    Porthaven PH3 2QT
social:
  - label: Instagram
    url: https://instagram.com/quinteroframes.example
values:
  - title: Ask first
    text: We talk about the picture before we talk about the frame.
  - title: Made to last
    text: Acid-free board, real glass, joints that will outlive us.
signature: Rosa
card_size: A6
"""


def story_text(rng: random.Random, index: int, prompt: str, day: dt.date, slugs: set[str]) -> tuple[str, str]:
    """``(file name, text)`` of one story; every 25th is a .yml story with its text under body:."""
    year = rng.randint(2009, day.year)
    title = _fill(rng, rng.choice(TITLES[prompt]), year)
    title = title[0].upper() + title[1:]
    base = slugify(title)
    if len(base) > 48:
        base = base[:48].rsplit("-", 1)[0]
    slug, n = base, 1
    while slug in slugs:
        n += 1
        slug = f"{base}-{n}"
    slugs.add(slug)
    yml = index % 25 == 12
    name = f"{day.isoformat()}-{slug}{'.yml' if yml else '.md'}"
    paragraphs = [[_fill(rng, rng.choice(OPENINGS[prompt]), year)]]
    words = len(paragraphs[0][0].split())
    target = rng.randint(360, 440)
    middles: list[str] = []
    while words < target:
        if len(paragraphs[-1]) >= rng.randint(3, 6):
            paragraphs.append([])
        if not middles:  # every sentence once before any comes again
            middles = rng.sample(MIDDLES, len(MIDDLES))
        sentence = _fill(rng, middles.pop(), year)
        paragraphs[-1].append(sentence)
        words += len(sentence.split())
    paragraphs.append([rng.choice(ENDINGS)])
    body = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    summary = paragraphs[0][0]
    if len(summary) > 150:
        summary = summary[:147].rsplit(" ", 1)[0] + "..."
    front = [f"title: {q(title)}", f"prompt: {prompt}", f"date: {day.isoformat()}", f"summary: {q(summary)}"]
    if rng.random() < 0.6:
        tags = rng.sample(TAGS, rng.randint(1, 3))
        front.append("tags: [" + ", ".join(tags) + "]")
    if index % 17 == 0:
        front.append("featured: true")
    if index % 23 == 5:
        front.append("draft: true")
    if index % 31 == 7:
        front.append(f"slug: {slug}-story")
        slugs.add(f"{slug}-story")
    if yml:
        indented = "\n".join(("  " + line) if line else "" for line in body.splitlines())
        return name, "\n".join(front) + "\nbody: |\n" + indented + "\n"
    return name, "---\n" + "\n".join(front) + "\n---\n\n" + body


def make_people(rng: random.Random, count: int) -> list[dict]:
    people: list[dict] = []
    used_ids: set[str] = set()
    used_names: set[str] = set()
    attempts = 0
    while len(people) < count:
        attempts += 1
        roll = rng.random()
        preferred = None
        order = "given-first"
        if roll < 0.04:
            given, family = rng.choice(MONONYMS), None
        elif roll < 0.14:
            family, given = rng.choice(FAMILY_FIRST)
            order = "family-first"
        else:
            given = rng.choice(GIVEN)
            family = rng.choice(FAMILY)
            if rng.random() < 0.25:  # double-barrelled family names widen the pool
                other = rng.choice(FAMILY)
                if other != family and " " not in other + family:
                    family = f"{family}-{other}"
            if given in PREFERRED and rng.random() < 0.5:
                preferred = PREFERRED[given]
        if family and order == "family-first":
            full = f"{family} {given}"
        else:
            full = f"{given} {family}" if family else given
        key = fold(f"{full}|{preferred or given}")
        if key in used_names:
            if attempts > count * 50:
                raise ValueError(f"cannot invent {count} distinct names")
            continue  # the name is taken (the check would call them a likely duplicate): draw another
        used_names.add(key)
        base = slugify(full)
        pid, n = base, 1
        while pid in used_ids:
            n += 1
            pid = f"{base}-{n}"
        used_ids.add(pid)
        people.append({"id": pid, "given": given, "family": family, "preferred": preferred, "order": order})
    return people


def person_yml(rng: random.Random, index: int, person: dict) -> str:
    name = [f"given: {q(person['given'])}"]
    if person["family"]:
        name.append(f"family: {q(person['family'])}")
    if person["preferred"]:
        name.append(f"preferred: {q(person['preferred'])}")
    if person["order"] == "family-first":
        name.append("order: family-first")
    lines = [f"  - id: {person['id']}", "    name: {" + ", ".join(name) + "}"]
    if rng.random() < 0.7:
        lines.append(f"    email: {person['id']}@example.com")
    if rng.random() < 0.4:
        lines.append(f'    phone: "+44 7700 {rng.randint(900000, 900999)}"')
    if rng.random() < 0.25:
        lines += [
            "    address: |",
            f"      {rng.randint(1, 120)} {rng.choice(STREETS)}",
            f"      {rng.choice(TOWNS)}",
        ]
    if rng.random() < 0.6:
        since = _day(rng, dt.date(2009, 3, 1), TODAY)
        lines.append(f"    client_since: {since.isoformat()}")
    if rng.random() < 0.3:
        lines.append(f"    last_contact: {_day(rng, dt.date(2024, 1, 1), TODAY).isoformat()}")
    if index % 19 == 0:
        lines.append("    best_customer: true")
    if rng.random() < 0.35:
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if index % 41 == 0:
            month, day = 2, 29
        if rng.random() < 0.4:
            year = 1988 if (month, day) == (2, 29) else rng.randint(1940, 2005)
            lines.append(f'    birthday: "{year}-{month:02d}-{day:02d}"')
        else:
            lines.append(f'    birthday: "{month:02d}-{day:02d}"')
    if rng.random() < 0.1:
        lines += [
            "    dates:",
            "      - label: Wedding anniversary",
            f'        date: "{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"',
        ]
    if rng.random() < 0.3:
        lines.append("    remember:")
        for fact in rng.sample(FACTS, rng.randint(1, 2)):
            stale = index % 29 == 3
            checked = (
                _day(rng, dt.date(2022, 1, 1), dt.date(2024, 6, 1)) if stale else _day(rng, dt.date(2026, 1, 1), TODAY)
            )
            lines += [f"      - fact: {q(fact)}", f"        checked: {checked.isoformat()}"]
    if rng.random() < 0.08:
        lines.append(f"    dont_mention: [{rng.choice(DONT_MENTION)}]")
    if index % 53 == 11:
        lines.append("    deceased: true")
    if rng.random() < 0.3:
        lines.append("    public_thanks: true")
        lines.append(f"    public_thanks_since: 2025-{index % 12 + 1:02d}-01")  # not drawn: same stream
        if rng.random() < 0.3:
            lines.append(f"    public_name: {q(person['given'] + ' from ' + rng.choice(TOWNS))}")
        if rng.random() < 0.4:
            lines.append(
                f"    testimonial: {q('Rosa framed ' + rng.choice(THINGS) + ' for us and it looks wonderful.')}"
            )
    return "\n".join(lines) + "\n"


def referral_yml(rng: random.Random, index: int, day: dt.date, from_id: str, referred: str) -> str:
    lines = []
    if index % 10 == 0:
        lines.append(f"  - id: ref-{index:06d}")
        lines.append(f"    date: {day.isoformat()}")
    else:
        lines.append(f"  - date: {day.isoformat()}")
    lines.append(f"    from: {from_id}")
    lines.append(f"    referred: {q(referred)}")
    if rng.random() < 0.8:
        lines.append(f"    for: {q(rng.choice(FOR_WHAT))}")
    age = (TODAY - day).days
    outcome = "pending" if age < 30 and rng.random() < 0.7 else rng.choice(OUTCOMES)
    lines.append(f"    outcome: {outcome}")
    if outcome == "client" and rng.random() < 0.6:
        lines.append(f"    value: {rng.randint(40, 900)}{'.50' if rng.random() < 0.2 else ''}")
    if rng.random() < 0.25:
        lines.append(f"    note: {q(rng.choice(NOTES))}")
    if rng.random() < (0.9 if age > 60 else 0.4):
        thanked = day + dt.timedelta(days=rng.randint(0, min(age, 21)))
        lines.append(f"    thanked: {{date: {thanked.isoformat()}, how: {rng.choice(THANKS_HOW)}}}")
        if outcome == "client" and rng.random() < 0.7 and thanked < TODAY:
            followed = thanked + dt.timedelta(days=rng.randint(0, min((TODAY - thanked).days, 60)))
            lines.append(f"    followed_up: {followed.isoformat()}")
    return "\n".join(lines) + "\n"


def make_kit(root: Path, stories: int, people: int, referrals: int, seed: int = 0) -> Path:
    """Write a synthetic kit at ``root`` and return ``root``."""
    rng = random.Random(seed)
    root = Path(root)
    (root / "stories").mkdir(parents=True, exist_ok=True)
    (root / "referrals").mkdir(parents=True, exist_ok=True)
    (root / "stories" / "owner.yml").write_text(owner_yml(), encoding="utf-8")

    slugs: set[str] = set()
    span = (TODAY - dt.date(2015, 1, 1)).days
    for index in range(stories):
        prompt = PROMPTS[index % len(PROMPTS)]
        day = dt.date(2015, 1, 1) + dt.timedelta(days=span * index // max(1, stories))
        name, text = story_text(rng, index, prompt, day, slugs)
        (root / "stories" / name).write_text(text, encoding="utf-8")

    folk = make_people(rng, people)
    ids = [p["id"] for p in folk]
    # most people live in people.yml; every tenth lives in a year file with the referrals
    people_files: dict[str, list[str]] = {"people": []}
    for index, person in enumerate(folk):
        place = "people" if index % 10 else str(2019 + index % 8)
        people_files.setdefault(place, []).append(person_yml(rng, index, person))

    start = dt.date(2019, 1, 1)
    days = sorted(_day(rng, start, TODAY) for _ in range(referrals))
    year_texts: dict[str, list[str]] = {}
    regulars = ids[: max(1, len(ids) // 8)]  # repeat referrers
    referred_on_file: list[str] = []  # people who came by referral: they may refer in turn (chains)
    already_referred: set[str] = set()
    for index, day in enumerate(days):
        if not ids:
            break
        roll = rng.random()
        if referred_on_file and roll < 0.25:
            from_id = rng.choice(referred_on_file[-200:])
        elif roll < 0.65:
            from_id = rng.choice(regulars)
        else:
            from_id = rng.choice(ids)
        candidate = rng.choice(ids)
        if candidate != from_id and candidate not in already_referred and rng.random() < 0.6:
            referred = candidate
            already_referred.add(candidate)
            referred_on_file.append(candidate)
        else:
            referred = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        year_texts.setdefault(str(day.year), []).append(referral_yml(rng, index, day, from_id, referred))

    for year in sorted(set(people_files) | set(year_texts)):
        parts = [f"# {'People' if year == 'people' else 'Referrals of ' + year} (synthetic)\n"]
        if people_files.get(year):
            parts.append("people:\n")
            parts.extend(people_files[year])
        if year_texts.get(year):
            parts.append("referrals:\n")
            parts.extend(year_texts[year])
        (root / "referrals" / f"{year}.yml").write_text("".join(parts), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic ownerkit kit.")
    parser.add_argument("out", type=Path, help="the kit folder to create (must be empty or missing)")
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--referrals", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out} is not empty; not writing into it", file=sys.stderr)
        return 1
    make_kit(args.out, args.stories, args.people, args.referrals, args.seed)
    print(f"wrote {args.out}: {args.stories} stories, {args.people} people, {args.referrals} referrals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
