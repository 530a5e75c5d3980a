"""``ownerkit check``: load every file of a kit, check every record, count what is there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.load.kit import load_kit
from generator.model.records import Kit


@dataclass(frozen=True)
class CheckResult:
    """A kit without errors, what could be better, and how much it holds."""

    kit: Kit
    warnings: tuple[Problem, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "stories": len(self.kit.stories),
            "drafts": sum(s.draft for s in self.kit.stories),
            "people": len(self.kit.people),
            "referrals": len(self.kit.referrals),
        }


def check(root: Path, today: dt.date) -> CheckResult:
    """Check the kit at ``root``; raises :class:`~generator.errors.KitInvalid` listing every error."""
    checked = load_kit(root, today)
    return CheckResult(checked.kit, checked.warnings)
