"""One row per day with data, for a spreadsheet (LibreOffice, Excel).

UTF-8 with a byte order mark: without it Excel reads UTF-8 as Windows-1252
and "pijn bij één been" becomes garbage. The separator follows the language:
a Dutch spreadsheet expects ";" (the comma is its decimal sign), an English
one ",". Dates are ISO (2026-11-22), which both read as dates.
"""

from __future__ import annotations

import csv
import datetime
import io
import zoneinfo
from collections import defaultdict

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diary.choices import Location, ReadingContext, RedFlag, SleepPosition
from diary.models import DayEntry, PainReading
from exercises.models import ExerciseLog

BOM = "\ufeff"


def delimiter(language: str | None = None) -> str:
    return ";" if (language or get_language() or "nl").startswith("nl") else ","


def header() -> list[str]:
    return [
        _("Date"),
        _("Pain (0-10)"),
        _("Extra readings"),
        _("Night pain"),
        _("Where it hurts"),
        _("Sleep position"),
        _("Pillow between the knees"),
        _("Warning signs"),
        _("Exercises done"),
        _("Note"),
    ]


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def labels(slugs, choices) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(slug, slug)) for slug in slugs)


def rows(user, start: datetime.date, end: datetime.date) -> list[list[str]]:
    """Three queries: entries, readings and exercise sessions of the period."""
    zone = zoneinfo.ZoneInfo(user.time_zone)
    entries = {
        e.date: e
        for e in DayEntry.objects.filter(user=user, date__range=(start, end)).order_by("date")
    }
    readings: dict[datetime.date, list[str]] = defaultdict(list)
    contexts = dict(ReadingContext.choices)
    for r in PainReading.objects.filter(user=user, date__range=(start, end)).order_by("taken_at"):
        moment = f" ({contexts[r.context]})" if r.context in contexts else ""
        readings[r.date].append(f"{r.taken_at.astimezone(zone):%H:%M} {r.pain}{moment}")
    sessions: dict[datetime.date, list[str]] = defaultdict(list)
    for log in (
        ExerciseLog.objects.filter(user=user, date__range=(start, end))
        .select_related("exercise")
        .order_by("date", "created_at")
    ):
        sessions[log.date].append(
            f"{log.exercise.name} {log.sets}\N{MULTIPLICATION SIGN}{log.reps}"
        )
    result = []
    for day in sorted(set(entries) | set(readings) | set(sessions)):
        entry = entries.get(day)
        result.append(
            [
                day.isoformat(),
                "" if entry is None or entry.pain is None else str(entry.pain),
                "; ".join(readings.get(day, [])),
                yes_no(entry.night_pain) if entry else "",
                labels(entry.locations, Location.choices) if entry else "",
                labels([entry.sleep_position], SleepPosition.choices)
                if entry and entry.sleep_position
                else "",
                yes_no(entry.pillow_between_knees) if entry and entry.sleep_position else "",
                labels(entry.red_flags, RedFlag.choices) if entry else "",
                "; ".join(sessions.get(day, [])),
                entry.note if entry else "",
            ]
        )
    return result


def render_csv(user, start: datetime.date, end: datetime.date) -> bytes:
    out = io.StringIO()
    # Quote every field: notes hold separators and new lines.
    writer = csv.writer(out, delimiter=delimiter(), quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows(user, start, end))
    return (BOM + out.getvalue()).encode("utf-8")
