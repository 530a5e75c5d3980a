"""Where private outputs (the calendar, the referral report) may be written.

They default to ``private/`` in the kit, which is git-ignored. Anything that
would land in the built site (``site/``, or mkdocs.yml's ``site_dir``) or in
the folder MkDocs publishes from (mkdocs.yml's ``docs_dir``) is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import WriteRefused

PRIVATE_DIR = "private"
_SETTING = re.compile(r"^(site_dir|docs_dir):\s*['\"]?([^'\"#\s]+)", re.MULTILINE)


def public_folders(root: Path) -> list[Path]:
    """The kit's folders whose files may end up on the public site."""
    folders = {"site_dir": "site"}
    config = root / "mkdocs.yml"
    if config.is_file():
        for key, value in _SETTING.findall(config.read_text(encoding="utf-8", errors="replace")):
            folders[key] = value
    return [(root / value).resolve() for value in folders.values()]


def private_target(root: Path, requested: Path | None, default_name: str) -> Path:
    """The file to write: ``requested``, or ``private/<default_name>`` in the kit; never a public place."""
    target = (Path(requested) if requested else Path(root) / PRIVATE_DIR / default_name).resolve()
    if target.is_dir():
        raise WriteRefused(f"{requested}: is a folder; give a file name, e.g. {Path(requested or '.') / default_name}")
    for folder in public_folders(Path(root)):
        if target == folder or folder in target.parents:
            raise WriteRefused(
                f"{requested}: refusing to write a private file under {folder.name}/, which is published;"
                f" use {PRIVATE_DIR}/ (git-ignored) or a folder outside the kit"
            )
    return target
