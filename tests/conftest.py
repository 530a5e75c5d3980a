"""Shared fixtures: small kits written into tmp_path, the CLI runner, golden files,
and a headless Chromium on pages served from localhost."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from click.testing import CliRunner, Result

from bench.lighthouse import serve_site
from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 26)
ARTIFACTS = REPO / "test-artifacts"  # screenshots and PDFs for people to look at (git-ignored)

# Debian's chromium, never a downloaded browser; no background traffic on a closed network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ["OWNERKIT_NO_CACHE"] = "1"  # every test loads cold; tests/test_filecache.py turns the cache on

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


# ------------------------------------------------------------------ golden files


def updating_golden() -> bool:
    return bool(os.environ.get("UPDATE_GOLDEN"))


def compare_golden_file(path: Path, content: str | bytes, refresh: str) -> None:
    """``content`` must equal the golden file at ``path`` (rewritten with UPDATE_GOLDEN=1)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if updating_golden():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"run {refresh}"
    assert data == path.read_bytes(), f"{path.name} differs from its golden file"


def compare_golden_tree(tree: dict[str, str], folder: Path, refresh: str) -> None:
    """Every file of ``tree`` must equal its golden file in ``folder``, and no other file may be there."""
    if updating_golden():
        for old in folder.rglob("*"):
            if old.is_file() and old.relative_to(folder).as_posix() not in tree:
                old.unlink()
        for rel, content in tree.items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8"))
    expected = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert expected == set(tree), f"run {refresh}"
    for rel, content in tree.items():
        assert content == (folder / rel).read_bytes().decode("utf-8"), f"{rel} differs from its golden file"


# ------------------------------------------------------------------ a real browser


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(folder: Path) -> AbstractContextManager[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port, uncompressed; yields the base URL."""
    return serve_site(folder, QuietHandler)


def launch_chromium(playwright: Any) -> Any:
    """Debian's headless Chromium through playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@pytest.fixture(autouse=True)
def real_clock_is_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real clock reads TODAY in every test, so "in the future" means the same on any day the tests run."""
    import generator.load.kit

    monkeypatch.setattr(generator.load.kit, "clock_today", lambda: TODAY)
