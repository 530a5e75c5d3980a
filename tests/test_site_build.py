"""The site as MkDocs, Zensical and a browser see it: real builds of real kits.

The example kit is built once for the module (``mkdocs build --strict``); the
canary, escaping and error kits are built on their own.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from conftest import ARTIFACTS, REPO, TODAY, launch_chromium, run_cli, serve_folder, write_kit
from PIL import Image

from generator.load.kit import load_kit
from generator.model.records import Kit

pytestmark = pytest.mark.slow
ENV = dict(os.environ)
BIN = Path(sys.executable).parent


def mkdocs(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "mkdocs"), *args],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def copy_example(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("stories", "referrals"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def copy_config(root: Path) -> None:
    """The example's mkdocs.yml, with site_name the kit's own business (as ``check`` asks)."""
    business = load_kit(root, TODAY).kit.owner.business
    text = (
        (REPO / "mkdocs.yml")
        .read_text("utf-8")
        .replace("site_name: Garside Piano Care", f"site_name: {json.dumps(business)}")
    )
    (root / "mkdocs.yml").write_text(text, "utf-8")


def build_strict(root: Path) -> Path:
    result = mkdocs(root, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output
    return root / "site"


def site_files(site: Path) -> dict[str, str]:
    """Every file under ``site/`` as text; sitemap.xml.gz decompressed; Material's own bundles left out."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        texts[rel] = data.decode("utf-8", errors="replace")
    return texts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Kit, Path]:
    root = copy_example(tmp_path_factory.mktemp("example"))
    site = build_strict(root)
    return load_kit(root, TODAY).kit, site


# ------------------------------------------------------------ the example


def test_example_site_has_every_page_and_no_draft(example: tuple[Kit, Path]) -> None:
    kit, site = example
    for page in ("index.html", "about/index.html", "contact/index.html", "thanks/index.html", "stories/index.html"):
        assert (site / page).is_file(), page
    for story in kit.published_stories():
        assert (site / "stories" / story.slug / "index.html").is_file(), story.slug
    for prompt in {s.prompt for s in kit.published_stories()}:
        assert (site / "prompts" / prompt / "index.html").is_file()
    drafts = [s for s in kit.stories if s.draft]
    assert drafts, "the example kit is meant to have a draft"
    files = site_files(site)
    for draft in drafts:
        assert not (site / "stories" / draft.slug).exists()
        for rel, text in files.items():
            assert draft.slug not in text, rel
            assert html.escape(draft.title, quote=False) not in text and draft.title not in text, rel
    # raw kit files are never published as they are
    assert not any(rel.endswith((".md", ".yml", ".yaml")) for rel in files)


def test_story_pages_have_description_canonical_and_open_graph(example: tuple[Kit, Path]) -> None:
    kit, site = example
    story = next(s for s in kit.published_stories() if s.image)
    page = (site / "stories" / story.slug / "index.html").read_text()
    url = f"https://garside-piano.example/stories/{story.slug}/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    # the example's pictures are SVG, which link previews ignore: the site's raster card stands in
    assert '<meta property="og:image" content="https://garside-piano.example/assets/brand/preview.png">' in page
    with Image.open(site / "assets/brand/preview.png") as preview:
        assert (preview.format, preview.size) == ("PNG", (1200, 630))
    title = html.escape(story.title, quote=False)
    assert f"<title>{title} - Garside Piano Care</title>" in page
    assert f'<meta property="og:title" content="{html.escape(story.title)}">' in page
    home = (site / "index.html").read_text()
    assert "<title>Garside Piano Care</title>" in home
    assert '<meta property="og:title" content="Garside Piano Care">' in home
    assert f'<meta name="description" content="{html.escape(story.summary or "")}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    for path in site.rglob("index.html"):
        assert '<meta name="description" content="' in path.read_text(), path


