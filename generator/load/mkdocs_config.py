"""Reading the kit's ``mkdocs.yml``: the one reader every part of ownerkit uses.

MkDocs reads the file itself when it builds; ownerkit reads it to know which
folders are published (``site_dir``, ``docs_dir``: private outputs must stay out
of them), which ``site_name`` and ``site_description`` the owner wrote (they must
agree with ``owner.yml``), and to write the emitted tree's own copy. Tags such as
``!!python/name:`` and ``!ENV`` are kept as written, never run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import KitInvalid, Problem

MKDOCS_FILE = "mkdocs.yml"


class Tagged:
    """A YAML value with a tag the safe loader does not know (``!!python/name:...``), kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag = tag
        self.value = value


class _ConfigLoader(yaml.SafeLoader):
    pass


class ConfigDumper(yaml.SafeDumper):
    """Writes a config read by :func:`read_mkdocs_config` back, tags included."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigLoader.add_multi_constructor("", _construct_tagged)
ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_mkdocs_config(text: str) -> dict[str, Any]:
    """A mkdocs.yml as a dict; tags such as ``!!python/name:`` are kept for writing back."""
    data = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader subclass
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("expected settings such as site_name:, theme: and plugins:")
    return data


def load_mkdocs_config(root: Path) -> dict[str, Any] | None:
    """The kit's mkdocs.yml, or None when it has none; :class:`KitInvalid` with the place when unreadable."""
    path = Path(root) / MKDOCS_FILE
    if not path.is_file():
        return None
    try:
        return read_mkdocs_config(path.read_text("utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = f"not valid YAML: {exc.problem or exc.context}"
        raise KitInvalid([Problem(MKDOCS_FILE, line, col, message=message)]) from exc
    except (yaml.YAMLError, ValueError, UnicodeDecodeError) as exc:
        raise KitInvalid([Problem(MKDOCS_FILE, message=f"cannot read it: {exc}")]) from exc


def published_folders(config: dict[str, Any] | None) -> dict[str, str]:
    """``site_dir`` and ``docs_dir`` as mkdocs.yml sets them (``site`` and ``docs`` by default).

    Without a mkdocs.yml (``config`` None) only ``site_dir`` is published.
    """
    if config is None:
        return {"site_dir": "site"}
    folders = {"site_dir": "site", "docs_dir": "docs"}
    for key in folders:
        value = config.get(key)
        if isinstance(value, str) and value.strip():
            folders[key] = value.strip()
    return folders


def _setting_marks(text: str) -> dict[str, tuple[int, int]]:
    """Line and column of each top-level setting's value in mkdocs.yml."""
    try:
        node = yaml.compose(text, Loader=_ConfigLoader)  # a SafeLoader subclass
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): (value.start_mark.line + 1, value.start_mark.column + 1)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def brand_conflicts(root: Path, business: str, tagline: str | None) -> list[Problem]:
    """A ``site_name`` or ``site_description`` in mkdocs.yml that contradicts owner.yml (warnings)."""
    path = Path(root) / MKDOCS_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text("utf-8")
        config = read_mkdocs_config(text)
    except (yaml.YAMLError, ValueError, UnicodeDecodeError):
        return []  # reported where mkdocs.yml is read for the build
    marks = _setting_marks(text)
    problems = []
    wanted = {"site_name": (business, "business"), "site_description": (tagline, "tagline")}
    for key, (value, field) in wanted.items():
        written = config.get(key)
        if isinstance(written, str) and written.strip() and value is not None and written.strip() != value:
            line, col = marks.get(key, (0, 0))
            problems.append(
                Problem(
                    MKDOCS_FILE,
                    line,
                    col,
                    key,
                    f'"{written.strip()}" differs from {field}: "{value}" in stories/owner.yml, which the site uses',
                    f'write {key}: "{value}", or remove it' if key == "site_description" else f'write {key}: "{value}"',
                    "warning",
                )
            )
    return problems
