"""Lighthouse 12.2.3 scores of the built example, performance included (it varies with the machine's load).

Builds the example kit with `mkdocs build`, serves it on 127.0.0.1 (gzip, as a
web host would) and prints, for the home page, a story, the stories listing,
Thanks, About and Contact, the four category scores (mobile, Lighthouse's
default throttling). Performance is the median of `--runs` runs per page.

    .venv/bin/python bench/lighthouse_bench.py            # one run per page
    .venv/bin/python bench/lighthouse_bench.py --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lighthouse import PAGES, run_lighthouse, scores, serve_site  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build_example(base: Path) -> Path:
    for name in ("stories", "referrals"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q"], cwd=base, check=True)
    return base / "site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (performance is their median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, serve_site(build_example(Path(tmp))) as base:
        print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        for name, path in PAGES.items():
            runs = [scores(run_lighthouse(base + path, CATEGORIES)) for _ in range(args.runs)]
            perf = statistics.median(r["performance"] for r in runs)
            last = runs[-1]
            print(
                f"{name:<10} {perf:>5.0f} {last['accessibility']:>5} {last['best-practices']:>5} {last['seo']:>5}",
                flush=True,
            )


if __name__ == "__main__":
    main()
