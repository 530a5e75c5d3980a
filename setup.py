"""Installs one extra file next to the package: ``ownerkit-quiet.pth``.

Python runs it at start-up in the environment ownerkit is installed in. It sets
``NO_MKDOCS_2_WARNING`` so that the owner's plain ``mkdocs build`` and ``mkdocs serve``
do not open with Material's seven-line end-of-life notice, which is about the theme's
future and not about her kit. MkDocs imports the theme before any plugin, so the
ownerkit plugin itself would be too late. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.editable_wheel import editable_wheel

QUIET = Path(__file__).resolve().parent / "generator" / "ownerkit-quiet.pth"


class BuildWithQuiet(build_py):
    """Regular wheels (pip install ., pipx, a git URL): the .pth at the top of site-packages."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / QUIET.name
        shutil.copyfile(QUIET, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib) / QUIET.name)]


class EditableWithQuiet(editable_wheel):
    """Editable installs (pip install -e .): the same file in the editable wheel."""

    def _run_build_commands(self, dist_name, unpacked_wheel, build_lib, tmp_dir):  # type: ignore[no-untyped-def]
        result = super()._run_build_commands(dist_name, unpacked_wheel, build_lib, tmp_dir)
        shutil.copyfile(QUIET, Path(unpacked_wheel) / QUIET.name)
        return result


setup(cmdclass={"build_py": BuildWithQuiet, "editable_wheel": EditableWithQuiet})
