"""A seeded fuzz test: hundreds of mutations of the example kit, and not one traceback, hang or nameless message.

Each mutation changes one file of a copy of the bundled example kit: a line
deleted, doubled or cut short; a hostile value (a NUL, an escape, a line
separator, an alias, a tag, a year 0000, a number of 5,000 digits, a path of
5,000 characters, a non-UTF-8 byte...) put in place of a value or at a random
spot; or the file replaced by a folder, a fifo, a link loop or a dangling link.
``ownerkit check`` must then end with exit 0 or 1, without a traceback, within
a few seconds, and every line it prints must be a summary or start with the
file it is about. For some kits that pass, the commands that read the kit
(``queue``, ``letters --dry-run``, ``calendar --dry-run``, ``report --dry-run``)
must end the same way. The seed is fixed: a failure reproduces exactly.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import REPO, run_cli

SEED = 20261205
MUTATIONS = 300
SECONDS = 10  # per command: far more than any of them needs on the example kit

HOSTILE = [
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\x85",
    "\ufeff",
    "\r",
    "\t",
    ": ",
    "- ",
    "{",
    "[",
    "]",
    "*a",
    "&a",
    "<<: *a",
    "!!python/object:os.system",
    "!!binary",
    "'",
    '"',
    "#",
    "---",
    "...",
    "%YAML 1.1",
    "0000-01-01",
    "9999-12-31",
    "2026-02-30",
    "1E+999999999",
    "9" * 5000,
    "-1",
    ".inf",
    "NaN",
    "~",
    "null",
    "yes",
    "x" * 300,
    "images/" + "y" * 5000 + ".svg",
    "../../referrals/people.yml",
    "/etc/passwd",
    "hämid@x.test",
    "a,b@x.test",
    "Hamid\r\nBcc: evil@x.test",
    "{{ 7*7 }}",
    "{% extends 'first.j2' %}",
    "<script>alert(1)</script>",
    "\udcff",
]
# a line of the output is a summary, or starts with the file it is about
NAMED = re.compile(r"^(?:(?:stories|referrals|letters|private)/\S*?(?::\d+)*: |ownerkit |Error: |kept |left out |  )")
SUMMARY = re.compile(r"^(?:ownerkit check: |Error: \d+ problems? found in |Error: \d+ warnings? \(--strict\))")


def example_files() -> list[str]:
    files = [p.relative_to(REPO).as_posix() for d in ("stories", "referrals") for p in sorted((REPO / d).rglob("*"))]
    return [f for f in files if (REPO / f).is_file() and f.endswith((".md", ".yml"))]


FILES = example_files()
RECORDS = [f for f in FILES if f.startswith("referrals/") or f == "stories/owner.yml"]  # picked half the time


def mutate_text(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    where = rng.randrange(len(lines))
    kind = rng.randrange(6)
    if kind == 0:
        del lines[where]
    elif kind == 1:
        lines.insert(where, lines[where])
    elif kind == 2:  # a value replaced
        line = lines[where]
        if ": " in line:
            lines[where] = line.split(": ", 1)[0] + ": " + rng.choice(HOSTILE)
        else:
            lines[where] = line + rng.choice(HOSTILE)
    elif kind == 3:  # something put at a random spot
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(HOSTILE) + text[at:]
    elif kind == 4:  # cut short
        return text[: rng.randrange(len(text) + 1)]
    else:  # two lines swapped
        other = rng.randrange(len(lines))
        lines[where], lines[other] = lines[other], lines[where]
    return "\n".join(lines)


def mutate(root: Path, rng: random.Random) -> str:
    rel = rng.choice(RECORDS if rng.random() < 0.5 else FILES)
    path = root / rel
    roll = rng.random()
    if roll < 0.04:
        path.unlink()
        kind = rng.choice(["folder", "fifo", "loop", "dangling", "devnull"])
        if kind == "folder":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "loop":
            os.symlink(path.name, path)
        elif kind == "dangling":
            os.symlink("gone.yml", path)
        else:
            os.symlink("/dev/null", path)
        return f"{rel} made a {kind}"
    if roll < 0.08:
        data = bytearray(path.read_bytes())
        data[rng.randrange(len(data))] = rng.choice([0x80, 0xFF, 0xC3, 0x00, 0x1B])
        path.write_bytes(bytes(data))
        return f"{rel} got a stray byte"
    text = path.read_text("utf-8")
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        text = mutate_text(text, rng)
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    return f"{rel} mutated"


class Hang(Exception):
    pass


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def stop(signum, frame):  # type: ignore[no-untyped-def]
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(root: Path, *args: str) -> tuple[int, str]:
    with deadline(SECONDS):
        result = run_cli(root, *args)
    return result.exit_code, result.output.replace(str(root), "<kit>")


def assert_clean(what: str, code: int, output: str) -> None:
    assert code in (0, 1), f"{what}: exit {code}\n{output}"
    assert "Traceback" not in output, f"{what}:\n{output}"
    for line in output.splitlines():
        assert NAMED.match(line) or not line.strip() or not code, f"{what}: a line without a file name: {line!r}"


@pytest.mark.parametrize("batch", range(6))
def test_mutated_example_kits_never_crash(batch: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(SEED + batch)
    template = tmp_path / "template"
    template.mkdir()
    for name in ("stories", "referrals", "mkdocs.yml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, template / name)
    passing = 0
    for number in range(MUTATIONS // 6):
        root = tmp_path / f"kit{number}"
        shutil.copytree(template, root, symlinks=True)
        what = f"seed {SEED + batch}, mutation {number}: " + mutate(root, rng)
        monkeypatch.chdir(root)
        code, output = run(root, "check")
        assert_clean(what, code, output)
        if code == 1:
            lines = [line for line in output.splitlines() if line.strip()]
            assert SUMMARY.match(lines[-1]), f"{what}: the last line should say how many problems:\n{output}"
        elif rng.random() < 0.25:
            passing += 1
            for command in (["queue"], ["letters", "--dry-run"], ["calendar", "--dry-run"], ["report", "--dry-run"]):
                code, output = run(root, *command)
                assert_clean(f"{what}; {' '.join(command)}", code, output)
        shutil.rmtree(root, ignore_errors=True)