def test_sitemap_and_feed(example: tuple[Kit, Path]) -> None:
    kit, site = example
    sitemap = (site / "sitemap.xml").read_text()
    for story in kit.published_stories():
        assert f"<loc>https://garside-piano.example/stories/{story.slug}/</loc>" in sitemap
    import xml.etree.ElementTree as ET

    feed = ET.parse(site / "feed.xml").getroot()
    links = [e.get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert links and all(link.startswith("https://garside-piano.example/") for link in links)


def test_nothing_is_fetched_from_the_network(example: tuple[Kit, Path]) -> None:
    _, site = example
    for path in site.rglob("*.html"):
        text = path.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        for url in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', text):
            assert url.startswith("https://garside-piano.example/"), (path, url)


def test_navigation_lists_no_story(example: tuple[Kit, Path]) -> None:
    kit, site = example
    home = (site / "index.html").read_text()
    for start in ('<nav class="md-nav md-nav--primary', '<nav class="md-tabs"'):
        nav = home[home.index(start) :]
        nav = nav[: nav.index("</nav>")]
        for story in kit.published_stories():
            assert f"stories/{story.slug}/" not in nav


def test_plain_mkdocs_build_prints_only_what_concerns_the_kit(tmp_path: Path) -> None:
    """The owner runs plain ``mkdocs build``: no end-of-life notice from Material, whatever her shell sets."""
    root = copy_example(tmp_path / "kit")
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build"], cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "end of life" not in output and "NO_MKDOCS_2_WARNING" not in output, output
    assert [line.split("-", 1)[0].strip() for line in output.splitlines()] == ["INFO"] * len(output.splitlines())


# ------------------------------------------------------------- privacy

CANARY_PEOPLE = """\
people:
  - id: kanary-consenting
    name: {given: Annika, family: Qzfamilycanary, preferred: Anni}
    email: qz-email-canary@example.test
    phone: "+44 7700 QZPHONECANARY"
    address: |
      1 Qzaddresscanary Lane
      Qzcitycanary
    client_since: 2019-02-03
    last_contact: 2026-01-02
    best_customer: true
    birthday: 1931-07-19
    dates:
      - {label: Qzdatelabelcanary, date: 08-09}
    remember:
      - {fact: Qzremembercanary about the dog, checked: 2026-06-01}
    dont_mention: [Qzdontmentioncanary]
    public_thanks: true
    testimonial: Annika's public words.
  - id: kanary-quiet
    name: {given: Qzquietgivencanary, family: Qzquietfamilycanary, preferred: Qzquietpreferredcanary}
    email: qz-quiet-canary@example.test
    public_name: Qzquietpubliccanary
    testimonial: Qzquiettestimonialcanary
  - id: kanary-gone
    name: {given: Qzdeceasedgivencanary, family: Qzdeceasedfamilycanary}
    deceased: true
    remember:
      - {fact: Qzdeceasedfactcanary, checked: 2026-05-01}
  - id: qzidcanary
    name: {given: Qzrefgivencanary}
    public_thanks: false
"""

CANARY_REFERRALS = """\
referrals:
  - id: qzreferralidcanary
    date: 2026-03-02
    from: kanary-consenting
    referred: kanary-quiet
    for: Qzforcanary tuning
    outcome: client
    value: 98765.43
    note: Qznotecanary line for the letter
    thanked: {date: 2026-03-10, how: handwritten}
    followed_up: 2026-04-01
  - date: 2026-04-05
    from: kanary-consenting
    referred: Qzplainreferredcanary Person
    for: Qzforsecondcanary
    outcome: pending
  - date: 2025-01-05
    from: kanary-gone
    referred: qzidcanary
    outcome: not-a-fit
    note: Qzdeceasednotecanary
  - date: 2025-02-05
    from: kanary-quiet
    referred: Qzquietreferredcanary
    outcome: client
"""

CANARY_DRAFT = """\
---
title: Qzdrafttitlecanary
prompt: mistake-learned
date: 2026-05-05
summary: Qzdraftsummarycanary
tags: [qzdrafttagcanary]
image: images/qzdraftimagecanary.svg
image_alt: Qzdraftaltcanary
draft: true
---

Qzdraftbodycanary.
"""


def canaries() -> list[str]:
    found = re.findall(r"[Qq]z[a-z]*canary|qz-[a-z]+-canary@example\.test|QZPHONECANARY", CANARY_PEOPLE)
    found += re.findall(r"[Qq]z[a-z]*canary", CANARY_REFERRALS + CANARY_DRAFT)
    # the private amount, birth year, client_since, last_contact, thanked and followed_up dates, how thanked
    private_values = ["98765", "1931", "2019-02-03", "2026-01-02", "2026-03-10", "2026-04-01", "handwritten"]
    return [*sorted(set(found)), *private_values, "kanary-quiet", "kanary-gone", "kanary-consenting"]


COMMENTED_STORY = """\
---
title: Notes kept
prompt: why-i-started
date: 2026-05-06
summary: A story with the owner's notes in comments.
---

<!--
Why I started: Qzquestioncanary, the starter's question
-->
Visible qzshownword. <!-- Qzcommentcanary: ask Maisie before naming her -->

```text
code stays
```
"""


def test_canaries_from_private_fields_never_reach_the_site(tmp_path: Path) -> None:
    root = write_kit(
        tmp_path / "kit",
        {
            "referrals/people.yml": CANARY_PEOPLE,
            "referrals/2026.yml": CANARY_REFERRALS,
            "stories/2026-05-05-qzdraftslugcanary.md": CANARY_DRAFT,
            "stories/images/qzdraftimagecanary.svg": "<svg xmlns='http://www.w3.org/2000/svg'><title>Qzsvgcanary</title></svg>",
            "stories/2026-05-06-notes-kept.md": COMMENTED_STORY,
        },
    )
    copy_config(root)
    site = build_strict(root)
    files = site_files(site)
    assert {"search/search_index.json", "feed.xml", "sitemap.xml", "sitemap.xml.gz"} <= set(files)
    # the consenting person, under their public name: what people call her and her family initial
    assert "Anni Q." in files["thanks/index.html"]
    assert "Annika&#x27;s public words." in files["thanks/index.html"]
    assert "Annika" in files["search/search_index.json"]
    assert "Visible qzshownword." in files["stories/notes-kept/index.html"]
    words = [*canaries(), "qzdraftslugcanary", "Qzsvgcanary", "Qzcommentcanary", "Qzquestioncanary"]
    assert len(words) > 30
    leaks = [(word, rel) for word in words for rel, text in files.items() if word in text]
    assert leaks == []
    assert not any("qzdraft" in rel for rel in files)


# ------------------------------------------------------------- escaping


def test_hostile_values_show_as_text_in_the_built_site(tmp_path: Path) -> None:
    from test_site import HOSTILE

    root = write_kit(tmp_path / "kit", HOSTILE)
    copy_config(root)
    site = build_strict(root)
    for rel, text in site_files(site).items():
        if rel.startswith("assets/"):
            continue
        for raw in ("<script>alert", "<b>Ana", "<i>Sons", "<em>t<", "<img src=x", "<u>u<"):
            assert raw not in text, (rel, raw)
        if rel not in ("feed.xml", "search/search_index.json"):  # text there, with no template engine behind
            assert "{{ 7*7" not in text and "{% if" not in text, rel
    wall = (site / "thanks" / "index.html").read_text()
    assert "<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>" in wall
    shown = html.unescape(re.sub(r"<[^>]+>", "", wall))
    assert "{{ 7*7 }} and {% if true %}yes{% endif %} *stars* [link](http://x.test)" in shown
    story = (site / "stories" / "why-i-started" / "index.html").read_text()
    assert "<title>&lt;script&gt;alert(3)&lt;/script&gt; &amp; &#123;&#123; 7*7 &#125;&#125; - " in story
    assert 'content="A &quot;quoted&quot; summary &lt;img src=x onerror=alert(4)&gt;"' in story


# -------------------------------------------------------------- errors


def test_a_broken_kit_fails_the_build_listing_every_problem_without_values(tmp_path: Path) -> None:
    root = write_kit(
        tmp_path / "kit",
        {
            "stories/2026-01-10-why-i-started.md": "no front matter\n",
            "referrals/2026.yml": (
                "referrals:\n  - {date: 2026-10-01, from: nobody, referred: Kasia, outcome: client}\n"
            ),
            "referrals/people.yml": (
                "people:\n  - id: peggy\n    name: {given: Peggy}\n    email: peggy.hollis@example\n"
            ),
        },
    )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = mkdocs(root, "build")
    assert result.returncode == 1
    assert "ownerkit: 3 problem(s) in the kit at" in result.stderr
    hidden = "a problem here (run 'ownerkit check' to see it; build logs never show your values)"
    assert f"  referrals/people.yml:4:12: email: {hidden}" in result.stderr
    assert f"  referrals/2026.yml:2:30: from: {hidden}" in result.stderr
    assert f"  stories/2026-01-10-why-i-started.md:1:1: {hidden}" in result.stderr
    assert "peggy.hollis@example" not in result.stderr  # build logs are often public
    assert "nobody" not in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


# --------------------------------------------------------------- serve


def test_serve_shows_drafts_marked_and_rebuilds_after_a_story_edit(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kit")
    kit = load_kit(root, TODAY).kit
    draft = next(s for s in kit.stories if s.draft)
    story = next(s for s in kit.published_stories() if s.source.path.endswith(".md"))
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.read().decode()

    def wait_for(path: str, text: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        page = ""
        while time.monotonic() < deadline:
            try:
                page = fetch(path)
            except OSError:
                page = ""
            if text in page:
                return page
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.3)
        raise AssertionError(f"{text!r} never appeared in /{path}")

    try:
        page = wait_for(f"stories/{draft.slug}/", "Draft: you see this page because you are previewing")
        assert html.escape(draft.title, quote=False) in page or draft.title in page
        source = root / story.source.path
        source.write_text(source.read_text() + "\nQzliveeditword appears after an edit.\n")
        wait_for(f"stories/{story.slug}/", "Qzliveeditword")
        people = root / "referrals" / "people.yml"
        text = people.read_text()
        assert "public_thanks: true" in text
        people.write_text(text.replace("public_thanks: true", "public_thanks: false"))
        wait_for("thanks/", "Nobody is named here yet.")
    finally:
        server.terminate()
        server.wait(timeout=20)


# ------------------------------------------------------------- zensical


def test_zensical_builds_the_emitted_example_site(tmp_path: Path) -> None:
    kit_root = copy_example(tmp_path / "kit")
    out = tmp_path / "emitted"
    result = run_cli(kit_root, "emit", str(out))
    assert result.exit_code == 0, result.output
    built = subprocess.run(
        [str(BIN / "zensical"), "build", "--clean"],
        cwd=out,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    kit = load_kit(kit_root, TODAY).kit
    site = out / "site"
    for story in kit.published_stories():
        page = (site / "stories" / story.slug / "index.html").read_text()
        assert html.escape(story.title, quote=True) in page or story.title in page
    thanks = (site / "thanks" / "index.html").read_text()
    assert "Peggy H." in thanks
    assert (site / "feed.xml").is_file() and (site / "assets" / "ownerkit.css").is_file()
    assert '<meta property="og:type"' in (site / "index.html").read_text()
    for draft in (s for s in kit.stories if s.draft):
        assert not (site / "stories" / draft.slug).exists()


# -------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def served(example: tuple[Kit, Path]):
    kit, site = example
    with serve_folder(site) as base:
        yield kit, base


@pytest.mark.browser
def test_the_site_in_a_real_browser(served: tuple[Kit, str]) -> None:
    from playwright.sync_api import sync_playwright

    kit, base = served
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    published = kit.published_stories()
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))

            page.goto(base)
            home = page.inner_text("article")
            assert "Nell Garside" in home and kit.owner.business in home
            shown = page.locator(".ok-lead h2 ~ p a, .ok-card h3").all_inner_texts()
            titles = [s.title for s in published]
            assert len(shown) == len(set(shown)) >= 5  # no story twice on the home page
            assert all(any(t in text for t in titles) for text in shown)
            page.screenshot(path=str(ARTIFACTS / "site-home-1280.png"), full_page=True)

            for prompt_id in sorted({s.prompt for s in published}):
                page.goto(f"{base}prompts/{prompt_id}/")
                listed = page.locator(".ok-card h3").all_inner_texts()
                assert listed == [s.title for s in published if s.prompt == prompt_id], prompt_id

            story = next(s for s in published if s.image)
            page.goto(f"{base}stories/{story.slug}/")
            image = page.locator("img.ok-image")
            assert image.get_attribute("alt") == story.image_alt
            assert image.evaluate("img => img.complete && img.naturalWidth > 0")
            page.screenshot(path=str(ARTIFACTS / "site-story-1280.png"), full_page=True)

            page.goto(f"{base}thanks/")
            shown = page.locator(".ok-thanks h2").all_inner_texts()
            referred = Counter(r.from_id for r in kit.referrals)
            expected = {p.shown_name for p in kit.people.values() if p.public_thanks and referred[p.id]}
            assert sorted(shown) == sorted(expected)
            page.screenshot(path=str(ARTIFACTS / "site-thanks-1280.png"), full_page=True)

            # search: a word only the body of one story has, through Material's search box
            word, story = _body_only_word(kit)
            page.goto(base)
            page.click("input.md-search__input")
            page.keyboard.type(word)
            results = page.locator(".md-search-result__item")
            results.first.wait_for(timeout=15000)
            assert story.title in " ".join(results.all_inner_texts())

            # light and dark palettes, with a toggle
            page.goto(base)
            scheme = page.get_attribute("body", "data-md-color-scheme")
            page.click('form[data-md-component="palette"] label:visible')
            assert page.get_attribute("body", "data-md-color-scheme") != scheme
            page.screenshot(path=str(ARTIFACTS / "site-home-dark-1280.png"))

            phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
            phone.on("console", lambda m: errors.append(f"{phone.url}: {m.text}") if m.type == "error" else None)
            phone.on("pageerror", lambda e: errors.append(f"{phone.url}: {e}"))
            for name, path in (("home", ""), ("story", f"stories/{story.slug}/"), ("thanks", "thanks/")):
                phone.goto(base + path)
                phone.screenshot(path=str(ARTIFACTS / f"site-{name}-390.png"), full_page=True)

            # readable with JavaScript off: the content and the navigation are plain HTML
            quiet = browser.new_context(java_script_enabled=False).new_page()
            quiet.goto(base)
            assert "Nell Garside" in quiet.inner_text("article")
            assert quiet.locator('a[href="thanks/"]').count() > 0
        finally:
            browser.close()
    assert errors == []


def _body_only_word(kit: Kit):
    """A word from one published story's body that no other page's title or summary has."""
    published = kit.published_stories()
    others = " ".join(f"{s.title} {s.summary or ''}" for s in published).casefold()
    for story in published:
        for word in re.findall(r"[A-Za-z]{9,}", story.body):
            if word.casefold() not in others and sum(word.casefold() in s.body.casefold() for s in published) == 1:
                return word, story
    raise AssertionError("no distinctive word in the example stories")


def test_body_only_word_helper_finds_a_distinctive_word(example: tuple[Kit, Path]) -> None:
    kit, site = example
    word, story = _body_only_word(kit)
    index = json.loads((site / "search" / "search_index.json").read_text())
    holders = {doc["location"].split("#")[0] for doc in index["docs"] if word.casefold() in doc["text"].casefold()}
    assert holders == {f"stories/{story.slug}/"}


def test_a_new_kit_from_init_builds_strict_without_its_draft(tmp_path: Path) -> None:
    root = tmp_path / "new"
    result = run_cli(None, "init", str(root), "--given", "Ana", "--family", "O'Neil", "--business", 'Ana "Bakes" & Co')
    assert result.exit_code == 0, result.output
    site = build_strict(root)
    home = (site / "index.html").read_text()
    assert '<meta property="og:site_name" content="Ana &quot;Bakes&quot; &amp; Co">' in home
    assert '<h1 class="p-name">Ana O&#x27;Neil</h1>' in home
    assert not (site / "stories" / "why-i-started").exists()  # the starter story is a draft
    assert "Nobody is named here yet." in (site / "thanks" / "index.html").read_text()
