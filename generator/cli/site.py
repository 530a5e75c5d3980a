"""``ownerkit emit DIR``: the site as plain files, for engines that read mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.main import Context, dry_run_option, echo_json, json_option, pass_context, progress_bar, relative
from generator.commands.emit import emit as emit_site


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
    result = emit_site(context.kit, context.today, directory, dry_run, progress_bar(not as_json))
    if as_json:
        echo_json({"directory": str(directory), "dry_run": dry_run, "files": result.files, "removed": result.removed})
        return
    if dry_run:
        for path in result.files:
            click.echo(f"would write {relative(directory / path)}")
        for path in result.removed:
            click.echo(f"would remove {relative(directory / path)}")
        click.echo(f"dry run: {len(result.files)} files, nothing written")
        return
    removed = f", removed {len(result.removed)} stale" if result.removed else ""
    click.echo(f"emitted {len(result.files)} files to {relative(directory)}{removed}")
    click.echo(f"build it with: cd {relative(directory)} && zensical build   (or: mkdocs build)")
