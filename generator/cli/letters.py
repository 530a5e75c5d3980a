"""``ownerkit letters``, ``ownerkit queue`` and ``ownerkit thanked``: the thin CLI over the letters library."""

from __future__ import annotations

import datetime as dt
import difflib
import sys
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

import click

from generator.cli.main import Context, count, dry_run_option, echo_json, fail, json_option, pass_context, relative
from generator.errors import OwnerkitError
from generator.model.letters import CARD_SIZES, FRESH_MONTHS, NoLetter, letters_owed
from generator.model.owed import owed
from generator.model.records import THANKS_HOW, Kit, Referral
from generator.render.queue import queue_rows, render_queue
from generator.write.lock import kit_lock
from generator.write.yamledit import Edit, apply_changes, finish_interrupted, plan_edits, verify

if TYPE_CHECKING:  # rendering imports Jinja2: load it only when letters are written
    from generator.render.letters.checks import LetterIssue
    from generator.render.letters.text import RenderedLetter
    from generator.write.letters_folder import PlannedFile

T = TypeVar("T")


@contextmanager
def progress(items: list[T], label: str, show: bool) -> Iterator[Iterable[T]]:
    """A progress bar on a terminal for long work; the bare list otherwise."""
    if show and sys.stdout.isatty() and len(items) > 1:
        with click.progressbar(items, label=label, show_pos=True) as bar:
            yield bar
    else:
        yield items


@click.command()
@click.option("--person", "person_ids", multiple=True, metavar="ID", help="Only this person (repeatable).")
@click.option("--all", "everyone", is_flag=True, help="Everyone who has ever referred a friend, not only those owed.")
@click.option(
    "--card",
    type=click.Choice(sorted(CARD_SIZES), case_sensitive=False),
    help="Card size: A2 (4¼×5½ in), A6 (4½×6¼ in), A7 (5×7 in). Default: card_size in stories/owner.yml, else A2.",
)
@click.option(
    "--fresh-months",
    type=click.IntRange(min=1),
    default=FRESH_MONTHS,
    show_default=True,
    help="Offer a remember fact only if you checked it within this many months.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors: write nothing if any letter has one.")
