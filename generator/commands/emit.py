"""``ownerkit emit DIR``: the site as plain files, for engines that read mkdocs.yml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.commands.progress import Progress, no_progress
from generator.load.kit import load_kit
from generator.load.mkdocs_config import load_mkdocs_config
from generator.render.site import default_mkdocs_config, emit_tree
from generator.write.emit import earlier_emit, emit_targets, finish_emit
from generator.write.files import write_atomic


@dataclass(frozen=True)
class EmitResult:
    directory: Path
    files: list[str]  # every file of the tree, sorted
    removed: list[str]  # stale files of an earlier emit
    dry_run: bool


def emit(
    root: Path, today: dt.date, directory: Path, dry_run: bool = False, progress: Progress = no_progress
) -> EmitResult:
    """Write the site's pages and a ready mkdocs.yml into ``directory`` (new, empty, or an earlier emit)."""
    kit = load_kit(root, today).kit
    config = load_mkdocs_config(root)
    tree = emit_tree(kit, config if config is not None else default_mkdocs_config(kit), today)
    stale = sorted(set(earlier_emit(directory)) - set(tree))
    if not dry_run:
        targets = emit_targets(directory, tree)
        with progress(targets, "Writing the site") as items:
            for target, content in items:
                write_atomic(target, content)
        finish_emit(directory, tree, stale)
    return EmitResult(directory, sorted(tree), stale, dry_run)
