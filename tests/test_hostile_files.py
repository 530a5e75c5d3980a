"""Things that are not plain files where the kit expects one: never opened, never skipped, always reported.

These cannot live in the bad-input corpus (git keeps no fifos, and links would
be copied as files), so each builds its kit here. Every case must end in one
``path: ...`` message and exit 1, within the time limit (a fifo opened for
reading would hang the run).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
STORY = "stories/2026-01-10-why-i-started.md"


def check(root: Path) -> str:
    result = run_cli(root, "check")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output.replace(str(root), "<kit>")


def replace_with(path: Path, make) -> None:
    path.unlink()
    make(path)


CASES = {
    "story is a link loop": (
        lambda root: os.symlink("loop.md", root / "stories/loop.md"),
        "stories/loop.md: the file is a symbolic link that leads back to itself (a loop)"
        " (replace the link with the file itself, or delete it)\n",
    ),
    "owner.yml is a fifo": (
        lambda root: replace_with(root / "stories/owner.yml", os.mkfifo),
        "stories/owner.yml: the file is a fifo (a named pipe), not a file"
        " (records go in a plain text file; move or rename this one)\n",
    ),
    "owner.yml is a dangling link": (
        lambda root: replace_with(root / "stories/owner.yml", lambda p: os.symlink("gone.yml", p)),
        "stories/owner.yml: the file is a link to a file that does not exist"
        " (replace the link with the file itself, or delete it)\n",
    ),
    "referral file is a folder": (
        lambda root: (root / "referrals/2025.yml").mkdir(),
        "referrals/2025.yml: the file is a folder, not a file"
        " (records go in a plain text file; move or rename this one)\n",
    ),
    "referral file is a dangling link": (
        lambda root: os.symlink("nowhere.yml", root / "referrals/2025.yml"),
        "referrals/2025.yml: the file is a link to a file that does not exist"
        " (replace the link with the file itself, or delete it)\n",
    ),
    "referral file links to /dev/null": (
        lambda root: os.symlink("/dev/null", root / "referrals/2025.yml"),
        "referrals/2025.yml: the file is a device (such as /dev/null), not a file"
        " (records go in a plain text file; move or rename this one)\n",
    ),
    "referral file is a fifo": (
        lambda root: os.mkfifo(root / "referrals/2025.yml"),
        "referrals/2025.yml: the file is a fifo (a named pipe), not a file"
        " (records go in a plain text file; move or rename this one)\n",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_not_a_plain_file_is_reported(name: str, kit) -> None:
    root = kit()
    make, expected = CASES[name]
    make(root)
    assert check(root) == expected + "Error: 1 problem found in <kit>\n"


def with_image(kit, image: str, files: dict | None = None) -> Path:
    story = (
        "---\ntitle: Why I started\nprompt: why-i-started\ndate: 2026-01-10\nsummary: Flour.\n"
        f"image: {image}\nimage_alt: the oven\n---\n\nBody.\n"
    )
    return kit({STORY: story, **(files or {})})


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("../../referrals/people.yml", "is a link to a file outside stories/ (copy the picture into stories/ instead)"),
        ("/etc/passwd", "is a link to a file outside stories/ (copy the picture into stories/ instead)"),
        ("../owner.yml", "is not a picture of the type its name says (its content is not .svg)"),
        ("leak.svg", "is a symbolic link that leads back to itself (a loop) (put the picture itself in stories/)"),
        ("/dev/null", "is a device (such as /dev/null), not a file (put the picture itself in stories/)"),
    ],
)
def test_a_linked_picture_never_reaches_the_site(kit, target: str, why: str) -> None:
    root = with_image(kit, "images/leak.svg")
    (root / "stories/images").mkdir()
    os.symlink(target, root / "stories/images/leak.svg")
    assert check(root) == (f"{STORY}:6:8: image: stories/images/leak.svg {why}\nError: 1 problem found in <kit>\n")


def test_a_markdown_picture_linked_outside_is_reported(kit) -> None:
    root = kit(
        {STORY: "---\ntitle: T\nprompt: why-i-started\ndate: 2026-01-10\nsummary: S.\n---\n\n![x](images/a.png)\n"}
    )
    (root / "stories/images").mkdir()
    os.symlink("../../referrals/people.yml", root / "stories/images/a.png")
    assert check(root) == (
        f"{STORY}:8:1: stories/images/a.png is a link to a file outside stories/"
        " (copy the picture into stories/ instead)\nError: 1 problem found in <kit>\n"
    )


def test_a_real_picture_inside_stories_passes(kit) -> None:
    root = with_image(kit, "images/oven.png", {"stories/images/real.png": PNG})
    os.symlink("real.png", root / "stories/images/oven.png")  # a link that stays inside stories/ is fine
    result = run_cli(root, "check")
    assert result.exit_code == 0, result.output
