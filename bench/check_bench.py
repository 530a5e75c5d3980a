"""How long ``ownerkit check`` takes on a small and on a large synthetic kit.

Prints, for each kit, the median of three runs of the library's ``load_kit``
(in this process) and of the real ``ownerkit check`` command (a new process,
so Python's and click's start-up count), against the issue's targets.

    .venv/bin/python bench/check_bench.py            # both kits
    .venv/bin/python bench/check_bench.py --runs 5   # more runs per figure
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import TODAY, make_kit
from generator.load.kit import load_kit

# (label, stories, people, referrals, target in seconds)
KITS = (
    ("500 referrals", 20, 150, 500, 0.3),
    ("2,000 stories + 50,000 referrals", 2000, 5000, 50_000, 5.0),
)


def ownerkit_command() -> list[str]:
    script = Path(sys.executable).parent / "ownerkit"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from generator.cli import main; main()"]


def time_library(root: Path, today: dt.date) -> float:
    start = time.perf_counter()
    load_kit(root, today)
    return time.perf_counter() - start


def time_process(root: Path, today: dt.date) -> float:
    command = [*ownerkit_command(), "--kit", str(root), "--today", today.isoformat(), "check"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ownerkit check failed on {root}:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is printed")
    args = parser.parse_args()
    print(f"ownerkit check, median of {args.runs} runs (python {sys.version.split()[0]})")
    missed = 0
    with tempfile.TemporaryDirectory(prefix="ownerkit-bench-") as tmp:
        for label, stories, people, referrals, target in KITS:
            root = Path(tmp) / label.split()[0].replace(",", "")
            start = time.perf_counter()
            make_kit(root, stories, people, referrals, seed=1)
            made = time.perf_counter() - start
            library = statistics.median(time_library(root, TODAY) for _ in range(args.runs))
            process = statistics.median(time_process(root, TODAY) for _ in range(args.runs))
            verdict = "ok" if process <= target else "MISSED"
            missed += verdict != "ok"
            print(
                f"  {label:34} load_kit {library:6.2f} s   ownerkit check {process:6.2f} s"
                f"   target <= {target} s: {verdict}   (kit written in {made:.2f} s)"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
