"""Each verb is one library call that returns a result and prints nothing (no CliRunner needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from generator.commands.check import check
from generator.commands.letters import write_letters
from generator.commands.queue import queue
from generator.commands.thanked import record_thanked
from generator.errors import KitInvalid, Refused


def test_letters_pipeline_runs_without_the_cli(example_kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dry = write_letters(example_kit, TODAY, dry_run=True)
    assert dry.rendered and not dry.refused
    assert {p.action for p in dry.planned} == {"write"}
    assert not (example_kit / "letters").exists(), "a dry run writes nothing"
    done = write_letters(example_kit, TODAY)
    written = sorted(p.name for p in (example_kit / "letters").iterdir() if not p.name.startswith("."))
    assert written == sorted(p.name for p in done.planned)
    again = write_letters(example_kit, TODAY)
    assert {p.action for p in again.planned} == {"unchanged"}
    assert capsys.readouterr() == ("", "")


def test_thanked_and_queue_run_without_the_cli(example_kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = next(row for row in queue(example_kit, TODAY) if row.kind == "thank")
    result = record_thanked(example_kit, TODAY, first.ref, dry_run=True)
    assert result.recorded == 1 and result.changes
    with pytest.raises(Refused, match="no referral or person has the id"):
        record_thanked(example_kit, TODAY, "no-such-person")
    assert capsys.readouterr() == ("", "")


def test_check_returns_counts_or_raises_every_problem(kit) -> None:
    assert check(kit(), TODAY).counts == {"stories": 1, "drafts": 0, "people": 2, "referrals": 1}
    with pytest.raises(KitInvalid) as caught:
        check(kit({"stories/owner.yml": "name: {given: Ana}\n"}), TODAY)
    assert [p.field for p in caught.value.problems] == ["business", "signature"]
