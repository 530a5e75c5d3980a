"""The site tree (generator/site.py): pages, links, escaping, privacy, goldens, and ``ownerkit emit``.

Refresh the golden pages after an intended change with:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site.py
"""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TODAY, compare_golden_tree, run_cli

from generator.errors import KitInvalid
from generator.load.kit import load_kit
from generator.render.site import build_pages, emit_tree, esc, page_url, read_mkdocs_config, site_nav

GOLDEN = Path(__file__).parent / "golden" / "site"
ATOM = "{http://www.w3.org/2005/Atom}"


def load(root: Path):
    return load_kit(root, TODAY).kit


def story(name: str, day: str, prompt: str = "why-i-started", **fields: object) -> dict[str, str]:
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return {
        f"stories/{day}-{name}.md": (
            f"---\ntitle: Story {name}\nprompt: {prompt}\ndate: {day}\nsummary: About {name}.\n{extra}---\n\n"
            f"The body of {name}.\n"
        )
    }


def text_of(page: str) -> str:
    """The visible text of a generated page, roughly: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


# ------------------------------------------------------------------ links


def test_page_urls_follow_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("stories/index.md") == "stories/"
    assert page_url("stories/a-b.md") == "stories/a-b/"
    assert page_url("stories/a-b.md", directory_urls=False) == "stories/a-b.html"
    assert page_url("images/x.svg") == "images/x.svg"


def test_links_are_relative_from_each_page(kit) -> None:
    root = kit(story("second", "2026-02-01", image="images/p.svg", image_alt="A picture"))
    (root / "stories/images").mkdir()
    (root / "stories/images/p.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    tree = build_pages(load(root))
    page = tree["stories/second.md"]
    assert '<img class="ok-image" src="../images/p.svg" width="300" height="150" alt="A picture">' in page
    assert 'href="../../prompts/why-i-started/"' in page
    assert 'href="stories/second/"' in tree["index.md"]
    assert tree["stories/images/p.svg"].startswith(b"<svg")
    flat = build_pages(load(root), directory_urls=False)
    assert 'src="images/p.svg"' in flat["stories/second.md"]
    assert 'href="stories/second.html"' in flat["index.md"]


def test_pictures_in_a_story_body_are_published_only_for_published_stories(kit) -> None:
    root = kit(
        {
            "stories/2026-02-01-shown.md": (
                "---\ntitle: Shown\nprompt: why-i-started\ndate: 2026-02-01\n---\n\n"
                "![A loaf](images/loaf.svg) and <img src='./images/crumb.svg' alt='crumb'> and ![x](https://x.test/a.png)\n"
            ),
            "stories/2026-02-02-hidden.md": (
                "---\ntitle: Hidden\nprompt: why-i-started\ndate: 2026-02-02\ndraft: true\n---\n\n"
                "![Secret](images/secret.svg)\n"
            ),
            "stories/images/loaf.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "stories/images/crumb.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "stories/images/secret.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "stories/images/unused.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        }
    )
    tree = build_pages(load(root))
    assert {p for p in tree if p.startswith("stories/images/")} == {
        "stories/images/loaf.svg",
        "stories/images/crumb.svg",
    }
    # the story's own link works as written, with the picture's size and lazy loading added
    assert '![A loaf](images/loaf.svg){ width="300" height="150" loading="lazy" }' in tree["stories/shown.md"]


# ------------------------------------------------------------ the pages


def test_every_main_page_is_there_and_nav_lists_no_story(kit) -> None:
    k = load(kit())
    tree = build_pages(k)
    for path in ("index.md", "stories/index.md", "about.md", "contact.md", "thanks.md", "archive/index.md"):
        assert path in tree
    assert "tags/index.md" in tree and "feed.xml" in tree and "assets/ownerkit.css" in tree
    assert site_nav(k) == [
        {"Home": "index.md"},
        {"Stories": "stories/index.md"},
        {"About": "about.md"},
        {"Thanks": "thanks.md"},
        {"Contact": "contact.md"},
    ]
    assert 'href="../prompts/why-i-started/"' in tree["stories/index.md"]  # sections are reached from Stories


def test_story_page_has_front_matter_meta_and_related(kit) -> None:
    files: dict[str, str] = {}
    files.update(story("a", "2026-01-01", tags="[bread, ovens]"))
    files.update(story("b", "2026-01-02", tags="[bread]"))
    files.update(story("c", "2026-01-03", prompt="mistake-learned", tags="[ovens, bread]"))
    files.update(story("d", "2026-01-04", prompt="mistake-learned"))
    tree = build_pages(load(kit(files)))
    page = tree["stories/a.md"]
    meta = yaml.safe_load(page.split("---\n")[1])
    jsonld = json.loads(meta.pop("jsonld"))
    assert meta == {
        "title": "Story a",
        "description": "About a.",
        "og_type": "article",
        "og_image": "assets/brand/preview.png",
        "hide": ["navigation", "toc", "footer"],
    }
    assert jsonld == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Story a",
        "datePublished": "2026-01-01",
        "author": {"@type": "Person", "name": "Ana Ferreira"},
        "publisher": {"@type": "Organization", "name": "Ferreira Bakes"},
        "description": "About a.",
        "keywords": "bread, ovens",
    }
    assert '<time datetime="2026-01-01">1 January 2026</time>' in page
    assert "1 min read" in page
    related = re.search(r'<aside class="ok-related"[^>]*>.*</aside>', page, re.S)
    assert related
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', related.group(0)) == [
        ("../c/", "Story c"),  # two shared tags
        ("../b/", "Story b"),  # one shared tag and the same prompt
        ("../why-i-started/", "Why I started"),  # the same prompt
    ]


def test_prompt_listing_is_paginated(kit) -> None:
    files: dict[str, str] = {}
    for n in range(1, 28):
        files.update(story(f"s{n:02d}", f"2025-01-{n:02d}", prompt="challenge-overcome"))
    tree = build_pages(load(kit(files)), per_page=12)
    assert {p for p in tree if p.startswith("prompts/challenge-overcome/")} == {
        "prompts/challenge-overcome/index.md",
        "prompts/challenge-overcome/page/2.md",
        "prompts/challenge-overcome/page/3.md",
    }
    first = tree["prompts/challenge-overcome/index.md"]
    assert first.count('class="ok-card"') == 12
    assert "Story s27" in first and "Story s16" in first and "Story s15" not in first
    assert '<a rel="next" href="page/2/">' in first and "Page 1 of 3" in first
    second = tree["prompts/challenge-overcome/page/2.md"]
    assert '<a rel="prev" href="../../">' in second and '<a rel="next" href="../3/">' in second
    assert tree["prompts/challenge-overcome/page/3.md"].count('class="ok-card"') == 3
    assert "The hard seasons" in first  # the prompt's introduction


def test_archive_and_tags(kit) -> None:
    files: dict[str, str] = {}
    files.update(story("old", "2024-05-01", tags="[Bread & Butter, bread-butter]"))
    files.update(story("new", "2025-07-01", tags="[index]"))
    tree = build_pages(load(kit(files)))
    assert "archive/2024.md" in tree and "archive/2025.md" in tree and "archive/2026.md" in tree
    assert "Story old" in tree["archive/2024.md"] and "Story new" not in tree["archive/2024.md"]
    assert "<h2>May</h2>" in tree["archive/2024.md"]
    # tags whose addresses would clash get distinct pages; "index" never replaces the tags page
    assert "tags/bread-butter.md" in tree and "tags/bread-butter-2.md" in tree and "tags/index-2.md" in tree
    assert "Bread &amp; Butter" in tree["tags/index.md"]


def test_drafts_only_when_asked_and_clearly_marked(kit) -> None:
    root = kit(story("secret", "2026-03-01", draft="true", tags="[hidden-tag]"))
    k = load(root)
    built = build_pages(k)
    assert not any("secret" in p or "hidden-tag" in p for p in built)
    assert not any("secret" in c for c in built.values() if isinstance(c, str))
    assert "Story secret" not in yaml.safe_dump(site_nav(k))
    preview = build_pages(k, include_drafts=True)
    assert "Draft: you see this page because you are previewing" in preview["stories/secret.md"]
    assert '<span class="ok-draft-badge">Draft</span>' in preview["index.md"]
    assert "Story secret" not in preview["feed.xml"]


def test_home_shows_owner_lead_in_latest_testimonials_and_contact(kit) -> None:
    root = kit(
        {
            "stories/owner.yml": """\
                name: {given: Ana, family: Ferreira, preferred: Nita}
                business: Ferreira Bakes
                tagline: Bread for the street.
                contact: {email: ana@ferreira.test}
                signature: Ana
                """,
            "referrals/people.yml": """\
                people:
                  - id: joao-silva
                    name: {given: João, family: Silva}
                    public_thanks: true
                    testimonial: Best bread in town.
                  - id: mei-tanaka
                    name: {given: Mei, family: Tanaka, order: family-first}
                """,
        }
    )
    home = build_pages(load(root))["index.md"]
    assert '<h1 class="p-name">Nita Ferreira</h1>' in home
    assert "Bread for the street." in home
    assert "Flour, a borrowed oven and a street that needed bread." in home  # the why-I-started lead-in
    assert "<h2>Latest stories</h2>" not in home  # the only story is the lead-in: never shown twice
    assert home.count('href="stories/why-i-started/"') == 1
    assert "Best bread in town.</p><footer>João S.</footer>" in home
    assert 'href="mailto:ana@ferreira.test"' in home and 'href="contact/"' in home


def test_thanks_wall_lists_consenting_referrers_with_counts_only(kit) -> None:
    root = kit(
        {
            "referrals/people.yml": """\
                people:
                  - id: joao-silva
                    name: {given: João, family: Silva}
                    public_thanks: true
                    testimonial: Best bread in town.
                  - id: mei-tanaka
                    name: {given: Mei, family: Tanaka, order: family-first}
                    public_thanks: true
                    public_name: Mei from the corner shop
                  - id: ola-nowak
                    name: {given: Ola, family: Nowak}
                  - id: no-referrals
                    name: {given: Nobody, family: Sent}
                    public_thanks: true
                """,
            "referrals/2026.yml": """\
                referrals:
                  - {date: 2026-10-01, from: joao-silva, referred: mei-tanaka, outcome: client}
                  - {date: 2026-10-02, from: joao-silva, referred: Kasia, outcome: pending}
                  - {date: 2026-10-03, from: mei-tanaka, referred: ola-nowak, outcome: not-a-fit}
                  - {date: 2026-10-04, from: ola-nowak, referred: Piotr, outcome: client}
                """,
        }
    )
    wall = build_pages(load(root))["thanks.md"]
    names = re.findall(r'<li class="ok-thanks"><h2>([^<]*)</h2>', wall)
    assert names == ["João S.", "Mei from the corner shop"]
    assert "Sent 2 friends our way" in wall and "Sent 1 friend our way" in wall
    assert "Best bread in town." in wall
    for private in ("Ola", "Nowak", "Kasia", "Piotr", "Tanaka", "Silva", "Nobody"):
        assert private not in wall


def test_empty_thanks_wall_reads_well(kit) -> None:
    wall = build_pages(load(kit()))["thanks.md"]
    assert "Nobody is named here yet." in wall
    assert "<ul" not in wall


# ------------------------------------------------------------------ feed


def test_feed_is_atom_with_absolute_links_when_site_url_is_set(kit) -> None:
    root = kit(story("second", "2026-02-01"))
    feed = ET.fromstring(build_pages(load(root), site_url="https://bakes.example/")["feed.xml"])
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2026-02-01T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Story second", "Why I started"]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "https://bakes.example/stories/second/"
    assert first.findtext(f"{ATOM}id") == "https://bakes.example/stories/second/"
    assert first.findtext(f"{ATOM}summary") == "About second."
    for entry in entries:  # every entry has what RFC 4287 requires
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}title")
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Ana Ferreira"
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "https://bakes.example/feed.xml"


def test_feed_without_site_url_uses_urn_ids_and_relative_links(kit) -> None:
    feed = ET.fromstring(build_pages(load(kit()))["feed.xml"])
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == "urn:ownerkit:stories/why-i-started"
    assert entry.find(f"{ATOM}link").get("href") == "stories/why-i-started/"


# ------------------------------------------------------------- escaping

HOSTILE = {
    "stories/owner.yml": """\
        name: {given: "<b>Ana</b>", family: Ferreira}
        business: "Ferreira & <i>Sons</i> {{ 7*7 }}"
        tagline: 'Say "hello" <script>alert(2)</script>'
        signature: Ana
        values:
          - {title: "{% raw %}x", text: "*not emphasis* <u>u</u>"}
        """,
    "stories/2026-01-10-why-i-started.md": """\
        ---
        title: "<script>alert(3)</script> & {{ 7*7 }}"
        prompt: why-i-started
        date: 2026-01-10
        summary: 'A "quoted" summary <img src=x onerror=alert(4)>'
        tags: ["<em>t</em>"]
        ---

        Body.
        """,
    "referrals/people.yml": """\
        people:
          - id: joao-silva
            name: {given: João, family: Silva}
            public_thanks: true
            public_name: "<script>alert(1)</script>"
            testimonial: "{{ 7*7 }} and {% if true %}yes{% endif %} *stars* [link](http://x.test)"
          - id: mei-tanaka
            name: {given: Mei, family: Tanaka}
        """,
}


def test_yaml_values_are_escaped_in_every_page(kit) -> None:
    tree = build_pages(load(kit(HOSTILE)))
    pages = {p: c for p, c in tree.items() if p.endswith(".md")}
    for path, page in pages.items():
        body = page.split("---\n", 2)[2]
        for raw in ("<script", "<b>Ana", "<i>Sons", "<em>t", "<img src=x", "<u>u", "{{", "{%"):
            assert raw not in body, (path, raw)
        meta = yaml.safe_load(page.split("---\n")[1])
        for value in meta.values():
            if isinstance(value, str):
                assert "<" not in value and "{{" not in value, (path, value)
                if not value.startswith('{"@context"'):  # JSON-LD is JSON
                    assert '"' not in value and "{" not in value, (path, value)
    wall = pages["thanks.md"]
    assert "<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>" in wall
    shown = text_of(wall)
    assert "<script>alert(1)</script>" in shown
    assert "{{ 7*7 }} and {% if true %}yes{% endif %} *stars* [link](http://x.test)" in shown
    assert "49" not in shown
    assert (
        'title: "&lt;script&gt;alert(3)&lt;/script&gt; &amp; &#123;&#123; 7*7 &#125;&#125;"'
        in (pages["stories/why-i-started.md"])
        or "title: '&lt;script&gt;" in pages["stories/why-i-started.md"]
    )


def test_esc_escapes_html_quotes_and_braces() -> None:
    assert esc('<a href="x">{{ y }}</a>') == "&lt;a href=&quot;x&quot;&gt;&#123;&#123; y &#125;&#125;&lt;/a&gt;"


# ------------------------------------------------------------- problems


def test_reserved_slug_and_non_picture_image_are_reported_by_the_loader(kit) -> None:
    """Rules of the site's layout are rules of ``ownerkit check``: the build never meets them."""
    root = kit(
        {
            **story("x", "2026-02-01", slug="index"),
            **story("y", "2026-02-02", image="notes.txt", image_alt="Notes"),
            "stories/notes.txt": "private notes",
        }
    )
    with pytest.raises(KitInvalid) as caught:
        load(root)
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        'stories/2026-02-01-x.md:6:7: slug: "index" is reserved for the stories page (set a different slug:)',
        'stories/2026-02-02-y.md:6:8: image: "notes.txt" is not a picture (use a .svg, .png, .jpg, .jpeg,'
        " .gif, .webp, .avif file)",
    ]


