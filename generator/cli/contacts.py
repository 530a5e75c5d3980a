"""``ownerkit import FILE`` and ``ownerkit export addresses``: click over :mod:`generator.commands.contacts`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from generator.cli.main import Context, count, dry_run_option, echo_json, json_option, pass_context, relative
from generator.cli.records import call


class Progress:
    """A progress bar on the terminal, made when the number of contacts is known."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Reading contacts", show_pos=True, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@dry_run_option
@json_option
@pass_context
def import_(context: Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Add the people of an address book (vCard .vcf or spreadsheet .csv) to your kit.

    Reads vCard 3.0 and 4.0 as Apple Contacts, Google Contacts, Outlook and
    phones export them (names in any script, emails, phones, postal
    addresses, birthdays with or without a year), and CSV with a header row
    (First name / Last name / Name, Email, Phone, Address or Street / City /
    Postcode, Birthday). Anyone already on file (the same email, or the same
    name ignoring case and accents) is reported, never added twice:
    importing the same file again changes nothing.

    \b
    Examples:
      ownerkit import contacts.vcf --dry-run
      ownerkit import contacts.vcf
      ownerkit import "Customers 2026.csv" --json
    """
    from generator.commands.contacts import import_contacts

    shown = Progress() if not as_json and sys.stdout.isatty() else None
    try:
        result = call(context, import_contacts, file, dry_run=dry_run, progress=shown)
    finally:
        if shown:
            shown.close()
    if as_json:
        echo_json(
            {
                "dry_run": dry_run,
                "written": result.written,
                "file": result.change.path if result.change else None,
                "added": [{"id": pid, "name": c.label, "from": c.where} for pid, c in result.added],
                "duplicates": [
                    {"name": c.label, "from": c.where, "on_file": m.person.id, "why": m.why}
                    for c, m in result.duplicates
                ],
                "skipped": [{"from": c.where, "why": c.problem} for c in result.skipped],
                "columns": result.columns,
            }
        )
        return
    _show_import(result, dry_run)
    if result.skipped:
        sys.exit(1)  # the others are in; these need fixing in the address book


def _show_import(result: Any, dry_run: bool) -> None:
    for note in result.notes:
        click.echo(f"note: {note}")
    if result.columns:
        click.echo("columns: " + ", ".join(f"{field} ← {header!r}" for field, header in result.columns.items()))
    verb = "would add" if dry_run else "added"
    for pid, contact in result.added:
        click.echo(f"{contact.where}: {verb} {pid} ({contact.label})")
    for contact, match in result.duplicates:
        click.echo(f"{contact.where}: {contact.label}: already on file as {match.person.id} ({match.why}); not added")
    for contact in result.skipped:
        click.echo(f"{contact.where}: not imported: {contact.problem}")
    where = f" to {result.change.path}" if result.change else ""
    summary = (
        f"{verb} {count(len(result.added), 'person', 'people')}{where};"
        f" {count(len(result.duplicates), 'duplicate')} and"
        f" {count(len(result.skipped), 'contact')} with a problem left out"
    )
    click.echo(summary + ("; dry run: nothing was written" if dry_run else ""))


@click.group()
def export() -> None:
    """Take lists out of your kit for other tools (private: never published).

    \b
    Examples:
      ownerkit export addresses
    """


@export.command("addresses")
@click.option("--person", "person_ids", multiple=True, metavar="ID", help="Only this person (repeatable).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The CSV file (default: private/addresses.csv).",
)
@dry_run_option
@pass_context
def export_addresses(context: Context, person_ids: tuple[str, ...], output: Path | None, dry_run: bool) -> None:
    """Write the envelope list: a CSV for a handwriting or mail-merge service, and a vCard 3.0 file.

    Everyone with a postal address, except people who have died. Columns:
    Full Name, First Name, Last Name, Address 1-5 (your lines as written)
    and Address (all lines). The .vcf next to the CSV holds the same people
    for an address book or label printer. Says who was left out and why.

    \b
    Examples:
      ownerkit export addresses
      ownerkit export addresses --person peggy-hollis -o ~/Desktop/peggy.csv
      ownerkit export addresses --dry-run
    """
    from generator.commands.contacts import export_addresses as export_envelopes

    done = call(context, export_envelopes, person_ids, output, dry_run)
    found = done.envelopes
    for person in found.deceased:
        click.echo(f"left out {person.id}: marked deceased")
    for person in found.no_address:
        click.echo(f"left out {person.id}: no address on file")
    what = count(len(found.people), "address", "addresses")
    paths = f"{relative(done.csv_path)} and {relative(done.vcard_path)}"
    if dry_run:
        click.echo(f"would write {paths}: {what}; nothing written (--dry-run)")
        return
    click.echo(f"wrote {paths}: {what}")
    click.echo("Private: addresses are personal; keep these files to yourself.")
