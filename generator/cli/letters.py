"""``ownerkit letters``, ``ownerkit queue`` and ``ownerkit thanked``: options in, results printed."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import click

from generator.cli import terminal
from generator.cli.main import (
    Context,
    dry_run_option,
    echo_json,
    fail,
    json_option,
    parse_date,
    pass_context,
    progress_bar,
    relative,
)
from generator.model.cards import CARDS, CardSize, card_size
from generator.model.dates import FRESH_MONTHS
from generator.model.records import THANKS_HOW
from generator.model.text import count

if TYPE_CHECKING:  # rendering imports Jinja2: load it only when letters are written
    from generator.commands.letters import LettersResult
    from generator.write.letters_folder import PlannedFile


@click.command()
@click.option("--person", "person_ids", multiple=True, metavar="ID", help="Only this person (repeatable).")
@click.option(
    "--all",
    "everyone",
    is_flag=True,
    help="Everyone who has ever referred a friend, not only those owed (a hello for those owed nothing).",
)
@click.option(
    "--card",
    metavar="SIZE",
    callback=lambda _ctx, _param, value: _card(value),
    help="Card size: "
    + "; ".join(f"{c.name}: {c.described.split(', ', 1)[1]}" for c in CARDS.values())
    + ". Default: card_size in stories/owner.yml, else iso-a6.",
)
@click.option(
    "--fresh-months",
    type=click.IntRange(min=1),
    default=FRESH_MONTHS,
    show_default=True,
    help="Offer a remember fact only if you checked it within this many months.",
)
@click.option(
    "--line",
    "lines",
    nargs=2,
    multiple=True,
    metavar="ID TEXT",
    help="A line in your own words for ID's letter, kept in your records until it is sent (repeatable).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors: write nothing if any letter has one.")
@dry_run_option
@json_option
@pass_context
def letters(
    context: Context,
    person_ids: tuple[str, ...],
    everyone: bool,
    card: CardSize | None,
    fresh_months: int,
    lines: tuple[tuple[str, str], ...],
    strict: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Write thank-you letters to handwrite or send yourself, into letters/.

    One letter per person owed a thank-you, a follow-up or a chain thank-you,
    in three forms: PERSON.txt (to copy by hand), PERSON.html (a card to print,
    with an envelope sheet when you have their address) and PERSON.eml (an
    email draft, when you have their email). Nothing is ever sent.

    Every letter is checked first; if any has a problem (a blank, "None", a
    placeholder, a topic they asked you to avoid), nothing is written. A letter
    you edited since ownerkit wrote it is kept, never overwritten.

    A line of your own (--line, or typed when asked at a terminal) goes into
    the letter as you wrote it and is kept under the person's letter_lines:,
    so every regeneration keeps it, until you record the letter as sent.

    \b
    Examples:
      ownerkit letters
      ownerkit letters --dry-run
      ownerkit letters --line peggy-hollis "Give my love to the Slad Valley Singers."
      ownerkit letters --person peggy-hollis --card iso-a5
      ownerkit letters --all --fresh-months 6
    """
    from generator.commands.letters import write_letters

    if not (lines or dry_run or as_json) and terminal.at_terminal():
        lines = _offer_lines(context, person_ids, everyone, fresh_months)
    result = write_letters(
        context.kit,
        context.today,
        person_ids=person_ids,
        everyone=everyone,
        card=card,
        fresh_months=fresh_months,
        strict=strict,
        dry_run=dry_run,
        lines=lines,
        progress=progress_bar(not as_json),
    )
    _print_result(result, context, as_json)


def _print_result(result: LettersResult, context: Context, as_json: bool) -> None:
    if as_json:
        echo_json(_letters_json(result))
        if result.refused:
            raise SystemExit(1)
    elif not result.rendered:
        _print_lines(result)
        written = "No letter was written." if result.lines and not result.dry_run else "Nothing was written."
        click.echo(f"No letters owed today ({context.today}): everyone has been thanked. {written}")
    elif result.refused:
        for issue in result.refused:
            click.echo(str(issue), err=True)
        errors = sum(i.severity == "error" for i in result.refused)
        what = count(errors, "problem") if errors else count(len(result.refused), "warning") + " (--strict)"
        fail(f"{what} in the letters; nothing was written to {relative(result.folder)}")
    else:
        _print_letters(result)


