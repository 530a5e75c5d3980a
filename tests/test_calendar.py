"""``ownerkit calendar``: golden and parsed-back iCalendar output.

Refresh the golden calendar after an intended change with:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_calendar.py
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from pathlib import Path

import icalendar
import pytest
from conftest import REPO, TODAY, compare_golden_file, run_cli
from dateutil.rrule import rrulestr

from generator.load.kit import load_kit
from generator.model.dates import ago
from generator.model.milestones import milestones, uid_for
from generator.model.owed import last_in_touch_index, owed
from generator.render.calendar import _fold, render_calendar

GOLDEN = REPO / "tests" / "golden" / "private"
YEARLY = {"birthday", "date", "client-anniversary", "referral-anniversary"}


def compare_golden(name: str, content: bytes) -> None:
    compare_golden_file(GOLDEN / name, content, "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_calendar.py")


def events_of(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0"
    return list(calendar.walk("VEVENT"))


def category(event: icalendar.Event) -> str:
    return [str(c) for c in event["CATEGORIES"].cats][1]


# ----------------------------------------------------------------- the example kit


def test_example_calendar_matches_golden_and_says_where_it_is(example_kit: Path, monkeypatch) -> None:
    monkeypatch.chdir(example_kit)
    result = run_cli(example_kit, "calendar")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "wrote private/milestones.ics: 65 events (51 yearly, 14 once)\n"
        "Private: import it into your own calendar; never publish or share it.\n"
    )
    compare_golden("milestones.ics", (example_kit / "private" / "milestones.ics").read_bytes())


def test_example_calendar_parsed_back(example_kit: Path, tmp_path: Path) -> None:
    run_cli(example_kit, "calendar", "-o", str(tmp_path / "one.ics"))
    run_cli(example_kit, "calendar", "-o", str(tmp_path / "two.ics"))
    assert (tmp_path / "one.ics").read_bytes() == (tmp_path / "two.ics").read_bytes()
    events = events_of(tmp_path / "one.ics")
    kit = load_kit(example_kit, TODAY).kit
    living = [p for p in kit.people.values() if not p.deceased]
    dead = {p.id for p in kit.people.values() if p.deceased}
    alive = [r for r in kit.referrals if r.from_id not in dead and r.referred_id not in dead]
    assert dead and len(alive) < len(kit.referrals)
    assert Counter(category(e) for e in events) == {
        "birthday": sum(1 for p in living if p.birthday),
        "date": sum(len(p.dates) for p in living),
        "client-anniversary": sum(1 for p in living if p.client_since),
        "referral-anniversary": sum(1 for r in alive if r.outcome == "client"),
        "thank": sum(1 for r in alive if not r.thanked),
        "follow-up": sum(1 for r in alive if r.thanked and r.outcome == "client" and not r.followed_up),
        "chain": len({o.referrals[0].id for o in owed(kit, TODAY) if o.kind == "chain" and o.person.id not in dead}),
    }
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert isinstance(event.decoded("DTSTART"), dt.date) and not isinstance(event.decoded("DTSTART"), dt.datetime)
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc)
        assert ("RRULE" in event) == (category(event) in YEARLY)
        if "RRULE" in event:
            assert event["RRULE"]["FREQ"] == ["YEARLY"]
        description = str(event["DESCRIPTION"])
        assert "Who: " in description and "Last in touch: " in description
        assert "None" not in description and "None" not in str(event["SUMMARY"])
    peggy = next(e for e in events if str(e["SUMMARY"]) == "Birthday: Peggy Hollis")
    assert peggy.decoded("DTSTART") == dt.date(1947, 4, 17)
    assert str(peggy["DESCRIPTION"]).splitlines()[:4] == [
        "Birthday: 17 April 1947.",
        "Who: Margaret Hollis (you call them Peggy).",
        "Client since 4 November 2013; referred 7 friends (6 became clients).",
        "Last in touch: 9 November 2026 (2 weeks ago).",
    ]
    assert "(checked 2 weeks ago)" in str(peggy["DESCRIPTION"])


def test_no_event_for_or_about_the_person_who_died(example_kit: Path, tmp_path: Path) -> None:
    kit = load_kit(example_kit, TODAY).kit
    assert kit.people["arthur-pennington"].deceased
    run_cli(example_kit, "calendar", "-o", str(tmp_path / "m.ics"))
    events = events_of(tmp_path / "m.ics")
    assert not [e for e in events if "Arthur Pennington" in str(e["SUMMARY"])]
    assert uid_for("arthur-pennington", "birthday", "birthday") not in {str(e["UID"]) for e in events}
    # he still shows, as history, in the description of the friend he sent
    hamid = next(e for e in events if str(e["SUMMARY"]).startswith("Client anniversary: Hamid Karimi"))
    assert "came to you through Arthur Pennington (6 March 2025); Arthur Pennington has since died." in str(
        hamid["DESCRIPTION"]
    )


def test_dont_mention_is_listed_as_avoid_and_stale_facts_are_marked(example_kit: Path, tmp_path: Path) -> None:
    kit = load_kit(example_kit, TODAY).kit
    run_cli(example_kit, "calendar", "-o", str(tmp_path / "m.ics"))
    events = events_of(tmp_path / "m.ics")
    by_person: dict[str, list[str]] = {}
    for event in events:
        description = str(event["DESCRIPTION"])
        name = description.split("\n")[1].removeprefix("Who: ").split(" (you call")[0].rstrip(".")
        by_person.setdefault(name, []).append(description)
    checked = 0
    for person in kit.people.values():
        if person.dont_mention and person.name.full in by_person:
            for description in by_person[person.name.full]:
                assert f"Avoid: {'; '.join(person.dont_mention)}." in description
                checked += 1
    assert checked >= 5
    rob = by_person["Rob Ellery"][0]
    assert (
        "- His son Alfie was working towards Grade 3 and hated scales"
        " (checked 2 years ago; stale, re-check before mentioning it)" in rob
    )


def test_uids_stay_the_same_on_another_day(example_kit: Path, tmp_path: Path) -> None:
    run_cli(example_kit, "calendar", "-o", str(tmp_path / "today.ics"))
    run_cli(example_kit, "calendar", "-o", str(tmp_path / "later.ics"), today=dt.date(2026, 12, 20))
    today = {str(e["UID"]): e for e in events_of(tmp_path / "today.ics")}
    later = {str(e["UID"]): e for e in events_of(tmp_path / "later.ics")}
    yearly = {uid for uid, e in today.items() if "RRULE" in e}
    assert yearly <= set(later)
    for uid in yearly:
        assert str(today[uid]["SUMMARY"]) == str(later[uid]["SUMMARY"])
        assert today[uid].decoded("DTSTART") == later[uid].decoded("DTSTART")


def test_last_in_touch_is_the_latest_contact_thanks_or_follow_up(example_kit: Path) -> None:
    kit = load_kit(example_kit, TODAY).kit
    index = last_in_touch_index(kit)
    for person in kit.people.values():
        days = [person.last_contact] if person.last_contact else []
        for referral in kit.referrals:
            if referral.from_id == person.id:
                days += [d for d in (referral.thanked and referral.thanked.date, referral.followed_up) if d]
        assert index.get(person.id) == (max(days) if days else None), person.id


# ----------------------------------------------------------------- small kits


def test_empty_kit_gives_an_empty_but_valid_calendar(kit, tmp_path: Path) -> None:
    root = kit({"referrals/people.yml": "people: []\n", "referrals/2026.yml": "referrals: []\n"})
    result = run_cli(root, "calendar", "-o", str(tmp_path / "empty.ics"))
    assert result.exit_code == 0
    assert result.output.startswith("wrote ") and ": 0 events (0 yearly, 0 once)\n" in result.output
    assert events_of(tmp_path / "empty.ics") == []
    calendar = icalendar.Calendar.from_ical((tmp_path / "empty.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Ferreira Bakes: milestones (private)"


ONE_PERSON = """\
people:
  - id: ines-duarte
    name: {given: Inês, family: Duarte, preferred: Nês}
    birthday: "02-29"
    client_since: 2024-02-29
    last_contact: 2026-08-20
    dates:
      - {label: Shop opened, date: "12-05"}
      - {label: Shop opened, date: "2019-06-01"}
    remember:
      - {fact: "Her dog is called Bolo; she says \\"no dogs, no bread\\"", checked: 2026-11-20}
      - {fact: Learning the cello, checked: 2024-01-05}
    dont_mention:
      - the flood in 2023
      - her brother
