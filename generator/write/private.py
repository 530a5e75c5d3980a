"""Where private outputs (the calendar, the referral report) may be written.

They default to ``private/`` in the kit, which is git-ignored. Anything that
would land in the built site (``site/``, or mkdocs.yml's ``site_dir``) or in
the folder MkDocs publishes from (mkdocs.yml's ``docs_dir``) is refused.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import WriteRefused
from generator.load.mkdocs_config import load_mkdocs_config, published_folders

PRIVATE_DIR = "private"


def public_folders(root: Path) -> list[Path]:
    """The kit's folders whose files may end up on the public site."""
    folders = published_folders(load_mkdocs_config(root))
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