OFFER_EACH = 5  # more letters than this: ask first whether to add any line at all


def _offer_lines(
    context: Context, person_ids: tuple[str, ...], everyone: bool, fresh_months: int
) -> tuple[tuple[str, str], ...]:
    """At a terminal: a line of her own for each letter about to be written (Enter for none, or to keep hers)."""
    from generator.commands.letters import letters_to_write

    chosen = letters_to_write(
        context.kit, context.today, person_ids=person_ids, everyone=everyone, fresh_months=fresh_months
    )
    if not chosen:
        return ()
    if len(chosen) > OFFER_EACH and not click.confirm(
        f"Add a line of your own to any of the {len(chosen)} letters?", default=False
    ):
        return ()
    click.echo("A line of your own goes into the letter as you type it. Enter: none (or keep the one you wrote).")
    lines = []
    for letter in chosen:
        now = f' (now: "{letter.line.text}")' if letter.line else ""
        text = click.prompt(f"  for {letter.greeting} ({letter.id}){now}", default="", show_default=False)
        if text.strip():
            lines.append((letter.id, text))
    return tuple(lines)


def _print_lines(result: LettersResult) -> None:
    written = {one.letter.person.id for one in result.rendered}
    verb = "would add" if result.dry_run else "added"
    for added in result.lines:
        where = f"{added.path}:{added.line}" if added.line else added.path
        later = "" if added.person_id in written else "; no letter is owed them today, so it waits for the next one"
        click.echo(f"{where}: {verb} your line for {added.person_id} under letter_lines{later}")


def _card(value: str | None) -> CardSize | None:
    """The card named by --card; an unknown or ambiguous name says how to choose."""
    if value is None:
        return None
    try:
        card, ambiguous = card_size(value)
    except KeyError:
        raise click.BadParameter(f"{value!r} is not a card size; choose one of {', '.join(CARDS)}") from None
    if ambiguous:
        raise click.BadParameter(ambiguous)
    return card


def _letters_json(result: LettersResult) -> dict[str, object]:
    added = [vars(x) for x in result.lines]
    if not result.rendered:
        return {"ok": True, "letters": [], "problems": [], "lines": added}
    if result.refused:
        return {"ok": False, "letters": [], "problems": [i.as_dict() for i in result.refused]}
    return {
        "ok": True,
        "dry_run": result.dry_run,
        "card": result.size.name,
        "folder": str(result.folder),
        "letters": [
            {
                "person": one.letter.person.id,
                "situation": one.letter.situation,
                "template": one.template,
                "referrals": [r.id for r in one.letter.referrals],
                "files": {p.name: p.action for p in result.files_of(one.letter.person.id)},
            }
            for one in result.rendered
        ],
        "problems": [w.as_dict() for w in result.warnings],
        "left_out": [vars(x) for one in result.rendered for x in one.left_out],
        "lines": added,
    }


def _print_letters(result: LettersResult) -> None:
    dry_run, size, rendered = result.dry_run, result.size, result.rendered
    verb = "would write" if dry_run else "wrote"
    click.echo(
        f"ownerkit letters: {count(len(rendered), 'letter')} on {size.described} cards"
        f"{' (dry run: nothing is written)' if dry_run else ''}"
    )
    width = max(len(one.letter.person.id) for one in rendered)
    situation_width = max(len(one.letter.situation) for one in rendered)
    states = {one.letter.person.id: _state(result.files_of(one.letter.person.id), verb) for one in rendered}
    state_width = max(len(state) for state in states.values())
    for one in rendered:
        pid = one.letter.person.id
        files = result.files_of(pid)
        names = relative(result.folder / pid) + ".{" + ",".join(p.name.rsplit(".", 1)[1] for p in files) + "}"
        click.echo(
            f"  {pid:<{width}}  {one.letter.situation:<{situation_width}}  {states[pid]:<{state_width}}  {names}"
        )
    for item in result.planned:
        if item.action == "kept":
            click.echo(f"kept {relative(item.path)}: {item.why}; not overwritten (delete it to get a fresh one)")
    _print_lines(result)
    for issue in result.warnings:
        click.echo(str(issue))
    for one in rendered:
        for left in one.left_out:
            where = f" at {left.where}" if left.where else ""
            click.echo(f"left out of the letter for {left.person_id}: {left.what}{where} ({left.why})")
    click.echo(
        f"Letters {'would be' if dry_run else 'are'} in {relative(result.folder)}/: copy each .txt by hand,"
        f" print each .html on {size.with_article} card, or open each .eml as a draft. Nothing has been sent."
    )
    if not dry_run:
        click.echo("When you have sent one, record it:")
        for one in rendered:
            verb = "touched" if one.letter.situation == "hello" else "thanked"
            click.echo(f"  ownerkit {verb} {one.letter.person.id}")


