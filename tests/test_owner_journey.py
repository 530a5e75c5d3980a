"""The owner's journey, end to end: from an empty folder to her site, her first cards, and back again.

ownerkit is installed the README's way (a fresh venv, ``pip install`` of a clean
clone of this repository: pip's cache keeps it to seconds after the first
time), then every command runs as she would type it, in a new empty folder,
with the installed ``ownerkit`` and ``mkdocs`` on PATH. Each step's output is
checked, not only its exit code. The whole journey then runs a second time on
the same folder: every command either changes nothing or refuses, and no file
of the kit changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

TODAY = "2026-12-05"
CONTACTS = REPO / "tests" / "fixtures" / "contacts.vcf"
STORY = "I baked it twice. The second one was right, and she told the whole street.\n"


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with ownerkit installed from a clean clone; its bin folder."""
    where = tmp_path_factory.mktemp("install")
    clone = where / "ownerkit"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    env_dir = where / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(clone)],
        check=True,
        capture_output=True,
    )
    return bin_dir


def runner(bin_dir: Path, kit: Path):  # type: ignore[no-untyped-def]
    env = {
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": os.environ.get("HOME", str(kit)),
        "OWNERKIT_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "LANG": "C.UTF-8",
    }

    def run(*args: str) -> Ran:
        done = subprocess.run(list(args), cwd=kit, env=env, capture_output=True, text=True, check=False)
        assert "Traceback" not in done.stderr, done.stderr
        return Ran(done.returncode, done.stdout, done.stderr)

    return run


def snapshot(kit: Path) -> dict[str, str]:
    """A hash of every file of the kit except the built site (which records when it was built)."""
    return {
        path.relative_to(kit).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(kit.rglob("*"))
        if path.is_file() and not path.relative_to(kit).as_posix().startswith("site/")
    }


def write_story(kit: Path, slug: str, summary: str) -> None:
    """What the owner writes herself: the story's text (and its summary) in place of the guiding questions."""
    path = next((kit / "stories").glob(f"*-{slug}.md"))
    head = path.read_text(encoding="utf-8").split("<!--", 1)[0]
    path.write_text(head.replace("summary:\n", f"summary: {summary}\n") + STORY, encoding="utf-8")