"""


def test_one_person_with_dates_without_a_year_and_feb_29(kit, tmp_path: Path) -> None:
    root = kit({"referrals/people.yml": ONE_PERSON, "referrals/2026.yml": "referrals: []\n"})
    result = run_cli(root, "calendar", "-o", str(tmp_path / "one.ics"))
    assert result.exit_code == 0, result.output
    events = {str(e["SUMMARY"]): e for e in events_of(tmp_path / "one.ics")}
    assert (
        set(events)
        == {
            "Birthday: Nês Duarte",
            "Nês Duarte: Shop opened",
            "Client anniversary: Nês Duarte (since 2024)",
        }
        and len(events_of(tmp_path / "one.ics")) == 4
    )  # the label appears twice: two events, two UIDs

    birthday = events["Birthday: Nês Duarte"]
    assert birthday.decoded("DTSTART") == dt.date(2026, 2, 28)  # no year: this year; 2026 has no Feb 29
    assert birthday["RRULE"] == icalendar.vRecur({"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]})
    rule = rrulestr(birthday["RRULE"].to_ical().decode(), dtstart=dt.datetime(2026, 2, 28))
    assert [d.date() for d in rule[:4]] == [
        dt.date(2026, 2, 28),
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
        dt.date(2029, 2, 28),
    ]
    assert "Birthday: 29 February." in str(birthday["DESCRIPTION"])

    client = events["Client anniversary: Nês Duarte (since 2024)"]
    assert client.decoded("DTSTART") == dt.date(2024, 2, 29)
    assert client["RRULE"]["BYMONTHDAY"] == [-1]

    opened = [e for e in events_of(tmp_path / "one.ics") if str(e["SUMMARY"]) == "Nês Duarte: Shop opened"]
    assert sorted(e.decoded("DTSTART") for e in opened) == [dt.date(2019, 6, 1), dt.date(2026, 12, 5)]
    assert len({str(e["UID"]) for e in opened}) == 2
    assert all(e["RRULE"] == icalendar.vRecur({"FREQ": ["YEARLY"]}) for e in opened)

    description = str(birthday["DESCRIPTION"])
    assert description == (
        "Birthday: 29 February.\n"
        "Who: Inês Duarte (you call them Nês).\n"
        "Client since 29 February 2024.\n"
        "Last in touch: 20 August 2026 (3 months ago).\n"
        "You remember:\n"
        '- Her dog is called Bolo; she says "no dogs, no bread" (checked 6 days ago)\n'
        "- Learning the cello (checked 2 years ago; stale, re-check before mentioning it)\n"
        "Avoid: the flood in 2023; her brother.\n"
        "Private: from your ownerkit records."
    )


def test_thank_you_due_dates_from_owed(kit, tmp_path: Path) -> None:
    # the base kit: João sent Mei on 2026-10-01, not thanked; she became a client
    result = run_cli(kit(), "calendar", "-o", str(tmp_path / "m.ics"), today=dt.date(2026, 10, 3))
    assert result.exit_code == 0, result.output
    events = {category(e): e for e in events_of(tmp_path / "m.ics")}
    assert set(events) == {"thank", "referral-anniversary"}
    thank = events["thank"]
    assert str(thank["SUMMARY"]) == "Thank João Silva for sending Tanaka Mei"
    assert thank.decoded("DTSTART") == dt.date(2026, 10, 8)
    assert "RRULE" not in thank
    assert str(thank["DESCRIPTION"]).startswith(
        "João Silva sent you Tanaka Mei (a birthday cake) on 1 October 2026; not thanked yet. Due 8 October 2026.\n"
        "Who: João Silva.\nReferred 1 friend (1 became a client).\nLast in touch: not recorded.\n"
    )
    # weeks later it is overdue: it moves to today and says so, under the same UID
    run_cli(kit(), "calendar", "-o", str(tmp_path / "late.ics"))
    late = next(e for e in events_of(tmp_path / "late.ics") if category(e) == "thank")
    assert str(late["SUMMARY"]) == "Thank João Silva for sending Tanaka Mei (overdue)"
    assert late.decoded("DTSTART") == TODAY
    assert str(late["UID"]) == str(thank["UID"])


def test_chain_news_is_one_event_per_friend_sent(kit, tmp_path: Path) -> None:
    chain = "referrals:\n" + "".join(
        f"  - {{date: 2026-0{month}-01, from: {a}, referred: {b}, outcome: client,"
        " thanked: {date: 2026-09-01, how: call}}\n"
        for month, a, b in ((1, "ana", "bea"), (2, "bea", "cai"), (3, "bea", "Dora Lee"), (4, "bea", "Eli Moss"))
    )
    people = "people:\n" + "".join(f"  - {{id: {p}, name: {{given: {p.title()}}}}}\n" for p in ("ana", "bea", "cai"))
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": chain})
    assert run_cli(root, "calendar", "-o", str(tmp_path / "m.ics")).exit_code == 0
    chains = [e for e in events_of(tmp_path / "m.ics") if category(e) == "chain"]
    assert [str(e["SUMMARY"]) for e in chains] == ["Tell Ana: Bea has sent you 3 friends (overdue)"]
    assert str(chains[0]["DESCRIPTION"]).startswith(
        "Ana sent you Bea (1 January 2026); since then Bea has sent you Cai, Dora Lee, Eli Moss."
        " Ana has not heard yet. Due 8 February 2026; overdue since then.\n"
    )


def test_a_cycle_and_a_ten_step_chain_make_a_calendar(kit, tmp_path: Path) -> None:
    ids = [f"p{n:02d}" for n in range(11)]
    people = "people:\n" + "".join(f"  - {{id: {p}, name: {{given: P{p[1:]}}}}}\n" for p in ids)
    refs = "referrals:\n" + "".join(
        f"  - {{date: 2025-{n + 1:02d}-01, from: {a}, referred: {b}, outcome: client}}\n"
        for n, (a, b) in enumerate(itertools.pairwise(ids))
    )
    refs += "  - {date: 2025-12-01, from: p01, referred: p00, outcome: pending}\n"  # p00 sent p01; p01 sends p00
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": refs})
    assert run_cli(root, "calendar", "-o", str(tmp_path / "m.ics")).exit_code == 0
    kinds = Counter(category(e) for e in events_of(tmp_path / "m.ics"))
    assert kinds == {"referral-anniversary": 10, "thank": 11, "chain": 9}


# ----------------------------------------------------------------- writing and refusing


def test_dry_run_writes_nothing(example_kit: Path, monkeypatch) -> None:
    monkeypatch.chdir(example_kit)
    result = run_cli(example_kit, "calendar", "--dry-run")
    assert (
        result.output
        == "would write private/milestones.ics: 65 events (51 yearly, 14 once); nothing written (--dry-run)\n"
    )
    assert not (example_kit / "private").exists()


@pytest.mark.parametrize("where", ["site/milestones.ics", "site/private/m.ics", "stories/milestones.ics"])
def test_refuses_to_write_where_the_site_is_published(example_kit: Path, monkeypatch, where: str) -> None:
    monkeypatch.chdir(example_kit)
    result = run_cli(example_kit, "calendar", "-o", where)
    assert result.exit_code == 1
    folder = where.split("/")[0]
    assert result.output == (
        f"Error: {where}: refusing to write a private file under {folder}/, which is published;"
        " use private/ (git-ignored) or a folder outside the kit\n"
    )
    assert not (example_kit / where).exists()


def test_a_broken_kit_writes_nothing(kit, tmp_path: Path) -> None:
    root = kit(
        {"referrals/2026.yml": "referrals:\n  - {date: 2026-01-01, from: nobody, referred: X Y, outcome: client}\n"}
    )
    result = run_cli(root, "calendar", "-o", str(tmp_path / "m.ics"))
    assert result.exit_code == 1
    assert 'from: "nobody" names no one' in result.output
    assert not (tmp_path / "m.ics").exists()


# ----------------------------------------------------------------- units


def test_lines_are_folded_at_75_octets_and_unfold_to_the_original() -> None:
    text = "DESCRIPTION:" + "Zsófia Nagy; Łukasz — 日本語\\, ok " * 12
    folded = _fold(text)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == text
    ascii_text = "SUMMARY:" + "a\\,b " * 40
    folded = _fold(ascii_text)
    assert all(len(line) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == ascii_text
    assert not any(line.endswith("\\") for line in folded.split("\r\n"))


@pytest.mark.parametrize(
    ("then", "words"),
    [
        (dt.date(2026, 11, 26), "today"),
        (dt.date(2026, 11, 25), "yesterday"),
        (dt.date(2026, 11, 20), "6 days ago"),
        (dt.date(2026, 11, 1), "3 weeks ago"),
        (dt.date(2026, 8, 26), "3 months ago"),
        (dt.date(2025, 11, 27), "11 months ago"),
        (dt.date(2025, 11, 26), "a year ago"),
        (dt.date(2023, 1, 1), "3 years ago"),
        (dt.date(2026, 12, 1), "on 1 December 2026, after today"),
    ],
)
def test_ago(then: dt.date, words: str) -> None:
    assert ago(then, TODAY) == words


def test_render_is_the_same_text_icalendar_would_parse(example_kit: Path) -> None:
    kit = load_kit(example_kit, TODAY).kit
    text = render_calendar(kit, milestones(kit, TODAY), TODAY)
    calendar = icalendar.Calendar.from_ical(text)
    again = icalendar.Calendar.from_ical(calendar.to_ical())
    assert [str(e["DESCRIPTION"]) for e in again.walk("VEVENT")] == [
        str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")
    ]
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
