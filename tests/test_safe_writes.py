"""Nothing the owner wrote is lost: line endings, debris of a killed run, saves made while ownerkit writes.

The race tests run real processes (two ``thanked`` at once, ``letters`` with
the owner saving a letter at the same moment) many times each, so that a race
that happens one time in ten fails the suite; each trial takes a fraction of a
second.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TODAY, run_cli

import generator.commands.thanked  # noqa: F401 - patched below
import generator.write.letters_folder as letters_folder
import generator.write.yamledit as yamledit
from generator.cli import main
from generator.load.kit import load_kit
from generator.write.yamledit import JOURNAL

PEOPLE = """\
people:
  - id: joao-silva
    name: {given: João, family: Silva}
    email: joao@example.com
  - id: mei-tanaka
    name: {given: Mei, family: Tanaka, order: family-first}
"""
TWO = """\
referrals:
  - date: 2026-10-01
    from: joao-silva
    referred: mei-tanaka
    outcome: client
  - date: 2026-10-02
    from: mei-tanaka
    referred: Carla
    outcome: pending
"""
# A race that happens one time in ten slips through 40 trials once in 70 runs, through 20 once in 8.
THANKED_TRIALS = 40
TRIALS = 20


def make(kit, referrals: str | bytes = TWO, more: dict | None = None) -> Path:  # type: ignore[no-untyped-def]
    root = kit({"referrals/people.yml": PEOPLE, "referrals/2026.yml": "", **(more or {})})
    data = referrals.encode("utf-8") if isinstance(referrals, str) else referrals
    (root / "referrals/2026.yml").write_bytes(data)
    return root


# ------------------------------------------------------------------ line endings


def test_old_mac_line_endings_are_kept(kit) -> None:
    before = TWO.replace("\n", "\r")
    root = make(kit, before.encode("utf-8"))
    result = run_cli(root, "thanked", "mei-tanaka")
    assert result.exit_code == 0, result.output
    after = (root / "referrals/2026.yml").read_bytes()
    assert b"\n" not in after
    assert after == (before + "    thanked: {date: 2026-11-26, how: handwritten, told: pending}\r").encode("utf-8")


def test_a_file_without_a_final_line_break_keeps_its_style(kit) -> None:
    root = make(kit, TWO.replace("\n", "\r\n").rstrip("\r\n"))
    assert run_cli(root, "thanked", "mei-tanaka").exit_code == 0
    after = (root / "referrals/2026.yml").read_bytes().decode("utf-8")
    assert after.endswith("outcome: pending\r\n    thanked: {date: 2026-11-26, how: handwritten, told: pending}\r\n")
    assert "\n" not in after.replace("\r\n", "")


# ------------------------------------------------------------------ debris of a killed run


def test_temporary_files_of_a_killed_run_are_removed(kit) -> None:
    root = make(kit)
    (root / "letters").mkdir()
    debris = [
        root / "letters/.joao-silva.txt.4242.tmp",
        root / "letters/.joao-silva.html.abcd_123.tmp",
        root / "referrals/.2026.yml.k2j4h5g6.tmp",
    ]
    for path in debris:
        path.write_text("half", encoding="utf-8")
    mine = root / "letters/.my-notes.tmp"  # not a name ownerkit makes: left alone
    mine.write_text("mine", encoding="utf-8")
    assert run_cli(root, "letters").exit_code == 0
    assert run_cli(root, "thanked", "joao-silva").exit_code == 0
    assert [p for p in debris if p.exists()] == []
    assert mine.read_text("utf-8") == "mine"


def test_a_change_to_several_files_killed_half_way_is_finished_next_time(kit) -> None:
    root = make(kit, more={"referrals/2025.yml": TWO.replace("2026-", "2025-")})
    old_2025 = (root / "referrals/2025.yml").read_text("utf-8")
    changes = yamledit.plan_edits(
        load_kit(root, TODAY).kit,
        [
            yamledit.Edit(r, "thanked", {"date": "2026-11-26", "how": "call"})
            for r in load_kit(root, TODAY).kit.referrals
            if r.from_id == "joao-silva"
        ],
    )
    assert [c.path for c in changes] == ["referrals/2025.yml", "referrals/2026.yml"]
    entries = [{"path": c.path, "old": yamledit._digest(c.old), "new": c.new} for c in changes]
    (root / JOURNAL).write_text(json.dumps({"files": entries}), encoding="utf-8")
    (root / "referrals/2026.yml").write_text(changes[1].new, encoding="utf-8")  # killed after the first file
    result = run_cli(root, "thanked", "mei-tanaka")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "referrals/2025.yml: finished recording what an interrupted ownerkit command had started\n"
    )
    assert not (root / JOURNAL).exists()
    assert (root / "referrals/2025.yml").read_text("utf-8").startswith(changes[0].new.split("  - date: 2025-10-02")[0])
    assert (root / "referrals/2025.yml").read_text("utf-8") != old_2025
    kit_now = load_kit(root, TODAY).kit
    assert all(r.thanked for r in kit_now.referrals)


def test_an_interrupted_change_to_a_file_edited_since_is_reported(kit) -> None:
    root = make(kit)
    entries = [{"path": "referrals/2026.yml", "old": "0" * 64, "new": "referrals: []\n"}]
    (root / JOURNAL).write_text(json.dumps({"files": entries}), encoding="utf-8")
    result = run_cli(root, "thanked", "joao-silva")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "referrals/2026.yml: an interrupted ownerkit command did not record its change here, and the file has been"
        " edited since; run that command again\n"
    )
    assert "referrals: []" not in (root / "referrals/2026.yml").read_text("utf-8")


# ------------------------------------------------------------------ odd things in letters/


@pytest.mark.parametrize(
    ("make_odd", "why"),
    [
        (lambda p: p.mkdir(), "it is a folder"),
        (lambda p: os.symlink("gone.txt", p), "it is a link, not a letter file ownerkit wrote"),
        (lambda p: os.symlink(p.name, p), "it is a link, not a letter file ownerkit wrote"),
        (os.mkfifo, "it is not a plain file (a fifo or a device)"),
    ],
)
def test_something_odd_where_a_letter_goes_is_left_alone(kit, monkeypatch, make_odd, why: str) -> None:
    root = make(kit)
    monkeypatch.chdir(root)
    (root / "letters").mkdir()
    make_odd(root / "letters/joao-silva.txt")
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    assert f"kept letters/joao-silva.txt: {why}; not overwritten (delete it to get a fresh one)\n" in result.output
    assert (root / "letters/joao-silva.html").is_file()


START_OVER = "; delete it to start over (every existing letter will then be treated as edited and kept)"


@pytest.mark.parametrize(
    ("make_odd", "why"),
    [
        (lambda p: p.mkdir(), "is a folder, not a file"),
        (lambda p: os.symlink(p.name, p), "is a symbolic link that leads back to itself (a loop)"),
        (os.mkfifo, "is a fifo (a named pipe), not a file"),
        (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "cannot read it (nested too deeply)"),
    ],
)
def test_something_odd_where_the_manifest_goes_is_reported(kit, make_odd, why: str) -> None:
    root = make(kit)
    (root / "letters").mkdir()
    make_odd(root / "letters/.ownerkit-manifest.json")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output == f"Error: {root}/letters/.ownerkit-manifest.json: {why}{START_OVER}\n"
    assert not (root / "letters/joao-silva.txt").exists()


def test_letters_that_is_a_file_is_reported(kit) -> None:
    root = make(kit)
    (root / "letters").write_text("not a folder", encoding="utf-8")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {root}/letters: is a file, where the letters folder goes; move it away or rename it\n"
    )
    assert "Traceback" not in result.output


# ------------------------------------------------------------------ a save in the gap


def test_thanked_keeps_a_save_made_while_it_checks(kit, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(kit)
    path = root / "referrals/2026.yml"
    saved = TWO.replace("outcome: pending", "outcome: client   # she booked!")
    real_verify = yamledit.verify

    def owner_saves_meanwhile(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        real_verify(*args, **kwargs)
        path.write_text(saved, encoding="utf-8")

    monkeypatch.setattr(sys.modules["generator.commands.thanked"], "verify", owner_saves_meanwhile)
    result = run_cli(root, "thanked", "joao-silva")
    assert result.exit_code == 1
    assert "referrals/2026.yml: changed while ownerkit was working (your change is kept)" in result.output
    assert path.read_text("utf-8") == saved


def test_thanked_keeps_a_save_made_just_before_the_rename(kit, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(kit)
    path = root / "referrals/2026.yml"
    saved = TWO.replace("outcome: pending", "outcome: client   # she booked!")
    real_write = yamledit.write_atomic

    def owner_saves_at_the_last_moment(target, content, may_replace=None):  # type: ignore[no-untyped-def]
        path.write_text(saved, encoding="utf-8")
        return real_write(target, content, may_replace)

    monkeypatch.setattr(yamledit, "write_atomic", owner_saves_at_the_last_moment)
    result = run_cli(root, "thanked", "joao-silva")
    assert result.exit_code == 1
    assert "referrals/2026.yml: you saved it while ownerkit was writing; your save is kept. Nothing was written." in (
        result.output
    )
    assert path.read_text("utf-8") == saved
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_letters_keeps_a_letter_saved_during_its_write_phase(kit, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(kit)
    monkeypatch.chdir(root)
    assert run_cli(root, "letters").exit_code == 0
    (root / "referrals/2026.yml").write_text(TWO.replace("outcome: client", "outcome: client\n    note: Lovely."))
    letter = root / "letters/joao-silva.txt"
    real = letters_folder.write_atomic_many

    def owner_saves_meanwhile(items, may_replace=None):  # type: ignore[no-untyped-def]
        letter.write_text("Dear João, my own words.\n", encoding="utf-8")
        return real(items, may_replace)

    monkeypatch.setattr(letters_folder, "write_atomic_many", owner_saves_meanwhile)
    result = run_cli(root, "letters")
    assert result.exit_code == 0, result.output
    assert (
        "kept letters/joao-silva.txt: you saved it while ownerkit was writing; not overwritten"
        " (delete it to get a fresh one)"
    ) in result.output
    assert letter.read_text("utf-8") == "Dear João, my own words.\n"
    assert "Lovely." in (root / "letters/joao-silva.html").read_text("utf-8")
    monkeypatch.setattr(letters_folder, "write_atomic_many", real)
    again = run_cli(root, "letters")  # still the owner's: kept on the next run too
    assert "kept letters/joao-silva.txt: you edited it since ownerkit wrote it" in again.output
    assert letter.read_text("utf-8") == "Dear João, my own words.\n"


# ------------------------------------------------------------------ races between processes


def _run(root: str, args: list[str], start: float) -> None:
    time.sleep(max(0.0, start - time.time()))
    try:
        main([*["--kit", root, "--today", TODAY.isoformat()], *args])
    except SystemExit as exc:
        os._exit(exc.code if isinstance(exc.code, int) else 1)
    os._exit(0)


def _together(*runs: tuple[Path, list[str]]) -> list[int]:
    context = multiprocessing.get_context("fork")
    start = time.time() + 0.05
    processes = [context.Process(target=_run, args=(str(root), args, start)) for root, args in runs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    return [p.exitcode or 0 for p in processes]


def test_two_thanked_at_once_both_record(kit, capfd: pytest.CaptureFixture[str]) -> None:
    root = make(kit)
    path = root / "referrals/2026.yml"
    for _ in range(THANKED_TRIALS):
        path.write_text(TWO, encoding="utf-8")
        codes = _together((root, ["thanked", "joao-silva"]), (root, ["thanked", "mei-tanaka"]))
        assert codes == [0, 0], capfd.readouterr()
        text = path.read_text("utf-8")
        assert text.count("thanked: {date: 2026-11-26, how: handwritten, told: ") == 2, text
    capfd.readouterr()


def test_letters_and_an_owner_save_at_once_lose_nothing(kit, capfd: pytest.CaptureFixture[str]) -> None:
    root = make(kit)
    assert run_cli(root, "letters").exit_code == 0
    letter = root / "letters/joao-silva.txt"
    rng = random.Random(13)
    for trial in range(TRIALS):
        note = f"Trial {trial}."
        (root / "referrals/2026.yml").write_text(TWO.replace("outcome: client", f"outcome: client\n    note: {note}"))
        mine = f"Dear João, my own words, take {trial}.\n"
        saver = threading.Timer(rng.uniform(0.0, 0.25), lambda text=mine: letter.write_text(text, encoding="utf-8"))
        saver.start()
        codes = _together((root, ["letters"]), (root, ["letters"]))
        saver.join()
        assert codes == [0, 0], capfd.readouterr()
        assert letter.read_text("utf-8") == mine  # the owner's save is never overwritten
        assert note in (root / "letters/joao-silva.html").read_text("utf-8")
        manifest = json.loads((root / "letters/.ownerkit-manifest.json").read_text("utf-8"))
        assert set(manifest["files"]) >= {"joao-silva.html", "joao-silva.eml"}
        letter.unlink()  # start the next trial from a fresh letter
        assert run_cli(root, "letters").exit_code == 0
    assert [p.name for p in (root / "letters").iterdir() if p.name.endswith(".tmp")] == []
    capfd.readouterr()


# ------------------------------------------------------------------ kill -9 for real


def test_letters_killed_at_any_moment_leaves_nothing_that_looks_edited(example_kit: Path) -> None:
    """``kill -9`` during ``letters``: the next run cleans up and keeps nothing as if the owner had edited it."""
    command = [str(Path(sys.executable).parent / "ownerkit"), "--kit", str(example_kit), "--today", "2026-11-26"]
    rng = random.Random(9)
    assert subprocess.run([*command, "letters"], capture_output=True, check=False).returncode == 0
    folder = example_kit / "letters"
    for trial in range(6):
        files = {}
        for letter in folder.iterdir():  # every letter ownerkit's own, and out of date
            if not letter.name.startswith("."):
                letter.write_bytes(f"an older letter, take {trial}\n".encode())
                files[letter.name] = letters_folder.sha256(letter.read_bytes())
        (folder / ".ownerkit-manifest.json").write_text(json.dumps({"files": files}), encoding="utf-8")
        process = subprocess.Popen([*command, "letters"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        again = subprocess.run([*command, "letters"], capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stdout + again.stderr
        assert "kept" not in again.stdout, again.stdout
        assert [p.name for p in (example_kit / "letters").iterdir() if p.name.endswith(".tmp")] == []