def first_run(run, kit: Path) -> None:  # type: ignore[no-untyped-def]
    started = run("ownerkit", "init", ".", "--given", "Ana", "--family", "Ferreira", "--business", "Ferreira Bakes")
    assert started.code == 0, started.err
    assert started.out.splitlines()[-4:] == [
        "  (write your story in stories/2026-12-05-why-i-started.md: the questions in it help you start)",
        "  ownerkit publish why-i-started",
        "  mkdocs build                 (or mkdocs serve, to watch it at http://127.0.0.1:8000)",
        "Then record who sends friends your way: ownerkit add person, ownerkit add referral",
    ]
    story = run("ownerkit", "new", "story", "--prompt", "customer-who-changed-me", "The cake that came back")
    assert story.out == (
        "created stories/2026-12-05-the-cake-that-came-back.md"
        " (a draft: when it is ready, ownerkit publish the-cake-that-came-back)\n"
    )
    write_story(kit, "why-i-started", "A borrowed oven and my gran's tins.")
    write_story(kit, "the-cake-that-came-back", "The wedding cake I baked twice.")

    people = [
        ("--given", "Olubisi", "--family", "Adebayo", "--preferred", "Bisi",
         "--address", "12 Otley Road / Leeds LS6 3AA", "--public-thanks-since", "2026-11-01"),
        ("--given", "Tom", "--family", "Hale", "--email", "tom.hale@example.com"),
        ("--given", "Jo", "--family", "March"),
    ]  # fmt: skip
    for args, pid in zip(people, ("olubisi-adebayo", "tom-hale", "jo-march"), strict=True):
        added = run("ownerkit", "add", "person", *args)
        assert added.code == 0, added.err
        assert f": added {pid}\n" in added.out
    referrals = [
        ("--from", "Bisi Adebayo", "--referred", "tom-hale", "--for", "a wedding cake", "--outcome", "client",
         "--date", "2026-11-02"),
        ("--from", "olubisi-adebayo", "--referred", "Priya Shah", "--date", "2026-11-20"),
        ("--from", "tom-hale", "--referred", "jo-march", "--for", "her daughter's birthday cake",
         "--date", "2026-11-25"),
        ("--from", "jo-march", "--referred", "Sam Okoye", "--outcome", "not-a-fit"),  # a friend of a friend's friend
    ]  # fmt: skip
    for args in referrals:
        added = run("ownerkit", "add", "referral", *args)
        assert added.code == 0, added.err
    imported = run("ownerkit", "import", str(CONTACTS))
    assert imported.out.splitlines()[-4:] == [
        "contacts.vcf:49: Tom Hale: already on file as tom-hale (same email); not added",
        "contacts.vcf:98: Chiamaka Okafor: already on file as chiamaka-okafor (same email); not added",
        "contacts.vcf:139: siobhan brennan: already on file as siobhan-brennan (same name); not added",
        "added 17 people to referrals/people.yml; 3 duplicates and 0 contacts with a problem left out",
    ]
    for slug in ("why-i-started", "the-cake-that-came-back"):
        assert run("ownerkit", "publish", slug).code == 0
    checked = run("ownerkit", "check")
    lines = checked.out.splitlines()
    assert checked.code == 0
    assert lines[-1] == "ownerkit check: 2 stories (0 drafts), 20 people, 4 referrals: no errors, 4 warnings"
    # the only warnings: imported names not in Latin letters, until she says how she greets them
    assert [line.split(": name.given: ")[1].split(" is ")[0] for line in lines[:-1]] == [
        '"小龍"',
        '"Ирина"',
        '"Γιώργος"',
        '"太郎"',
    ]

    built = run("mkdocs", "build", "--strict")
    assert built.code == 0, built.err
    site = kit / "site"
    assert "Ferreira Bakes" in (site / "index.html").read_text(encoding="utf-8")
    assert "she told the whole street" in (site / "stories" / "the-cake-that-came-back" / "index.html").read_text()
    wall = (site / "thanks" / "index.html").read_text(encoding="utf-8")
    assert "Bisi A." in wall and "Olubisi" not in wall and "Tom" not in wall  # only with consent
    every_page = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    for private in ("Otley Road", "tom.hale@example.com", "Priya Shah", "Chiamaka", "Headingley"):
        assert private not in every_page

    queue = run("ownerkit", "queue")
    assert queue.out.splitlines()[2:9] == [
        "Thank you owed: 4",
        "  days  person           what                                    when done",
        "   33!  Olubisi Adebayo  sent Tom (a wedding cake)               ownerkit thanked olubisi-adebayo-2026-11-02",
        "   15!  Olubisi Adebayo  sent Priya Shah                         ownerkit thanked olubisi-adebayo-2026-11-20",
        "   10!  Tom Hale         sent Jo (her daughter's birthday cake)  ownerkit thanked tom-hale-2026-11-25",
        "     0  Jo March         sent Sam Okoye                          ownerkit thanked jo-march-2026-12-05",
        "",
    ]
    assert "   10!  Olubisi Adebayo  Tom has sent Jo        ownerkit thanked olubisi-adebayo-2026-11-02" in queue.out

    letters = run("ownerkit", "letters")
    head, *rows = letters.out.splitlines()[:4]
    assert head.startswith("ownerkit letters: 3 letters on ")
    assert [(row.split()[0], *row.split()[-2:]) for row in rows] == [  # the wording is the letters' own business
        ("olubisi-adebayo", "wrote", "letters/olubisi-adebayo.{txt,html}"),
        ("tom-hale", "wrote", "letters/tom-hale.{txt,html,eml}"),
        ("jo-march", "wrote", "letters/jo-march.{txt,html}"),
    ]
    card = (kit / "letters" / "olubisi-adebayo.txt").read_text(encoding="utf-8")
    assert "Dear Bisi," in card and "Tom" in card and "12 Otley Road" in card

    thanked = run("ownerkit", "thanked", "olubisi-adebayo")
    assert thanked.out.splitlines()[-1] == "recorded 2 thank-yous and 1 follow-up in referrals/referrals.yml"
    assert "Olubisi" not in run("ownerkit", "queue").out

    exported = run("ownerkit", "export", "addresses")
    assert exported.out.splitlines()[-2:] == [
        "wrote private/addresses.csv and private/addresses.vcf: 11 addresses",
        "Private: addresses are personal; keep these files to yourself.",
    ]
    assert "left out tom-hale: no address on file" in exported.out
    rows = (kit / "private" / "addresses.csv").read_bytes().decode("utf-8").split("\r\n")
    assert rows[0] == "Name,Organisation,Address line 1,Address line 2,Town/City,Postcode,Country"
    assert rows[1] == "Olubisi Adebayo,,12 Otley Road,,Leeds,LS6 3AA,"


