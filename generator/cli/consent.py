"""``ownerkit consent``: record that someone agreed to be thanked on the site, or took it back."""

from __future__ import annotations

import click

from generator.cli.main import Context, dry_run_option, pass_context
from generator.cli.records import call, parse_day, show_change


@click.command()
@click.argument("person", metavar="PERSON")
@click.option("--withdrawn", is_flag=True, help="They took their consent back: the site stops naming them.")
@click.option("--date", "when", metavar="YYYY-MM-DD", help="When they said so (default: today).")
@dry_run_option
@pass_context
def consent(context: Context, person: str, withdrawn: bool, when: str | None, dry_run: bool) -> None:
    """Record that PERSON agreed to be thanked by name on your site, and when (or took it back).

    Sets public_thanks: true and public_thanks_since: DATE; with --withdrawn,
    adds public_thanks_withdrawn: DATE, and the next build leaves them off the
    thanks wall. The dates stay as the record of what they said: if they
    say yes again later, run it again, and the earlier dates move to
    consent_history. Refused for someone recorded as deceased.

    \b
    Examples:
      ownerkit consent olubisi-adebayo
      ownerkit consent "Tom Hale" --date 2026-11-30
      ownerkit consent olubisi-adebayo --withdrawn --dry-run
    """
    from generator.commands.consent import consent as record_consent

    day = parse_day("--date", when)
    recorded = call(context, record_consent, person, withdrawn=withdrawn, when=day, dry_run=dry_run)
    show_change(recorded, "record", dry_run)
    if not dry_run:
        click.echo("Next: mkdocs build (the thanks wall follows it)")
