"""The ``ownerkit`` group and what its commands share: options, printing, and the one error edge.

Each command calls one function of :mod:`generator.commands` and prints its
result. Library errors (:class:`~generator.errors.OwnerkitError`) become click
errors in :meth:`OwnerkitGroup.invoke`, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from generator import __version__
from generator.cli import terminal
from generator.commands.check import check as check_kit
from generator.commands.progress import Progress
from generator.errors import KitInvalid, OwnerkitError, Problem
from generator.model.prompts import builtin_prompt_list
from generator.model.text import count

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class Abort(click.ClickException):
    """An error already explained on stderr: exit 1 with a last line."""

    exit_code = 1


class Context:
    """What every command shares: the kit folder, today's date, and whether scripts read JSON."""

    def __init__(self, kit: Path, today: dt.date) -> None:
        self.kit = kit
        self.today = today
        self.as_json = False


#: Commands that only read the kit: their errors never say "nothing was written".
READ_ONLY = frozenset({"check", "queue"})


pass_context = click.make_pass_decorator(Context)


class OwnerkitGroup(click.Group):
    """A click group whose commands' library errors become click errors here, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KitInvalid as exc:
            if isinstance(ctx.obj, Context) and ctx.obj.as_json:
                _exit_with_json([p.as_dict() for p in exc.problems])
            print_problems(exc.problems)
            kit = kit_name(ctx.obj.kit) if isinstance(ctx.obj, Context) else "the kit"
            verb = ctx.invoked_subcommand or ""
            after = "fix them, then run this again" if verb in READ_ONLY else "nothing was written"
            raise Abort(f"{count(len(exc.problems), 'problem')} in {kit}; {after}") from None
        except OwnerkitError as exc:
            if isinstance(ctx.obj, Context) and ctx.obj.as_json:
                _exit_with_json([Problem("", message=str(exc)).as_dict()])
            raise Abort(str(exc)) from None
        finally:
            # One command per process: what it loaded (up to a million small objects on a large kit)
            # is kept out of the collector's sight, so the full collection at exit does not walk it
            # once more for nothing (a third of `thanked` on 50,000 referrals).
            gc.freeze()


def _exit_with_json(problems: list[dict[str, object]]) -> NoReturn:
    """With ``--json``, problems go to stdout in ``check --json``'s shape, and the exit is 1."""
    echo_json({"ok": False, "problems": problems})
    sys.exit(1)


def fail(message: str) -> NoReturn:
    raise Abort(message)


def print_problems(problems: Iterable[Problem], err: bool = True) -> None:
    for problem in problems:
        click.echo(str(problem), err=err)


def parse_date(value: str, option: str | None = None) -> dt.date:
    """A YYYY-MM-DD option value; in a callback click names the option itself."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=option) from None


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    return parse_date(value) if value else dt.date.today()


def _note_json(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """Remember ``--json`` so that the error edge answers scripts in JSON too."""
    shared = ctx.find_object(Context)
    if shared is not None and value:
        shared.as_json = True
    return value


def json_option(func: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, callback=_note_json, help="Print JSON for scripts instead of text."
    )(func)


def dry_run_option(func: F) -> F:
    return click.option("--dry-run", "-n", is_flag=True, help="Show what would be written, and write nothing.")(func)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def relative(path: Path) -> str:
    """A path as the owner would type it: relative to where they are when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def kit_name(kit: Path) -> str:
    """The kit's folder as the owner knows it: "this folder (my-kit)", "my-kit", or its full path."""
    here = Path.cwd().resolve()
    folder = Path(kit).resolve()
    if folder == here:
        return f"this folder ({folder.name})" if folder.name else "this folder"
    shown = relative(folder)
    return str(folder) if shown.startswith("..") else shown


