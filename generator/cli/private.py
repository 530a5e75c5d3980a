"""``ownerkit calendar`` and ``ownerkit report``: the owner's private outputs, printed or written."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.main import Context, dry_run_option, echo_json, json_option, pass_context, relative
from generator.model.text import count

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    help="Write here instead (never under site/ or the folder the site is built from).",
)


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
    from generator.commands.private import write_calendar

    result = write_calendar(context.kit, context.today, output, dry_run)
    what = f"{count(result.events, 'event')} ({result.yearly} yearly, {result.events - result.yearly} once)"
    if dry_run:
        click.echo(f"would write {relative(result.target)}: {what}; nothing written (--dry-run)")
        return
    click.echo(f"wrote {relative(result.target)}: {what}")
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
    from generator.commands.private import report_figures, write_report
    from generator.render.report.text import render_text
    from generator.render.report.wording import figures_as_dict

    if as_text and as_json:
        raise click.UsageError("--text and --json print different things; choose one")
    if as_json or as_text:
        fig = report_figures(context.kit, context.today)
        if as_json:
            echo_json(figures_as_dict(fig))
        else:
            click.echo(render_text(fig), nl=False)
        return
    result = write_report(context.kit, context.today, output, dry_run)
    if dry_run:
        click.echo(f"would write {relative(result.target)}; nothing written (--dry-run)")
        return
    click.echo(
        f"wrote {relative(result.target)}: {count(result.referrals, 'referral')}, {count(result.sources, 'source')}"
    )
    click.echo("Private: not for the website; it names people and amounts.")
