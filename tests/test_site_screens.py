"""Screenshots of the six main pages at 390 and 1280 px, for the example and a second owner's kit.

The second kit comes three ways: a portrait photo, a landscape photo, no photo.
Each page is checked as a visitor would see it: the owner's photo keeps the
aspect ratio of its file, nothing overflows sideways, the home page shows no
story twice, and nothing of Material's default branding (the book logo and
favicon, "Made with Material for MkDocs") remains. Screenshots are saved under
``test-artifacts/site/`` for people to look at.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import ARTIFACTS, launch_chromium, serve_folder, write_kit
from PIL import Image, ImageDraw
from test_site_build import build_strict, copy_example

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SHOTS = ARTIFACTS / "site"
WIDTHS = ((390, 844), (1280, 900))
MATERIAL_BOOK = "M21 5c-1.11-.35-2.33-.5-3.5-.5"  # the start of Material's default logo path (material/library)


def photo(size: tuple[int, int], fmt: str) -> bytes:
    """A made-up photo: sky, a hill and a sun, so screenshots show where it sits and how it is cut."""
    width, height = size
    image = Image.new("RGB", size, "#9ec9e8")
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.6, height * 0.1, width * 0.85, height * 0.1 + width * 0.25), fill="#f4c542")
    draw.polygon(
        [(0, height), (0, height * 0.6), (width * 0.5, height * 0.45), (width, height * 0.7), (width, height)],
        fill="#4f7d3a",
    )
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


OWNER = """\
name: {{given: Bisi, family: Adebayo-Clarke}}
business: Clarke & Daughter Hair
tagline: Cuts, colour and a proper cup of tea in Headingley, Leeds.
location: Headingley, Leeds
{photo}contact:
  email: hello@clarke-hair.test
  phone: "0113 496 0001"
social:
  - label: Instagram
    url: https://instagram.com/clarkehair
  - label: Facebook
    url: https://facebook.com/clarkehair
signature: Bisi
"""

STORIES = {
    "stories/2024-03-01-the-chair-by-the-window.md": """\
        ---
        title: The chair by the window
        prompt: why-i-started
        date: 2024-03-01
        summary: Twenty years in other people's salons, then one chair of my own by a window on Otley Road.
        image: images/window.jpg
        image_alt: A salon chair by a tall window, with the street outside.
        featured: true
        ---

        I rented one chair by the window. The light was the reason.
        """,
    "stories/2024-09-12-the-colour-that-went-green.md": """\
        ---
        title: The colour that went green
        prompt: mistake-learned
        date: 2024-09-12
        summary: A swimmer's hair, a blonde toner and a lesson about asking one more question.
        featured: true
        ---

        ## What happened

        She swam every morning. I did not ask.

        ## What I do now

        I ask about the pool.
        """,
    "stories/2025-02-20-a-wedding-at-six-am.md": """\
        ---
        title: A wedding at six in the morning
        prompt: customer-who-changed-me
        date: 2025-02-20
        summary: Seven bridesmaids, one bride and a kettle, before the sun was up.
        ---

        The bride's mother made the tea.
        """,
}

PEOPLE = """\
people:
  - id: olubisi-okafor
    name: {given: Olubisi, family: Okafor, preferred: Bisi}
    public_thanks: true
    testimonial: The only place I trust with my curls.
  - id: tom-reed
    name: {given: Tom, family: Reed}
"""

REFERRALS = """\
referrals:
  - {date: 2025-03-01, from: olubisi-okafor, referred: tom-reed, outcome: client}
