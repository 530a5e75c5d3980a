"""``--today`` in the past ("for catching up"): later records are not errors, only not yet counted.

The real clock reads 2026-11-26 in tests (conftest); a date after it is still an error.
"""

from __future__ import annotations

import datetime as dt

from conftest import run_cli

REFERRALS = """\
referrals:
  - date: 2026-10-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
    thanked: {date: 2026-11-25, how: handwritten}
  - date: 2026-11-24
    from: mei-tanaka
    referred: Tom Hale
    outcome: pending
"""
EARLIER = dt.date(2026, 11, 20)


def test_records_after_today_are_not_yet_counted(kit) -> None:
    root = kit({"referrals/2026.yml": REFERRALS})
    checked = run_cli(root, "check", today=EARLIER)
    assert checked.exit_code == 0, checked.output
    queue = run_cli(root, "queue", today=EARLIER)
    assert queue.exit_code == 0
    assert "sent Mei " in queue.output  # thanked on the 25th: not yet, on the 20th
    assert "Tom Hale" not in queue.output  # referred on the 24th: not yet
    now = run_cli(root, "queue")
    assert "sent Mei " not in now.output and "sent Tom Hale" in now.output


def test_a_date_after_the_real_clock_is_still_an_error(kit) -> None:
    root = kit({"referrals/2026.yml": REFERRALS.replace("2026-11-24", "2026-12-24")})
    checked = run_cli(root, "check", today=EARLIER)
    assert checked.exit_code == 1
    assert "referrals/2026.yml:7:11: date: 2026-12-24 is in the future (today is 2026-11-26; check the year)" in (
        checked.output
    )


def test_consent_given_later_is_not_yet_given(kit) -> None:
    from generator.load.kit import load_kit

    people = """\
    people:
      - id: joao-silva
        name: {given: João, family: Silva}
        public_thanks: true
        public_thanks_since: 2026-11-22
      - id: mei-tanaka
        name: {given: Mei, family: Tanaka, order: family-first}
        public_thanks: false
        public_thanks_since: 2026-01-01
        public_thanks_withdrawn: 2026-11-22
    """
    root = kit({"referrals/people.yml": people})
    before = load_kit(root, EARLIER).kit.people
    assert not before["joao-silva"].public_thanks and before["mei-tanaka"].public_thanks
    after = load_kit(root, dt.date(2026, 11, 26)).kit.people
    assert after["joao-silva"].public_thanks and not after["mei-tanaka"].public_thanks
