"""Shared fixtures: small kits written into tmp_path, and the CLI runner."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 26)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

OWNER_YML = """\
name:
  given: Ana
  family: Ferreira
business: Ferreira Bakes
signature: Ana
"""

STORY_MD = """\
---
title: Why I started
prompt: why-i-started
date: 2026-01-10
summary: Flour, a borrowed oven and a street that needed bread.
---

It began with a borrowed oven.
"""

PEOPLE_YML = """\
people:
  - id: joao-silva
    name: {given: João, family: Silva}
    email: joao@example.com
  - id: mei-tanaka
    name: {given: Mei, family: Tanaka, order: family-first}
"""

REFERRALS_YML = """\
referrals:
  - date: 2026-10-01
    from: joao-silva
    referred: mei-tanaka
    for: a birthday cake
    outcome: client
"""


def write_kit(root: Path, files: dict[str, str | bytes], base: bool = True) -> Path:
    """Write a kit: a small valid base kit, overlaid with ``files`` (dedented)."""
    content: dict[str, str | bytes] = {}
    if base:
        content = {
            "stories/owner.yml": OWNER_YML,
            "stories/2026-01-10-why-i-started.md": STORY_MD,
            "referrals/people.yml": PEOPLE_YML,
            "referrals/2026.yml": REFERRALS_YML,
        }
    content.update(files)
    for rel, text in content.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif text is None:
            continue
        else:
            path.write_text(dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def kit(tmp_path: Path):
    """``kit(files)`` writes a base kit overlaid with ``files`` and returns its folder."""

    def make(files: dict[str, str | bytes] | None = None, base: bool = True) -> Path:
        return write_kit(tmp_path / "kit", files or {}, base)

    return make


@pytest.fixture
def example_kit(tmp_path: Path) -> Path:
    """A copy of the repository's bundled example kit."""
    target = tmp_path / "example"
    target.mkdir()
    for name in ("stories", "referrals", "mkdocs.yml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy(source, target / name)
    return target


def run_cli(kit_dir: Path | None, *args: str, today: dt.date = TODAY, input: str | None = None) -> Result:
    """Run ``ownerkit --kit KIT --today TODAY ARGS`` and return click's result."""
    prefix = ["--today", today.isoformat()]
    if kit_dir is not None:
        prefix = ["--kit", str(kit_dir), *prefix]
    return CliRunner().invoke(main, [*prefix, *args], input=input, catch_exceptions=False)
