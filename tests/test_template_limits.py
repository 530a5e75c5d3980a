"""An owner's template override cannot hang, exhaust memory or crash ``ownerkit letters``.

Each hostile override ends in one ``Error:`` naming the override's own path,
exit 1, nothing written, and no traceback, well within the test's time.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import run_cli

CASES = {
    "extends itself": ("client.j2", '{% extends "client.j2" %}\n', "calls itself without end"),
    "includes itself": ("client.j2", '{% include "client.j2" %}\n', "calls itself without end"),
    "macro calls itself": (
        "client.j2",
        "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}{{ again(1) }}\n",
        "calls itself without end",
    ),
    "range of a billion": (
        "client.j2",
        "{% for i in range(10**9) %}x{% endfor %}\n",
        "passes the number 1000000000 to range",
    ),
    "a billion x": ("client.j2", "{{ 'x' * 10**9 }}\n", "repeats a text 1000000000 times"),
    "a huge power": ("client.j2", "{{ 7 ** 99999999 }}\n", "raises a number to the power 99999999"),
    "a huge centre": ("client.j2", "{{ 'x'|center(10**9) }}\n", "passes the number 1000000000"),
    "a huge method call": ("client.j2", "{{ 'x'.ljust(999999999) }}\n", "passes the number 999999999"),
    "a huge format width": ("client.j2", "{{ '%999999999d' % 1 }}\n", "formats with a width of a million or more"),
    "a huge str.format width": ("client.j2", "{{ '{:999999999}'.format(1) }}\n", "formats with a width"),
    "a huge truncate": ("client.j2", "{{ 'x'|truncate(length=10**9) }}\n", "passes the number 1000000000"),
    "a huge range step": ("client.j2", "{{ range(0, 10**6, 1)|list|length }}\n", "passes the number 1000000"),
    "a text doubled in a loop": (
        "client.j2",
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}\n",
        "built a text of 262144 characters",
    ),
    "replace grows the text": (
        "client.j2",
        "{% set a = 'x' * 100000 %}{{ a.replace('x', 'yyyyyyyyyy') }}\n",
        "replace() would build a text longer than any letter",
    ),
}


def override(kit, name: str, content: str | bytes) -> Path:  # type: ignore[no-untyped-def]
    return kit({f"referrals/templates/{name}": content})


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_override_is_reported_with_its_path(kit, case: str) -> None:
    name, text, why = CASES[case]
    root = override(kit, name, text)
    started = time.monotonic()
    result = run_cli(root, "letters")
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: letter for joao-silva: referrals/templates/{name}"), result.output
    assert why in result.output
    assert "Traceback" not in result.output
    assert not (root / "letters").exists()


def test_an_override_that_is_not_utf8_is_reported(kit) -> None:
    root = override(kit, "client.j2", b"Thank you \xff\xfe for {{ friends }}\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output == (
        "Error: referrals/templates/client.j2: byte 0xff at offset 10 is not UTF-8"
        " (save the template as UTF-8 in your editor); nothing was written\n"
    )


def test_an_override_that_is_a_fifo_is_never_opened(kit) -> None:
    root = kit()
    (root / "referrals/templates").mkdir()
    os.mkfifo(root / "referrals/templates/client.j2")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output == (
        "Error: referrals/templates/client.j2: the file is a fifo (a named pipe), not a file;"
        " move it away or replace it; nothing was written\n"
    )


def test_an_email_override_without_subject_names_its_path(kit) -> None:
    root = override(kit, "email.txt.j2", "Hello {{ person.greeting }},\n\nThank you.\n")
    result = run_cli(root, "letters")
    assert result.exit_code == 1
    assert result.output == (
        "Error: referrals/templates/email.txt.j2:1: the first line must be 'Subject: ...',"
        " got 'Hello João,'; nothing was written\n"
    )
