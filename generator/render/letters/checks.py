"""Checks on every rendered letter before anything is written.

Errors (nothing is written when any letter has one): template syntax left in
the text (``{{``, ``}}``, ``{%``, ``%}``), a missing value printed as ``None`` or
``nan``, an empty greeting, placeholder-looking text (``[NAME]``, ``<NAME>``,
``TODO``, ``XXX`` ...), a ``dont_mention`` topic, a letter with nothing to say.

Warnings (the letters are still written): too long to handwrite on the chosen
card (ownerkit first leaves out its own sentences), a sentence found in more than three
letters of a batch, a letter with no personal line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from generator.errors import Problem, Severity
from generator.model.cards import CARDS
from generator.model.letters import Letter
from generator.model.shown_text import direction_control, invisibly_empty, placeholder, visible
from generator.model.topics import mentions
from generator.render.letters.text import RenderedLetter
from generator.model.text import short

MOST_LETTERS = 3  # a sentence in more letters of one batch than this reads like a form
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'’”)]*\s+(?=\S)")

TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
MISSING = re.compile(r"(?<![\w'’])(?:None|nan|NaN|null|undefined)(?![\w'’])")
PLACEHOLDER_MARKED = re.compile(
    r"\[[A-Z][A-Z0-9 _.-]*\]"  # [NAME], [FIRST NAME]
    r"|<[A-Z][A-Z0-9 _-]*>"  # <NAME>
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"  # {name}
)
PLACEHOLDER_WORDS = re.compile(
    r"\b(?:TODO|TBD|FIXME|XXX+|(?:FIRST|LAST|FULL)[ _]NAME)\b"  # capitals only: "a to-do list" is fine
    r"|(?i:lorem ipsum)"
)
_WORD_HINTS = ("TODO", "TBD", "FIXME", "XXX", "NAME")
_SALUTATIONS = ("Dear", "Hello", "Hi", "Hey")
# cheap substring tests first: nearly every letter has none of these
_SYNTAX_HINTS = ("{{", "}}", "{%", "%}", "{#", "#}")
_MISSING_HINTS = ("None", "nan", "NaN", "null", "undefined")


def issue(person_id: str, template: str, message: str, hint: str = "", severity: Severity = "error") -> Problem:
    """A problem in the letter for ``person_id``, written by ``template``."""
    return Problem(template, message=message, hint=hint, severity=severity, letter=person_id)


_BREAKS = re.compile(r"<(?:/?(?:p|div|section|title|h\d)\b[^>]*|br\s*/?)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def html_text(page: str) -> str:
    """The visible text of an HTML page: no tags, styles or scripts; entities decoded."""
    for tag in ("style", "script"):
        while (start := page.find(f"<{tag}")) >= 0:
            end = page.find(f"</{tag}>", start)
            page = page[:start] + (page[end + len(tag) + 3 :] if end >= 0 else "")
    page = _TAG.sub("", _BREAKS.sub("\n", page))
    return html.unescape(page) if "&" in page else page


def _readable(name: str, content: str) -> str:
    return html_text(content) if name.endswith(".html.j2") else content


def check_letter(rendered: RenderedLetter) -> list[Problem]:
    """Every error and warning for one letter."""
    letter = rendered.letter
    pid = letter.person.id
    issues: list[Problem] = []
    facts = letter.facts()  # the owner's own words, to tell their text from a leak

    def error(template: str, message: str, hint: str = "") -> None:
        issues.append(issue(pid, template, message, hint))

    for message, hint in _name_errors(rendered):
        error(rendered.template, message, hint)
    if not rendered.paragraphs:
        error(rendered.template, "the letter has nothing to say", "every sentence needed a fact that is not recorded")

    reported: set[str] = set()
    # names and addresses say where a letter goes, not what it says: "The Old Restaurant" is no mention
    addresses = [letter.person.name.full, letter.greeting, *rendered.addresses]
    for template, content in rendered.forms().items():
        place = f"{rendered.template} → {template}"
        text = _readable(template, content)

        def once(message: str, hint: str, place: str = place) -> None:
            # the same fault shows in every form; report it for the first
            if message not in reported:
                reported.add(message)
                error(place, message, hint)

        if any(hint in text for hint in _SYNTAX_HINTS) and (match := TEMPLATE_SYNTAX.search(text)):
            source, value = _from_facts(match.group(), facts)
            if source:
                once(
                    f'leftover template syntax "{match.group()}" in "{short(value, 60)}"',
                    f"it comes from {source}: values are never run as templates; rephrase it without braces",
                )
            else:
                once(
                    f'leftover template syntax "{match.group()}" in "{_line_of(text, match)}"',
                    "a template tag was not rendered; check the template's {{ }} and {% %} pairs",
                )
        if code := direction_control(text):
            once(f"a direction control ({code}) turns the text around", "retype the name or words it is in")
        leak = any(hint in text for hint in _MISSING_HINTS) and MISSING.search(text)
        masked = _mask(text, [v for v in facts.values() if not placeholder(v)]) if leak else text
        if leak and (match := MISSING.search(masked)):
            once(
                f'"{match.group()}" where a value should be: "{_line_of(masked, match)}"',
                "a missing fact was printed; guard it with {% if %} so the sentence is dropped",
            )
        for match in _placeholders(text):
            source, _ = _from_facts(match.group(), facts)
            hint = f"it comes from {source}; finish or remove it" if source else "fill it in or remove it"
            once(f'placeholder-looking text "{match.group()}"', hint)
        if _empty_greeting(text):
            once("a greeting with no name", f"give {pid} a given or preferred name")
        if letter.avoid and (topic := mentions(_mask(text, addresses), letter.avoid)):
            once(f'mentions "{topic}", which {pid} asked you never to mention (dont_mention)', "rephrase it")

    issues.extend(letter_warnings(rendered))
    return issues


def letter_warnings(rendered: RenderedLetter) -> list[Problem]:
    """Warnings for one letter: too long for its card, no personal line."""
    letter = rendered.letter
    pid = letter.person.id
    warnings = []
    words, chars = _size(rendered)
    card = rendered.card
    if words > card.words or chars > card.characters:
        bigger = [c.name for c in CARDS.values() if c.words >= words and c.characters >= chars]
        hint = f"try --card {bigger[0]}, or shorten your note" if bigger else "shorten your note, or write on two cards"
        warnings.append(
            issue(
                pid,
                rendered.template,
                f"too long to handwrite on {card.with_article} card: {words} words, {chars} characters"
                f" (about {card.words} words or {card.characters} characters fit)",
                hint,
                "warning",
            )
        )
    if not letter.personal:
        line = f'ownerkit letters --line {pid} "..."'
        if letter.situation == "hello":
            hint = f"add an ask: to a fresh remember fact, or a line of your own: {line}"
        else:
            hint = f"add note: to the referral with a line in your own words, or a line for this letter: {line}"
        if letter.remember:
            hint += f' (you noted: "{letter.remember[0][0]}")'
        warnings.append(issue(pid, rendered.template, "no personal line: it reads generic", hint, "warning"))
    return warnings


def check_together(rendered: list[RenderedLetter]) -> list[Problem]:
    """Warnings across letters, sentence by sentence: a sentence in more than three letters reads like a form."""
    letters_with: dict[str, list[RenderedLetter]] = {}
    for item in rendered:
        for sentence in dict.fromkeys(body_sentences(item)):
            letters_with.setdefault(sentence, []).append(item)
    warnings = []
    for sentence, items in letters_with.items():
        if len(items) > MOST_LETTERS:
            ids = [r.letter.person.id for r in items]
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            warnings.append(
                issue(
                    ids[0],
                    items[0].template,
                    f'"{short(sentence, 60)}" is in {len(ids)} letters: {shown}',
                    "a sentence every reader gets reads like a form; add a note: in your own words, or change it",
                    "warning",
                )
            )
    return warnings


def body_sentences(rendered: RenderedLetter) -> list[str]:
    """The sentences of a letter's body."""
    return [s for p in rendered.paragraphs for s in SENTENCE_END.split(p) if s]


