"""Do the letters read like a person wrote them? Three measures, for the example kit and the letters corpus.

    .venv/bin/python bench/letters_measures.py

- **most-repeated body sentence**: the body sentence found in the most letters
  of one batch, and in how many (target: 3 at most);
- **template share**: for each letter, the share of its body's words that came
  from ownerkit's phrasings rather than from the owner's records (names, what
  they came for, notes, questions); the median over the batch (target: under 50%);
- **over the card's budget**: letters with more words or characters than fit
  on the card, and whether each has its warning (target: none without one).

Both kits are written with ``letters --all`` semantics (every living referrer,
a hello for those owed nothing) on 2026-11-26, on their own card size.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.load.kit import load_kit  # noqa: E402
from generator.model.cards import card_size  # noqa: E402
from generator.model.letters import letters_owed  # noqa: E402
from generator.render.letters.checks import body_sentences, check_letter, check_together  # noqa: E402
from generator.render.letters.text import LetterRenderer, RenderedLetter  # noqa: E402

TODAY = dt.date(2026, 11, 26)
KITS = {"example kit": ROOT, "letters corpus": ROOT / "tests" / "letters_corpus"}


@dataclass(frozen=True)
class Measures:
    letters: int
    top_sentence: str
    top_count: int
    median_share: float
    over_budget: tuple[str, ...]  # person ids
    over_budget_unwarned: tuple[str, ...]
    top_closing: str = ""
    closing_count: int = 0


def render_all(root: Path, everyone: bool = True) -> tuple[list[RenderedLetter], list[str]]:
    """Every letter of the kit at ``root``, and the ids of letters warned as too long for the card."""
    kit = load_kit(root, TODAY).kit
    card = card_size(kit.owner.card_size)[0]
    renderer = LetterRenderer(kit)
    rendered = [renderer.render(letter, card, TODAY) for letter in letters_owed(kit, TODAY, everyone=everyone)]
    issues = [i for one in rendered for i in check_letter(one)] + check_together(rendered)
    too_long = [i.letter for i in issues if "too long to handwrite" in i.message]
    return rendered, too_long


def measure(rendered: list[RenderedLetter], warned_too_long: list[str]) -> Measures:
    in_letters: Counter[str] = Counter()
    for one in rendered:
        in_letters.update(set(body_sentences(one)))
    top, top_count = in_letters.most_common(1)[0] if in_letters else ("", 0)
    shares = [one.template_share for one in rendered if one.paragraphs]
    over = tuple(one.letter.id for one in rendered if _over(one))
    closing, closing_count = Counter(one.sign_off for one in rendered).most_common(1)[0] if rendered else ("", 0)
    return Measures(
        top_closing=closing,
        closing_count=closing_count,
        letters=len(rendered),
        top_sentence=top,
        top_count=top_count,
        median_share=statistics.median(shares) if shares else 0.0,
        over_budget=over,
        over_budget_unwarned=tuple(pid for pid in over if pid not in warned_too_long),
    )


def _over(one: RenderedLetter) -> bool:
    text = " ".join(one.handwritten.split())
    return len(text.split()) > one.card.words or len(text) > one.card.characters


def main() -> int:
    for label, root in KITS.items():
        rendered, warned = render_all(root)
        m = measure(rendered, warned)
        print(f"{label}: {m.letters} letters (letters --all, {TODAY})")
        print(
            f"  most-repeated body sentence: in {m.top_count} {'letter' if m.top_count == 1 else 'letters'}"
            f' (target <= 3): "{m.top_sentence}"'
        )
        print(f'  most-repeated closing: in {m.closing_count} letters (target <= 3): "{m.top_closing}"')
        print(f"  template share of each letter's words, median: {m.median_share:.0%} (target < 50%)")
        print(
            f"  over the card's budget: {len(m.over_budget)} ({', '.join(m.over_budget) or 'none'});"
            f" without a warning: {len(m.over_budget_unwarned)} (target 0)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