@dry_run_option
@json_option
@pass_context
def letters(
    context: Context,
    person_ids: tuple[str, ...],
    everyone: bool,
    card: str | None,
    fresh_months: int,
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

    \b
    Examples:
      ownerkit letters
      ownerkit letters --dry-run
      ownerkit letters --person peggy-hollis --card A7
      ownerkit letters --all --fresh-months 6
    """
    from generator.render.letters.checks import check_letter, check_together, has_errors
    from generator.render.letters.text import LetterRenderer
    from generator.write.letters_folder import LETTERS_DIR, LetterFolder

    kit = context.load().kit
    size = (card or kit.owner.card_size or "A2").upper()
    try:
        chosen = letters_owed(kit, context.today, person_ids=person_ids, everyone=everyone, fresh_months=fresh_months)
    except NoLetter as exc:
        fail(str(exc))
    if not chosen:
        if as_json:
            echo_json({"ok": True, "letters": [], "problems": []})
        else:
            click.echo(f"No letters owed today ({context.today}): everyone has been thanked. Nothing was written.")
        return

    renderer = LetterRenderer(kit, fresh_months=fresh_months)
    rendered: list[RenderedLetter] = []
    issues: list[LetterIssue] = []
    try:
        with progress(chosen, "Writing letters", not as_json) as bar:
            for letter in bar:
                one = renderer.render(letter, size, context.today)
                rendered.append(one)
                issues.extend(check_letter(one))
    except OwnerkitError as exc:
        fail(f"{exc}; nothing was written")
    issues.extend(check_together(rendered))
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity == "warning"]
    folder_path = kit.root / LETTERS_DIR
    if has_errors(issues) or (strict and warnings):
        shown = errors + (warnings if strict else [])
        if as_json:
            echo_json({"ok": False, "letters": [], "problems": [i.as_dict() for i in shown]})
            sys.exit(1)
        for issue in shown:
            click.echo(str(issue), err=True)
        what = count(len(errors), "problem") if errors else count(len(warnings), "warning") + " (--strict)"
        fail(f"{what} in the letters; nothing was written to {relative(folder_path)}")

    try:
        with kit_lock(kit.root):  # one writer at a time: plan and write see the same folder
            folder = LetterFolder(folder_path)
            planned = folder.plan((name, data) for one in rendered for name, data in one.files().items())
            if not dry_run:
                late = {item.name for item in folder.apply(planned)}
                why = "you saved it while ownerkit was writing"
                planned = [replace(p, action="kept", why=why) if p.name in late else p for p in planned]
    except OwnerkitError as exc:
        fail(str(exc))
    by_person: dict[str, list[PlannedFile]] = {}
    for item in planned:
        by_person.setdefault(item.name.rsplit(".", 1)[0], []).append(item)

    if as_json:
        echo_json(
            {
                "ok": True,
                "dry_run": dry_run,
                "card": size,
                "folder": str(folder_path),
                "letters": [
                    {
                        "person": one.letter.person.id,
                        "situation": one.letter.situation,
                        "template": one.template,
                        "referrals": [r.id for r in one.letter.referrals],
                        "files": {p.name: p.action for p in by_person[one.letter.person.id]},
                    }
                    for one in rendered
                ],
                "problems": [w.as_dict() for w in warnings],
                "left_out": [vars(x) for one in rendered for x in one.left_out],
            }
        )
        return

    verb = "would write" if dry_run else "wrote"
    click.echo(
        f"ownerkit letters: {count(len(rendered), 'letter')} on {size} cards"
        f"{' (dry run: nothing is written)' if dry_run else ''}"
    )
    width = max(len(one.letter.person.id) for one in rendered)
    situation_width = max(len(one.letter.situation) for one in rendered)
    states = {pid: _state(files, verb) for pid, files in by_person.items()}
    state_width = max(len(state) for state in states.values())
    for one in rendered:
        pid = one.letter.person.id
        files = by_person[pid]
        names = relative(folder_path / pid) + ".{" + ",".join(p.name.rsplit(".", 1)[1] for p in files) + "}"
        state = states[pid]
        click.echo(f"  {pid:<{width}}  {one.letter.situation:<{situation_width}}  {state:<{state_width}}  {names}")
    for item in planned:
        if item.action == "kept":
            click.echo(f"kept {relative(item.path)}: {item.why}; not overwritten (delete it to get a fresh one)")
    for issue in warnings:
        click.echo(str(issue))
    for one in rendered:
        for left in one.left_out:
            where = f" at {left.where}" if left.where else ""
            click.echo(f"left out of the letter for {left.person_id}: {left.what}{where} ({left.why})")
    click.echo(
        f"Letters {'would be' if dry_run else 'are'} in {relative(folder_path)}/: copy each .txt by hand,"
        f" print each .html on an {size} card, or open each .eml as a draft. Nothing has been sent."
    )
    if not dry_run:
        click.echo("When you have thanked someone: ownerkit thanked ID")


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
    kit = context.load().kit
    rows = queue_rows(kit, context.today)
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
@click.option("--follow-up", "follow_up", is_flag=True, help="Record that you told them how it went (followed_up:).")
@dry_run_option
@pass_context
def thanked(context: Context, ident: str, how: str, when: str | None, follow_up: bool, dry_run: bool) -> None:
    """Record a thank-you (or a follow-up) in the referral's own YAML file.

    ID is a referral id (from `ownerkit queue`, e.g. peggy-hollis-2026-11-04)
    or a person id (all their referrals not yet thanked). Only the lines that
    record it are added; every comment and every other line stays as it was.

    \b
    Examples:
      ownerkit thanked peggy-hollis-2026-11-04
      ownerkit thanked peggy-hollis --how call --date 2026-11-20
      ownerkit thanked daniel-okoro-2025-09-03 --follow-up
      ownerkit thanked sulastri --dry-run
    """
    with kit_lock(context.kit):  # from reading the files to writing them, no other ownerkit writes
        for note in finish_interrupted(context.kit):
            click.echo(note)
        _record(context, ident, how, when, follow_up, dry_run)


def _record(context: Context, ident: str, how: str, when: str | None, follow_up: bool, dry_run: bool) -> None:
    kit = context.load().kit
    day = context.today
    if when:
        try:
            day = dt.date.fromisoformat(when)
        except ValueError:
            raise click.BadParameter(f"expected YYYY-MM-DD, got {when!r}", param_hint="--date") from None
        if day > context.today:
            raise click.BadParameter(f"{day} is in the future (today is {context.today})", param_hint="--date")
    referrals = _referrals_for(context, kit, ident, follow_up)
    if not referrals:
        what = "followed up on" if follow_up else "thanked"
        click.echo(f"nothing to record: every referral from {ident} has been {what} already")
        return
    edits = []
    for referral in referrals:
        if day < referral.date:
            fail(f"{referral.id}: {day} is before the referral itself ({referral.date})")
        if follow_up:
            if referral.followed_up and referral.followed_up >= day:
                fail(f"{referral.id} was already followed up on {referral.followed_up}; nothing was written")
            edits.append(Edit(referral, "followed_up", day.isoformat(), replace=referral.followed_up is not None))
        else:
            edits.append(Edit(referral, "thanked", {"date": day.isoformat(), "how": how}))
    try:
        changes = plan_edits(kit, edits)
        verify(kit, changes, context.today)
        if not dry_run:
            apply_changes(kit, changes)
    except OwnerkitError as exc:
        fail(str(exc))
    for change in changes:
        for item in change.changed:
            if item.replaced:
                verb = "would change" if dry_run else "changed"
            else:
                verb = "would add" if dry_run else "added"
            click.echo(f"{change.path}:{item.first_line}: {item.referral_id}: {verb}")
            click.echo(textwrap.indent(textwrap.dedent("\n".join(item.lines)), "    ").rstrip())
    what = "follow-up" if follow_up else "thank-you"
    files = ", ".join(c.path for c in changes)
    if dry_run:
        click.echo(f"dry run: would record {count(len(edits), what)} in {files}; nothing was written")
    else:
        click.echo(f"recorded {count(len(edits), what)} in {files}")


def _referrals_for(context: Context, kit: Kit, ident: str, follow_up: bool) -> list[Referral]:
    by_id = {r.id: r for r in kit.referrals}
    if ident in by_id:
        referral = by_id[ident]
        if follow_up and referral.outcome != "client" and not _in_chain(context, kit, referral):
            fail(f"{ident}: the friend did not become a client, so there is no news to follow up with")
        if not follow_up and referral.thanked:
            fail(
                f"{ident} was already thanked on {referral.thanked.date} ({referral.thanked.how}); nothing was written"
            )
        return [referral]
    if ident not in kit.people:
        known = [*kit.people, *(r.id for r in kit.referrals)]
        close = sorted(k for k in known if k.startswith(ident)) or difflib.get_close_matches(
            ident, known, n=1, cutoff=0.6
        )
        hint = f"did you mean {close[0]}?" if close else "see ownerkit queue for ids"
        fail(f'no referral or person has the id "{ident}" ({hint})')
    if not follow_up:
        return [r for r in kit.referrals if r.from_id == ident and r.thanked is None]
    owed_now = [o for o in owed(kit, context.today) if o.person.id == ident and o.kind in ("follow-up", "chain")]
    if not owed_now:
        return []
    found = {o.referrals[0].id: o.referrals[0] for o in owed_now}
    return sorted(found.values(), key=lambda r: (r.date, r.id))


def _in_chain(context: Context, kit: Kit, referral: Referral) -> bool:
    """Whether ``referral`` (A sent B) is owed a chain follow-up (B has since sent someone)."""
    return any(o.kind == "chain" and o.referrals[0].id == referral.id for o in owed(kit, context.today))
