"""The one place that writes files: atomically, and never outside its folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import WriteRefused


def safe_join(folder: Path, relative: str) -> Path:
    """``folder / relative``, refusing any path that would leave ``folder``."""
    base = Path(folder).resolve()
    if not relative or relative.startswith(("/", "\\")) or "\\" in relative:
        raise WriteRefused(f"{relative!r}: refusing a path outside {folder}")
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise WriteRefused(f"{relative!r}: refusing a path outside {folder}")
    return target


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new(path: Path, content: str | bytes) -> None:
    """Write a file that must not exist yet (``init``, ``new story``)."""
    if path.exists():
        raise WriteRefused(f"{path}: already exists; not overwriting it")
    write_atomic(path, content)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
