"""Time ``ownerkit letters`` for 10,000 unthanked referrals, next to bare Jinja2 plus the same writes.

    .venv/bin/python bench/letters_bench.py                      # 10,000 referrals from up to 10,000 people
    .venv/bin/python bench/letters_bench.py --one-each --people 12000   # 10,000 letters, one per referral
    .venv/bin/python bench/letters_bench.py --referrals 2000 --people 2000

A synthetic kit (bench/synthetic.py) is written to a temporary folder, every
``thanked:`` and ``followed_up:`` is taken out so that all its referrals are
owed a thank-you, and the kit is loaded once (timed apart). Then, in one run:

- **ownerkit**: choosing the letters, writing each body (the phrasings, the
  dont_mention filter), rendering it in its three forms (sandboxed Jinja2,
  StrictUndefined, the .eml built by hand), every check and warning (sentences
  in more than three letters too), the edited-letter manifest and atomic
  writes of all files;
- **bare Jinja2**: the same bodies and the same form templates and context
  dictionaries in a plain ``jinja2.Environment``, written with
  ``Path.write_text`` (no checks, no manifest, no atomic writes, the email body
  written as is).

Prints the wall time of each, letters and referrals per second, and the ratio.
Targets: all letters in 10 s or less, within 2x of bare Jinja2 plus writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import make_kit  # noqa: E402
from generator.load.kit import load_kit  # noqa: E402
from generator.model.cards import CARDS  # noqa: E402
from generator.model.letters import letters_owed  # noqa: E402
from generator.model.records import Kit  # noqa: E402
from generator.render.letters.body import BodyWriter  # noqa: E402
from generator.render.letters.checks import check_letter, check_together  # noqa: E402
from generator.render.letters.text import DEFAULT_TEMPLATES, FORMS, LetterRenderer, wrap_words  # noqa: E402
from generator.write.letters_folder import LetterFolder  # noqa: E402

TODAY = dt.date(2026, 11, 26)
CARD = CARDS["us-a2"]


def unthank(root: Path) -> None:
    """Take every thanked: and followed_up: out of the kit's referral files."""
    pattern = re.compile(r"^ +(?:thanked|followed_up): .*\n", re.MULTILINE)
    for path in (root / "referrals").glob("*.yml"):
        path.write_text(pattern.sub("", path.read_text("utf-8")), encoding="utf-8")


def one_referral_each(root: Path) -> None:
    """Make every referral come from a different person, so that each referral is one letter."""
    files = sorted((root / "referrals").glob("*.yml"))
    texts = {path: path.read_text("utf-8") for path in files}
    ids = [m for text in texts.values() for m in re.findall(r"^  - id: ([a-z0-9-]+)$", text, re.MULTILINE)]
    ids = [i for i in ids if not i.startswith("ref-")]
    senders = iter(ids)
    pair = re.compile(r"^    from: (\S+)\n    referred: (.+)$", re.MULTILINE)

    def swap(match: re.Match[str]) -> str:
        sender = next(senders)
        if sender == match.group(2):
            sender = next(senders)
        return f"    from: {sender}\n    referred: {match.group(2)}"

    for path, text in texts.items():
        path.write_text(pair.sub(swap, text), encoding="utf-8")


@dataclass
class OwnRun:
    seconds: float
    steps: dict[str, float]
    letters: int
    files: int
    errors: int
    warnings: int


def run_ownerkit(kit: Kit, out: Path) -> OwnRun:
    """Everything `ownerkit letters` does once the kit is loaded, into ``out``."""
    start = time.perf_counter()
    letters = letters_owed(kit, TODAY)
    chosen = time.perf_counter()
    renderer = LetterRenderer(kit)
    rendered = [renderer.render(letter, CARD, TODAY) for letter in letters]
    rendered_at = time.perf_counter()
    issues = [issue for one in rendered for issue in check_letter(one)]
    issues += check_together(rendered)
    checked_at = time.perf_counter()
    folder = LetterFolder(out)
    planned = folder.plan((name, data) for one in rendered for name, data in one.files().items())
    folder.apply(planned)
    end = time.perf_counter()
    errors = sum(i.severity == "error" for i in issues)
    steps = {
        "choose": chosen - start,
        "render": rendered_at - chosen,
        "check": checked_at - rendered_at,
        "write": end - checked_at,
    }
    return OwnRun(end - start, steps, len(letters), len(planned), errors, len(issues) - errors)


