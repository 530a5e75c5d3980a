"""``ownerkit calendar`` and ``ownerkit report``: the owner's private outputs.

Thin: load the kit, call :mod:`generator.render.calendar` / :mod:`generator.render.report`,
write through :mod:`generator.write.files`, and say where the file is.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.main import Context, count, dry_run_option, echo_json, fail, json_option, pass_context, relative
from generator.errors import OwnerkitError
from generator.write.files import write_atomic
from generator.write.private import private_target

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    help="Write here instead (never under site/ or the folder the site is built from).",
)


def _target(context: Context, output: Path | None, default_name: str) -> Path:
    try:
        return private_target(context.kit, output, default_name)
    except OwnerkitError as exc:
        fail(str(exc))


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        fail(f"{relative(path)}: could not write it ({exc.strerror or exc})")


@click.command()
@output_option
@dry_run_option
@pass_context
def calendar(context: Context, output: Path | None, dry_run: bool) -> None:
    """Write your milestones calendar (.ics) to import or subscribe to.

    Birthdays and remembered dates (yearly, with or without a year), client
    and referral anniversaries, and the days thank-yous and follow-ups are
    due. Each event says who the person is, when you were last in touch,
    what you remember (and how fresh it is) and what to avoid. Nothing for
    people who have died. Importing it again updates events rather than
    duplicating them. Default: private/milestones.ics (git-ignored).

    \b
    Examples:
      ownerkit calendar
      ownerkit calendar -o ~/Calendars/milestones.ics
      ownerkit calendar --dry-run
    """
    from generator.render.calendar import milestones, render_calendar

    kit = context.load().kit
    target = _target(context, output, "milestones.ics")
    events = milestones(kit, context.today)
    text = render_calendar(kit, events, context.today)
    yearly = sum(e.yearly for e in events)
    what = f"{count(len(events), 'event')} ({yearly} yearly, {len(events) - yearly} once)"
    if dry_run:
        click.echo(f"would write {relative(target)}: {what}; nothing written (--dry-run)")
        return
    _write(target, text)
    click.echo(f"wrote {relative(target)}: {what}")
    click.echo("Private: import it into your own calendar; never publish or share it.")


@click.command()
@output_option
@click.option("--text", "as_text", is_flag=True, help="Print the figures as tables here; write nothing.")
@json_option
@dry_run_option
@pass_context
def report(context: Context, output: Path | None, as_text: bool, as_json: bool, dry_run: bool) -> None:
    """Write the private referral report: one HTML file that opens offline.

    Referrals per month, top sources, who referred whom (chains of any
    depth, drawn), conversion by source, value of referred clients, days
    from referral to thank-you, and who is waiting. It names people and
    amounts: keep it to yourself. Default: private/referral-report.html
    (git-ignored). --text prints the same figures as tables instead.

    \b
    Examples:
      ownerkit report
      ownerkit report --text
      ownerkit report -o ~/Desktop/referrals.html
      ownerkit report --json | jq '.top_sources[0]'
    """
    from generator.render.report import figures, figures_as_dict, render_html, render_text

    if as_text and as_json:
        raise click.UsageError("--text and --json print different things; choose one")
    kit = context.load().kit
    fig = figures(kit, context.today)
    if as_json:
        echo_json(figures_as_dict(fig))
        return
    if as_text:
        click.echo(render_text(fig), nl=False)
        return
    target = _target(context, output, "referral-report.html")
    if dry_run:
        click.echo(f"would write {relative(target)}; nothing written (--dry-run)")
        return
    _write(target, render_html(fig))
    click.echo(f"wrote {relative(target)}: {count(fig.referrals, 'referral')}, {count(fig.sources, 'source')}")
    click.echo("Private: not for the website; it names people and amounts.")
