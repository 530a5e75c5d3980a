"""The one error root of ownerkit and the problem records every check reports.

Every message names its place: ``path:line:col: field: what is wrong (hint)``.
The library never imports click or mkdocs; the CLI and the MkDocs plugin turn
:class:`OwnerkitError` into their own error types at their edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth improving) at one place in the owner's files, or in one letter.

    A problem with a letter names the person it is for (``letter``) and, as its
    ``path``, what wrote the text ("first letter", "referrals/templates/first.j2").
    """

    path: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    severity: Severity = "error"
    letter: str = ""  # the id of the person a letter is for, when the problem is in a letter

    def __str__(self) -> str:
        place = f"letter for {self.letter} ({self.path})" if self.letter else self.path
        if self.line:
            place += f":{self.line}"
            if self.col:
                place += f":{self.col}"
        text = f"{place}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        if self.severity == "warning":
            text += " [warning]"
        return text

    def without_values(self) -> str:
        """The place and field only, for build logs (often public): no value from the owner's files.

        ``ownerkit check``, run by the owner, shows the whole message; a message
        may quote an email address, a note or a name, so logs never carry it.
        """
        place = self.path
        if self.line:
            place += f":{self.line}"
            if self.col:
                place += f":{self.col}"
        what = "a warning" if self.severity == "warning" else "a problem"
        field = f"{self.field}: " if self.field else ""
        return f"{place}: {field}{what} here (run 'ownerkit check' to see it; build logs never show your values)"

    def as_dict(self) -> dict[str, object]:
        if self.letter:
            return {
                "person": self.letter,
                "template": self.path,
                "message": self.message,
                "hint": self.hint,
                "severity": self.severity,
            }
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }


class OwnerkitError(Exception):
    """Root of every error ownerkit raises on purpose."""


class KitInvalid(OwnerkitError):
    """The kit has one or more errors; ``problems`` lists every one of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotAKit(OwnerkitError):
    """The kit folder given does not exist, or holds no kit."""


class WriteRefused(OwnerkitError):
    """A write that would overwrite the owner's work or leave its folder."""


class TemplateProblem(OwnerkitError):
    """A template failed to render or produced text that must not be sent."""


class Refused(OwnerkitError):
    """A command the owner's records do not allow: the message says what is wrong and what to do instead."""
