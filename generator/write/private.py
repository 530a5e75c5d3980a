"""Where private outputs (the calendar, the referral report, the envelope list) may be written.

They default to ``private/`` in the kit, which is git-ignored. ``-o PATH`` may
name another place, under one clear rule, so an output never replaces
anything of the owner's:

- the file must not exist yet, or be an earlier output of the same kind
  (recognised by its own first bytes: the calendar's PRODID, the report's
  title, the envelope list's header), or be empty; anything else is refused;
- it must be a plain file: a folder, a symbolic link, a device (``/dev/full``),
  a pipe or a socket is refused, whatever it is;
- it must not be in the kit's record folders (``stories/``, ``referrals/``) or
  in what the site is built from or into (mkdocs.yml's ``docs_dir`` and
  ``site_dir``), where a new file would be read as a record or published;
- the folder it goes in must exist (only the default ``private/`` is made).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.errors import WriteRefused
from generator.load.mkdocs_config import load_mkdocs_config, published_folders

PRIVATE_DIR = "private"
RECORD_FOLDERS = ("stories", "referrals")
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class OutputKind:
    """One kind of private output: its default name and the marks an earlier one of it carries."""

    default_name: str
    what: str  # "calendar", for messages
    marks: tuple[bytes, ...]  # an existing file is an earlier output if its first bytes hold one of these


CALENDAR = OutputKind("milestones.ics", "milestones calendar", (b"PRODID:-//ownerkit//milestones//EN",))
REPORT = OutputKind("referral-report.html", "referral report", (b"<title>Referral report (private):",))
ADDRESSES_CSV = OutputKind(
    "addresses.csv",
    "envelope list",
    (
        b"Name,Organisation,Address line 1,Address line 2,Town/City,Postcode,Country\r\n",
        b"Name,Address line 1,Address line 2,Town/City,Postcode,Country\r\n",  # before the Organisation column
    ),
)
ADDRESSES_VCARD = OutputKind("addresses.vcf", "envelope cards", (b"PRODID:-//ownerkit//addresses//EN",))


def public_folders(root: Path) -> list[Path]:
    """The kit's folders whose files may end up on the public site."""
    folders = published_folders(load_mkdocs_config(root))
    return [(root / value).resolve() for value in folders.values()]


def private_target(root: Path, requested: Path | None, kind: OutputKind) -> Path:
    """The file to write: ``requested``, or ``private/<default>`` in the kit; refused by the module's rule."""
    root = Path(root)
    if requested is None:
        folder = root / PRIVATE_DIR
        if os.path.lexists(folder) and not folder.is_dir():
            raise WriteRefused(
                f"{folder}: is a file, but ownerkit keeps your private outputs in a folder of that name;"
                f" rename or move that file, or give another place with -o PATH (e.g. -o ~/{kind.default_name})"
            )
        if not folder.exists():  # made when written (not on a dry run)
            return folder.resolve() / kind.default_name
        requested = folder / kind.default_name
    return check_target(root, Path(requested), kind)


def check_target(root: Path, path: Path, kind: OutputKind) -> Path:
    """``path`` made absolute, if the module's rule lets the ``kind`` output be written there."""
    shown = str(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not path.name or path.name in (".", ".."):
        raise WriteRefused(f"{shown}: give a file name, e.g. {parent / kind.default_name}")
    target = parent.resolve() / path.name
    _refuse_kit_folders(Path(root), target, shown)
    if not parent.is_dir() and target.parent == (Path(root) / PRIVATE_DIR).resolve():
        return target  # the default folder, made when written
    if not parent.is_dir():
        raise WriteRefused(f"{shown}: the folder {parent} does not exist; create it first, or give another place")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    if stat.S_ISDIR(info.st_mode):
        raise WriteRefused(f"{shown}: is a folder; give a file name, e.g. {path / kind.default_name}")
    if not stat.S_ISREG(info.st_mode):
        what = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a plain file (a device, pipe or socket)"
        raise WriteRefused(f"{shown}: is {what}; ownerkit writes only plain files; give another place")
    if info.st_size and not _earlier_output(target, kind):  # an empty file holds nothing to lose
        raise WriteRefused(
            f"{shown}: already exists and is not an earlier {kind.what} written by ownerkit; not replacing it"
            f" (give a new file name, e.g. {parent / kind.default_name}, or move that file away first)"
        )
    return target


def _refuse_kit_folders(root: Path, target: Path, shown: str) -> None:
    kit = root.resolve()
    folders = [(folder, "is published") for folder in public_folders(root)]
    folders += [(kit / name, "holds your kit's records") for name in RECORD_FOLDERS]
    for folder, why in folders:
        if target == folder or folder in target.parents:
            name = os.path.relpath(folder, kit) if kit in folder.parents else str(folder)
            raise WriteRefused(
                f"{shown}: refusing to write a private file under {name}/, which {why};"
                f" use {PRIVATE_DIR}/ (git-ignored) or a folder outside the kit"
            )


def _earlier_output(target: Path, kind: OutputKind) -> bool:
    try:
        with open(target, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return any(mark in head for mark in kind.marks)
