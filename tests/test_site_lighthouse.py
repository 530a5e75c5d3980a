"""Lighthouse 12.2.3 on the built example: 100 for accessibility, best practices and SEO on six pages.

Performance varies with the machine's load, so it is printed by
``bench/lighthouse_bench.py`` rather than asserted here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO
from test_site_build import build_strict, copy_example

sys.path.insert(0, str(REPO))
from bench.lighthouse import PAGES, failures, run_lighthouse, scores, serve_site

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def served_example(tmp_path_factory: pytest.TempPathFactory):
    site = build_strict(copy_example(tmp_path_factory.mktemp("lighthouse")))
    with serve_site(site) as base:
        yield base


@pytest.mark.parametrize("name", sorted(PAGES))
def test_lighthouse_scores_100(served_example: str, name: str) -> None:
    report = run_lighthouse(served_example + PAGES[name], CATEGORIES)
    assert scores(report) == {"accessibility": 100, "best-practices": 100, "seo": 100}, failures(report)


def test_the_story_page_lighthouse_visits_is_in_the_example() -> None:
    slug = PAGES["story"].split("/")[1]
    assert any(path.stem.endswith(slug) for path in Path(REPO / "stories").glob("*.md"))