def progress_bar(show: bool) -> Progress:
    """A progress bar on stderr at a terminal for long work; the bare list otherwise."""

    @contextmanager
    def progress(items: Sequence[T], label: str) -> Iterator[Iterable[T]]:
        if show and sys.stderr.isatty() and len(items) > 1:
            with click.progressbar(items, label=label, show_pos=True, file=sys.stderr) as bar:
                yield bar
        else:
            yield items

    return progress


@click.group(
    cls=OwnerkitGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  ownerkit init my-kit
  ownerkit check
  ownerkit new story --prompt why-i-started "Why I opened the shop"
  ownerkit add person --given Olubisi --family Adebayo --preferred Bisi
  ownerkit queue
  ownerkit --kit ~/my-kit check --strict
""",
)
@click.version_option(__version__, "--version", "-V", prog_name="ownerkit")
@click.option(
    "--kit",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    envvar="OWNERKIT_KIT",
    show_default=True,
    help="The kit folder: where stories/ and referrals/ are.",
)
@click.option(
    "--today",
    callback=_parse_today,
    envvar="OWNERKIT_TODAY",
    metavar="YYYY-MM-DD",
    help="Treat this day as today (for catching up, and for tests).",
)
@click.pass_context
def main(ctx: click.Context, kit: Path, today: dt.date) -> None:
    """ownerkit: your stories as a website, your thanks as hand-written letters.

    Everything is built from plain files in your kit folder. Nothing is ever
    sent for you: letters are drafts for you to write by hand or send yourself.
    """
    ctx.obj = Context(kit, today)


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@json_option
@pass_context
def check(context: Context, strict: bool, as_json: bool) -> None:
    """Check every story and referral record, and report every problem.

    Each problem names its place as path:line:col: field. Exits 1 when
    anything is wrong (or, with --strict, could be better).

    \b
    Examples:
      ownerkit check
      ownerkit check --strict
      ownerkit check --json | jq '.problems[].message'
    """
    try:
        result = check_kit(context.kit, context.today)
    except KitInvalid as exc:
        if as_json:
            echo_json({"ok": False, "problems": [p.as_dict() for p in exc.problems]})
            sys.exit(1)
        print_problems(exc.problems, err=False)
        fail(f"{count(len(exc.problems), 'problem')} found in {kit_name(context.kit)}")
    warnings, counts = result.warnings, result.counts
    if as_json:
        echo_json({"ok": not (strict and warnings), "counts": counts, "problems": [w.as_dict() for w in warnings]})
        if strict and warnings:
            sys.exit(1)
        return
    print_problems(warnings, err=False)
    if strict and warnings:
        fail(f"{count(len(warnings), 'warning')} (--strict)")
    summary = (
        f"ownerkit check: {count(counts['stories'], 'story', 'stories')}"
        f" ({count(counts['drafts'], 'draft')}), {count(counts['people'], 'person', 'people')},"
        f" {count(counts['referrals'], 'referral')}: no errors"
    )
    if warnings:
        summary += f", {count(len(warnings), 'warning')}"
    click.echo(summary)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--given", help="Your given (first) name.")
@click.option("--family", help="Your family name, if you have one.")
@click.option("--business", help="Your business's name.")
@click.option("--tagline", help="One line under your name on the home page.")
@click.option("--location", help="Your town or neighbourhood.")
@click.option("--email", help="The email address your site shows for getting in touch.")
@dry_run_option
@pass_context
def init(
    context: Context,
    directory: Path,
    given: str | None,
    family: str | None,
    business: str | None,
    tagline: str | None,
    location: str | None,
    email: str | None,
    dry_run: bool,
) -> None:
    """Start a new kit in DIRECTORY with a profile, a first story and empty records.

    Asks for your name and business at a terminal; in scripts give them as
    options. Never overwrites: if any starter file exists already, nothing
    is written. stories/owner.yml lists every field, the optional ones as
    commented examples.

    \b
    Examples:
      ownerkit init my-kit
      ownerkit init my-kit --given Ana --family Ferreira --business "Ferreira Bakes"
      ownerkit init . --given Ana --business "Ferreira Bakes" --location "Headingley, Leeds"
      ownerkit init my-kit --given Ana --business "Ferreira Bakes" --dry-run
    """
    from generator.commands.init import init as init_kit

    if terminal.at_terminal() and not (given and business):
        given = given or click.prompt("Your given (first) name")
        if family is None:
            family = click.prompt("Your family name (empty if you have none)", default="", show_default=False)
        business = business or click.prompt("Your business's name")
        tagline = tagline or click.prompt("One line about it (empty to skip)", default="", show_default=False)
        location = location or click.prompt("Your town (empty to skip)", default="", show_default=False)
    if not given or not business:
        raise click.UsageError(
            "--given and --business are required when not typing at a terminal,"
            ' e.g. ownerkit init my-kit --given Ana --business "Ferreira Bakes"'
        )
    written = init_kit(
        directory,
        given,
        family,
        business,
        context.today,
        tagline=tagline,
        location=location,
        email=email,
        dry_run=dry_run,
    )
    for path in written:
        click.echo(f"{'would create' if dry_run else 'created'} {relative(path)}")
    if dry_run:
        click.echo("dry run: nothing was written")
        return
    _print_next_steps(directory, written)


def _print_next_steps(directory: Path, written: list[Path]) -> None:
    """The exact commands from a new kit to the owner's own site, and then to her first card."""
    story = written[-1].relative_to(directory.resolve()).as_posix()
    click.echo("\nYour kit is ready. Next:")
    if directory.resolve() != Path.cwd().resolve():
        click.echo(f"  cd {shlex.quote(_shortest(directory))}")
    click.echo(f"  (write your story in {story}: the questions in it help you start)")
    click.echo(f"  ownerkit publish {Path(story).stem.split('-', 3)[-1]}")
    click.echo("  mkdocs build                 (or mkdocs serve, to watch it at http://127.0.0.1:8000)")
    click.echo("Then record who sends friends your way: ownerkit add person, ownerkit add referral")


def _shortest(directory: Path) -> str:
    """``directory`` as the owner would type it: relative when it is below here, else absolute."""
    shown = relative(directory.resolve())
    return shown if not shown.startswith("..") else str(directory.resolve())


@main.group()
def new() -> None:
    """Create a new file from a starter (a story).

    \b
    Examples:
      ownerkit new story --prompt why-i-started "Why I opened the shop"
    """


@new.command(
    "story",
    help=f"""Create stories/DATE-SLUG.md as a draft, with the prompt's guiding questions.

    Prompts: {builtin_prompt_list()}, and any you add under prompts: in stories/owner.yml.

    \b
    Examples:
      ownerkit new story --prompt why-i-started "Why I opened the shop"
      ownerkit new story --prompt mistake-learned "The order I lost" --date 2026-05-01
      ownerkit new story --prompt why-i-started "Why I opened the shop" --dry-run
    """,
)
@click.argument("title")
@click.option("--prompt", "prompt_id", required=True, help="What the story answers, e.g. why-i-started.")
@click.option("--date", "when", metavar="YYYY-MM-DD", help="The story's date (default: today).")
@click.option("--slug", help="The page address (default: from the title).")
@dry_run_option
@pass_context
def new_story(context: Context, title: str, prompt_id: str, when: str | None, slug: str | None, dry_run: bool) -> None:
    from generator.commands.new_story import UnknownPrompt, new_story

    day = parse_date(when, "--date") if when else context.today
    try:
        path = new_story(context.kit, title, prompt_id, day, slug, dry_run)
    except UnknownPrompt as exc:
        raise click.BadParameter(str(exc), param_hint="--prompt") from None
    if dry_run:
        click.echo(f"would create {relative(path)} (a draft); dry run: nothing was written")
        return
    click.echo(f"created {relative(path)} (a draft: when it is ready, ownerkit publish {path.stem[11:]})")
