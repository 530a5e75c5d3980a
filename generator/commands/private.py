"""``ownerkit calendar`` and ``ownerkit report``: the owner's private outputs, written where the site never goes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.errors import OwnerkitError
from generator.load.kit import load_kit
from generator.model.report import Figures, figures
from generator.render.report.html import render_html
from generator.write.files import write_atomic
from generator.write.private import CALENDAR, REPORT, private_target


@dataclass(frozen=True)
class CalendarResult:
    target: Path
    events: int
    yearly: int
    written: bool


def write_calendar(root: Path, today: dt.date, output: Path | None = None, dry_run: bool = False) -> CalendarResult:
    """Write the milestones calendar (default ``private/milestones.ics``)."""
    from generator.model.milestones import milestones
    from generator.render.calendar import render_calendar  # icalendar loads only for this command

    kit = load_kit(root, today).kit
    target = private_target(root, output, CALENDAR)
    events = milestones(kit, today)
    if not dry_run:
        _write(target, render_calendar(kit, events, today))
    return CalendarResult(target, len(events), sum(e.yearly for e in events), not dry_run)


def report_figures(root: Path, today: dt.date) -> Figures:
    """The report's figures, computed once for the HTML, the text and the JSON."""
    return figures(load_kit(root, today).kit, today)


@dataclass(frozen=True)
class ReportResult:
    target: Path
    referrals: int
    sources: int
    written: bool


def write_report(root: Path, today: dt.date, output: Path | None = None, dry_run: bool = False) -> ReportResult:
    """Write the private referral report (default ``private/referral-report.html``)."""
    fig = report_figures(root, today)
    target = private_target(root, output, REPORT)
    if not dry_run:
        _write(target, render_html(fig))
    return ReportResult(target, fig.referrals, fig.sources, not dry_run)


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise OwnerkitError(f"{path}: could not write it ({exc.strerror or exc})") from None
