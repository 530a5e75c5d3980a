"""``ownerkit letters``: choose → render → check → check together → plan → write.

Nothing is written unless every letter passes its checks; a letter the owner
edited since ownerkit wrote it is kept. Rendering imports Jinja2, so this module
is imported only when letters are written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.commands.letter_lines import LineAdded, plan_lines
from generator.commands.progress import Progress, no_progress
from generator.errors import OwnerkitError, Problem
from generator.load.kit import load_kit
from generator.model.cards import CardSize, card_size
from generator.model.dates import FRESH_MONTHS
from generator.model.letters import Letter, letters_owed
from generator.model.records import Kit
from generator.render.letters.checks import check_letter, check_together, has_errors
from generator.render.letters.text import LetterRenderer, RenderedLetter
from generator.write.letters_folder import LETTERS_DIR, LetterFolder, PlannedFile
from generator.write.lock import kit_lock
from generator.write.yamlappend import TextChange, verify_kit, write_texts


@dataclass(frozen=True)
class LettersResult:
    """What a run chose, rendered and wrote (or would write, or refused to write)."""

    kit: Kit
    size: CardSize
    folder: Path
    dry_run: bool
    rendered: list[RenderedLetter] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)  # why nothing was written
    planned: list[PlannedFile] = field(default_factory=list)
    lines: list[LineAdded] = field(default_factory=list)  # the owner's --line lines, recorded with the letters

    def files_of(self, person_id: str) -> list[PlannedFile]:
        """The planned files of one person's letter (PERSON.txt, .html, .eml)."""
        return [p for p in self.planned if p.name.rsplit(".", 1)[0] == person_id]


def write_letters(
    root: Path,
    today: dt.date,
    *,
    person_ids: tuple[str, ...] = (),
    everyone: bool = False,
    card: CardSize | None = None,
    fresh_months: int = FRESH_MONTHS,
    strict: bool = False,
    dry_run: bool = False,
    lines: tuple[tuple[str, str], ...] = (),
    progress: Progress = no_progress,
) -> LettersResult:
    """Write the letters owed today (or those asked for) into ``letters/``.

    ``lines`` are ``(person, text)`` lines in the owner's words, recorded under
    the person's ``letter_lines`` together with the letters (and used in them).

    Raises :class:`~generator.errors.KitInvalid` for a kit with errors and
    :class:`~generator.errors.Refused` for a person who cannot get a letter. A
    letter with a problem (or, with ``strict``, a warning) leaves ``refused``
    set and nothing written, not even the lines.
    """
    kit = load_kit(root, today).kit
    kit, line_changes, added = plan_lines(kit, today, lines) if lines else (kit, [], [])
    if line_changes:
        verify_kit(kit.root, {c.path: c.new for c in line_changes}, today)
    size = card or card_size(kit.owner.card_size)[0]
    base = LettersResult(kit, size, kit.root / LETTERS_DIR, dry_run, lines=added)
    chosen = letters_owed(kit, today, person_ids=person_ids, everyone=everyone, fresh_months=fresh_months)
    if not chosen:
        _record(kit, line_changes, dry_run)
        return base
    renderer = LetterRenderer(kit, fresh_months=fresh_months)
    rendered: list[RenderedLetter] = []
    issues: list[Problem] = []
    try:
        with progress(chosen, "Writing letters") as letters:
            for letter in letters:
                one = renderer.render(letter, size, today)
                rendered.append(one)
                issues.extend(check_letter(one))
    except OwnerkitError as exc:
        raise OwnerkitError(f"{exc}; nothing was written") from exc
    issues.extend(check_together(rendered))
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity == "warning"]
    if has_errors(issues) or (strict and warnings):
        refused = errors + (warnings if strict else [])
        return LettersResult(kit, size, base.folder, dry_run, rendered, warnings, refused)
    with kit_lock(kit.root):  # one writer at a time: the plan and the writes see the same folder
        folder = LetterFolder(base.folder)
        planned = folder.plan((name, data) for one in rendered for name, data in one.files().items())
        _record(kit, line_changes, dry_run)
        if not dry_run:
            late = {item.name for item in folder.apply(planned)}
            why = "you saved it while ownerkit was writing"
            planned = [replace(p, action="kept", why=why) if p.name in late else p for p in planned]
    return LettersResult(kit, size, base.folder, dry_run, rendered, warnings, [], planned, added)


def _record(kit: Kit, changes: list[TextChange], dry_run: bool) -> None:
    """Write the owner's new lines into her records (kept across every regeneration of the letters)."""
    if changes and not dry_run:
        write_texts(kit.root, changes)


def letters_to_write(
    root: Path,
    today: dt.date,
    *,
    person_ids: tuple[str, ...] = (),
    everyone: bool = False,
    fresh_months: int = FRESH_MONTHS,
) -> list[Letter]:
    """The letters ``write_letters`` would write, unrendered (to offer a line of her own for each)."""
    kit = load_kit(root, today).kit
    return letters_owed(kit, today, person_ids=person_ids, everyone=everyone, fresh_months=fresh_months)
