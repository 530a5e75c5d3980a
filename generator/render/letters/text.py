"""Rendering letters into strings: a note to copy by hand, a print-ready card, an email draft.

Each letter's body is written by :mod:`generator.render.letters.body` from the
owner's words and varied phrasings, unless the kit's ``referrals/templates/``
holds a template named after the situation (``first.j2``, ``repeat.j2``,
``client.j2``, ``not-a-fit.j2``, ``chain.j2``, ``follow-up.j2``, ``hello.j2``):
the owner's own template then writes it. The three forms wrap the body
(``note.txt.j2``, ``card.html.j2`` with HTML autoescape, ``email.txt.j2``);
they ship in ``templates/`` here and a file of the same name in
``referrals/templates/`` overrides one. Templates are Jinja2, sandboxed, with
StrictUndefined.

Values are data, never templates: a ``{{ 7*7 }}`` in a note is passed through
as text (and then refused by :mod:`generator.render.letters.checks`). Printing a missing
value (``None``) is refused here, naming the template and line. Nothing here
writes files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import TemplateProblem
from generator.model.cards import CardSize
from generator.model.friends import LeftOut
from generator.model.letters import FRESH_MONTHS, Letter
from generator.model.records import Kit
from generator.model.topics import mentions
from generator.render.letters.body import TRIM_NAMES, Body, BodyWriter
from generator.render.letters.email import build_eml, split_subject
from generator.render.letters.sandbox import LetterSandbox, OwnerTemplateLoader, limit_problem

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"
OWNER_TEMPLATES = Path("referrals") / "templates"
FORMS = {"txt": "note.txt.j2", "html": "card.html.j2", "eml": "email.txt.j2"}

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'’”)]*\s+(?=\S)")


def wrap_words(text: str, width: int = 60) -> str:
    """``text`` wrapped at ``width`` between words only: a name like O'Connor-Blake is never split."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


class MissingValue(Exception):
    """A template printed a value the owner never recorded."""


def _finalize(value: Any) -> Any:
    if value is None:
        raise MissingValue("printed a missing value (None)")
    return value


@dataclass(frozen=True)
class RenderedLetter:
    """One letter in its three forms, with what the checks need to judge it."""

    letter: Letter
    card: CardSize
    template: str  # what wrote the body: "first letter" (ownerkit) or "referrals/templates/first.j2"
    greeting: str
    paragraphs: tuple[str, ...]
    signature: str
    sign_off: str
    text: str  # .txt: the note to copy by hand
    html: str  # .html: the print-ready card (and envelope)
    subject: str
    email_body: str
    eml: bytes | None  # .eml draft, when the person has an email address
    left_out: tuple[LeftOut, ...]
    addresses: tuple[str, ...] = ()  # the envelope's lines and the owner's own, as the forms print them
    template_words: int = 0  # words of the body that came from ownerkit's phrasings
    trimmed: tuple[str, ...] = ()  # ownerkit's sentences left out to fit the card

    @property
    def handwritten(self) -> str:
        """Exactly what goes on the card: greeting, body, sign-off."""
        return "\n\n".join([f"Dear {self.greeting},", *self.paragraphs, f"{self.sign_off}\n{self.signature}"])

    @property
    def template_share(self) -> float:
        """The share of the body's words that came from ownerkit rather than the owner's records."""
        words = sum(len(p.split()) for p in self.paragraphs)
        return self.template_words / words if words else 0.0

    def forms(self) -> dict[str, str]:
        """Each output's readable text, by the template that made it (for the checks)."""
        return {FORMS["txt"]: self.text, FORMS["html"]: self.html, FORMS["eml"]: f"{self.subject}\n\n{self.email_body}"}

    def files(self) -> dict[str, bytes]:
        """File name (inside letters/) to content."""
        pid = self.letter.person.id
        files = {f"{pid}.txt": self.text.encode("utf-8"), f"{pid}.html": self.html.encode("utf-8")}
        if self.eml is not None:
            files[f"{pid}.eml"] = self.eml
        return files


