"""The ``.eml`` draft: headers no value can break out of, and a quoted-printable UTF-8 body.

Every header is one line. Names and subjects are made single-line first (any
line break or control character becomes a space), then written plain when
they are short ASCII and as RFC 2047 encoded words otherwise, so no value can
end a header line and start another (``Bcc:``). Addresses must be one plain
ASCII address (:mod:`generator.model.email_address`; ``ownerkit check``
refuses the rest), so a comma or semicolon can never add a recipient.
"""

from __future__ import annotations

import binascii
import re
from email.header import Header
from email.utils import formataddr

from generator.errors import TemplateProblem
from generator.model.email_address import address_problem

_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` with every line break and control character turned into one space."""
    return " ".join(_BREAKS.sub(" ", text).split())


def split_subject(email_text: str, template: str) -> tuple[str, str]:
    """``(subject, body)`` of a rendered email template whose first line is ``Subject: ...``."""
    head, _, body = email_text.lstrip("\n").partition("\n")
    if not head.startswith("Subject:"):
        raise TemplateProblem(f"{template}:1: the first line must be 'Subject: ...', got {head[:40]!r}")
    return one_line(head.removeprefix("Subject:")), body.strip("\n") + "\n"


def address_header(name: str, address: str) -> str:
    """``Name <address>`` for To: or From:, the name encoded when it is not plain ASCII."""
    why = address_problem(address)
    if why:  # check refuses these; a draft is never built around one
        raise TemplateProblem(f"cannot write an email draft to this address: it {why[0]}")
    name = one_line(name)
    if name.isascii():
        return formataddr((name, address))
    return f"{header_value(name)} <{address}>"


def header_value(text: str) -> str:
    """A header value: plain when it is short ASCII, else RFC 2047 words; never a line break."""
    text = one_line(text)
    if text.isascii() and len(text) < 900:
        return text
    return Header(text, "utf-8").encode(linesep="\r\n")


def build_eml(*, to_name: str, to_email: str, from_name: str, from_email: str | None, subject: str, body: str) -> bytes:
    """An unsent email draft: UTF-8, ``X-Unsent: 1`` so mail clients open it for editing.

    The body is quoted-printable UTF-8 with CRLF line ends (RFC 5322). Built
    directly rather than through :class:`email.message.EmailMessage`, which is ten
    times slower; the tests parse drafts back with the ``email`` package.
    """
    headers = [f"To: {address_header(to_name, to_email)}"]
    if from_email:
        headers.append(f"From: {address_header(from_name, from_email)}")
    headers += [
        f"Subject: {header_value(subject)}",
        "X-Unsent: 1",
        "X-Ownerkit: draft to edit and send personally; ownerkit never sends mail",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
    ]
    encoded = binascii.b2a_qp(body.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + encoded.replace(b"\n", b"\r\n")
