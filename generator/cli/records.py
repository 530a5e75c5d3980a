"""``ownerkit add person|referral``, ``touched`` and ``publish``: record keeping without editing YAML.

Click only: prompts at a terminal, flags for scripts; the work is done by
:mod:`generator.commands.records`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from generator.cli import terminal
from generator.cli.main import Context, dry_run_option, pass_context
from generator.load.kit import load_kit
from generator.model.records import OUTCOMES, PRONOUNS, PersonName

T = TypeVar("T")


def call(context: Context, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run one library verb on the kit (its errors become click errors in the group, in one place)."""
    return function(context.kit, context.today, *args, **kwargs)


def bad_date(option: str, value: str) -> NoReturn:
    raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=option)


def parse_day(option: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        bad_date(option, value)


def show_change(recorded: Any, verb: str, dry_run: bool) -> None:
    change = recorded.change
    click.echo(f"{change.path}:{change.first_line}: {'would ' + verb if dry_run else verb + 'ed'} {recorded.ident}")
    if change.added:
        click.echo(textwrap.indent(textwrap.dedent("\n".join(change.added)), "    ").rstrip())
    if dry_run:
        click.echo("dry run: nothing was written")


# Fields of a person set by their own options above, or kept by other commands (touched, consent, letters).
NOT_OPTIONS = frozenset(
    {"id", "name", "email", "phone", "address", "birthday", "client_since", "last_contact", "dates", "remember",
     "deceased", "public_thanks", "public_thanks_since", "public_thanks_withdrawn", "consent_history",
     "letter_lines"}
)  # fmt: skip


def person_field_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """An option for every other field a person record declares (``--pronoun``, ``--with``, ``--organisation``...)."""
    from generator.model.records import Person
    from generator.model.rules import declared

    for attribute, rule in reversed(declared(Person)):
        if attribute in NOT_OPTIONS:
            continue
        flag = "--" + (rule.key or attribute).replace("_", "-")
        if rule.kind == "bool":
            option = click.option(flag, attribute, is_flag=True, default=None, help=rule.doc)
        elif rule.kind == "choice":
            option = click.option(flag, attribute, type=click.Choice(rule.choices), help=rule.doc)
        elif rule.kind in ("texts", "list"):
            how = ', as "Given Family"' if attribute == "with_names" else ""
            option = click.option(flag, attribute, multiple=True, help=f"{rule.doc}{how} (repeat for more)")
        else:
            option = click.option(flag, attribute, help=rule.doc)
        function = option(function)
    return function


def person_fields(values: dict[str, Any]) -> dict[str, object]:
    """The derived options' values as fields by their names in the file; a --with name is "given family"."""
    from generator.model.records import Person
    from generator.model.rules import declared

    fields: dict[str, object] = {}
    for attribute, rule in declared(Person):
        value = values.get(attribute)
        if value in (None, (), ""):
            continue
        if attribute == "with_names":
            value = [_with_name(text) for text in value]
        elif isinstance(value, str):
            value = " ".join(value.split())
        fields[rule.key or attribute] = list(value) if isinstance(value, tuple) else value
    return fields


def _with_name(text: str) -> dict[str, str]:
    words = text.split()
    if not words:
        raise click.BadParameter("a name is empty", param_hint="--with")
    return {"given": words[0], "family": " ".join(words[1:])} if len(words) > 1 else {"given": words[0]}


@click.group()
def add() -> None:
    """Record a person or a referral without editing YAML.

    \b
    Examples:
      ownerkit add person --given Olubisi --family Adebayo --preferred Bisi
      ownerkit add referral --from olubisi-adebayo --referred "Tom Hale" --for "a wedding cake"
    """


@add.command("person")
@click.option("--given", help="Given (first) name, or the only name of someone with one name.")
@click.option("--family", help="Family name, if they have one.")
@click.option("--preferred", help="What you call them, if not their given name (Bisi for Olubisi).")
@click.option("--email")
@click.option("--phone")
@click.option("--address", help='Postal address; separate lines with " / ".')
@click.option("--birthday", metavar="MM-DD|YYYY-MM-DD")
@click.option("--client-since", metavar="YYYY-MM-DD", help="When they became a client.")
@click.option("--public-thanks", "consent", is_flag=True, help="They agreed today to be thanked by name on your site.")
@click.option(
    "--public-thanks-since",
    "consent_since",
    metavar="YYYY-MM-DD",
    help="They agreed to be thanked on your site on this earlier day.",
)
@person_field_options
@click.option("--anyway", is_flag=True, help="Add them even if someone on file has the same name.")
@dry_run_option
@pass_context
def add_person(
    context: Context,
    given: str | None,
    family: str | None,
    preferred: str | None,
    email: str | None,
    phone: str | None,
    address: str | None,
    birthday: str | None,
    client_since: str | None,
    consent: bool,
    consent_since: str | None,
    anyway: bool,
    dry_run: bool,
    **more: Any,
) -> None:
    """Add a person to referrals/people.yml with a new unique id.

    Asks for the details at a terminal; give them as options in scripts.
    Refuses someone already on file (the same email, or the same name once
    case and accents are ignored) and names people who may be the same.
    Every field of a person you would set when adding someone has an option
    (--pronoun, --with, --organisation, --sign-off, --dont-mention...).

    \b
    Examples:
      ownerkit add person
      ownerkit add person --given Olubisi --family Adebayo --preferred Bisi --email bisi@example.com --public-thanks
      ownerkit add person --given Tom --family Hale --with "Sam Hale" --pronoun he --address "4 Mill Lane / Leeds"
      ownerkit add person --given Ruth --family Ames --organisation "Stroud Choral Society" --dry-run
    """
    from generator.commands.records import add_person as add_person_to_kit

    interactive = terminal.at_terminal() and not given
    if interactive:
        given, family, preferred, email, address, birthday = _ask_person()
    if not given:
        raise click.UsageError("--given is required when not typing at a terminal (e.g. --given Ana)")
    name = PersonName(" ".join(given.split()), " ".join((family or "").split()) or None, preferred or None)
    if interactive and _already_on_file(context, name):
        return
    lines = [line.strip() for line in (address or "").split("/") if line.strip()]
    recorded = call(
        context,
        add_person_to_kit,
        name,
        email=email,
        phone=phone,
        address="\n".join(lines) or None,
        birthday=birthday,
        client_since=parse_day("--client-since", client_since),
        public_thanks=_consent_day(context, consent, consent_since),
        fields=person_fields(more),
        anyway=anyway,
        dry_run=dry_run,
    )
    _show_added_person(recorded, dry_run)


def _show_added_person(recorded: Any, dry_run: bool) -> None:
    show_change(recorded, "add", dry_run)
    for match in recorded.similar:
        click.echo(f"note: {match.person.id} ({match.person.name.full}) has a {match.why}; is it the same person?")
    if not dry_run:
        click.echo(f'Next: ownerkit add referral --from {recorded.ident} --referred "FRIEND\'S NAME"')


def _consent_day(context: Context, today: bool, since: str | None) -> dt.date | None:
    """The day they agreed to be thanked on the site: --public-thanks (today) or --public-thanks-since."""
    if today and since:
        raise click.UsageError("--public-thanks means they agreed today; for an earlier day: --public-thanks-since")
    return context.today if today else parse_day("--public-thanks-since", since)


def _ask_person() -> tuple[str, str | None, str | None, str | None, str | None, str | None]:
    """Given, family and preferred name, email, address and birthday, asked at the terminal."""
    given = click.prompt("Given (first) name")
    family = click.prompt("Family name (empty if none)", default="", show_default=False) or None
    preferred = click.prompt("What you call them (empty: their given name)", default="", show_default=False) or None
    email = click.prompt("Email (empty if unknown)", default="", show_default=False) or None
    address = (
        click.prompt("Postal address, lines separated by / (empty if unknown)", default="", show_default=False) or None
    )
    birthday = click.prompt("Birthday, MM-DD or YYYY-MM-DD (empty if unknown)", default="", show_default=False) or None
    return given, family, preferred, email, address, birthday


def _already_on_file(context: Context, name: PersonName) -> bool:
    """At a terminal: offer each person on file with a similar name; true if the owner picks one."""
    from generator.model.matching import PeopleIndex

    kit = load_kit(context.kit, context.today).kit
    for match in PeopleIndex(kit.people.values()).close(name):
        if click.confirm(f"Is this {match.person.name.full} ({match.person.id}), already on file?", default=False):
            click.echo(f"Then use {match.person.id}; nothing was written.")
            return True
    return False


@add.command("referral")
@click.option("--from", "source", metavar="PERSON", help="Who sent the friend: their id or name.")
@click.option("--referred", metavar="PERSON", help="The friend: their id, or their name if not on file.")
@click.option("--for", "for_what", help='What the friend came for, as you would say it in a letter: "a wedding cake".')
@click.option("--outcome", type=click.Choice(OUTCOMES), default="pending", show_default=True)
@click.option("--date", "when", metavar="YYYY-MM-DD", help="When the friend came (default: today).")
@click.option("--note", help="A line in your own words for the thank-you letter.")
@click.option("--relation", help="A friend not on file: who they are to the referrer (neighbour, brother).")
@click.option("--pronoun", type=click.Choice(PRONOUNS), help="A friend not on file: she, he or they.")
@click.option("--count", type=int, help="A friend not on file: how many people (2 for a couple).")
@dry_run_option
@pass_context
def add_referral(
    context: Context,
    source: str | None,
    referred: str | None,
    for_what: str | None,
    outcome: str,
    when: str | None,
    note: str | None,
    relation: str | None,
    pronoun: str | None,
    count: int | None,
    dry_run: bool,
) -> None:
    """Record that someone sent a friend your way.

    --from must be someone on file (add them first with ownerkit add
    person); --referred may be anyone. Asks at a terminal.

    \b
    Examples:
      ownerkit add referral
      ownerkit add referral --from olubisi-adebayo --referred "Tom Hale" --for "a wedding cake"
      ownerkit add referral --from tom-hale --referred jo-march --outcome client --date 2026-11-02
      ownerkit add referral --from tom-hale --referred Ingrid --relation neighbour --pronoun she
    """
    from generator.commands.records import add_referral as add_referral_to_kit

    if terminal.at_terminal() and not source:
        source = click.prompt("Who sent them (id or name)")
        referred = referred or click.prompt("The friend they sent (name, or id if on file)")
        for_what = for_what or click.prompt("What they came for (empty to skip)", default="", show_default=False)
        outcome = click.prompt("Outcome", type=click.Choice(OUTCOMES), default=outcome)
    if not source or not referred:
        raise click.UsageError("--from and --referred are required when not typing at a terminal")
    friend = {"relation": relation, "pronoun": pronoun, "count": count}
    details = {
        "when": parse_day("--date", when),
        "for_what": for_what,
        "outcome": outcome,
        "note": note,
        "friend": friend,
    }
    if terminal.at_terminal() and not dry_run:  # warnings first, then ask
        planned = call(context, add_referral_to_kit, source, referred, dry_run=True, **details)
        for line in planned.notes:
            click.echo(line)
        if planned.notes and not click.confirm("Record it as it is?", default=False):
            click.echo("Nothing was written; run the command again with the rewrite.")
            return
        recorded = call(context, add_referral_to_kit, source, referred, dry_run=False, **details)
    else:
        recorded = call(context, add_referral_to_kit, source, referred, dry_run=dry_run, **details)
        for line in recorded.notes:
            click.echo(line)
    show_change(recorded, "add", dry_run)
    if not dry_run:
        click.echo("Next: ownerkit letters (then, once you have thanked them: ownerkit thanked ID)")


@click.command()
@click.argument("person", metavar="PERSON")
@click.option("--date", "when", metavar="YYYY-MM-DD", help="When you were in touch (default: today).")
@click.option("--note", help="Something you learned, kept under remember: (with today's date) for letters.")
@dry_run_option
@pass_context
def touched(context: Context, person: str, when: str | None, note: str | None, dry_run: bool) -> None:
    """Record that you were in touch with PERSON (a call, a visit, a message).

    Sets last_contact, so "say hello" in the queue counts from it; never
    moves it back. --note adds what you learned to their remember: list.

    \b
    Examples:
      ownerkit touched peggy-hollis
      ownerkit touched peggy-hollis --note "Maisie starts Grade 6 in January"
      ownerkit touched "Tom Hale" --date 2026-11-30 --dry-run
    """
    from generator.commands.records import touched as record_touch

    recorded = call(context, record_touch, person, when=parse_day("--date", when), note=note, dry_run=dry_run)
    show_change(recorded, "record", dry_run)
    for line in recorded.notes:
        click.echo(f"note: {line}")


@click.command()
@click.argument("story", metavar="STORY")
@dry_run_option
@pass_context
def publish(context: Context, story: str, dry_run: bool) -> None:
    """Publish a draft story: remove its draft: true line, nothing else.

    STORY is the story's address (slug) or file name. The next mkdocs
    build shows it.

    \b
    Examples:
      ownerkit publish why-i-started
      ownerkit publish stories/2026-12-05-why-i-started.md --dry-run
    """
    from generator.commands.records import publish as publish_story

    recorded = call(context, publish_story, story, dry_run=dry_run)
    change = recorded.change
    if "already published" in recorded.notes:
        click.echo(f"{change.path}: {recorded.ident} is already published (it has no draft: true); nothing to do")
        return
    verb = "would remove" if dry_run else "removed"
    click.echo(f"{change.path}:{change.first_line}: {verb} draft: true ({recorded.ident})")
    if dry_run:
        click.echo("dry run: nothing was written")
    else:
        click.echo("Next: mkdocs build (or mkdocs serve to preview)")