# ------------------------------------------------------------- goldens


def _compare_golden(tree: dict[str, str | bytes], folder: Path) -> None:
    texts = {p: c for p, c in tree.items() if isinstance(c, str)}
    compare_golden_tree(texts, folder, "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site.py")


def test_golden_pages_of_the_example_kit(example_kit: Path) -> None:
    k = load(example_kit)
    config = read_mkdocs_config((REPO / "mkdocs.yml").read_text("utf-8"))
    tree = build_pages(k, site_url=config["site_url"])
    _compare_golden(tree, GOLDEN / "pages")
    binaries = {p for p, c in tree.items() if isinstance(c, bytes)}
    pictures = {s.image for s in k.published_stories() if s.image} | {k.owner.photo}
    assert binaries == {f"stories/{p}" for p in pictures} | {"assets/ownerkit.css", "assets/brand/preview.png"}


def test_golden_emitted_config(example_kit: Path) -> None:
    k = load(example_kit)
    tree = emit_tree(k, read_mkdocs_config((REPO / "mkdocs.yml").read_text("utf-8")), TODAY)
    _compare_golden({"mkdocs.yml": tree["mkdocs.yml"]}, GOLDEN / "emit")


# ------------------------------------------------------------------ emit


def test_emit_writes_pages_config_and_overrides(example_kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(example_kit, "emit", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "mkdocs.yml" in files and "docs/index.md" in files and "overrides/main.html" in files
    assert ".ownerkit-emit" in files
    config = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert "ownerkit" not in str(config["plugins"])
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert result.output.splitlines()[0] == f"emitted {len(files) - 1} files to {os.path.relpath(out)}"
    assert not any("prices-i-was-too-embarrassed" in f for f in files)  # the example's draft


def test_emit_dry_run_writes_nothing(example_kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(example_kit, "emit", str(out), "--dry-run")
    assert result.exit_code == 0, result.output
    assert not out.exists()
    lines = result.output.splitlines()
    assert f"would write {os.path.relpath(out / 'mkdocs.yml')}" in lines
    assert re.fullmatch(r"dry run: \d+ files, nothing written", lines[-1])


def test_emit_refuses_a_folder_with_other_files_and_replaces_its_own(kit, tmp_path: Path) -> None:
    root = kit(story("gone", "2026-02-01"))
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    result = run_cli(root, "emit", str(other))
    assert result.exit_code == 1
    assert "not empty and not an earlier emit" in result.output
    assert sorted(p.name for p in other.iterdir()) == ["keep.txt"]

    out = tmp_path / "out"
    assert run_cli(root, "emit", str(out)).exit_code == 0
    assert (out / "docs/stories/gone.md").exists()
    (root / "stories/2026-02-01-gone.md").unlink()
    again = run_cli(root, "emit", str(out))
    assert again.exit_code == 0, again.output
    assert not (out / "docs/stories/gone.md").exists()
    assert ", removed " in again.output.splitlines()[0]


def test_emit_keeps_python_tags_in_the_config(kit, tmp_path: Path) -> None:
    root = kit(
        {
            "mkdocs.yml": """\
                site_name: Bakes
                docs_dir: stories
                theme: material
                plugins:
                  - ownerkit: {per_page: 5}
                  - search
                markdown_extensions:
                  - pymdownx.emoji:
                      emoji_index: !!python/name:material.extensions.emoji.twemoji
                """
        }
    )
    out = tmp_path / "out"
    assert run_cli(root, "emit", str(out)).exit_code == 0
    text = (out / "mkdocs.yml").read_text()
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text
    assert "plugins:\n- search\n" in text and "name: material" in text


def test_emit_reports_a_broken_kit(kit, tmp_path: Path) -> None:
    root = kit({"stories/2026-01-10-why-i-started.md": "no front matter\n"})
    result = run_cli(root, "emit", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "stories/2026-01-10-why-i-started.md:1:1: a story needs front matter at the top" in result.output
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ brand


def test_brand_is_read_from_owner_yml(kit) -> None:
    root = kit(
        {
            "stories/owner.yml": OWNER_YML_BRAND.format(primary='"#1F5C57"', logo="images/logo.png"),
            "stories/images/logo.png": b"\x89PNG",
        }
    )
    brand = load(root).owner.brand
    assert (brand.primary, brand.accent, brand.logo, brand.favicon, brand.theme_credit) == (
        "#1f5c57",
        "#9a4a12",
        "images/logo.png",
        None,
        False,
    )


def test_brand_colours_and_pictures_are_checked(kit) -> None:
    root = kit({"stories/owner.yml": OWNER_YML_BRAND.format(primary="teal", logo="images/missing.png")})
    with pytest.raises(KitInvalid) as caught:
        load(root)
    assert [str(p) for p in caught.value.problems] == [
        'stories/owner.yml:6:12: brand.primary: expected a colour like "#2e5e4e", got "teal"'
        ' (write it in quotes as "#" and six hex digits)',
        "stories/owner.yml:8:9: brand.logo: no file at stories/images/missing.png",
    ]


OWNER_YML_BRAND = """\
name: {{given: Ana, family: Ferreira}}
business: Ferreira Bakes
signature: Ana
brand:
  accent: "#9A4A12"
  primary: {primary}
  theme_credit: false
  logo: {logo}
"""


def test_the_wall_names_only_people_whose_consent_stands(kit) -> None:
    root = kit(
        {
            "referrals/people.yml": """\
                people:
                  - id: joao-silva
                    name: {given: João, family: Silva, preferred: Jo}
                    public_thanks: true
                    public_thanks_since: 2026-01-05
                  - id: mei-tanaka
                    name: {given: Mei, family: Tanaka}
                    public_thanks: true
                    public_thanks_since: 2026-01-05
                    public_thanks_withdrawn: 2026-06-01
                    testimonial: Words she took back.
                """,
            "referrals/2026.yml": """\
                referrals:
                  - {date: 2026-10-01, from: joao-silva, referred: mei-tanaka, outcome: client}
                  - {date: 2026-10-02, from: mei-tanaka, referred: Kasia, outcome: pending}
                """,
        }
    )
    pages = build_pages(load(root))
    names = re.findall(r'<li class="ok-thanks"><h2>([^<]*)</h2>', pages["thanks.md"])
    assert names == ["Jo S."]  # what people call him, and his family initial
    assert not any("Mei" in page or "Words she took back" in page for page in pages.values() if isinstance(page, str))
