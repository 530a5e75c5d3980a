"""Putting letters into ``letters/`` without ever losing the owner's edits.

ownerkit keeps ``letters/.ownerkit-manifest.json``: the sha256 of every file it
wrote. A file whose content no longer matches what ownerkit last wrote has been
edited by the owner (or was never ownerkit's): it is kept, never overwritten.
File names come from person ids through :func:`~generator.write.files.safe_join`, so
they cannot leave ``letters/``. Every write is atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.errors import WriteRefused
from generator.write.files import safe_join, write_atomic, write_atomic_many

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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class LetterFolder:
    """``letters/`` with its manifest of what ownerkit wrote."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.manifest_path = self.root / MANIFEST
        self.manifest: dict[str, str] = self._read_manifest()

    def _read_manifest(self) -> dict[str, str]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise WriteRefused(
                f"{self.manifest_path}: cannot read it ({exc}); delete it to start over"
                " (every existing letter will then be treated as edited and kept)"
            ) from None
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict):
            raise WriteRefused(f"{self.manifest_path}: not an ownerkit manifest; delete it to start over")
        return {str(k): str(v) for k, v in files.items()}

    def plan(self, files: Iterable[tuple[str, bytes]]) -> list[PlannedFile]:
        """What would happen to each file: written, already up to date, or kept because it was edited."""
        planned = []
        try:
            present = set(os.listdir(self.root))
        except FileNotFoundError:
            present = set()
        base = self.root.resolve()
        for name, content in files:
            # a plain name (what person ids give) cannot leave the folder; anything else goes through safe_join
            path = base / name if SAFE_NAME.fullmatch(name) else safe_join(self.root, name)
            if path.name not in present or path.parent != base:
                if path.exists():
                    current = path.read_bytes()
                else:
                    planned.append(PlannedFile(name, path, content, "write"))
                    continue
            else:
                current = path.read_bytes()
            digest = sha256(current)
            if current == content:
                planned.append(PlannedFile(name, path, content, "unchanged"))
            elif self.manifest.get(name) == digest:
                planned.append(PlannedFile(name, path, content, "write"))
            elif name in self.manifest:
                planned.append(PlannedFile(name, path, content, "kept", "you edited it since ownerkit wrote it"))
            else:
                planned.append(PlannedFile(name, path, content, "kept", "ownerkit did not write it"))
        return planned

    def apply(self, planned: list[PlannedFile]) -> None:
        """Write the planned files, then the manifest (only what ownerkit wrote, or found identical)."""
        write_atomic_many([(item.path, item.content) for item in planned if item.action == "write"])
        for item in planned:
            if item.action in ("write", "unchanged"):
                self.manifest[item.name] = sha256(item.content)
        data = {"about": "what ownerkit last wrote here; files that differ were edited and are kept", "files": {}}
        data["files"] = dict(sorted(self.manifest.items()))
        write_atomic(self.manifest_path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
