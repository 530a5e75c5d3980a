"""``ownerkit letters --line ID "..."``: a line in the owner's words for one person's next letter.

The line is kept in the owner's own records, under the person's
``letter_lines:`` (``text`` and the day it was ``written``), not in the
git-ignored ``letters/`` folder: it survives every regeneration of the letters
and stays hers. It is added as text (:func:`generator.write.yamlappend.append_item`:
every other byte of the file kept); :mod:`generator.commands.letters` writes it
only together with the letters, and only when they pass their checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from generator.commands.records import resolve_person, text_change
from generator.errors import Refused
from generator.model.records import Kit, LetterLine
from generator.model.topics import mentions
from generator.render.yamlrecord import record_lines
from generator.write.yamlappend import TextChange, append_item, read_text


@dataclass(frozen=True)
class LineAdded:
    """One line added to a person's ``letter_lines`` (``line`` is where, in ``path``)."""

    person_id: str
    text: str
    path: str
    line: int


_ENDS_SENTENCE = (".", "!", "?", "…", ":", ";", ",", "—", "–", "-")


def joined_lines(raw: str) -> str:
    """The owner's line as one paragraph: a line break that ends no sentence gets a full stop, not a run-on."""
    parts = [" ".join(line.split()) for line in raw.splitlines()]
    parts = [p for p in parts if p]
    last = len(parts) - 1
    return " ".join(p if i == last or p.endswith(_ENDS_SENTENCE) else p + "." for i, p in enumerate(parts))


def plan_lines(
    kit: Kit, today: dt.date, lines: tuple[tuple[str, str], ...]
) -> tuple[Kit, list[TextChange], list[LineAdded]]:
    """The kit with each ``(person, text)`` line added, the file changes that record them, and where.

    A person may be an id or a name. Raises :class:`~generator.errors.Refused`
    for an empty line or someone who gets no letters.
    """
    wanted: dict[str, str] = {}
    for ref, raw in lines:
        text = joined_lines(raw)
        pid = resolve_person(kit, ref)
        if not text:
            raise Refused(f"--line {ref}: the line is empty; write it in quotes after the person's id")
        if kit.people[pid].deceased:
            raise Refused(f"--line {ref}: {pid} has died: ownerkit writes them no letter")
        if topic := mentions(text, kit.people[pid].dont_mention):
            raise Refused(
                f'--line {ref}: the line touches "{topic}", which {pid} asked never to be mentioned'
                " (dont_mention); nothing was saved: rephrase the line without it"
            )
        wanted[pid] = text  # the last --line for someone wins
    people = dict(kit.people)
    texts: dict[str, str] = {}
    added: list[LineAdded] = []
    top_down = sorted(wanted, key=lambda p: (people[p].source.path, people[p].source.line))  # line numbers stay true
    for pid in top_down:
        person = people[pid]
        rel = person.source.path
        before = texts[rel] if rel in texts else read_text(kit.root, rel)
        item = record_lines({"text": wanted[pid], "written": today})
        texts[rel], _ = append_item(before, rel, pid, "letter_lines", item)
        added.append(LineAdded(pid, wanted[pid], rel, text_change(rel, before, texts[rel]).first_line))
        new_lines = (*person.letter_lines, LetterLine(wanted[pid], today))
        people[pid] = dataclasses.replace(person, letter_lines=new_lines)
    changes = [text_change(rel, read_text(kit.root, rel), new) for rel, new in texts.items()]
    return dataclasses.replace(kit, people=people), changes, added
