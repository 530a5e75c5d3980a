"""Small wording helpers every output shares: counts with their noun, text cut to a length."""

from __future__ import annotations


def count(number: int, one: str, many: str | None = None, thousands: bool = False) -> str:
    """``"1 story"``, ``"3 stories"``; ``thousands`` writes ``1,200``."""
    shown = f"{number:,}" if thousands else str(number)
    return f"{shown} {one if number == 1 else (many or one + 's')}"


def short(text: str, limit: int = 40, ellipsis: str = "...") -> str:
    """``text`` on one line, cut to ``limit`` characters with ``ellipsis`` when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - len(ellipsis)] + ellipsis
