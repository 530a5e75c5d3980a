"""``ownerkit letters``: choose → render → check → check together → plan → write.

Nothing is written unless every letter passes its checks; a letter the owner
edited since ownerkit wrote it is kept. Rendering imports Jinja2, so this module
is imported only when letters are written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.commands.progress import Progress, no_progress
from generator.errors import OwnerkitError, Problem, Refused
from generator.load.kit import load_kit
from generator.model.cards import CardSize, card_size
from generator.model.dates import FRESH_MONTHS
from generator.model.letters import NoLetter, letters_owed
from generator.model.records import Kit
from generator.render.letters.checks import check_letter, check_together, has_errors
from generator.render.letters.text import LetterRenderer, RenderedLetter
from generator.write.letters_folder import LETTERS_DIR, LetterFolder, PlannedFile
from generator.write.lock import kit_lock


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
    progress: Progress = no_progress,
) -> LettersResult:
    """Write the letters owed today (or those asked for) into ``letters/``.

    Raises :class:`~generator.errors.KitInvalid` for a kit with errors and
    :class:`~generator.errors.Refused` for a person who cannot get a letter. A
    letter with a problem (or, with ``strict``, a warning) leaves ``refused``
    set and nothing written.
    """
    kit = load_kit(root, today).kit
    size = card or card_size(kit.owner.card_size)[0]
    base = LettersResult(kit, size, kit.root / LETTERS_DIR, dry_run)
    try:
        chosen = letters_owed(kit, today, person_ids=person_ids, everyone=everyone, fresh_months=fresh_months)
    except NoLetter as exc:
        raise Refused(str(exc)) from None
    if not chosen:
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
        return LettersResult(kit, size, base.folder, dry_run, rendered, warnings, errors + (warnings if strict else []))
    with kit_lock(kit.root):  # one writer at a time: the plan and the writes see the same folder
        folder = LetterFolder(base.folder)
        planned = folder.plan((name, data) for one in rendered for name, data in one.files().items())
        if not dry_run:
            late = {item.name for item in folder.apply(planned)}
            why = "you saved it while ownerkit was writing"
            planned = [replace(p, action="kept", why=why) if p.name in late else p for p in planned]
    return LettersResult(kit, size, base.folder, dry_run, rendered, warnings, [], planned)
