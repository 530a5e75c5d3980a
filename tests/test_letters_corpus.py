"""The letters corpus: forty-odd referral situations, each with a golden letter read as its recipient would.

The corpus kit is ``tests/letters_corpus/`` (each person's comment names their
situation). Refresh the golden letters after an intended change, and read each
one before accepting it:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_letters_corpus.py
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO, TODAY, compare_golden_tree, run_cli

from bench.letters_measures import measure, render_all

CORPUS = REPO / "tests" / "letters_corpus"
GOLDEN = REPO / "tests" / "golden" / "letters" / "corpus"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("corpus") / "kit"
    shutil.copytree(CORPUS, root)
    result = run_cli(root, "letters", "--all")
    assert result.exit_code == 0, result.output
    return root, result.output.replace(str(root), "<kit>")


def notes(root: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((root / "letters").glob("*.txt"))}


def body(note: str) -> str:
    return " ".join(note.split("-" * 60)[1].split())


def test_golden_corpus_letters(written: tuple[Path, str]) -> None:
    root, output = written
    lines = [line for line in output.splitlines() if not line.startswith(("  ", "Letters are in"))]
    tree = {"output.txt": "\n".join(lines) + "\n", **notes(root)}
    compare_golden_tree(tree, GOLDEN, "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_letters_corpus.py")
    assert len(tree) - 1 >= 40


def test_corpus_situations(written: tuple[Path, str]) -> None:
    root, output = written
    text = {name.removesuffix(".txt"): body(note) for name, note in notes(root).items()}
    situations = {line.split()[0]: line.split()[1] for line in output.splitlines() if line.startswith("  ")}
    # nobody who has died gets a letter; and a friend who has died gets no hopes of seeing them again
    assert "arthur-pennington" not in text and "more of Arthur" not in text["jean-morris"]
    # already told the news with the thanks: owed nothing, so --all writes a hello in the past tense
    assert situations["clare-whitlock"] == "hello" and "Tessa" in text["clare-whitlock"]
    # pending when thanked, a client since: the follow-up gives the news and the note not yet given
    assert situations["priya-raman"] == "follow-up" and "Grade 2" in text["priya-raman"]
    # the note was given with the thanks: the follow-up does not repeat it
    assert situations["agnes-moreau"] == "follow-up" and "before I touched a string" not in text["agnes-moreau"]
    # couples, families, organisations
    assert text["okafor-hale"].startswith("Dear Ruth and Tom,")
    assert text["mensah-family"].startswith("Dear Kofi, Ama and Esi,")
    assert text["dawes-music"].startswith("Dear Alan,")
    assert "Alan Dawes\n  Dawes Music\n" in (root / "letters" / "dawes-music.txt").read_text("utf-8")
    # two referrals within a week: one letter for both
    assert "Kemi and Dayo" in text["sam-adeyemi"]
    # late
    assert "over a year" in text["lena-brandt"] and "seven weeks" in text["siobhan-oconnor-blake"]
    # third person about the reader: the friend's name alone, and a note naming the reader left out
    assert "her neighbour" not in text["ingrid-lund"] and "Astrid" in text["ingrid-lund"]
    assert "his office" not in text["tom-fraser"] and "legend" not in text["tom-fraser"]
    # dont_mention by meaning: a word, a possessive phrase, another form of the word
    assert "divorce" not in text["martin-keane"]
    assert "ill" not in text["anita-shah"].split() and "father" not in text["anita-shah"]
    assert "restaurant" not in text["marco-rossi"]
    # the owner's question: while fresh, and never touching a dont_mention topic
    closing = text["daniel-okoro"].split("How is the album coming along? ")[1]  # the ask ends the body
    assert closing.endswith(", Nell") and "." not in closing
    assert "conservatoire" not in text["keiko-watanabe"] and "roof" not in text["fiona-mcallister"]
    # a per-person sign-off; a recorded relation; a recorded count; singular they
    assert text["peggy-hollis"].endswith("With love, Nell")
    # closings vary like sentences: none in more than three letters; "With love," only where she wrote it
    closings = Counter(note.split("\n\n")[-2].split("\n")[0] for note in notes(root).values())
    assert max(closings.values()) <= 3, closings
    assert closings["With love,"] == 1
    # the owner's line for this letter, in her words; one already sent is not repeated
    assert "share. Good luck with the half marathon on Sunday. " in text["owen-jones"]
    assert "roof" not in text["bill-hart"]
    assert "Sam Reid was" in text["alex-morgan"] or "Sam Reid were" not in text["alex-morgan"]


def test_corpus_measures() -> None:
    rendered, warned = render_all(CORPUS)
    m = measure(rendered, warned)
    assert m.top_count <= 3, m.top_sentence
    assert m.closing_count <= 3, m.top_closing
    assert m.median_share < 0.5
    assert m.over_budget_unwarned == ()


def test_letters_all_on_a_fully_thanked_kit_writes_hellos(tmp_path: Path) -> None:
    root = tmp_path / "kit"
    shutil.copytree(CORPUS, root)
    for person in ("amy-abbott", "ben-bell", "cat-cole"):
        assert run_cli(root, "thanked", person).exit_code == 0
    assert run_cli(root, "thanked", "amy-abbott", "--follow-up").exit_code == 0
    assert run_cli(root, "thanked", "ben-bell", "--follow-up").exit_code == 0
    result = run_cli(root, "letters", "--all", "--person", "amy-abbott")
    assert result.exit_code == 0, result.output
    assert "  amy-abbott  hello  " in result.output
    letter = body((root / "letters" / "amy-abbott.txt").read_text("utf-8"))
    assert "Ben" in letter and "Thank you for sending" not in letter
    assert TODAY.year == 2026
