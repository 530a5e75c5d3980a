"""Checks on text a reader will see, applied to every text field as it is read.

Any text: no direction control (it turns what is shown around), and not made
only of invisible characters. A name (a field declared with ``name_limit``):
also no stray invisible character, no placeholder (``None``, ``N/A``, ``TBC``),
and no longer than its limit. The rules themselves are in
:mod:`generator.model.shown_text`.
"""

from __future__ import annotations

from typing import Any

from generator.model.rules import Rule
from generator.model.shown_text import direction_control, invisibly_empty, placeholder, stray_invisible

_WRITE_IT = "write it as it should be printed"
RETYPE = "retype it by hand: a copy and paste brought in a character you cannot see"


def shown_problem(value: Any, rule: Rule) -> tuple[str, str] | None:
    """What is wrong with a value read by ``rule`` as a reader would see it: ``(message, hint)``; else ``None``.

    Text is checked; so is each item of a list of texts (``tags``, ``dont_mention``).
    """
    if isinstance(value, tuple) and rule.kind == "texts":
        return next(filter(None, (_text_problem(item, rule) for item in value)), None)
    return _text_problem(value, rule) if isinstance(value, str) else None


def _text_problem(text: str, rule: Rule) -> tuple[str, str] | None:
    if code := direction_control(text):
        return f"holds a direction control ({code}) that turns the text around when it is shown", RETYPE
    if invisibly_empty(text):
        return "holds only invisible characters", _WRITE_IT if rule.required else _WRITE_IT + ", or leave the field out"
    if not rule.name_limit:
        return None
    if found := stray_invisible(text):
        return f"holds an invisible character ({found})", RETYPE
    if placeholder(text):
        shown = " ".join(text.split())
        instead = _WRITE_IT if rule.required else _WRITE_IT + ", or leave the field out"
        return f'"{shown}" stands for something not known, and a letter would print it as it is', instead
    if len(text) > rule.name_limit:
        return (
            f"is {len(text):,} characters long; a name here is at most {rule.name_limit}",
            "keep only the name here; anything more about them goes in a note",
        )
    return None