def second_run(run) -> None:  # type: ignore[no-untyped-def]
    """The same journey again: each command refuses or changes nothing."""
    refused = [
        ("ownerkit", "init", ".", "--given", "Ana", "--business", "Ferreira Bakes"),
        ("ownerkit", "new", "story", "--prompt", "customer-who-changed-me", "The cake that came back"),
        ("ownerkit", "add", "person", "--given", "Tom", "--family", "Hale"),
        ("ownerkit", "add", "referral", "--from", "jo-march", "--referred", "Sam Okoye", "--outcome", "not-a-fit"),
    ]
    assert run("ownerkit", "publish", "why-i-started").code == 0  # already published: nothing to do
    for args in refused:
        ran = run(*args)
        assert ran.code == 1, (args, ran.out)
        assert "nothing was written" in ran.err or "already" in ran.err, (args, ran.err)
    assert run("ownerkit", "import", str(CONTACTS)).out.splitlines()[-1] == (
        "added 0 people; 20 duplicates and 0 contacts with a problem left out"
    )
    assert run("ownerkit", "thanked", "olubisi-adebayo").out == (
        "nothing to record: every referral from olubisi-adebayo has been thanked and followed up on already\n"
    )
    letters = run("ownerkit", "letters")
    assert [row.split()[-2:] for row in letters.out.splitlines()[1:3]] == [
        ["unchanged", "letters/tom-hale.{txt,html,eml}"],
        ["unchanged", "letters/jo-march.{txt,html}"],
    ]
    assert run("ownerkit", "check").code == 0
    assert run("mkdocs", "build", "--strict").code == 0
    assert run("ownerkit", "export", "addresses").code == 0


def test_from_an_empty_folder_to_her_site_and_cards_twice(installed: Path, tmp_path: Path) -> None:
    kit = tmp_path / "my-kit"
    kit.mkdir()
    run = runner(installed, kit)
    first_run(run, kit)
    before = snapshot(kit)
    second_run(run)
    assert snapshot(kit) == before


def test_the_first_card_bench_counts_within_target(installed: Path) -> None:
    done = subprocess.run(
        [str(installed / "python"), str(REPO / "bench" / "first_card_bench.py")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "commands to her own site: 3 (target 4)\n" in done.stdout
    assert "commands to her first printable card: 6 (target 6)\n" in done.stdout


def test_the_install_gives_both_commands(installed: Path) -> None:
    assert (installed / "ownerkit").exists() and (installed / "mkdocs").exists()
    plugins = subprocess.run(
        [str(installed / "python"), "-c", "from importlib.metadata import entry_points as e;"
         " print(sorted(p.name for p in e(group='mkdocs.plugins')))"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "'ownerkit'" in plugins
    assert shutil.which("ownerkit", path=str(installed)) is not None
    assert sys.version_info >= (3, 10)
