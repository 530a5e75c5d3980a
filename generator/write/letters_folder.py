"""Putting letters into ``letters/`` without ever losing the owner's edits.

ownerkit keeps ``letters/.ownerkit-manifest.json``: the sha256 of every file it
wrote. A file whose content no longer matches what ownerkit last wrote has been
edited by the owner (or was never ownerkit's): it is kept, never overwritten.
Each target is checked again just before it is replaced, so an edit saved while
ownerkit is writing is kept too, and reported. Anything that is not a plain
file where a letter goes (a folder, a link, a fifo) is left alone, never
opened. File names come from person ids through
:func:`~generator.write.files.safe_join`, so they cannot leave ``letters/``.

Writes are atomic and happen under the kit's lock. The manifest is written
twice: before the letters (accepting a file's old or new content, so a run
killed half-way leaves nothing that looks edited) and after them. Temporary
files a killed run left behind are removed by the next one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.errors import WriteRefused
from generator.load.sourcefile import not_a_file, read_plain_bytes
from generator.write.files import remove_stale_temps, safe_join, write_atomic, write_atomic_many
from generator.write.lock import kit_lock

LETTERS_DIR = "letters"
MANIFEST = ".ownerkit-manifest.json"
SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.(?:txt|html|eml)")

Action = Literal["write", "unchanged", "kept"]


@dataclass(frozen=True)
class PlannedFile:
    name: str  # inside letters/
    path: Path
    content: bytes
    action: Action
    why: str = ""
    seen: str | None = None  # sha256 of the file when planned; None when there was none


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _not_plain(path: Path) -> str | None:
    """Why ``path`` is not a plain file ownerkit may replace (a link is never followed), else None."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return "is a link, not a letter file ownerkit wrote"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if not stat.S_ISREG(mode):
        return "is not a plain file (a fifo or a device)"
    return None


class LetterFolder:
    """``letters/`` with its manifest of what ownerkit wrote."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.manifest_path = self.root / MANIFEST
        if os.path.lexists(self.root) and not os.path.isdir(self.root):
            why = not_a_file(self.root) or "is a file"
            raise WriteRefused(f"{self.root}: {why}, where the letters folder goes; move it away or rename it")
        self.manifest: dict[str, list[str]] = self._read_manifest()
        self.late: list[PlannedFile] = []  # edited while ownerkit was writing: kept

    def _read_manifest(self) -> dict[str, list[str]]:
        if not os.path.lexists(self.manifest_path):
            return {}
        data = read_plain_bytes(self.manifest_path)
        start_over = "; delete it to start over (every existing letter will then be treated as edited and kept)"
        if isinstance(data, str):
            raise WriteRefused(f"{self.manifest_path}: {data}{start_over}")
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError) as exc:
            why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise WriteRefused(f"{self.manifest_path}: cannot read it ({why}){start_over}") from None
        files = parsed.get("files") if isinstance(parsed, dict) else None
        if not isinstance(files, dict):
            raise WriteRefused(f"{self.manifest_path}: not an ownerkit manifest{start_over}")
        return {str(k): [str(d) for d in v] if isinstance(v, list) else [str(v)] for k, v in files.items()}

    def plan(self, files: Iterable[tuple[str, bytes]]) -> list[PlannedFile]:
        """What would happen to each file: written, already up to date, or kept because it was edited."""
        planned = []
        base = self.root.resolve()
        for name, content in files:
            # a plain name (what person ids give) cannot leave the folder; anything else goes through safe_join
            path = base / name if SAFE_NAME.fullmatch(name) else safe_join(self.root, name)
            odd = _not_plain(path)
            if odd:
                planned.append(PlannedFile(name, path, content, "kept", f"it {odd}"))
                continue
            current = read_plain_bytes(path) if os.path.lexists(path) else None
            if isinstance(current, str):
                planned.append(PlannedFile(name, path, content, "kept", f"it {current}"))
                continue
            if current is None:
                planned.append(PlannedFile(name, path, content, "write"))
                continue
            digest = sha256(current)
            if current == content:
                planned.append(PlannedFile(name, path, content, "unchanged", seen=digest))
            elif digest in self.manifest.get(name, ()):
                planned.append(PlannedFile(name, path, content, "write", seen=digest))
            elif name in self.manifest:
                why = "you edited it since ownerkit wrote it"
                planned.append(PlannedFile(name, path, content, "kept", why, seen=digest))
            else:
                planned.append(PlannedFile(name, path, content, "kept", "ownerkit did not write it", seen=digest))
        return planned

    def apply(self, planned: list[PlannedFile]) -> list[PlannedFile]:
        """Write the planned files and the manifest; return the files edited meanwhile (kept, not written)."""
        lock_root = self.root.parent
        with kit_lock(lock_root):
            if self.root.is_dir():
                remove_stale_temps(self.root)
            writing = [item for item in planned if item.action == "write"]
            for item in writing:  # before: a run killed half-way leaves old or new, both known as ownerkit's
                self.manifest[item.name] = sorted({*self.manifest.get(item.name, ()), sha256(item.content)})
            if writing:
                self._write_manifest()
            by_path = {os.fspath(item.path): item for item in writing}
            skipped = write_atomic_many(
                [(item.path, item.content) for item in writing],
                may_replace=lambda target: self._still_as_planned(by_path[target]),
            )
            self.late = [by_path[target] for target in skipped]
            late_names = {item.name for item in self.late}
            for item in planned:
                if item.action in ("write", "unchanged") and item.name not in late_names:
                    self.manifest[item.name] = [sha256(item.content)]
                elif item.name in late_names:  # as before this run: the owner's save is not ownerkit's
                    known = [d for d in self.manifest.get(item.name, ()) if d == item.seen]
                    if known:
                        self.manifest[item.name] = known
                    else:
                        self.manifest.pop(item.name, None)
            self._write_manifest()
        return self.late

    @staticmethod
    def _still_as_planned(item: PlannedFile) -> bool:
        if _not_plain(item.path):
            return False
        current = read_plain_bytes(item.path) if os.path.lexists(item.path) else None
        if isinstance(current, str):
            return False
        return (None if current is None else sha256(current)) == item.seen

    def _write_manifest(self) -> None:
        odd = _not_plain(self.manifest_path)
        if odd:
            raise WriteRefused(f"{self.manifest_path}: it {odd}; move it away so ownerkit can keep its list there")
        data = {"about": "what ownerkit last wrote here; files that differ were edited and are kept", "files": {}}
        data["files"] = {k: v[0] if len(v) == 1 else v for k, v in sorted(self.manifest.items())}
        write_atomic(self.manifest_path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
