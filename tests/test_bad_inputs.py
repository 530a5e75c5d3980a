"""The bad-input corpus: every malformed kit under tests/bad_inputs/ and its exact output.

Each case is a folder ``NN-short-name/`` holding the files that overlay the base
kit of conftest.py (same relative paths), an optional ``_delete.txt`` listing
base files to leave out, and ``expected.txt``: the whole output of
``ownerkit check``, with the kit's folder written as ``<kit>``.

Refresh the expected outputs after a deliberate message change with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_bad_inputs.py`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli, write_kit

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
SPECIAL = {"expected.txt", "_delete.txt"}


def case_files(case: Path) -> dict[str, str | bytes | None]:
    """The case's files, as raw bytes, keyed by kit-relative path."""
    files: dict[str, str | bytes | None] = {}
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.name not in SPECIAL:
            files[path.relative_to(case).as_posix()] = path.read_bytes()
    deleted = case / "_delete.txt"
    if deleted.exists():
        for rel in deleted.read_text(encoding="utf-8").split():
            files[rel] = None
    return files


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 45
    assert len({case.name.split("-", 1)[0] for case in CASES}) == len(CASES), "case numbers must be unique"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Path, tmp_path: Path) -> None:
    root = write_kit(tmp_path / "kit", case_files(case))  # type: ignore[arg-type]
    result = run_cli(root, "check")
    output = result.output.replace(str(root), "<kit>")
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(output, encoding="utf-8")
    assert result.exit_code == 1, output
    assert output == expected.read_text(encoding="utf-8")
    assert "Traceback" not in output


WARNING_FILES = {
    "stories/2026-01-10-why-i-started.md": (
        "---\ntitle: Why I started\nprompt: why-i-started\ndate: 2026-01-10\n---\n\nBody.\n"
    ),
    "stories/2026-02-01-long.md": (
        "---\ntitle: A long summary\nprompt: mistake-learned\ndate: 2026-02-01\nsummary: "
        + "Flour everywhere. " * 10
        + "\n---\n\nBody.\n"
    ),
    "referrals/people.yml": """\
    people:
      - id: joao-silva
        name: {given: João, family: Silva}
        remember:
          - fact: His daughter started school in Porto
            checked: 2025-11-25
          - fact: Sings in the choir
            checked: 2025-11-26
      - id: mei-tanaka
        name: {given: Mei, family: Tanaka, order: family-first}
    """,
}
WARNINGS = (
    'referrals/people.yml:5:7: remember: joao-silva: "His daughter started school in Porto" was last checked'
    " 2025-11-25 (letters leave it out until you check it again and update checked:) [warning]\n"
    "stories/2026-01-10-why-i-started.md:2: summary: the story has no summary"
    " (listings and link previews use it) [warning]\n"
    "stories/2026-02-01-long.md:5:10: summary: the summary has 179 characters; link previews cut it at 160"
    " (shorten it) [warning]\n"
)


def test_warnings_exit_0_and_1_with_strict(kit) -> None:
    root = kit(WARNING_FILES)
    result = run_cli(root, "check")
    assert result.exit_code == 0
    assert (
        result.output
        == WARNINGS + "ownerkit check: 2 stories (0 drafts), 2 people, 1 referral: no errors, 3 warnings\n"
    )
    strict = run_cli(root, "check", "--strict")
    assert strict.exit_code == 1
    assert strict.output == WARNINGS + "Error: 3 warnings (--strict)\n"
