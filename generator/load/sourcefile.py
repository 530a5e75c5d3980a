"""Reading one of the owner's files as text, safely, with every problem at its line and column.

A path is checked before it is opened: a folder, a fifo, a device (``/dev/null``
behind a link), a dangling link or a link loop where a file should be is
reported, never opened (a fifo would hang) and never skipped in silence. The
bytes must be UTF-8 without control characters; line separators that YAML
would count as line breaks but an editor does not (NEL, U+2028, U+2029) are
read as spaces and reported, so that every line number matches the editor.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem

BOM = b"\xef\xbb\xbf"
FIELD_AT = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)")  # the field a line sets
# C0 controls but tab, line feed and carriage return; DEL; C1 controls but NEL (handled below)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_SEPARATOR = re.compile("[\x85\u2028\u2029]")
_SEPARATOR_NAMES = {"\x85": "NEL (U+0085)", "\u2028": "U+2028", "\u2029": "U+2029"}


@dataclass
class SourceText:
    """A file's text, or the problems that kept it from being read."""

    rel: str
    text: str | None
    problems: list[Problem] = field(default_factory=list)


def field_at(line: str) -> str:
    """The field a YAML line sets (``"given"`` for ``  given: Ana``), else ``""``."""
    found = FIELD_AT.match(line)
    return found.group(1) if found else ""


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a plain file (following links), or ``None`` when it can."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return _os_reason(path, exc)
    return _kind_reason(info.st_mode)


def _kind_reason(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a fifo (a named pipe), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device (such as /dev/null), not a file"
    return "is not a plain file"


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link that leads back to itself (a loop)"
    if exc.errno == errno.ENAMETOOLONG:
        return "has a name too long for the file system"
    if exc.errno == errno.ENOENT:
        return "is a link to a file that does not exist" if os.path.islink(path) else "does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    return f"cannot be read: {exc.strerror or exc}"


def read_plain_bytes(path: Path) -> bytes | str:
    """The bytes of the plain file at ``path``, or why it is not one.

    The type is checked before opening and again on the open file, and the file is
    opened without blocking, so a fifo swapped in between cannot hang the run.
    """
    why = not_a_file(path)
    if why:
        return why
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return _os_reason(path, exc)
    try:
        why = _kind_reason(os.fstat(fd).st_mode)
        if why:
            return why
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        return _os_reason(path, exc)
    finally:
        os.close(fd)


def read_source(path: Path, rel: str) -> SourceText:
    """Read ``path`` as UTF-8, reporting what is not a file, an empty file, a BOM, bad bytes and control characters."""
    data = read_plain_bytes(path)
    if isinstance(data, str):
        return SourceText(rel, None, [Problem(rel, message=f"the file {data}", hint=_fix_for(data))])
    problems: list[Problem] = []
    if data.startswith(BOM):
        problems.append(
            Problem(rel, 1, 1, message="the file starts with a byte-order mark", hint="save it as UTF-8 without BOM")
        )
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        bad_line = data[before.rfind(b"\n") + 1 :].split(b"\n", 1)[0].decode("utf-8", "replace")
        problems.append(
            Problem(
                rel,
                line,
                col,
                field_at(bad_line),
                f"byte 0x{data[exc.start]:02x} is not UTF-8",
                "save the file as UTF-8 in your editor",
            )
        )
        return SourceText(rel, None, problems)
    if "\r" in text:  # saved on Windows (or an old Mac): lines and columns stay the same
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = character_problems(rel, text)
    problems.extend(controls)
    if any(p.severity == "error" for p in controls):
        return SourceText(rel, None, problems)
    text = _SEPARATOR.sub(" ", text)
    if not text.strip():
        problems.append(Problem(rel, message="the file is empty", hint="add content or delete the file"))
        return SourceText(rel, None, problems)
    return SourceText(rel, text, problems)


def _fix_for(reason: str) -> str:
    if "folder" in reason or "device" in reason or "fifo" in reason:
        return "records go in a plain text file; move or rename this one"
    if "link" in reason:
        return "replace the link with the file itself, or delete it"
    if "too long" in reason:
        return "give it a shorter name"
    return "check the file's permissions"


def character_problems(rel: str, text: str, line_offset: int = 0) -> list[Problem]:
    """Control characters (errors) and stray line separators (warnings), at editor lines and columns."""
    problems = []
    for pattern, severity in ((_CONTROL, "error"), (_SEPARATOR, "warning")):
        for match in pattern.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.start())
            line_text = text[start : None if end < 0 else end]
            char = match.group()
            if severity == "error":
                message = f"an invisible control character (U+{ord(char):04X}) is in the text"
                hint = "delete it; retype the value if you pasted it"
            else:
                message = f"an invisible line separator ({_SEPARATOR_NAMES[char]}) is read as a space"
                hint = "delete it, or press Enter for a new line"
            problems.append(
                Problem(
                    rel,
                    text.count("\n", 0, match.start()) + 1 + line_offset,
                    match.start() - start + 1,
                    field_at(line_text),
                    message,
                    hint,
                    severity,  # type: ignore[arg-type]
                )
            )
            if len(problems) >= 20:
                return problems
    return problems
