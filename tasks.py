#!/usr/bin/env python3
"""The README's two commands, and nothing else to install first.

    python3 tasks.py example   # build the example site and letters from this kit
    python3 tasks.py test      # ruff, mypy and the whole pytest suite

Each sets up .venv (and, for tests, Debian's chromium and Lighthouse from npm) when missing or stale.
Only the standard library is used here, so a fresh machine needs just Python.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*args: str | Path, check: bool = True) -> int:
    say(" ".join(str(a) for a in args))
    code = subprocess.call([str(a) for a in args], cwd=ROOT, env=ENV)
    if check and code != 0:
        sys.exit(code)
    return code


def ensure_venv(extras: str) -> None:
    """Create .venv and install ownerkit into it when pyproject.toml or setup.py changed."""
    stamp = VENV / f".ownerkit-{extras or 'base'}"
    wanted = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in ("pyproject.toml", "setup.py"))).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and (BIN / "ownerkit").exists():
        return
    if not (BIN / "python").exists():
        say(f"creating {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f".[{extras}]" if extras else "."
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target)
    stamp.write_text(wanted)


def ensure_chromium() -> None:
    """Debian's chromium for the browser tests; never a downloaded browser."""
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    say("installing Debian's chromium for the browser tests")
    run(*apt, "update", "-qq")
    run(*apt, "install", "-y", "-qq", "chromium", "chromium-driver")


def ensure_lighthouse() -> None:
    """Lighthouse 12.2.3 from npm into ~/.cache/ownerkit/node, for the site's accessibility tests."""
    sys.path.insert(0, str(ROOT))
    from bench.lighthouse import CACHE, VERSION
    from bench.lighthouse import ensure_lighthouse as install

    if not shutil.which("npm"):
        apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
        say("installing Debian's nodejs and npm for Lighthouse")
        run(*apt, "install", "-y", "-qq", "nodejs", "npm")
    say(f"lighthouse {VERSION} in {CACHE}")
    install()


def example() -> None:
    ensure_venv("")
    run(BIN / "ownerkit", "check")
    run(BIN / "mkdocs", "build", "--strict", "--quiet")
    say(f"site: {(ROOT / 'site' / 'index.html').relative_to(ROOT)} (preview with: .venv/bin/mkdocs serve)")
    run(BIN / "ownerkit", "letters")
    say(f"letters: {(ROOT / 'letters').relative_to(ROOT)}/ (.txt to copy by hand, .html cards to print, .eml drafts)")
    run(BIN / "ownerkit", "calendar")
    say("calendar: private/milestones.ics (private: import it into your own calendar app)")
    run(BIN / "ownerkit", "report")
    say("referral report: private/referral-report.html (private: open it in a browser; it works offline)")
    say("done")


def test() -> None:
    ensure_venv("test")
    ensure_chromium()
    ensure_lighthouse()
    run(BIN / "ruff", "check", "generator", "tests", "bench", "tasks.py")
    run(BIN / "ruff", "format", "--check", "generator", "tests", "bench", "tasks.py")
    run(BIN / "mypy")
    code = run(BIN / "python", "-m", "pytest", *sys.argv[2:], check=False)
    sys.exit(code)


if __name__ == "__main__":
    tasks = {"example": example, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in tasks:
        print(__doc__.strip())
        sys.exit(2)
    tasks[sys.argv[1]]()
