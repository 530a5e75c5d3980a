"""The README and the --help texts agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from conftest import REPO, run_cli

from generator.cli import main
from generator.model.prompts import PROMPTS
from generator.model.records import RECORDS
from generator.model.rules import rules_of

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's ``## title`` section, up to the next ``## `` heading."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : None if end < 0 else end]


FORMATS = section("File formats")
# the same declarations the loader reads: every field of every record of the owner's files
RULE_TABLES = {record.__name__: rules_of(record) for record in RECORDS}


def test_every_rule_table_is_checked() -> None:
    assert {"Owner", "Story", "Person", "Referral", "PersonName", "Thanks"} <= set(RULE_TABLES)
    assert all(RULE_TABLES.values()), "every record declares its fields"


@pytest.mark.parametrize("table", sorted(RULE_TABLES))
def test_every_field_is_documented(table: str) -> None:
    missing = [name for name in RULE_TABLES[table] if f"`{name}`" not in FORMATS]
    assert missing == [], f"{table}: document these fields in README.md's File formats section"


def test_every_choice_is_documented() -> None:
    for table in RULE_TABLES.values():
        for name, rule in table.items():
            for choice in rule.choices:
                assert f"`{choice}`" in FORMATS, f"{name}: {choice}"
    for prompt in PROMPTS:
        assert f"`{prompt}`" in FORMATS


def commands(group: click.Group, path: tuple[str, ...] = ("ownerkit",)) -> list[tuple[str, click.Command]]:
    """Every command and subcommand, with its full name, e.g. ``ownerkit new story``."""
    found: list[tuple[str, click.Command]] = [(" ".join(path), group)]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found.extend(commands(command, (*path, name)))
        else:
            found.append((" ".join((*path, name)), command))
    return found


COMMANDS = commands(main)


def test_all_commands_are_found() -> None:
    names = [name for name, _ in COMMANDS]
    assert {"ownerkit", "ownerkit check", "ownerkit init", "ownerkit new", "ownerkit new story"} <= set(names)


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_command_help_has_examples_and_is_in_readme(name: str, command: click.Command) -> None:
    result = run_cli(None, *name.split()[1:], "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output, f"{name} --help needs an Examples: block"
    examples = result.output.split("Examples:", 1)[1]
    assert name in examples, f"{name} --help: the examples should show the command itself"
    assert re.search(rf"`{re.escape(name)}[` ]", README), f"README.md should mention `{name}`"


def test_readme_examples_check_clean(tmp_path: Path) -> None:
    """The full examples of the File formats section make a kit that passes ``ownerkit check``."""
    blocks = re.findall(r"```(yaml|markdown)\n(.*?)```", FORMATS, re.DOTALL)
    kinds = [kind for kind, _ in blocks]
    assert kinds == ["yaml", "markdown", "yaml", "yaml"], kinds
    (owner, story_md, story_yml, referrals) = (text for _, text in blocks)
    files = {
        "stories/owner.yml": owner,
        "stories/2021-03-15-why-i-left-the-classroom.md": story_md,
        "stories/2022-04-12-water-under-the-workshop-door.yml": story_yml,
        "referrals/people.yml": referrals,
        "stories/images/owner.svg": "<svg/>\n",
        "stories/images/tuning-fork.svg": "<svg/>\n",
    }
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = run_cli(tmp_path, "check")
    assert result.output == "ownerkit check: 2 stories (1 draft), 3 people, 2 referrals: no errors\n"
    assert result.exit_code == 0


def test_the_layout_section_names_modules_that_exist() -> None:
    """The README's drawing of the layers and the flow of a story and a referral names real modules."""
    start = README.index("**How the code is laid out.**")
    text = README[start : README.index("\n**", start + 1)]
    named = set(re.findall(r"`?((?:[a-z_]+/)+[a-z_]+\.py)`?", text))
    package = REPO / "generator"
    missing = sorted(
        path
        for path in named
        if not path.startswith(("tests/", "stories/", "referrals/"))
        and not (package / path).exists()
        and not (REPO / path).exists()
    )
    assert len(named) > 10
    assert missing == [], "the README's layout section names modules that do not exist"


def test_new_story_help_lists_every_built_in_prompt() -> None:
    """The help reads the same table as the story rule: a new prompt needs no edit here."""
    result = run_cli(None, "new", "story", "--help")
    assert all(prompt in " ".join(result.output.split()) for prompt in PROMPTS)