def _state(files: list[PlannedFile], verb: str) -> str:
    actions = {p.action for p in files}
    if actions == {"unchanged"}:
        return "unchanged"
    parts = []
    written = sum(p.action == "write" for p in files)
    if written:
        parts.append(verb)
    kept = sum(p.action == "kept" for p in files)
    if kept:
        parts.append(f"kept {kept} you edited")
    return ", ".join(parts) or "unchanged"


@click.command()
@json_option
@pass_context
def queue(context: Context, as_json: bool) -> None:
    """Who to thank today: thank-yous owed, follow-ups due, chains, and people to say hello to.

    Oldest first within each section, with the days each has waited (! marks
    overdue). The last column is the id to give `ownerkit thanked`.

    \b
    Examples:
      ownerkit queue
      ownerkit queue --json | jq '.[] | select(.kind == "thank")'
      ownerkit --today 2026-12-24 queue
    """
    from generator.commands.queue import queue as queue_rows
    from generator.render.queue import render_queue

    rows = queue_rows(context.kit, context.today)
    if as_json:
        echo_json([row.as_dict() for row in rows])
        return
    click.echo(render_queue(rows, context.today), nl=False)


@click.command()
@click.argument("ident", metavar="ID")
@click.option(
    "--how", type=click.Choice(THANKS_HOW), default="handwritten", show_default=True, help="How you thanked them."
)
@click.option("--date", "when", metavar="YYYY-MM-DD", help="When (default: today).")
@click.option("--follow-up", "follow_up", is_flag=True, help="Only follow-ups: record that you told them how it went.")
@dry_run_option
@pass_context
def thanked(context: Context, ident: str, how: str, when: str | None, follow_up: bool, dry_run: bool) -> None:
    """Record that you sent what the queue asked: a thank-you, a follow-up or a chain note.

    ID is a person id (clears all their rows in ownerkit queue) or the
    referral id on one row (clears that row). A thank-you is recorded as
    thanked: {date, how}; a follow-up or chain note as one more date under
    followed_up: (earlier dates are kept). Only those lines are added;
    every comment and every other line stays as it was.

    \b
    Examples:
      ownerkit thanked peggy-hollis
      ownerkit thanked peggy-hollis-2026-11-04 --how call --date 2026-11-20
      ownerkit thanked daniel-okoro-2025-09-03 --follow-up
      ownerkit thanked sulastri --dry-run
    """
    from generator.commands.thanked import record_thanked

    day = parse_date(when, "--date") if when else context.today
    if day > context.today:
        raise click.BadParameter(f"{day} is in the future (today is {context.today})", param_hint="--date")
    result = record_thanked(context.kit, context.today, ident, how=how, day=day, follow_up=follow_up, dry_run=dry_run)
    for note in result.notes:
        click.echo(note)
    if not result.recorded:
        click.echo(result.nothing)
        return
    for change in result.changes:
        for item in change.changed:
            if item.replaced:
                verb = "would change" if dry_run else "changed"
            else:
                verb = "would add" if dry_run else "added"
            click.echo(f"{change.path}:{item.first_line}: {item.referral_id}: {verb}")
            click.echo(textwrap.indent(textwrap.dedent("\n".join(item.lines)), "    ").rstrip())
    parts = [count(result.thanks, "thank-you")] if result.thanks else []
    if result.follow_ups:
        parts.append(count(result.follow_ups, "follow-up"))
    files = ", ".join(c.path for c in result.changes)
    if dry_run:
        click.echo(f"dry run: would record {' and '.join(parts)} in {files}; nothing was written")
    else:
        click.echo(f"recorded {' and '.join(parts)} in {files}")
