"""Whether someone is typing: then commands ask for what their options did not give.

One function in its own module so that every command asks the same question,
and tests can answer it.
"""

from __future__ import annotations

import sys


def at_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
