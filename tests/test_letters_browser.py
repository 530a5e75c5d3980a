"""A letter card printed to PDF by a real headless Chromium: the page is the card's size.

The notice at the top of the page (saying the card was not sent) is on screen
only; the printed card has the letter and nothing else, and the envelope sheet
prints on its own page at the envelope's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ARTIFACTS, launch_chromium, run_cli, serve_folder

POINTS = 72 / 25.4  # PDF units per millimetre


@pytest.fixture
def letters_served(example_kit: Path) -> Iterator[tuple[Path, str]]:
    result = run_cli(example_kit, "letters", "--person", "hamid-karimi", "--card", "iso-a6")
    assert result.exit_code == 0, result.output
    folder = example_kit / "letters"
    with serve_folder(folder) as base:
        yield folder, base


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height, in points, of every page's MediaBox."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return [(float(x2) - float(x1), float(y2) - float(y1)) for x1, y1, x2, y2 in boxes]


@pytest.mark.browser
def test_card_prints_at_the_card_size(letters_served: tuple[Path, str]) -> None:
    from playwright.sync_api import sync_playwright

    folder, base = letters_served
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}hamid-karimi.html")
            assert "ownerkit has not sent this" in page.inner_text(".notice")
            page.screenshot(path=str(ARTIFACTS / "letter-card-iso-a6.png"), full_page=True)
            page.emulate_media(media="print")
            assert page.locator(".notice").is_hidden()
            assert "Dear Hamid," in page.inner_text(".card")
            closing = (folder / "hamid-karimi.txt").read_text("utf-8").split("\nNell\n")[0].rsplit("\n", 1)[1]
            assert f"{closing}\nNell" in page.inner_text(".card")
            # the text fills the card, as a hand-written card would: the sign-off sits near its foot
            card_box, signature_box = page.locator(".card").bounding_box(), page.locator(".signature").bounding_box()
            assert card_box and signature_box
            assert signature_box["y"] + signature_box["height"] > card_box["y"] + 0.8 * card_box["height"]
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    assert errors == []
    (ARTIFACTS / "letter-card-iso-a6.pdf").write_bytes(pdf)
    boxes = media_boxes(pdf)
    # page 1: the ISO A6 card, 105 x 148 mm; page 2: its C6 envelope, 162 x 114 mm (landscape)
    assert len(boxes) == 2, boxes
    (card_w, card_h), (env_w, env_h) = boxes
    assert card_w == pytest.approx(105 * POINTS, abs=1) and card_h == pytest.approx(148 * POINTS, abs=1)
    assert env_w == pytest.approx(162 * POINTS, abs=1) and env_h == pytest.approx(114 * POINTS, abs=1)