def run_bare(kit: Kit, out: Path) -> tuple[float, float]:
    """The same form templates and data in plain Jinja2, written with Path.write_text.

    The context is built untimed; each letter's body is written by ownerkit's own
    sentence choice (as the situation templates wrote it before), timed like the rest.
    """
    contexts = []
    bodies = BodyWriter()
    for letter in letters_owed(kit, TODAY):
        context = letter.context(kit, CARD, TODAY)
        context["fresh_months"] = 12
        contexts.append((letter, context))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["wrap_words"] = wrap_words
    templates = {name: env.get_template(name) for name in FORMS.values()}
    out.mkdir(parents=True)
    start = time.perf_counter()
    writing = 0.0
    for letter, context in contexts:
        pid, has_email = letter.person.id, bool(letter.person.email)
        body = "\n\n".join(bodies.write(letter, CARD, TODAY, kit.owner.signature).texts())
        context["paragraphs"] = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
        forms = [("txt", templates[FORMS["txt"]].render(context)), ("html", templates[FORMS["html"]].render(context))]
        if has_email:
            forms.append(("eml", templates[FORMS["eml"]].render(context)))
        began = time.perf_counter()
        for ext, text in forms:
            (out / f"{pid}.{ext}").write_text(text, encoding="utf-8")
        writing += time.perf_counter() - began
    return time.perf_counter() - start, writing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (alternating); the best is reported")
    parser.add_argument(
        "--one-each",
        action="store_true",
        help="every referral from a different person: as many letters as referrals (needs --people > --referrals)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ownerkit-letters-bench-") as tmp:
        root = make_kit(Path(tmp) / "kit", 5, args.people, args.referrals, args.seed)
        unthank(root)
        if args.one_each:
            one_referral_each(root)
        start = time.perf_counter()
        kit = load_kit(root, TODAY).kit
        loaded = time.perf_counter() - start
        unthanked = sum(r.thanked is None for r in kit.referrals)
        ours: list[OwnRun] = []
        bare: list[tuple[float, float]] = []
        for attempt in range(args.repeat):  # alternate, so that both see the same machine load
            ours.append(run_ownerkit(kit, Path(tmp) / f"letters-{attempt}"))
            bare.append(run_bare(kit, Path(tmp) / f"bare-{attempt}"))

    best = min(ours, key=lambda r: r.seconds)
    fastest, bare_writing = min(bare)
    n = best.letters
    steps = ", ".join(f"{k} {v:.2f} s" for k, v in best.steps.items())
    print(f"synthetic kit: {args.referrals:,} referrals ({unthanked:,} unthanked), {args.people:,} people")
    print(f"load_kit (ownerkit check's work, not counted below): {loaded:.2f} s")
    print(f"letters: {n:,} (one per referrer, covering all their unthanked referrals), {best.files:,} files")
    print(f"best of {args.repeat} runs each, alternating:")
    print(
        f"  ownerkit letters: {best.seconds:.2f} s = {n / best.seconds:,.0f} letters/s,"
        f" {unthanked / best.seconds:,.0f} referrals/s  [{steps};"
        f" {best.errors} errors, {best.warnings:,} warnings]"
    )
    print(
        f"  bare Jinja2 + Path.write_text: {fastest:.2f} s = {n / fastest:,.0f} letters/s"
        f"  [render {fastest - bare_writing:.2f} s, write {bare_writing:.2f} s]"
    )
    print(f"  ratio ownerkit / bare: {best.seconds / fastest:.2f}x  (target: <= 2x; all letters in <= 10 s)")
    ours_cpu = best.seconds - best.steps["write"]
    print(
        f"  without the writes (disk-bound, noisy on a shared machine): ownerkit {ours_cpu:.2f} s"
        f" vs bare {fastest - bare_writing:.2f} s = {ours_cpu / (fastest - bare_writing):.2f}x"
    )
    print(
        "  all runs: ownerkit "
        + " ".join(f"{r.seconds:.2f}" for r in ours)
        + " s; bare "
        + " ".join(f"{b[0]:.2f}" for b in bare)
        + " s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
