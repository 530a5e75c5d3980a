"""What counts as one email address ownerkit can put in a draft's To: or From: line.

One plain address, ``local@domain``: the local part is dot-separated atoms of
ASCII letters, digits and ``!#$%&'*+/=?^_`{|}~-``; the domain is two or more
ASCII labels. Anything that could become two recipients or a second header
(``,``, ``;``, spaces, ``<>``, quotes, line breaks) is refused. Internationalised
addresses are refused too, with a hint: a non-ASCII local part cannot travel in
a plain draft, and a non-ASCII domain can be written in its ``xn--`` form.
"""

from __future__ import annotations

import re

MAX_LENGTH = 254  # RFC 5321: the longest address a mail server accepts
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def address_problem(text: str) -> tuple[str, str] | None:
    """``(what is wrong, what to do)`` with ``text`` as one email address, or ``None`` when it is one."""
    if any(c in text for c in ",;"):
        return "holds a , or ; as if it were several addresses", "write one address, like name@example.com"
    if len(text.split()) > 1:
        return "has spaces in it", "write one address without spaces, like name@example.com"
    if "@" not in text:
        return "has no @", "write one address, like name@example.com"
    if text.count("@") > 1:
        return "has more than one @", "write one address, like name@example.com"
    local, domain = text.rsplit("@", 1)
    if not local.isascii():
        return (
            "has letters outside A-Z before the @, which an email draft cannot carry",
            "ask them for another address, or leave email out and write a card",
        )
    if not domain.isascii():
        return "has letters outside A-Z after the @", "write the domain in its xn-- form, as your mail program shows it"
    if len(text) > MAX_LENGTH or len(local) > 64:
        return "is too long for an email address", "check it"
    if not _LOCAL.fullmatch(local):
        return "has characters an email address cannot have before the @", "check it; e.g. name@example.com"
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return "does not end in a domain like example.com", "check the part after the @"
    return None


def is_address(text: str) -> bool:
    return address_problem(text) is None
