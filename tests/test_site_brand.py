"""The site's brand, pictures and mkdocs.yml: one rule per test, on small kits in tmp_path."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import TODAY, run_cli
from PIL import Image

from generator.errors import KitInvalid
from generator.load.kit import load_kit
from generator.load.mkdocs_config import load_mkdocs_config, published_folders
from generator.model.names import PersonName
from generator.model.records import Owner
from generator.render.site import build_pages, build_site
from generator.render.site.brand import DEFAULT_PRIMARIES, colours, contrast, initials, readable


def load(root: Path):
    return load_kit(root, TODAY).kit


def picture(size: tuple[int, int], fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#9ec9e8").save(out, fmt)
    return out.getvalue()


STORY_WITH_PHOTO = """\
---
title: The new oven
prompt: why-i-started
date: 2026-02-01
summary: A second-hand oven from Porto.
image: images/oven.jpg
image_alt: A steel oven on a pallet.
---

It came on a pallet. ![The oven door](images/door.png) And it works.
"""


# ------------------------------------------------------------------ colours


def test_a_colour_too_light_is_darkened_until_white_text_reads() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    darkened = readable("#ffd54f", "#ffffff")  # amber: white on it is unreadable
    assert darkened != "#ffd54f" and contrast(darkened, "#ffffff") >= 4.5
    assert readable("#1f5c57", "#ffffff") == "#1f5c57"  # already fine: kept as the owner wrote it


def test_each_default_colour_reads_and_differs_by_business() -> None:
    assert all(contrast(c, "#ffffff") >= 4.5 for c in DEFAULT_PRIMARIES)
    owners = [Owner(name=PersonName("Ana"), business=b, signature="Ana") for b in ("Ferreira Bakes", "Clarke Hair")]
    assert colours(owners[0]).primary != colours(owners[1]).primary
    assert colours(owners[0]).link_dark != colours(owners[0]).primary  # links on the dark page are lightened


def test_initials_are_what_the_owner_is_called_and_the_family_name() -> None:
    owner = Owner(name=PersonName("Olubisi", "Adebayo", "Bisi"), business="B", signature="B")
    assert initials(owner) == "BA"
    assert initials(Owner(name=PersonName("Madonna"), business="B", signature="B")) == "M"


# ------------------------------------------------------------------ the theme


def test_theme_settings_escape_what_material_prints_as_it_is(kit) -> None:
    root = kit(
        {
            "stories/owner.yml": """\
                name: {given: Ana, family: Ferreira}
                business: Ana "Bakes" & <Co>
                location: Porto
                social:
                  - {label: Instagram, url: https://www.instagram.com/ana}
                  - {label: My blog, url: https://ana.example/}
                signature: Ana
                """
        }
    )
    settings = build_site(load(root), today=TODAY).theme
    assert settings["site_name"] == "Ana &quot;Bakes&quot; &amp; &lt;Co&gt;"
    assert settings["copyright"] == "© 2026 Ana &quot;Bakes&quot; &amp; &lt;Co&gt; · Porto"
    assert settings["extra"] == {
        "generator": False,
        "social": [
            {"icon": "fontawesome/brands/instagram", "link": "https://www.instagram.com/ana", "name": "Instagram"},
            {"icon": "material/web", "link": "https://ana.example/", "name": "My blog"},
        ],
    }
    assert (settings["logo"], settings["favicon"]) == ("assets/brand/logo.svg", "assets/brand/favicon.svg")


def test_without_photo_or_logo_the_initials_stand_in(kit) -> None:
    tree = build_pages(load(kit()))
    assert b">AF</text>" in tree["assets/brand/logo.svg"]  # type: ignore[operator]
    assert b">AF</text>" in tree["assets/brand/favicon.svg"]  # type: ignore[operator]
    with Image.open(io.BytesIO(tree["assets/brand/preview.png"])) as card:  # type: ignore[arg-type]
        assert (card.format, card.size) == ("PNG", (1200, 630))


# ------------------------------------------------------------------ pictures


def test_photos_are_resized_sized_and_the_original_never_copied(kit) -> None:
    root = kit(
        {
            "stories/2026-02-01-oven.md": STORY_WITH_PHOTO,
            "stories/images/oven.jpg": picture((3000, 2000), "JPEG"),
            "stories/images/door.png": picture((500, 400), "PNG"),
        }
    )
    tree = build_pages(load(root), site_url="https://bakes.example/")
    published = sorted(p for p in tree if p.startswith("stories/images/"))
    assert published == [
        "stories/images/door-500w.png",
        "stories/images/oven-1600w.jpg",
        "stories/images/oven-400w.jpg",
        "stories/images/oven-800w.jpg",
    ]
    with Image.open(io.BytesIO(tree["stories/images/oven-1600w.jpg"])) as big:  # type: ignore[arg-type]
        assert big.size == (1600, 1067)
    page = tree["stories/oven.md"]
    assert (
        '<img class="ok-image" src="../images/oven-1600w.jpg" srcset="../images/oven-800w.jpg 800w,'
        ' ../images/oven-1600w.jpg 1600w" sizes="(max-width: 50em) 100vw, 46rem" width="1600" height="1067"'
        ' alt="A steel oven on a pallet.">'
    ) in page  # the picture at the top loads at once
    assert '![The oven door](images/door-500w.png){ width="500" height="400" loading="lazy" }' in page
    assert 'og_image: "assets/previews/oven.jpg"' in page
    with Image.open(io.BytesIO(tree["assets/previews/oven.jpg"])) as preview:  # type: ignore[arg-type]
        assert preview.size == (1200, 630)
    share = page[page.index('<nav class="ok-share"') :]
    assert 'href="mailto:?subject=Story%20oven' not in share  # the title, not the file name
    assert 'href="mailto:?subject=The%20new%20oven&amp;body=https%3A%2F%2Fbakes.example%2Fstories%2Foven%2F"' in share


def test_published_photos_carry_no_camera_metadata(kit) -> None:
    """A phone photo's EXIF (where it was taken, when, on what) stays in the owner's copy."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (53.0, 49.0, 0.0)}  # GPSInfo: latitude
    out = io.BytesIO()
    Image.new("RGB", (1000, 800), "#9ec9e8").save(out, "JPEG", exif=exif)
    root = kit({"stories/2026-02-01-oven.md": STORY_WITH_PHOTO.replace(" ![The oven door](images/door.png)", "")})
    (root / "stories/images").mkdir()
    (root / "stories/images/oven.jpg").write_bytes(out.getvalue())
    tree = build_pages(load(root))
    for path in ("stories/images/oven-800w.jpg", "stories/images/oven-1000w.jpg"):
        with Image.open(io.BytesIO(tree[path])) as published:  # type: ignore[arg-type]
            assert dict(published.getexif()) == {}, path
            assert b"PhoneMaker" not in tree[path]  # type: ignore[operator]


def test_a_file_that_only_claims_to_be_a_picture_is_refused(kit) -> None:
    root = kit({"stories/2026-02-01-oven.md": STORY_WITH_PHOTO, "stories/images/oven.jpg": b"#!/bin/sh\necho hi\n"})
    with pytest.raises(KitInvalid) as caught:
        build_pages(load(root))
    [problem] = caught.value.problems
    assert (problem.path, problem.field) == ("stories/2026-02-01-oven.md", "image")
    assert problem.message.startswith("stories/images/oven.jpg is not a picture")


def test_a_picture_linking_outside_stories_is_refused(kit, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(picture((10, 10), "PNG"))
    story = STORY_WITH_PHOTO.replace("oven.jpg", "oven.png").replace(" ![The oven door](images/door.png)", "")
    root = kit({"stories/2026-02-01-oven.md": story})
    (root / "stories/images").mkdir()
    (root / "stories/images/oven.png").symlink_to(secret)
    with pytest.raises(KitInvalid) as caught:  # by the loader, or else by the site's picture pipeline
        build_pages(load(root))
    [problem] = caught.value.problems
    assert (problem.path, problem.field) == ("stories/2026-02-01-oven.md", "image")
    assert "oven.png" in problem.message and "outside stories/" in problem.message


def test_scripts_are_taken_out_of_svg_pictures(kit) -> None:
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20' onload='alert(1)'>"
        "<script>alert(2)</script><a href='javascript:alert(3)'><rect width='4' height='4'/></a></svg>"
    )
    story = STORY_WITH_PHOTO.replace("oven.jpg", "oven.svg").replace(" ![The oven door](images/door.png)", "")
    root = kit({"stories/2026-02-01-oven.md": story, "stories/images/oven.svg": svg})
    tree = build_pages(load(root))
    cleaned = tree["stories/images/oven.svg"]
    assert isinstance(cleaned, bytes)
    assert b"alert" not in cleaned and b"<rect" in cleaned
    assert 'width="40" height="20"' in tree["stories/oven.md"]


# ------------------------------------------------------------------ mkdocs.yml


def test_a_site_name_that_contradicts_owner_yml_is_reported_by_check(kit) -> None:
    root = kit({"mkdocs.yml": "site_name: Garside Piano Care\nsite_description: Pianos.\ndocs_dir: stories\n"})
    result = run_cli(root, "check", "--strict")
    assert result.exit_code == 1
    assert result.output == (
        'mkdocs.yml:1:12: site_name: "Garside Piano Care" differs from business: "Ferreira Bakes" in'
        ' stories/owner.yml, which the site uses (write site_name: "Ferreira Bakes") [warning]\n'
        "Error: 1 warning (--strict)\n"
    )


def test_one_reader_for_mkdocs_yml(kit) -> None:
    root = kit({"mkdocs.yml": "site_name: X\nsite_dir: public\nmarkdown_extensions:\n  - !!python/name:x.y\n"})
    config = load_mkdocs_config(root)
    assert config is not None
    assert published_folders(config) == {"site_dir": "public", "docs_dir": "docs"}
    assert published_folders(None) == {"site_dir": "site"}
    (root / "mkdocs.yml").write_text("site_name: [unclosed\n")
    with pytest.raises(KitInvalid) as caught:
        load_mkdocs_config(root)
    assert str(caught.value).startswith("mkdocs.yml:2:1: not valid YAML")
    assert json.dumps(published_folders({"docs_dir": " "})) == '{"site_dir": "site", "docs_dir": "docs"}'
