"""A per-file cache of what one ``referrals/*.yml`` file reads to, kept in the kit's ``.ownerkit-cache/``.

Reading and checking 50,000 referrals takes seconds; most runs read the same
bytes as the last. What one file reads to (its records and its own problems)
depends only on its bytes, its kit-relative name and ownerkit's code, so it is
stored under ``.ownerkit-cache/referrals/<name>.pickle`` keyed by all three:
the file's sha256, its name, and a digest of every ``generator/*.py`` source
(with the version and Python's). An entry is trusted only when every key
matches; one that is unreadable, corrupt, from other code or for other bytes
is ignored and rebuilt. Checks across files (references, duplicates, dates
against today) are never cached: :func:`~generator.load.kit.load_kit` runs
them on the whole kit every time.

The cache is no output of the owner's: losing it only costs time. So it is
written here, in ``load/``, with its own small atomic write (a temporary file
then :func:`os.replace`) rather than through ``write/`` (a layer below), and a
failure to write it is ignored. ``OWNERKIT_NO_CACHE=1`` turns it off (the test
suite runs cold with it).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.errors import Problem

CACHE_DIR = ".ownerkit-cache"
_PACKAGE = Path(__file__).resolve().parent.parent
# What a corrupt or foreign pickle can raise while it is read: any of these means "not cached".
_UNREADABLE = (
    OSError,
    pickle.UnpicklingError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    ImportError,
    IndexError,
    KeyError,
    MemoryError,
    RecursionError,
)


def cache_enabled() -> bool:
    return os.environ.get("OWNERKIT_NO_CACHE", "") in ("", "0")


@functools.cache
def code_key() -> str:
    """ownerkit's version, Python's, and a digest of every source file of the package."""
    from generator import __version__

    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class _KitUnpickler(pickle.Unpickler):
    """Builds only ownerkit's records and plain values: a planted cache file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module in ("datetime", "decimal", "builtins", "collections") or module.startswith("generator."):
            if module == "builtins" and name not in ("set", "frozenset", "tuple", "list", "dict", "getattr"):
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")


def _entry_path(root: Path, rel: str) -> Path:
    return root / CACHE_DIR / f"{rel}.pickle"


def cached_read(root: Path, rel: str, data: bytes, read: Callable[[list[Problem]], Any]) -> tuple[Any, list[Problem]]:
    """What ``read`` gives for the file ``rel`` whose bytes are ``data``: from the cache, or read and stored.

    ``read`` is called with a fresh problem list and must depend only on the file's bytes; the file
    is hashed again after it, so a result read from bytes that changed meanwhile is never stored.
    """
    sha = hashlib.sha256(data).hexdigest()
    key = (code_key(), rel, sha)
    entry = _entry_path(root, rel)
    found = _load_entry(entry, key)
    if found is not None:
        return found
    problems: list[Problem] = []
    result = read(problems)
    try:
        unchanged = hashlib.sha256((root / rel).read_bytes()).hexdigest() == sha
    except OSError:
        unchanged = False
    if unchanged:
        _store_entry(entry, key, result, problems)
    return result, problems


def _load_entry(entry: Path, key: tuple[str, str, str]) -> tuple[Any, list[Problem]] | None:
    try:
        with open(entry, "rb") as handle:
            stored = _KitUnpickler(io.BytesIO(handle.read())).load()
    except _UNREADABLE:
        return None  # no entry, or an unreadable one: read the file and store it again
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key and isinstance(stored[2], list)):
        return None  # other code, another file or other bytes
    return stored[1], stored[2]


def _store_entry(entry: Path, key: tuple[str, str, str], result: Any, problems: list[Problem]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((key, result, problems), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, entry)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError:
        return  # a read-only kit or a full disk: the next run reads the file again, nothing is lost
