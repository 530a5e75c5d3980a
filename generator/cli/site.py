"""``ownerkit emit DIR``: the site as plain files, for engines that read mkdocs.yml."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.main import Context, dry_run_option, echo_json, fail, json_option, pass_context, relative
from generator.errors import OwnerkitError
from generator.load.mkdocs_config import load_mkdocs_config
from generator.render.site import EMIT_MARKER, default_mkdocs_config, emit_tree
from generator.write.files import safe_join, write_atomic


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@dry_run_option
@json_option
@pass_context
def emit(context: Context, directory: Path, dry_run: bool, as_json: bool) -> None:
    """Write the site's pages and a ready mkdocs.yml into DIRECTORY.

    DIRECTORY gets mkdocs.yml, docs/ (every page, drafts left out) and
    overrides/ (link-preview tags), so any engine that reads mkdocs.yml can
    build the site without the ownerkit plugin. DIRECTORY must be new, empty,
    or an earlier emit (its stale pages are removed); nothing else is touched.

    \b
    Examples:
      ownerkit emit emitted
      ownerkit emit emitted --dry-run
      cd emitted && zensical build      (or: mkdocs build)
    """
    kit = context.load().kit
    try:
        config = load_mkdocs_config(context.kit) or default_mkdocs_config(kit)
        tree = emit_tree(kit, config, context.today)
    except OwnerkitError as exc:
        fail(str(exc))

    marker = directory / EMIT_MARKER
    previous: list[str] = []
    if directory.exists():
        if marker.is_file():
            previous = [line for line in marker.read_text("utf-8").splitlines() if line]
        elif any(directory.iterdir()):
            fail(f"{relative(directory)}: not empty and not an earlier emit; choose a new folder")
    stale = sorted(set(previous) - set(tree))

    if as_json:
        echo_json({"directory": str(directory), "dry_run": dry_run, "files": sorted(tree), "removed": stale})
    if dry_run:
        if not as_json:
            for path in sorted(tree):
                click.echo(f"would write {relative(directory / path)}")
            for path in stale:
                click.echo(f"would remove {relative(directory / path)}")
            click.echo(f"dry run: {len(tree)} files, nothing written")
        return
    try:
        targets = [(safe_join(directory, path), content) for path, content in sorted(tree.items())]
        stale_paths = [safe_join(directory, path) for path in stale]
        if sys.stderr.isatty() and not as_json:
            with click.progressbar(targets, label="Writing the site", file=sys.stderr) as bar:
                for target, content in bar:
                    write_atomic(target, content)
        else:
            for target, content in targets:
                write_atomic(target, content)
        for stale_path in stale_paths:
            stale_path.unlink(missing_ok=True)
        write_atomic(marker, "".join(f"{path}\n" for path in sorted(tree)))
    except OwnerkitError as exc:
        fail(str(exc))
    if not as_json:
        removed = f", removed {len(stale)} stale" if stale else ""
        click.echo(f"emitted {len(tree)} files to {relative(directory)}{removed}")
        click.echo(f"build it with: cd {relative(directory)} && zensical build   (or: mkdocs build)")
