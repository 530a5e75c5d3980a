"""Whole-output tests of ``ownerkit check``, ``init`` and ``new story``."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def test_check_clean_kit(kit) -> None:
    result = run_cli(kit(), "check")
    assert result.output == "ownerkit check: 1 story (0 drafts), 2 people, 1 referral: no errors\n"
    assert result.exit_code == 0


def test_check_reports_every_problem_then_exits_1(kit) -> None:
    root = kit(
        {
            "referrals/2026.yml": """\
            referrals:
              - date: 2026-02-30
                from: joao-silva
                referred: nobody-here
                outcome: clent
            """
        }
    )
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert result.output == (
        "referrals/2026.yml:2:11: date: 2026-02-30 is not a real date (February has no day 30)\n"
        'referrals/2026.yml:4:15: referred: "nobody-here" names no one'
        " (use a person's id, or their name with capitals if they are not on file)\n"
        'referrals/2026.yml:5:14: outcome: expected one of pending, client, not-a-fit, got "clent"'
        " (did you mean client?)\n"
        f"Error: 3 problems found in {root}\n"
    )


def test_check_reports_a_story_whose_address_the_site_reserves(kit) -> None:
    """``slug: index`` would collide with the stories page: check says so, before any build."""
    root = kit(
        {
            "stories/2026-02-01-x.md": (
                "---\ntitle: X\nprompt: why-i-started\ndate: 2026-02-01\nsummary: S.\nslug: index\n---\nBody\n"
            )
        }
    )
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert result.output == (
        'stories/2026-02-01-x.md:6:7: slug: "index" is reserved for the stories page (set a different slug:)\n'
        f"Error: 1 problem found in {root}\n"
    )


def test_check_strict_fails_on_warnings(kit) -> None:
    root = kit(
        {"stories/2026-01-10-why-i-started.md": "---\ntitle: T\nprompt: why-i-started\ndate: 2026-01-10\n---\nBody\n"}
    )
    result = run_cli(root, "check", "--strict")
    assert result.exit_code == 1
    assert result.output == (
        "stories/2026-01-10-why-i-started.md:2: summary: the story has no summary"
        " (listings and link previews use it) [warning]\n"
        "Error: 1 warning (--strict)\n"
    )
    assert run_cli(root, "check").exit_code == 0


def test_check_json(kit) -> None:
    import json

    result = run_cli(kit(), "check", "--json")
    assert json.loads(result.output) == {
        "ok": True,
        "counts": {"stories": 1, "drafts": 0, "people": 2, "referrals": 1},
        "problems": [],
    }


def test_init_creates_a_kit_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "new-kit"
    result = run_cli(
        None, "init", str(target), "--given", "Ana", "--family", "Ferreira", "--business", "Ferreira Bakes"
    )
    assert result.exit_code == 0, result.output
    assert (target / "stories" / "owner.yml").read_text().startswith("# Your profile")
    check = run_cli(target, "check")
    assert check.exit_code == 0, check.output
    assert check.output.endswith("ownerkit check: 1 story (1 draft), 0 people, 0 referrals: no errors, 1 warning\n")


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "kit"
    (target / "stories").mkdir(parents=True)
    (target / "stories" / "owner.yml").write_text("mine\n")
    result = run_cli(None, "init", str(target), "--given", "Ana", "--business", "B")
    assert result.exit_code == 1
    assert result.output == f"Error: {target}: not overwriting stories/owner.yml; nothing was written\n"
    assert (target / "stories" / "owner.yml").read_text() == "mine\n"
    assert not (target / "mkdocs.yml").exists()


def test_new_story_is_a_draft_with_questions(kit) -> None:
    root = kit()
    result = run_cli(root, "new", "story", "--prompt", "mistake-learned", "The order I lost")
    assert result.exit_code == 0, result.output
    path = root / "stories" / "2026-11-26-the-order-i-lost.md"
    assert path.exists()
    text = path.read_text()
    assert "draft: true" in text and "What was the mistake, in plain words?" in text
    again = run_cli(root, "new", "story", "--prompt", "mistake-learned", "The order I lost")
    assert again.exit_code == 1
    assert "already exists; not overwriting it" in again.output


def test_new_story_unknown_prompt(kit) -> None:
    result = run_cli(kit(), "new", "story", "--prompt", "why-i-quit", "X")
    assert result.exit_code == 2
    assert "unknown prompt 'why-i-quit'" in result.output


def test_init_prints_the_exact_next_commands(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(None, "init", "my kit", "--given", "Ana", "--business", "Ferreira Bakes")
    assert result.exit_code == 0, result.output
    assert result.output.split("\n\n", 1)[1] == (
        "Your kit is ready. Next:\n"
        "  cd 'my kit'\n"
        "  (write your story in stories/2026-11-26-why-i-started.md: the questions in it help you start)\n"
        "  ownerkit publish why-i-started\n"
        "  mkdocs build                 (or mkdocs serve, to watch it at http://127.0.0.1:8000)\n"
        "Then record who sends friends your way: ownerkit add person, ownerkit add referral\n"
    )
    story = tmp_path / "my kit" / "stories" / "2026-11-26-why-i-started.md"
    story.write_text(story.read_text(encoding="utf-8") + "I started with one chair.\n", encoding="utf-8")
    published = run_cli(tmp_path / "my kit", "publish", "why-i-started")
    assert published.exit_code == 0, published.output


def test_init_owner_file_shows_every_field(tmp_path: Path) -> None:
    from generator.model.names import PersonName
    from generator.model.records import Owner
    from generator.model.rules import rules_of

    target = tmp_path / "kit"
    run_cli(None, "init", str(target), "--given", "Ana", "--business", "B", "--tagline", "Bread at dawn")
    text = (target / "stories" / "owner.yml").read_text(encoding="utf-8")
    missing = [key for key in [*rules_of(Owner), *rules_of(PersonName)] if f"{key}:" not in text]
    assert missing == []
    assert 'tagline: "Bread at dawn"\n' in text
    assert "# location: Headingley, Leeds\n" in text
    lines = text.splitlines()[3:]  # below the three lines that explain the file
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") else "  " + line[4:] if line.startswith("  # ") else line for line in lines
    )
    (target / "stories" / "owner.yml").write_text(uncommented + "\n", encoding="utf-8")
    (target / "stories" / "images").mkdir()
    (target / "stories" / "images" / "me.jpg").write_bytes(b"\xff\xd8\xff\xe0 a picture")
    check = run_cli(target, "check")
    assert "owner.yml" not in check.output, check.output


def test_init_without_a_terminal_names_what_is_missing(tmp_path: Path) -> None:
    result = run_cli(None, "init", str(tmp_path / "k"), "--given", "Ana")
    assert result.exit_code == 2
    assert "--given and --business are required when not typing at a terminal" in result.output
