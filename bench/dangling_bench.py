"""How long ``ownerkit check`` takes to report 25,000 referrals that name no one.

A synthetic kit (5,000 people, 25,000 referrals) has every referral's
``from:`` misspelt (one letter dropped), so check reports 25,000 errors, each
with a "did you mean" where one is found within the suggestion cap. Target:
<= 5 s for the whole command.

    .venv/bin/python bench/dangling_bench.py
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import TODAY, make_kit

TARGET = 5.0


def misspell_every_from(root: Path) -> int:
    count = 0
    for path in sorted((root / "referrals").glob("*.yml")):
        if path.name == "people.yml":
            continue
        text, n = re.subn(r"(\n\s*-?\s*from: )([a-z])([a-z0-9-]+)", r"\1\3", path.read_text("utf-8"))
        path.write_text(text, encoding="utf-8")
        count += n
    return count


def time_check(root: Path) -> tuple[float, str]:
    script = Path(sys.executable).parent / "ownerkit"
    command = [str(script), "--kit", str(root), "--today", TODAY.isoformat(), "check"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs; the median is printed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ownerkit-bench-") as tmp:
        root = Path(tmp) / "kit"
        make_kit(root, 20, 5000, 25_000, seed=1)
        changed = misspell_every_from(root)
        runs = [time_check(root) for _ in range(args.runs)]
        output = runs[0][1]
        dangling = output.count('" names no one')
        hinted = output.count("names no one (did you mean")
        median = statistics.median(t for t, _ in runs)
        verdict = "ok" if median <= TARGET else "MISSED"
        print(f"ownerkit check with {changed} misspelt from: ids: {dangling} reported, {hinted} with a suggestion")
        print(f"  whole command (median of {args.runs}): {median:6.2f} s   target <= {TARGET} s: {verdict}")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
