"""The per-file cache of referral files: a hit gives what a cold load gives, and is never trusted wrongly.

conftest.py turns the cache off for every other test (they load cold); these turn it on.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, TODAY

sys.path.insert(0, str(REPO))

import generator
from bench.synthetic import make_kit
from generator.errors import KitInvalid, Problem
from generator.load import filecache
from generator.load import kit as kit_module
from generator.load.kit import load_kit

BROKEN = """
  - date: 2026-02-30
    from: nobody-known
    referred: someone-else
    for: a tuning
    outcome: maybe
"""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The cache on, and the referral files read from their bytes (cache misses) listed by name."""
    monkeypatch.delenv("OWNERKIT_NO_CACHE", raising=False)
    missed: list[str] = []
    real = kit_module.load_referral_file

    def counting(path: Path, rel: str, problems: list[Problem]) -> Any:
        missed.append(rel)
        return real(path, rel, problems)

    monkeypatch.setattr(kit_module, "load_referral_file", counting)
    return missed


def outcome(root: Path) -> tuple[Any, ...]:
    """Everything a load gives: the kit and warnings, or the errors; with every record's field marks."""
    try:
        checked = load_kit(root, TODAY)
    except KitInvalid as exc:
        return ("invalid", exc.problems)
    marks = [r.source.marks for r in checked.kit.referrals] + [p.source.marks for p in checked.kit.people.values()]
    return ("ok", checked.kit, checked.warnings, marks)


def entries(root: Path) -> list[Path]:
    return sorted((root / filecache.CACHE_DIR).rglob("*.pickle"))


def test_a_hit_gives_what_a_cold_load_gives_on_the_example_kit(example_kit: Path, reads: list[str]) -> None:
    cold = outcome(example_kit)
    assert reads and entries(example_kit)
    reads.clear()
    assert outcome(example_kit) == cold
    assert reads == []


def test_a_hit_gives_the_same_errors_on_a_synthetic_kit(tmp_path: Path, reads: list[str]) -> None:
    root = make_kit(tmp_path / "kit", stories=10, people=80, referrals=300, seed=3)
    target = sorted((root / "referrals").glob("*.yml"))[-1]
    target.write_text(target.read_text("utf-8") + BROKEN, encoding="utf-8")
    cold = outcome(root)
    assert cold[0] == "invalid" and any(p.path == target.relative_to(root).as_posix() for p in cold[1])
    reads.clear()
    assert outcome(root) == cold
    assert reads == []


def test_a_corrupt_entry_is_ignored_and_rebuilt(example_kit: Path, reads: list[str]) -> None:
    cold = outcome(example_kit)
    for number, entry in enumerate(entries(example_kit)):
        entry.write_bytes([b"", b"not a pickle", pickle.dumps(("other", 1))[:-3]][number % 3])
    reads.clear()
    assert outcome(example_kit) == cold
    assert sorted(reads) == sorted(f"referrals/{e.name.removesuffix('.pickle')}" for e in entries(example_kit))
    reads.clear()
    assert outcome(example_kit) == cold
    assert reads == []


def test_a_changed_file_is_read_again(example_kit: Path, reads: list[str]) -> None:
    outcome(example_kit)
    target = sorted((example_kit / "referrals").glob("*.yml"))[0]
    target.write_text(target.read_text("utf-8") + BROKEN.replace("  - ", "referrals:\n  - ", 1), encoding="utf-8")
    reads.clear()
    result = outcome(example_kit)
    assert reads == [target.relative_to(example_kit).as_posix()]
    assert result[0] == "invalid"
    assert any("2026-02-30" in str(p) or p.field == "date" for p in result[1])


def test_an_entry_from_another_version_is_ignored(
    example_kit: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = outcome(example_kit)
    monkeypatch.setattr(generator, "__version__", "99.0")
    filecache.code_key.cache_clear()
    try:
        reads.clear()
        assert outcome(example_kit) == cold
        assert len(reads) == len(entries(example_kit))
    finally:
        monkeypatch.undo()
        filecache.code_key.cache_clear()


class _Planted:
    def __reduce__(self) -> tuple[Any, ...]:
        import os

        return (os.system, ("touch planted-by-cache",))


def test_a_planted_entry_cannot_run_code(
    example_kit: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cold = outcome(example_kit)
    for entry in entries(example_kit):
        entry.write_bytes(pickle.dumps(_Planted()))
    monkeypatch.chdir(tmp_path)
    reads.clear()
    assert outcome(example_kit) == cold
    assert reads and not (tmp_path / "planted-by-cache").exists()


def test_a_read_only_cache_folder_only_costs_time(example_kit: Path, reads: list[str]) -> None:
    (example_kit / filecache.CACHE_DIR).write_text("a file where the folder would be", encoding="utf-8")
    cold = outcome(example_kit)
    reads.clear()
    assert outcome(example_kit) == cold
    assert reads  # nothing could be stored: read again, no error


def test_the_cache_folder_is_ignored_by_git() -> None:
    ignored = f"/{filecache.CACHE_DIR}/"
    assert ignored in (REPO / ".gitignore").read_text("utf-8").split("\n")
    assert ignored in (REPO / "generator/starter/gitignore").read_text("utf-8").split("\n")
