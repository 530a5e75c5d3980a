"""The synthetic kit generator of bench/: valid, varied and deterministic."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO, TODAY

sys.path.insert(0, str(REPO))

from bench.synthetic import make_kit
from generator.load.kit import load_kit
from generator.model.owed import chain_links
from generator.model.prompts import PROMPTS


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_kit_is_valid_and_varied(tmp_path: Path) -> None:
    root = make_kit(tmp_path / "kit", stories=40, people=300, referrals=800, seed=7)
    kit = load_kit(root, TODAY).kit
    assert (len(kit.stories), len(kit.people), len(kit.referrals)) == (40, 300, 800)
    assert {s.prompt for s in kit.stories} == set(PROMPTS)
    assert all(350 <= s.words <= 520 for s in kit.stories)
    assert {r.outcome for r in kit.referrals} == {"pending", "client", "not-a-fit"}
    assert any(r.thanked for r in kit.referrals) and any(not r.thanked for r in kit.referrals)
    assert any(r.referred_name for r in kit.referrals) and any(r.referred_id for r in kit.referrals)
    assert max(r.date for r in kit.referrals) <= TODAY
    people = list(kit.people.values())
    assert any(p.name.order == "family-first" for p in people)
    assert any(p.name.family is None for p in people)
    assert any("'" in p.name.full or "-" in p.name.full for p in people)
    assert any(p.deceased for p in people) and any(p.public_thanks for p in people)
    assert chain_links(kit)
    assert len({r.source.path for r in kit.referrals}) >= 5


def test_synthetic_kit_is_deterministic(tmp_path: Path) -> None:
    one = files_of(make_kit(tmp_path / "a", 5, 40, 60, seed=3))
    two = files_of(make_kit(tmp_path / "b", 5, 40, 60, seed=3))
    other = files_of(make_kit(tmp_path / "c", 5, 40, 60, seed=4))
    assert one == two
    assert one != other
