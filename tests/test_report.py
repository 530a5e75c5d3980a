"""``ownerkit report``: the private referral report, as HTML, text and JSON, and in a real browser.

Refresh the golden report after an intended change with:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report.py
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import ARTIFACTS, REPO, TODAY, compare_golden_file, launch_chromium, run_cli, serve_folder

from generator.load.kit import load_kit
from generator.model.network import NETWORK_MAX_CHILDREN, NETWORK_MAX_NODES, network
from generator.model.report import figures
from generator.render.report.wording import BANNER

GOLDEN = REPO / "tests" / "golden" / "private"


def compare_golden(name: str, content: str) -> None:
    compare_golden_file(GOLDEN / name, content, "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report.py")


def people_yml(*ids: str) -> str:
    return "people:\n" + "".join(f"  - {{id: {p}, name: {{given: {p.title()}, family: Test}}}}\n" for p in ids)


# ----------------------------------------------------------------- the example kit


def test_example_report_matches_golden_and_says_where_it_is(example_kit: Path, monkeypatch) -> None:
    monkeypatch.chdir(example_kit)
    result = run_cli(example_kit, "report")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "wrote private/referral-report.html: 34 referrals, 15 sources\n"
        "Private: not for the website; it names people and amounts.\n"
    )
    page = (example_kit / "private" / "referral-report.html").read_text(encoding="utf-8")
    compare_golden("referral-report.html", page)


def test_example_report_text_matches_golden(example_kit: Path) -> None:
    result = run_cli(example_kit, "report", "--text")
    assert result.exit_code == 0
    compare_golden("referral-report.txt", result.output)
    assert not (example_kit / "private").exists()  # --text writes nothing


def test_example_report_is_private_self_contained_and_complete(example_kit: Path, tmp_path: Path) -> None:
    run_cli(example_kit, "report", "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count(BANNER.replace("'", "&#x27;")) == 2  # banner on top and in the footer
    assert "Private — not for the website." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "<script" not in page and "src=" not in page and "@import" not in page
    assert set(re.findall(r"url\([^)]*\)", page)) == {"url(#arrow)"}  # only the arrowhead, defined in the page
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    for section in ("months", "sources", "network", "conversion", "value", "thanks", "waiting"):
        assert f'<section id="{section}">' in page
    kit = load_kit(example_kit, TODAY).kit
    assert "Arthur Pennington" in page  # history stays in the report
    for person in kit.people.values():  # only names: no email, phone or address
        for private in (person.email, person.phone, person.address):
            if private:
                assert private not in page
    # who is waiting: the deceased person is owed nothing
    waiting = page.split('<section id="waiting">')[1]
    assert "Arthur Pennington" not in waiting


def test_example_report_json(example_kit: Path) -> None:
    result = run_cli(example_kit, "report", "--json")
    data = json.loads(result.output)
    assert data["referrals"] == 34 and data["sources"] == 15 and data["clients"] == 25
    assert data["top_sources"][0]["name"] == "Margaret Hollis" and data["top_sources"][0]["referrals"] == 7
    assert data["all_sources"]["value"] == "3485"
    assert data["network"]["deepest"] == 3 and not data["network"]["loops"]


def test_text_and_json_together_is_a_usage_error(example_kit: Path) -> None:
    result = run_cli(example_kit, "report", "--text", "--json")
    assert result.exit_code == 2
    assert "--text and --json print different things; choose one" in result.output


def test_dry_run_and_refusing_published_folders(example_kit: Path, monkeypatch) -> None:
    monkeypatch.chdir(example_kit)
    result = run_cli(example_kit, "report", "--dry-run")
    assert result.output == "would write private/referral-report.html; nothing written (--dry-run)\n"
    assert not (example_kit / "private").exists()
    result = run_cli(example_kit, "report", "-o", "site/report.html")
    assert result.exit_code == 1
    assert result.output == (
        "Error: site/report.html: refusing to write a private file under site/, which is published;"
        " use private/ (git-ignored) or a folder outside the kit\n"
    )
    assert not (example_kit / "site").exists()


# ----------------------------------------------------------------- small kits


def test_empty_kit_text_whole_output(kit) -> None:
    root = kit({"referrals/people.yml": "people: []\n", "referrals/2026.yml": "referrals: []\n"})
    result = run_cli(root, "report", "--text")
    assert result.exit_code == 0
    assert result.output == (
        "Referral report: Ferreira Bakes, 2026-11-26\n"
        f"{BANNER}\n"
        "\n"
        "0 referrals from 0 sources; 0 became clients (-); 0 things waiting.\n"
        "\n"
        "Referrals per month\n"
        "No referrals yet.\n"
        "\n"
        "Top referral sources and how their friends got on\n"
        "No referral sources yet.\n"
        "\n"
        "Referral network\n"
        "No referrals yet, so there is no network to draw.\n"
        "\n"
        "Value of referred clients\n"
        "No value is recorded on any referral, so there is nothing to compare."
        " There are no clients on file who came without a referral to compare with.\n"
        "\n"
        "Days from referral to thank-you\n"
        "No referrals yet.\n"
        "\n"
        "Who is waiting\n"
        "Nobody is waiting.\n"
    )


def test_empty_kit_html(kit, tmp_path: Path) -> None:
    root = kit({"referrals/people.yml": "people: []\n", "referrals/2026.yml": "referrals: []\n"})
    assert run_cli(root, "report", "-o", str(tmp_path / "r.html")).exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<svg" not in page
    assert page.count("No referrals yet.") == 3
    assert "Nobody is waiting." in page


CYCLE = """\
referrals:
  - {date: 2026-01-10, from: ana, referred: bea, for: a wedding cake, outcome: client, value: 120,
     thanked: {date: 2026-01-12, how: handwritten}, followed_up: 2026-02-20}
  - {date: 2026-03-05, from: bea, referred: ana, for: bread for the café, outcome: pending}
  - {date: 2026-04-01, from: bea, referred: "Tom <script>alert(1)</script> & Co", outcome: not-a-fit,
     thanked: {date: 2026-04-20, how: call}}
