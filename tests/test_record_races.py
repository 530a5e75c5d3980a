"""Two ``add referral`` at once: each gets its own id and no record is lost (the kit's write lock)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import yaml

from generator.commands.records import add_referral

TODAY = dt.date(2026, 12, 5)
WRITERS = 8  # processes started together, per round
ROUNDS = 3  # the race lost about 1 record in 2 without the lock; 24 adds catch a 1-in-10 race


def _add(root: str, n: int, start: object, out: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    recorded = add_referral(Path(root), TODAY, "joao-silva", f"Friend Number{n}")
    out.put(recorded.ident)  # type: ignore[attr-defined]


def test_concurrent_add_referral_gives_unique_ids_and_loses_nothing(kit) -> None:
    root = kit()
    context = multiprocessing.get_context("fork")
    ids: list[str] = []
    for round_ in range(ROUNDS):
        start, out = context.Barrier(WRITERS), context.Queue()
        workers = [
            context.Process(target=_add, args=(str(root), round_ * WRITERS + n, start, out)) for n in range(WRITERS)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
            assert worker.exitcode == 0
        ids += [out.get(timeout=5) for _ in workers]
    assert len(set(ids)) == WRITERS * ROUNDS
    recorded = yaml.safe_load((root / "referrals/2026.yml").read_text(encoding="utf-8"))["referrals"]
    friends = {r["referred"] for r in recorded}
    assert friends >= {f"Friend Number{n}" for n in range(WRITERS * ROUNDS)}
    assert len(recorded) == 1 + WRITERS * ROUNDS