class LetterRenderer:
    """Renders letters of one kit; templates are loaded once and reused."""

    def __init__(self, kit: Kit, *, fresh_months: int = FRESH_MONTHS) -> None:
        self.kit = kit
        self.fresh_months = fresh_months
        self.owner_dir = kit.root / OWNER_TEMPLATES
        self.env = LetterSandbox(
            loader=jinja2.ChoiceLoader(
                [
                    OwnerTemplateLoader(str(self.owner_dir), OWNER_TEMPLATES.as_posix()),
                    jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)),
                ]
            ),
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_finalize,
            auto_reload=False,
        )
        self.env.filters["wrap_words"] = wrap_words
        self._templates: dict[str, jinja2.Template] = {}
        self.bodies = BodyWriter()  # one per batch: it keeps each sentence to three letters

    def origin(self, name: str) -> str:
        """Where template ``name`` comes from, as the owner would look for it."""
        if os.path.lexists(self.owner_dir / name):
            return (OWNER_TEMPLATES / name).as_posix()
        return name

    def template(self, name: str) -> jinja2.Template:
        found = self._templates.get(name)
        if found is None:
            try:
                found = self.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateProblem(f"{self.origin(name)}:{exc.lineno}: {exc.message}") from None
            except RecursionError:
                raise TemplateProblem(f"{self.origin(name)}: the template is nested too deeply") from None
            except jinja2.TemplateNotFound:
                raise TemplateProblem(
                    f"{name}: no such letter template (looked in {OWNER_TEMPLATES}/ and the defaults)"
                ) from None
            self._templates[name] = found
        return found

    def render_template(self, name: str, context: dict[str, Any], letter: Letter) -> str:
        try:
            return self.template(name).render(context)
        except (RecursionError, OverflowError, MemoryError, jinja2.exceptions.SecurityError) as exc:
            limit = limit_problem(exc)
            if limit is None:
                raise self._problem(exc, name, letter) from None
            raise TemplateProblem(f"letter for {letter.person.id}: {self.origin(name)}: {limit}") from None
        except (jinja2.TemplateError, MissingValue) as exc:
            raise self._problem(exc, name, letter) from None

    def _problem(self, exc: BaseException, name: str, letter: Letter) -> TemplateProblem:
        where = _template_place(exc, name)
        message = getattr(exc, "message", None) or str(exc)
        return TemplateProblem(
            f"letter for {letter.person.id}: {self.origin(where[0])}:{where[1]}: {message}"
            " (every value a template prints must be recorded; guard optional ones with {% if %})"
        )

    def render(self, letter: Letter, card: CardSize, today: dt.date) -> RenderedLetter:
        """The letter in its three forms."""
        context = letter.context(self.kit, card, today)
        context["fresh_months"] = self.fresh_months
        context["sign_off"] = (
            letter.person.sign_off or self.kit.owner.sign_off or self.bodies.sign_off(letter, today)
        )
        situation_template = f"{letter.situation}.j2"
        left_out = list(letter.left_out)
        body = Body()
        if os.path.lexists(self.owner_dir / situation_template):  # a fifo or folder there is reported
            text = self.render_template(situation_template, context, letter)
            origin = self.origin(situation_template)
        else:
            body = self.bodies.write(letter, card, today, self.kit.owner.signature, context["sign_off"])
            if body.trimmed:
                what = ", ".join(TRIM_NAMES.get(slot, slot) for slot in dict.fromkeys(body.trimmed))
                left_out.append(LeftOut(letter.person.id, what, f"to fit {card.with_article} card; a bigger --card keeps it"))
            text = "\n\n".join(body.texts())
            origin = f"{letter.situation} letter"
        paragraphs = tuple(_paragraphs(text, letter, left_out))
        context["paragraphs"] = list(paragraphs)
        context["font_pt"] = card_font(card, paragraphs)
        text = self.render_template(FORMS["txt"], context, letter)
        html = self.render_template(FORMS["html"], context, letter)
        email_text = self.render_template(FORMS["eml"], context, letter)
        subject, email_body = split_subject(email_text, self.origin(FORMS["eml"]))
        eml = None
        if letter.person.email:
            eml = build_eml(
                to_name=letter.person.name.full,
                to_email=letter.person.email,
                from_name=self.kit.owner.name.full,
                from_email=self.kit.owner.contact.email,
                subject=subject,
                body=email_body,
            )
        return RenderedLetter(
            letter=letter,
            card=card,
            template=origin,
            greeting=letter.greeting,
            paragraphs=paragraphs,
            signature=self.kit.owner.signature,
            sign_off=context["sign_off"],
            text=text,
            html=html,
            subject=subject,
            email_body=email_body,
            eml=eml,
            left_out=tuple(left_out),
            addresses=(
                *context["person"]["envelope_lines"],
                self.kit.owner.business,
                self.kit.owner.signature,
                *context["owner"]["address_lines"],
            ),
            template_words=body.words()[1],
            trimmed=tuple(body.trimmed),
        )


def card_font(card: CardSize, paragraphs: tuple[str, ...]) -> float:
    """A handwriting-like size that fills the card: larger for a short letter, never below the card's own."""
    words = 6 + sum(len(p.split()) for p in paragraphs)  # with greeting and sign-off
    scale = min(1.4, max(1.0, (card.words / words) ** 0.5))
    return round(card.font_pt * scale * 2) / 2


def _template_place(exc: BaseException, fallback: str) -> tuple[str, int]:
    """The template file and line where rendering failed, from the traceback Jinja rewrites."""
    lineno = getattr(exc, "lineno", None)
    name = getattr(exc, "name", None) or getattr(exc, "filename", None)
    if lineno and name:
        return Path(name).name, lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") and frame.lineno:
            path = Path(frame.filename)
            for root in (DEFAULT_TEMPLATES,):
                if root in path.parents:
                    return path.relative_to(root).as_posix(), frame.lineno
            return path.name, frame.lineno
    return fallback, 0


def _paragraphs(body: str, letter: Letter, left_out: list[LeftOut]) -> list[str]:
    """Paragraphs of the rendered body: blank lines divide them, line breaks within join with a space.

    Any sentence that touches one of the person's ``dont_mention`` topics is
    dropped here, whatever put it there (a note, a template the owner wrote).
    """
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", body):
        text = " ".join(block.split())
        if not text:
            continue
        if letter.avoid:
            kept = []
            for sentence in _SENTENCE_END.split(text):
                topic = mentions(sentence, letter.avoid)
                if topic:
                    left_out.append(LeftOut(letter.person.id, "a sentence", f'it touches "{topic}" (dont_mention)'))
                else:
                    kept.append(sentence)
            text = " ".join(kept)
        if text:
            paragraphs.append(text)
    return paragraphs
