"""``ownerkit queue``: who to thank today, oldest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.load.kit import load_kit
from generator.render.queue import QueueRow, queue_rows


def queue(root: Path, today: dt.date) -> list[QueueRow]:
    """The rows of today's queue: thank-yous, follow-ups, chains, then people to say hello to."""
    return queue_rows(load_kit(root, today).kit, today)
