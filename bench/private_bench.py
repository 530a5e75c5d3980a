"""Time the milestones calendar and the referral report on a big synthetic kit.

    .venv/bin/python bench/private_bench.py                  # 2,000 stories, 5,000 people, 50,000 referrals
    .venv/bin/python bench/private_bench.py --referrals 500 --people 200 --stories 20

Prints the wall time of each step (best of ``--repeat`` runs) and the sizes of
what was built. The target is 5 s for building both outputs from the loaded
50,000-referral kit; loading the kit (``ownerkit check``'s work) is timed apart.
Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import make_kit  # noqa: E402
from generator.load.kit import load_kit  # noqa: E402
from generator.model.milestones import milestones  # noqa: E402
from generator.model.owed import owed  # noqa: E402
from generator.model.report import figures  # noqa: E402
from generator.render.calendar import render_calendar  # noqa: E402
from generator.render.report.html import render_html  # noqa: E402
from generator.render.report.text import render_text  # noqa: E402

TODAY = dt.date(2026, 11, 26)
T = TypeVar("T")


def best(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    assert result is not None
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--referrals", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ownerkit-private-bench-") as tmp:
        start = time.perf_counter()
        root = make_kit(Path(tmp) / "kit", args.stories, args.people, args.referrals)
        made = time.perf_counter() - start
        start = time.perf_counter()
        kit = load_kit(root, TODAY).kit
        loaded = time.perf_counter() - start

        t_owed, items = best(args.repeat, lambda: owed(kit, TODAY))
        t_model, events = best(args.repeat, lambda: milestones(kit, TODAY, items))
        t_ics, ics = best(args.repeat, lambda: render_calendar(kit, events, TODAY))
        t_fig, fig = best(args.repeat, lambda: figures(kit, TODAY, items))
        t_html, page = best(args.repeat, lambda: render_html(fig))
        t_text, text = best(args.repeat, lambda: render_text(fig))
        t_both, _ = best(
            args.repeat,
            lambda: (
                render_calendar(kit, milestones(kit, TODAY), TODAY),
                render_html(figures(kit, TODAY)),
            ),
        )

    print(f"kit: {args.stories:,} stories, {len(kit.people):,} people, {len(kit.referrals):,} referrals")
    print(f"  write synthetic kit    {made:7.2f} s")
    print(f"  load + check kit       {loaded:7.2f} s   (ownerkit check's work, timed apart)")
    print(f"  owed (who is waiting)  {t_owed:7.2f} s   {len(items):,} items")
    print(f"calendar: {len(events):,} events, {len(ics.encode()) / 1e6:.1f} MB")
    print(f"  milestones model       {t_model:7.2f} s   (owed items given)")
    print(f"  iCalendar text         {t_ics:7.2f} s")
    print(f"report: {len(page.encode()) / 1e3:.0f} kB HTML, {len(text.splitlines()):,} lines of text")
    print(f"  figures model          {t_fig:7.2f} s   (owed items given)")
    print(f"  HTML                   {t_html:7.3f} s")
    print(f"  text                   {t_text:7.3f} s")
    print(f"both, from the loaded kit (owed computed by each): {t_both:.2f} s   (target <= 5 s)")
    print(f"both, including loading the kit: {t_both + loaded:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
