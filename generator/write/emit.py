"""Writing an emitted site tree into its folder: only into a new, empty, or earlier-emitted folder."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.errors import WriteRefused
from generator.render.site import EMIT_MARKER
from generator.write.files import safe_join, write_atomic


def earlier_emit(directory: Path) -> list[str]:
    """The files an earlier emit wrote into ``directory``; refuses a folder with anything else in it."""
    marker = directory / EMIT_MARKER
    if not directory.exists():
        return []
    if marker.is_file():
        return [line for line in marker.read_text("utf-8").splitlines() if line]
    if any(directory.iterdir()):
        raise WriteRefused(f"{directory}: not empty and not an earlier emit; choose a new folder")
    return []


def emit_targets(directory: Path, tree: Mapping[str, str | bytes]) -> list[tuple[Path, str | bytes]]:
    """Where each file of ``tree`` goes, refusing any path that would leave ``directory``."""
    return [(safe_join(directory, path), content) for path, content in sorted(tree.items())]


def finish_emit(directory: Path, tree: Mapping[str, str | bytes], stale: Iterable[str]) -> None:
    """Remove the ``stale`` files of an earlier emit, then record what this one wrote."""
    for stale_path in [safe_join(directory, path) for path in stale]:
        stale_path.unlink(missing_ok=True)
    write_atomic(directory / EMIT_MARKER, "".join(f"{path}\n" for path in sorted(tree)))
