"""``-o`` never replaces the owner's files: one rule for the calendar, the report and the envelope list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

from generator.model.postal import PostalAddress, split_address


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("export", "addresses"), "referrals/people.yml"),
        (("report",), "mkdocs.yml"),
        (("calendar",), "stories/owner.yml"),
        (("calendar",), "pyproject.toml"),
        (("report",), "notes.txt"),
        (("calendar",), "private/referral-report.html"),  # an output, but not a calendar
    ],
)
def test_an_existing_file_that_is_not_an_earlier_output_is_refused(kit, monkeypatch, args, where) -> None:
    root = kit({"mkdocs.yml": "site_name: x\n", "pyproject.toml": "[x]\n", "notes.txt": "mine\n"})
    monkeypatch.chdir(root)
    assert run_cli(root, "report").exit_code == 0
    before = (root / where).read_bytes()
    result = run_cli(root, *args, "-o", where)
    assert result.exit_code == 1
    assert (root / where).read_bytes() == before
    if where.startswith(("stories/", "referrals/")):
        folder = where.split("/")[0]
        assert result.output == (
            f"Error: {where}: refusing to write a private file under {folder}/, which holds your kit's records;"
            " use private/ (git-ignored) or a folder outside the kit\n"
        )
    else:
        kind = "milestones calendar" if args == ("calendar",) else "referral report"
        default = "milestones.ics" if args == ("calendar",) else "referral-report.html"
        assert result.output == (
            f"Error: {where}: already exists and is not an earlier {kind} written by ownerkit; not replacing it"
            f" (give a new file name, e.g. {os.path.join(os.path.dirname(where), default)},"
            " or move that file away first)\n"
        )


def test_a_new_file_in_a_record_folder_is_refused_it_would_be_read_as_a_record(kit) -> None:
    root = kit()
    result = run_cli(root, "export", "addresses", "-o", str(root / "referrals/new.csv"))
    assert result.exit_code == 1
    assert "which holds your kit's records" in result.output
    assert not (root / "referrals/new.csv").exists()


def test_an_earlier_output_of_the_same_kind_is_replaced(kit, monkeypatch) -> None:
    root = kit()
    monkeypatch.chdir(root)
    for args in (("calendar",), ("report",), ("export", "addresses")):
        assert run_cli(root, *args).exit_code == 0
        again = run_cli(root, *args)
        assert again.exit_code == 0, again.output
        assert "wrote private/" in again.output


@pytest.mark.parametrize("kind", ["device", "fifo", "symlink", "folder"])
def test_anything_but_a_plain_file_is_refused(kit, tmp_path: Path, kind: str) -> None:
    root = kit()
    where = tmp_path / "out.ics"
    if kind == "fifo":
        os.mkfifo(where)
    elif kind == "symlink":
        (tmp_path / "real.ics").write_text("mine\n")
        where.symlink_to(tmp_path / "real.ics")
    elif kind == "folder":
        where.mkdir()
    else:
        where = Path("/dev/full")
    result = run_cli(root, "calendar", "-o", str(where))
    assert result.exit_code == 1
    expected = {
        "device": f"Error: {where}: is not a plain file (a device, pipe or socket); ownerkit writes only plain"
        " files; give another place\n",
        "fifo": f"Error: {where}: is not a plain file (a device, pipe or socket); ownerkit writes only plain"
        " files; give another place\n",
        "symlink": f"Error: {where}: is a symbolic link; ownerkit writes only plain files; give another place\n",
        "folder": f"Error: {where}: is a folder; give a file name, e.g. {where}/milestones.ics\n",
    }[kind]
    assert result.output == expected
    assert Path("/dev/full").is_char_device()
    if kind == "symlink":
        assert (tmp_path / "real.ics").read_text() == "mine\n" and where.is_symlink()


def test_a_missing_folder_gets_a_message_not_a_traceback(kit) -> None:
    result = run_cli(kit(), "calendar", "-o", "/nonexistent/dir/x.ics")
    assert result.exit_code == 1
    assert result.output == (
        "Error: /nonexistent/dir/x.ics: the folder /nonexistent/dir does not exist; create it first,"
        " or give another place\n"
    )
    assert not Path("/nonexistent").exists()


def test_private_being_a_file_says_what_is_wrong_and_what_to_do(kit) -> None:
    root = kit({"private": "a note I kept here\n"})
    result = run_cli(root, "report")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {root / 'private'}: is a file, but ownerkit keeps your private outputs in a folder of that name;"
        " rename or move that file, or give another place with -o PATH (e.g. -o ~/referral-report.html)\n"
    )
    assert (root / "private").read_text() == "a note I kept here\n"


def test_a_dry_run_makes_no_private_folder(kit) -> None:
    root = kit()
    assert run_cli(root, "calendar", "--dry-run").exit_code == 0
    assert not (root / "private").exists()


def test_check_names_the_kit_as_this_folder(kit, monkeypatch) -> None:
    root = kit({"referrals/people.yml": "people:\n  - id: x\n", "referrals/2026.yml": "referrals: []\n"})
    monkeypatch.chdir(root)
    result = run_cli(None, "check")
    assert result.output.endswith("Error: 1 problem found in this folder (kit)\n"), result.output


@pytest.mark.parametrize(
    ("address", "split"),
    [
        ("4 Mill Lane\nLeeds LS6 2AB", PostalAddress(("4 Mill Lane",), "Leeds", "LS6 2AB")),
        (
            "Flat 2\n4 Mill Lane\nLeeds\nls62ab\nUnited Kingdom",
            PostalAddress(("Flat 2", "4 Mill Lane"), "Leeds", "LS6 2AB", "United Kingdom"),
        ),
        ("4 Mill Lane\nStroud", PostalAddress(("4 Mill Lane", "Stroud"))),  # no postcode: lines in order
        ("12 Rue Haute\n75001 Paris\nFrance", PostalAddress(("12 Rue Haute", "75001 Paris"), country="France")),
        ("4 Mill Lane\nLS6 2AB", PostalAddress(("4 Mill Lane",), "", "LS6 2AB")),
    ],
)  # fmt: skip
def test_addresses_split_only_where_unambiguous(address: str, split: PostalAddress) -> None:
    assert split_address(address) == split


def test_exported_cells_never_start_like_a_formula(kit, monkeypatch) -> None:
    people = """\
    people:
      - id: eve
        name: {given: "=HYPERLINK(\\"http://x\\")", family: "+Evil"}
        address: |
          @SUM(A1)
          -1 Road
          Leeds LS6 2AB
    """
    root = kit({"referrals/people.yml": people, "referrals/2026.yml": "referrals: []\n"})
    monkeypatch.chdir(root)
    assert run_cli(root, "export", "addresses").exit_code == 0
    rows = (root / "private/addresses.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1] == '"\'=HYPERLINK(""http://x"") +Evil",,\'@SUM(A1),\'-1 Road,Leeds,LS6 2AB,'
