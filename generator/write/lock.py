"""One writer at a time per kit: a lock file, ``.ownerkit.lock`` in the kit's folder.

Every ownerkit command that writes into the kit (``thanked``, ``letters``, and
any later command that edits the owner's files) holds the lock from reading the
files it will change until its last write, so two of them can never interleave
and lose one's update. The lock is the operating system's (``flock``): a
command killed with ``kill -9`` releases it, and the next run never finds a
stale lock. The lock is re-entrant within one thread, so a library call that
takes it can run inside a command that already holds it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import WriteRefused

LOCK_FILE = ".ownerkit.lock"
WAIT_SECONDS = 60.0

try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True


_held = threading.local()


@contextmanager
def kit_lock(root: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the kit's write lock; wait up to ``wait`` seconds for another ownerkit command to finish."""
    key = os.path.realpath(root)
    held: dict[str, int] = getattr(_held, "locks", None) or {}
    _held.locks = held
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    path = os.path.join(key, LOCK_FILE)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise WriteRefused(f"{path}: cannot create the lock file ({exc.strerror}); nothing was written") from None
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise WriteRefused(
                    f"another ownerkit command has been writing to {root} for over {wait:.0f} s;"
                    " wait for it to finish, then run this again (nothing was written)"
                )
            time.sleep(0.02)
        held[key] = 1
        try:
            yield
        finally:
            held.pop(key, None)
    finally:
        os.close(fd)  # releases the lock
