"""``ownerkit queue``: who to thank today, in one screen, and as JSON."""

from __future__ import annotations

import json

from conftest import run_cli
from test_letters import SITUATIONS_PEOPLE, SITUATIONS_REFERRALS

PEOPLE = SITUATIONS_PEOPLE + (
    "    best_customer: true\n    last_contact: 2026-01-05\n"
    "  - id: rosa-vidal\n    name: {given: Rosa, family: Vidal}\n"
    "    best_customer: true\n    last_contact: 2026-02-10\n"
)


def test_queue_whole_output(kit) -> None:
    root = kit({"referrals/people.yml": PEOPLE, "referrals/2026.yml": SITUATIONS_REFERRALS})
    result = run_cli(root, "queue")
    assert result.exit_code == 0
    assert result.output == (
        "Who to thank today, 2026-11-26\n"
        "\n"
        "Thank you owed: 5\n"
        "  days  person       what                                                         when done\n"
        "   25!  Tanaka Mei   sent Lena (bread for her café)                               "
        "ownerkit thanked mei-tanaka-2026-11-01\n"
        "   24!  Ruth Okafor  sent the Hendersons (a wedding cake for three hundred)       "
        "ownerkit thanked ruth-okafor-2026-11-02\n"
        "   21!  Thomas Hale  sent Dev                                                     "
        "ownerkit thanked tom-hale-2026-11-05\n"
        "   16!  João Silva   sent Carla from the market (a birthday cake for her mother)  "
        "ownerkit thanked joao-silva-2026-11-10\n"
        "     6  Lena Brandt  sent Kit, her sister                                         "
        "ownerkit thanked lena-brandt-2026-11-20\n"
        "\n"
        "Follow-ups due (they haven't heard how it went): 1\n"
        "  days  person      what                               when done\n"
        "   84!  Samuel Adé  Olu, his brother, became a client  ownerkit thanked sam-ade-2026-09-01\n"
        "\n"
        "Chains to thank (their friend is sending friends too): 2\n"
        "  days  person      what                           when done\n"
        "   14!  Inês Costa  Priya has sent Sam             ownerkit thanked ines-costa-2026-01-10\n"
        "     6  Tanaka Mei  Lena has sent Kit, her sister  ownerkit thanked mei-tanaka-2026-11-01\n"
        "\n"
        "Say hello (no reason needed): 1\n"
        "  days  person      what                                     when done\n"
        "  106!  Rosa Vidal  best customer, last in touch 2026-02-10  ownerkit touched rosa-vidal\n"
        "\n"
        "! = overdue. Write them: ownerkit letters. When one is done, run the command on its row;\n"
        "ownerkit thanked PERSON records everything owed to that person at once.\n"
    )


def test_every_row_is_cleared_by_its_command(kit) -> None:
    root = kit({"referrals/people.yml": PEOPLE, "referrals/2026.yml": SITUATIONS_REFERRALS})
    rows = json.loads(run_cli(root, "queue", "--json").output)
    for command in dict.fromkeys(row["command"] for row in rows):
        result = run_cli(root, *command.split()[1:])
        assert result.exit_code == 0, (command, result.output)
    assert run_cli(root, "queue").output == "Nothing owed today (2026-11-26): everyone has been thanked.\n"


def test_queue_json(kit) -> None:
    root = kit({"referrals/people.yml": PEOPLE, "referrals/2026.yml": SITUATIONS_REFERRALS})
    rows = json.loads(run_cli(root, "queue", "--json").output)
    assert [(r["kind"], r["id"], r["days_waiting"]) for r in rows] == [
        ("thank", "mei-tanaka-2026-11-01", 25),
        ("thank", "ruth-okafor-2026-11-02", 24),
        ("thank", "tom-hale-2026-11-05", 21),
        ("thank", "joao-silva-2026-11-10", 16),
        ("thank", "lena-brandt-2026-11-20", 6),
        ("follow-up", "sam-ade-2026-09-01", 84),
        ("chain", "ines-costa-2026-01-10", 14),
        ("chain", "mei-tanaka-2026-11-01", 6),
        ("hello", "rosa-vidal", 106),
    ]
    assert rows[0] == {
        "kind": "thank",
        "person": "mei-tanaka",
        "name": "Tanaka Mei",
        "what": "sent Lena (bread for her café)",
        "since": "2026-11-01",
        "due": "2026-11-08",
        "days_waiting": 25,
        "overdue": True,
        "id": "mei-tanaka-2026-11-01",
        "command": "ownerkit thanked mei-tanaka-2026-11-01",
    }


def test_queue_cuts_long_descriptions_on_screen_only(kit) -> None:
    long_for = "a full restoration of the grand piano that has stood in the village hall since nineteen twelve"
    root = kit(
        {
            "referrals/2026.yml": f"""\
            referrals:
              - date: 2026-11-20
                from: joao-silva
                referred: mei-tanaka
                for: {long_for}
                outcome: pending
            """
        }
    )
    result = run_cli(root, "queue")
    assert (
        "  sent Mei (a full restoration of the grand piano that has st…  ownerkit thanked joao-silva-2026-11-20\n"
        in (result.output)
    )
    rows = json.loads(run_cli(root, "queue", "--json").output)
    assert rows[0]["what"] == f"sent Mei ({long_for})"


def test_queue_empty_and_the_dead_are_not_listed(kit) -> None:
    people = (
        "people:\n  - id: joao-silva\n    name: {given: João, family: Silva}\n    deceased: true\n"
        "  - id: mei-tanaka\n    name: {given: Mei, family: Tanaka}\n"
    )
    root = kit({"referrals/people.yml": people})
    result = run_cli(root, "queue")
    assert result.output == "Nothing owed today (2026-11-26): everyone has been thanked.\n"
    assert json.loads(run_cli(root, "queue", "--json").output) == []


def test_queue_columns_line_up_with_wide_characters(kit) -> None:
    from generator.render.queue import shown_width

    assert (shown_width("张伟"), shown_width("Zoë"), shown_width("Zoe\u0308")) == (4, 3, 3)
    people = """\
    people:
      - id: wei-zhang
        name: {given: 伟, family: 张, preferred: Wei}
      - id: ann-lee
        name: {given: Ann, family: Lee}
      - id: bo-li
        name: {given: Bo, family: Li}
    """
    referrals = """\
    referrals:
      - {date: 2026-11-20, from: wei-zhang, referred: bo-li, for: a tuning, outcome: client}
      - {date: 2026-11-20, from: ann-lee, referred: bo-li, for: a tuning, outcome: client}
    """
    result = run_cli(kit({"referrals/people.yml": people, "referrals/2026.yml": referrals}), "queue")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "a tuning" in line]
    assert len(rows) == 2 and any("张伟" in row for row in rows), result.output
    assert len({shown_width(row[: row.index("a tuning")]) for row in rows}) == 1, result.output
