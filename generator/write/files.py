"""The one place that writes files: atomically, and never outside its folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import WriteRefused


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


def write_atomic_many(items: list[tuple[Path, bytes]]) -> None:
    """Write many files, each atomically, with one flush to disk for all of them.

    Every new content goes to a temporary file next to its target; once all are
    written they are flushed to disk together (``os.sync``, or an fsync each where
    that is missing), and only then renamed over their targets. Readers see each
    file old or new, never half, as with :func:`write_atomic`; ten thousand
    letters cost one flush instead of ten thousand.
    """
    pending: list[tuple[str, str]] = []
    made: set[str] = set()
    pid = os.getpid()
    done = 0
    try:
        for where, data in items:
            target = os.fspath(where)
            folder, name = os.path.split(target)
            if folder not in made:
                os.makedirs(folder or ".", exist_ok=True)
                made.add(folder)
            tmp = os.path.join(folder, f".{name}.{pid}.tmp")
            try:  # new files get the usual mode (0666 less the umask) straight away
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:  # a leftover of a crash: pick another name
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
                os.chmod(tmp, 0o666 & ~_umask())
            pending.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if not hasattr(os, "sync"):  # pragma: no cover - Windows
                    handle.flush()
                    os.fsync(handle.fileno())
            if os.path.exists(target):  # an existing file keeps its mode
                os.chmod(tmp, os.stat(target).st_mode & 0o777)
        if hasattr(os, "sync"):
            os.sync()
        for tmp, target in pending:
            os.replace(tmp, target)
            done += 1
    except BaseException:
        for tmp, _ in pending[done:]:
            Path(tmp).unlink(missing_ok=True)
        raise
