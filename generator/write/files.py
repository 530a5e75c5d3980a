"""The one place that writes files: atomically, and never outside its folder."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
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


def write_atomic(path: Path, content: str | bytes, may_replace: Callable[[], bool] | None = None) -> bool:
    """Write ``content`` to ``path`` so that readers see the old file or the new one, never half.

    ``may_replace()``, when given, is asked just before the rename (is the file
    still as it was read?); if it says no, nothing is replaced and False returned.
    """
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
        if may_replace is not None and not may_replace():
            Path(tmp).unlink(missing_ok=True)
            return False
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_new(path: Path, content: str | bytes) -> None:
    """Write a file that must not exist yet (``init``, ``new story``)."""
    if path.exists():
        raise WriteRefused(f"{path}: already exists; not overwriting it")
    write_atomic(path, content)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_TEMP = re.compile(r"^\..+\.(?:\d+|[a-z0-9_]{8})\.tmp$")  # what write_atomic and write_atomic_many leave


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files a killed ownerkit left in ``folder``; how many were removed.

    Call it only while holding the kit's lock (:func:`~generator.write.lock.kit_lock`):
    then no other ownerkit is writing, and every such file is debris.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if _TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed += 1
            except FileNotFoundError:
                continue
    return removed


Expect = Callable[[str], bool]  # called with a target just before it is replaced: may it be?


def write_atomic_many(items: list[tuple[Path, bytes]], may_replace: Expect | None = None) -> list[str]:
    """Write many files, each atomically, with one flush to disk for all of them; return the targets skipped.

    Every new content goes to a temporary file next to its target; once all are
    written they are flushed to disk together (``os.sync``, or an fsync each where
    that is missing), and only then renamed over their targets. Readers see each
    file old or new, never half, as with :func:`write_atomic`; ten thousand
    letters cost one flush instead of ten thousand. Just before each rename,
    ``may_replace(target)`` is asked again (has the owner saved it meanwhile?);
    a target it refuses keeps its content and is returned.
    """
    pending: list[tuple[str, str]] = []
    skipped: list[str] = []
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
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                fd = os.open(tmp, flags, 0o666)
            except FileExistsError:  # a leftover of a crash: pick another name
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
                os.chmod(tmp, 0o666 & ~_umask())
            pending.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if not hasattr(os, "sync"):  # pragma: no cover - Windows
                    handle.flush()
                    os.fsync(handle.fileno())
            if os.path.isfile(target):  # an existing file keeps its mode
                os.chmod(tmp, os.stat(target).st_mode & 0o777)
        if hasattr(os, "sync"):
            os.sync()
        for tmp, target in pending:
            if may_replace is not None and not may_replace(target):
                os.unlink(tmp)
                skipped.append(target)
            else:
                os.replace(tmp, target)
            done += 1
    except BaseException:
        for tmp, _ in pending[done:]:
            Path(tmp).unlink(missing_ok=True)
        raise
    return skipped
