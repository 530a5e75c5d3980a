"""Count the commands a new owner types from an empty folder to her own site and her first card.

Plays the README's "Start your own kit" in a new empty folder with the
installed ``ownerkit`` and ``mkdocs`` (next to this Python): the only file
written by hand is the story's text. Prints each command as typed, then the
counts against the targets (site: 4, first printable card: 6), and checks
that the site shows the story and the card names the friend.

    .venv/bin/python bench/first_card_bench.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

SITE_TARGET, CARD_TARGET = 4, 6
STORY = (
    "My gran baked every Saturday in a kitchen the size of a cupboard. When the bakery on\n"
    "Otley Road closed, I borrowed her tins, rented its oven on Sundays, and sold out by ten.\n"
)
BIN = Path(sys.executable).parent


def main() -> None:
    typed: list[str] = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}

    def run(*args: str) -> str:
        typed.append(" ".join(a if " " not in a else f'"{a}"' for a in args))
        done = subprocess.run(args, cwd=kit, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            sys.exit(f"{typed[-1]} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    with tempfile.TemporaryDirectory(prefix="ownerkit-first-card-") as tmp:
        kit = Path(tmp) / "my-kit"
        kit.mkdir()  # the empty folder she starts in
        run("ownerkit", "init", ".", "--given", "Ana", "--family", "Ferreira", "--business", "Ferreira Bakes")
        story = next((kit / "stories").glob("*-why-i-started.md"))
        head, _guide = story.read_text(encoding="utf-8").split("<!--", 1)
        story.write_text(head + STORY, encoding="utf-8")  # her story, in her words: the one hand edit
        run("ownerkit", "publish", "why-i-started")
        run("mkdocs", "build")
        site_commands = len(typed)
        page = next((kit / "site").glob("stories/**/why-i-started/index.html")).read_text(encoding="utf-8")
        assert "borrowed her tins" in page, "the story is not on the site"
        run("ownerkit", "add", "person", "--given", "Olubisi", "--family", "Adebayo", "--preferred", "Bisi",
            "--address", "12 Otley Road / Leeds LS6 3AA")  # fmt: skip
        run("ownerkit", "add", "referral", "--from", "olubisi-adebayo", "--referred", "Tom Hale", "--for",
            "a wedding cake")  # fmt: skip
        out = run("ownerkit", "letters")
        card = (kit / "letters" / "olubisi-adebayo.html").read_text(encoding="utf-8")
        assert "Tom" in card and "Bisi" in card, "the card does not name the friend and the referrer"
        card_commands = len(typed)
    print("From an empty folder, as typed:")
    for number, command in enumerate(typed, 1):
        print(f"  {number}. {command}")
        if number == site_commands:
            print("     -> her own site with her story (site/index.html)")
    print("     -> her first printable card (letters/olubisi-adebayo.html)")
    print(f"  ({out.strip().splitlines()[0]})")
    print(f"commands to her own site: {site_commands} (target {SITE_TARGET})")
    print(f"commands to her first printable card: {card_commands} (target {CARD_TARGET})")
    print("files edited by hand: 1 (the story's text)")
    if site_commands > SITE_TARGET or card_commands > CARD_TARGET:
        sys.exit("OVER TARGET")


if __name__ == "__main__":
    main()