"""


def second_kit(root: Path, kind: str) -> Path:
    files: dict[str, str | bytes] = {
        "stories/images/window.jpg": photo((1600, 1067), "JPEG"),
        "referrals/people.yml": PEOPLE,
        "referrals/2025.yml": REFERRALS,
        **STORIES,
    }
    if kind == "portrait":
        files["stories/images/me.jpg"] = photo((600, 900), "JPEG")
        line = "photo: images/me.jpg\nphoto_alt: Bisi in the salon, smiling, scissors in hand.\n"
    elif kind == "landscape":
        files["stories/images/me.png"] = photo((1200, 800), "PNG")
        line = "photo: images/me.png\nphoto_alt: Bisi and her daughter outside the shop.\n"
    else:
        line = ""
    files["stories/owner.yml"] = OWNER.format(photo=line)
    write_kit(root, files, base=False)
    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text("utf-8")
    config = config.replace("site_name: Garside Piano Care", f"site_name: {json.dumps('Clarke & Daughter Hair')}")
    (root / "mkdocs.yml").write_text(
        config.replace("site_url: https://garside-piano.example/", "site_url: https://clarke-hair.example/")
    )
    return root


KITS = ("example", "portrait", "landscape", "no-photo")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {"example": build_strict(copy_example(tmp_path_factory.mktemp("example")))}
    for kind in KITS[1:]:
        built[kind] = build_strict(second_kit(tmp_path_factory.mktemp(kind), kind))
    return built


def pages_of(kind: str) -> dict[str, str]:
    story = (
        "stories/the-man-who-asked-me-to-leave-it-out-of-tune/"
        if kind == "example"
        else "stories/the-chair-by-the-window/"
    )
    return {
        "home": "",
        "story": story,
        "stories": "stories/",
        "thanks": "thanks/",
        "about": "about/",
        "contact": "contact/",
    }


LOAD_ALL = (
    "() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => 0); }))"
)
CHECK = """() => {
  const photo = document.querySelector('img.ok-photo');
  const logo = document.querySelector('.md-header__button.md-logo');
  const icon = document.querySelector('link[rel="icon"]');
  return {
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    photo: photo && [photo.naturalWidth, photo.naturalHeight,
                     photo.getBoundingClientRect().width, photo.getBoundingClientRect().height],
    logo: logo ? logo.innerHTML : '',
    icon: icon ? icon.getAttribute('href') : '',
    text: document.body.innerText,
    cards: [...document.querySelectorAll('.ok-lead h2 ~ p a, .ok-card h3 a')].map(a => a.getAttribute('href')),
  };
}"""


@pytest.mark.parametrize("kind", KITS)
def test_pages_look_like_a_business_site(sites: dict[str, Path], kind: str) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with serve_folder(sites[kind]) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for width, height in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in pages_of(kind).items():
                    page.goto(base + path)
                    page.evaluate(LOAD_ALL)
                    page.screenshot(path=str(SHOTS / f"{kind}-{name}-{width}.png"), full_page=True)
                    seen = page.evaluate(CHECK)
                    where = f"{kind} {name} at {width}px"
                    if seen["overflow"] > 0:
                        problems.append(f"{where}: {seen['overflow']}px wider than the screen")
                    if seen["photo"]:
                        natural_w, natural_h, shown_w, shown_h = seen["photo"]
                        if abs(shown_w / shown_h - natural_w / natural_h) > 0.01:
                            problems.append(f"{where}: photo {natural_w}x{natural_h} shown {shown_w}x{shown_h}")
                    if MATERIAL_BOOK in seen["logo"] or "<svg" in seen["logo"]:
                        problems.append(f"{where}: Material's book logo")
                    if "favicon.png" in seen["icon"] or "assets/images/" in seen["icon"]:
                        problems.append(f"{where}: Material's favicon")
                    if "Made with" in seen["text"]:
                        problems.append(f"{where}: the theme's credit")
                    if name == "home" and len(seen["cards"]) != len(set(seen["cards"])):
                        problems.append(f"{where}: a story shown twice: {seen['cards']}")
                page.close()
        finally:
            browser.close()
    assert problems == []
    if kind in ("portrait", "landscape"):
        assert (sites[kind] / "stories/images").is_dir()
        assert not (
            sites[kind] / f"stories/images/me.{'jpg' if kind == 'portrait' else 'png'}"
        ).exists()  # resized copies only
