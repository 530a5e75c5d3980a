"""Small wording helpers every output shares: counts with their noun, text cut to a length."""

from __future__ import annotations

import re


def count(number: int, one: str, many: str | None = None, thousands: bool = False) -> str:
    """``"1 story"``, ``"3 stories"``; ``thousands`` writes ``1,200``."""
    shown = f"{number:,}" if thousands else str(number)
    return f"{shown} {one if number == 1 else (many or one + 's')}"


def short(text: str, limit: int = 40, ellipsis: str = "...") -> str:
    """``text`` on one line, cut to ``limit`` characters with ``ellipsis`` when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - len(ellipsis)] + ellipsis


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_CLOSED = re.compile(r"<!--.*?-->", re.DOTALL)


def without_comments(markdown: str) -> str:
    """``markdown`` with every HTML comment (``<!-- ... -->``) taken out, except inside fenced code.

    A story's comments are the owner's notes to herself (and the starter's
    questions): they must never reach the published page, not even its source.
    A comment left open runs to the end, as a browser would read it.
    """
    parts: list[str] = []
    prose: list[str] = []
    fence = ""
    for line in markdown.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence:
            parts.append(line)
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened and not _open_comment("".join(prose)):
            parts.append(_COMMENT.sub("", "".join(prose)))
            prose = []
            fence = opened.group(1)
            parts.append(line)
            continue
        prose.append(line)
    parts.append(_COMMENT.sub("", "".join(prose)))
    return "".join(parts)


def _open_comment(text: str) -> bool:
    """True if ``text`` ends inside a comment (a fence there is part of the comment)."""
    return "<!--" in _CLOSED.sub("", text)