def _size(rendered: RenderedLetter) -> tuple[int, int]:
    text = rendered.handwritten
    return len(text.split()), len(" ".join(text.split()))


def _empty_greeting(text: str) -> bool:
    """A line that is only a salutation: "Dear," with no name."""
    for word in _SALUTATIONS:
        at = text.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = visible(text[start : end if end >= 0 else len(text)]).strip()
            if line.rstrip(",!:").rstrip() == word:
                return True
            at = text.find(word, at + len(word))
    return False


def _name_errors(rendered: RenderedLetter) -> list[tuple[str, str]]:
    """An empty greeting (``"\u200b"`` is as empty as ``""`` to whoever reads the card), a placeholder as a name.

    A placeholder the owner typed ("None") is among her own words, which the
    check for printed missing values leaves alone: so it is looked for here.
    """
    pid = rendered.letter.person.id
    found = []
    if invisibly_empty(rendered.greeting):
        found.append(("the greeting is empty", f"give {pid} a given or preferred name"))
    for name in _names(rendered.letter):
        if placeholder(name):
            found.append((f'"{name}" is printed as a name', f"write {pid}'s real name in referrals/"))
    return found


def _names(letter: Letter) -> list[str]:
    """The names a letter prints as names: the reader's, and each friend's."""
    person = letter.person
    names = [n for name in (person.name, *person.with_names) for n in (name.given, name.family, name.preferred)]
    names += [f.short for f in (*letter.thanks, *letter.follow_ups, *letter.past)]
    return [n for n in names if n]


def _placeholders(text: str) -> list[re.Match[str]]:
    """Placeholder-looking matches in ``text``; cheap tests first, as nearly every letter has none."""
    found: list[re.Match[str]] = []
    if "[" in text or "<" in text or "{" in text:
        found += _unique_matches(PLACEHOLDER_MARKED, text)
    if any(hint in text for hint in _WORD_HINTS) or "lorem" in text.lower():
        found += _unique_matches(PLACEHOLDER_WORDS, text)
    return found


def _unique_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    seen: dict[str, re.Match[str]] = {}
    for match in pattern.finditer(text):
        seen.setdefault(match.group(), match)
    return list(seen.values())


def _line_of(text: str, match: re.Match[str]) -> str:
    """The line of ``text`` where ``match`` stands, shortened around it."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    line = text[start : end if end >= 0 else len(text)]
    at = match.start() - start
    if len(line) > 60:
        line = line[max(0, at - 30) : at + 30]
    return " ".join(line.replace("~", " ").split())


def _from_facts(found: str, facts: dict[str, str]) -> tuple[str, str]:
    """The field (with its file and line) whose value contains ``found``, and that value."""
    for field, value in facts.items():
        if found in value:
            return field, value
    return "", ""


def _mask(text: str, values: Iterable[str]) -> str:
    """``text`` with the owner's own words blanked, so that their "None of us" is not a leak.

    Whitespace runs count as one space on both sides, so wrapped lines still match.
    """
    for value in sorted({" ".join(v.split()) for v in values if v.strip()}, key=len, reverse=True):
        pattern = r"\s+".join(re.escape(word) for word in value.split())
        text = re.sub(pattern, lambda m: re.sub(r"\S", "~", m.group()), text)
    return text


def has_errors(issues: list[Problem]) -> bool:
    return any(i.severity == "error" for i in issues)
