"""Writing days and readings: the one place both the pages and the API use.

Writes are addressed by what the phone knows (the date, or the reading's
UUID), so replaying the same write any number of times leaves one row.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, QuerySet, Subquery

from diary.models import DayEntry, PainReading

# What a day looks like when nothing is filled in; PUT replaces with these.
EMPTY_DAY: dict[str, Any] = {
    "pain": None,
    "night_pain": False,
    "locations": [],
    "sleep_position": "",
    "pillow_between_knees": False,
    "red_flags": [],
    "note": "",
}


class NotYours(Exception):
    """The addressed object exists but belongs to someone else."""


def save_day(
    user, day: datetime.date, values: dict[str, Any], *, replace: bool
) -> tuple[DayEntry, bool]:
    """Creates or updates the user's entry for ``day``.

    ``replace`` (PUT) resets every field not in ``values``; otherwise (PATCH,
    the forms) only the given fields change. Concurrent calls for the same
    date end in one row: update_or_create locks the row, and a lost race on
    insert is retried as an update.
    """
    fields = {**EMPTY_DAY, **values} if replace else dict(values)
    return DayEntry.objects.update_or_create(user=user, date=day, defaults=fields)


def save_reading(user, reading_id: uuid.UUID, values: dict[str, Any]) -> tuple[PainReading, bool]:
    """Creates or replaces the reading with this client-made id.

    Raises NotYours when the id belongs to another user's reading: that one
    is never touched, and the caller answers as if it did not exist.
    """
    taken_at: datetime.datetime = values["taken_at"]
    fields = {
        **values,
        "date": taken_at.astimezone(zoneinfo.ZoneInfo(user.time_zone)).date(),
    }
    if PainReading.objects.filter(pk=reading_id).exclude(user=user).exists():
        raise NotYours
    try:
        with transaction.atomic():
            return PainReading.objects.update_or_create(id=reading_id, user=user, defaults=fields)
    except IntegrityError:
        # Another user's reading got this id between the check and the insert.
        raise NotYours from None


def entries_with_scores(user) -> QuerySet[DayEntry]:
    """The user's entries, each annotated with its highest reading (one query)."""
    highest = (
        PainReading.objects.filter(user=user, date=OuterRef("date"))
        .values("date")
        .annotate(highest=Max("pain"))
        .values("highest")
    )
    return DayEntry.objects.filter(user=user).annotate(highest_reading=Subquery(highest))
