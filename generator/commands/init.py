"""``ownerkit init``: a new kit with a profile, a first story and empty records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.model.names import PersonName
from generator.model.prompts import builtin_prompts
from generator.render.starter import starter_files
from generator.write.starter import write_files


def init(
    directory: Path,
    given: str,
    family: str | None,
    business: str,
    today: dt.date,
    *,
    tagline: str | None = None,
    location: str | None = None,
    email: str | None = None,
    dry_run: bool = False,
) -> list[Path]:
    """Write the starter kit into ``directory`` and return its files, the first story last.

    Raises :class:`~generator.errors.WriteRefused` (and writes nothing) if any starter file exists.
    """
    name = PersonName(given=given.strip(), family=(family or "").strip() or None)
    files = starter_files(
        name,
        business.strip(),
        builtin_prompts()["why-i-started"],
        today,
        tagline=(tagline or "").strip() or None,
        location=(location or "").strip() or None,
        email=(email or "").strip() or None,
    )
    return write_files(directory, files, dry_run)
