"""A new record as YAML text, written the way the README shows records.

``add person``, ``add referral`` and ``import`` append records to the owner's
files as text (see :mod:`generator.write.yamlappend`); this module turns a plain
dict into those lines. Scalars are written plain when YAML reads them back as
the same string, and double-quoted otherwise (dates, numbers, ``yes``, ``#``…);
a multi-line text (an address) becomes a ``|`` block.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml

_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_PLAIN_SAFE = re.compile(r"^[^\s#&*!|>'\"%@`{}\[\],?:-][^#\n]*$")


def scalar(value: Any) -> str:
    """One value as a YAML scalar that reads back exactly as given."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text[:1].isdigit() or text[:1] == "+":  # phones, partial dates: quoted, as the README shows them
        return json.dumps(text, ensure_ascii=False)
    if (
        _PLAIN_SAFE.match(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR
    ):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def record_lines(record: dict[str, Any], indent: int = 2) -> list[str]:
    """``record`` as block-style lines at column 0 (nested maps and lists indented by ``indent``)."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in record.items():
        if value is None or value == () or value == []:
            continue
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [pad + line for line in record_lines(value, indent)]
        elif isinstance(value, (list, tuple)):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    inner = record_lines(item, indent)
                    lines += [f"{pad}- {inner[0]}"] + [f"{pad}  {line}" for line in inner[1:]]
                else:
                    lines.append(f"{pad}- {scalar(item)}")
        elif isinstance(value, str) and "\n" in value.strip("\n"):
            lines.append(f"{key}: |")
            lines += [pad + line if line else "" for line in value.strip("\n").split("\n")]
        else:
            lines.append(f"{key}: {scalar(value)}")
    return lines
