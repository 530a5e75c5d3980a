"""Writing a new kit's starter files: all of them, or none if any exists."""

from __future__ import annotations

from pathlib import Path

from generator.errors import WriteRefused
from generator.write.files import safe_join, write_new


def write_files(root: Path, files: dict[str, str], dry_run: bool = False) -> list[Path]:
    """Write all ``files`` under ``root``, or none of them if any exists already (none at all on a dry run)."""
    targets = {rel: safe_join(root, rel) for rel in files}
    existing = [rel for rel, path in targets.items() if path.exists()]
    if existing:
        raise WriteRefused(f"{root}: not overwriting {', '.join(existing)}; nothing was written")
    if dry_run:
        return list(targets.values())
    for rel, path in targets.items():
        write_new(path, files[rel])
    return list(targets.values())