"""
CYCLE_PEOPLE = """\
people:
  - {id: ana, name: {given: Ana, family: Reis}}
  - {id: bea, name: {given: Bea, family: Lund}, client_since: 2026-02-03}
"""


def test_cycle_text_whole_output(kit) -> None:
    root = kit({"referrals/people.yml": CYCLE_PEOPLE, "referrals/2026.yml": CYCLE})
    result = run_cli(root, "report", "--text")
    assert result.exit_code == 0
    assert result.output == (
        "Referral report: Ferreira Bakes, 2026-11-26\n"
        f"{BANNER}\n"
        "\n"
        "3 referrals from 2 sources; 1 became a client (33%); 2 things waiting.\n"
        "\n"
        "Referrals per month\n"
        "month    referrals\n"
        "-------  ---------  ------------------------------\n"
        "2026-01          1  ##############################\n"
        "2026-02          0\n"
        "2026-03          1  ##############################\n"
        "2026-04          1  ##############################\n"
        "2026-05          0\n"
        "2026-06          0\n"
        "2026-07          0\n"
        "2026-08          0\n"
        "2026-09          0\n"
        "2026-10          0\n"
        "2026-11          0\n"
        "Busiest month: Apr 2026 (1).\n"
        "\n"
        "Top referral sources and how their friends got on\n"
        "source       referrals  client  not-a-fit  pending  converted  value\n"
        "-----------  ---------  ------  ---------  -------  ---------  -----\n"
        "Bea Lund             2       0          1        1         0%      -\n"
        "Ana Reis             1       1          0        0       100%    120\n"
        "All sources          3       1          1        1        33%    120\n"
        "\n"
        "Referral network\n"
        "3 people, 3 links; 0 chain starters; the longest chain has 2 steps."
        " 1 loop (someone sent a friend who had sent them): drawn as dashed arcs.\n"
        "Longest chain: Ana Reis -> Bea Lund -> Tom <script>alert(1)</script> & Co\n"
        "Ana Reis [pending]\n"
        "  - Bea Lund [client]\n"
        "    - Tom <script>alert(1)</script> & Co [not-a-fit]\n"
        "loop: Bea Lund sent Ana Reis, who had sent them (or their referrer) earlier\n"
        "\n"
        "Value of referred clients\n"
        "group                                       clients  valued  total  median  mean\n"
        "------------------------------------------  -------  ------  -----  ------  ----\n"
        "Sent by someone who found you themselves          1       1    120     120   120\n"
        "Sent by someone who was referred (a chain)        0       0      -       -     -\n"
        "Values are recorded for 1 of 1 referred clients."
        " There are no clients on file who came without a referral to compare with.\n"
        "Recorded value of the clients each source sent\n"
        "source    clients  value\n"
        "--------  -------  -----\n"
        "Ana Reis        1    120\n"
        "\n"
        "Days from referral to thank-you\n"
        "2 thanked (median 10.5 days from referral to thank-you); 1 not thanked yet.\n"
        "days          referrals\n"
        "------------  ---------\n"
        "same day              0\n"
        "1-3 days              1\n"
        "4-7 days              0\n"
        "8-14 days             0\n"
        "15-30 days            1\n"
        "over 30 days          0\n"
        "\n"
        "Who is waiting\n"
        "owed        person    about                                                 since       due         days\n"
        "----------  --------  ----------------------------------------------------  ----------  ----------  ----\n"
        "thank       Bea Lund  Ana Reis                                              2026-03-05  2026-03-12   266\n"
        "chain news  Ana Reis  Bea Lund has sent Tom <script>alert(1)</script> & Co  2026-04-01  2026-04-08   239\n"
    )


def test_cycle_html_is_escaped_and_draws_the_loop_once(kit, tmp_path: Path) -> None:
    root = kit({"referrals/people.yml": CYCLE_PEOPLE, "referrals/2026.yml": CYCLE})
    assert run_cli(root, "report", "-o", str(tmp_path / "r.html")).exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "Tom &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    network_svg = page.split('<section id="network">')[1].split("</section>")[0]
    assert network_svg.count("<rect") == 3  # three people, each drawn once
    assert network_svg.count('stroke="#b4472f"') == 1  # one loop arc
    assert "Bea Lund sent Ana Reis (a loop: they had sent them earlier)" in network_svg


def test_a_three_person_loop_with_no_starter(kit) -> None:
    refs = (
        "referrals:\n"
        "  - {date: 2026-01-01, from: ana, referred: bea, outcome: client}\n"
        "  - {date: 2026-02-01, from: bea, referred: cai, outcome: client}\n"
        "  - {date: 2026-03-01, from: cai, referred: ana, outcome: client}\n"
    )
    root = kit({"referrals/people.yml": people_yml("ana", "bea", "cai"), "referrals/2026.yml": refs})
    net = network(load_kit(root, TODAY).kit)
    assert [n.name for n in net.nodes] == ["Ana Test", "Bea Test", "Cai Test"]
    assert [n.depth for n in net.nodes] == [0, 1, 2]
    assert net.loops == (("Cai Test", "Ana Test"),)
    assert net.starters == 0 and net.deepest == 2


def ten_step_chain() -> dict[str, str]:
    ids = [f"p{n:02d}" for n in range(11)]
    refs = "referrals:\n" + "".join(
        f"  - {{date: 2025-{n + 1:02d}-01, from: {a}, referred: {b}, outcome: client}}\n"
        for n, (a, b) in enumerate(itertools.pairwise(ids))
    )
    return {"referrals/people.yml": people_yml(*ids), "referrals/2026.yml": refs}


def test_ten_step_chain(kit, tmp_path: Path) -> None:
    root = kit(ten_step_chain())
    net = network(load_kit(root, TODAY).kit)
    assert net.deepest == 10 and net.starters == 1 and net.people == 11 and not net.loops
    assert net.longest_chain == tuple(f"P{n:02d} Test" for n in range(11))
    assert [n.depth for n in net.nodes] == list(range(11))
    result = run_cli(root, "report", "--text")
    lines = result.output.splitlines()
    start = lines.index("Referral network")
    assert lines[start + 1 : start + 15] == [
        "11 people, 10 links; 1 chain starter; the longest chain has 10 steps.",
        "Longest chain: P00 Test -> P01 Test -> P02 Test -> P03 Test -> P04 Test -> P05 Test"
        " -> P06 Test -> P07 Test -> P08 Test -> P09 Test -> P10 Test",
        "P00 Test",
        "  - P01 Test [client]",
        "    - P02 Test [client]",
        "      - P03 Test [client]",
        "        - P04 Test [client]",
        "          - P05 Test [client]",
        "            - P06 Test [client]",
        "              - P07 Test [client]",
        "                - P08 Test [client]",
        "                  - P09 Test [client]",
        "                    - P10 Test [client]",
        "",
    ]
    run_cli(root, "report", "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    section = page.split('<section id="network">')[1].split("</section>")[0]
    assert section.count("<rect") == 11 and section.count("marker-end=") == 10
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', section)]
    assert xs == sorted(xs) and len(set(xs)) == 11  # one column per step


def test_one_person_kit(kit) -> None:
    people = "people:\n  - {id: solo, name: {given: Solo}, client_since: 2020-05-01}\n"
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": "referrals: []\n"})
    fig = figures(load_kit(root, TODAY).kit, TODAY)
    assert fig.people == 1 and fig.referrals == 0 and not fig.network.nodes
    assert fig.values.other_clients == 1
    assert fig.values.note == (
        "No value is recorded on any referral, so there is nothing to compare. 1 other client (client_since,"
        " not referred) has no value on file: ownerkit records value only on referrals, so referred and other"
        " clients cannot be compared."
    )
    assert [(w.kind, w.name, w.about) for w in fig.waiting] == [("hello", "Solo", "long-standing client")]


def test_a_big_network_is_capped_and_says_how_many_are_left_out(kit) -> None:
    ids = [f"s{n:03d}" for n in range(150)]
    refs = "referrals:\n" + "".join(
        f"  - {{date: 2026-01-{1 + n % 28:02d}, from: s000, referred: {p}, outcome: client}}\n"
        for n, p in enumerate(ids[1:])
    )
    refs += "".join(
        f"  - {{date: 2026-02-01, from: s{n:03d}, referred: Friend {n}, outcome: pending}}\n" for n in range(1, 40)
    )
    root = kit({"referrals/people.yml": people_yml(*ids), "referrals/2026.yml": refs})
    net = network(load_kit(root, TODAY).kit)
    assert len(net.nodes) <= NETWORK_MAX_NODES + NETWORK_MAX_CHILDREN
    top = [n for n in net.nodes if n.parent == "s000"]
    assert len(top) == NETWORK_MAX_CHILDREN + 1 and top[-1].status == "more" and top[-1].more == 149 - 8
    assert net.hidden_people == net.people - len([n for n in net.nodes if n.status != "more"])
    assert net.hidden_people > 0


# ----------------------------------------------------------------- in a real browser


@pytest.mark.browser
def test_report_in_headless_chromium(example_kit: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    out = tmp_path / "served"
    out.mkdir()
    assert run_cli(example_kit, "report", "-o", str(out / "referral-report.html")).exit_code == 0
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    requests: list[str] = []
    with serve_folder(out) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{base}referral-report.html")
        page.wait_for_load_state("networkidle")
        assert page.inner_text(".banner").startswith("Private — not for the website.")
        assert page.locator("section").count() == 7
        assert page.locator("#network svg rect").count() > 30
        box = page.locator("#network svg").bounding_box()
        assert box and box["width"] > 500 and box["height"] > 300
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        page.locator("#network").screenshot(path=str(ARTIFACTS / "report-network.png"))
        phone = browser.new_page(viewport={"width": 390, "height": 800})
        phone.on("pageerror", lambda e: problems.append(str(e)))
        phone.goto(f"{base}referral-report.html")
        phone.screenshot(path=str(ARTIFACTS / "report-390.png"), full_page=True)
        browser.close()
    assert problems == []
    assert requests == [f"{base}referral-report.html"]
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
