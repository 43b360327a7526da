"""Writing days and readings: the one place both the pages and the API use.

Writes are addressed by what the phone knows (the date, or the reading's
UUID), so replaying the same write any number of times leaves one row.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from typing import Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.db.models.signals import post_save
from django.utils import timezone

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
    """Creates or updates the user's entry for ``day``; returns it and
    whether it was new.

    ``replace`` (PUT) resets every field not in ``values``; otherwise (PATCH,
    the forms) only the given fields change. One INSERT ... ON CONFLICT DO
    UPDATE statement (PostgreSQL and SQLite both have it) instead of the ORM's
    lock, select, savepoint and insert-or-update: this is the hottest write of
    the app, replayed by phones, and concurrent calls for the same date still
    end in one row, the last one winning. The statement bypasses Model.save(),
    so post_save is sent here, as save() would, for the advice's count of
    changes (signals.py).
    """
    now = timezone.now()
    written = {**EMPTY_DAY, **values} if replace else dict(values)
    row = {
        "user_id": user.pk,
        "date": day,
        **EMPTY_DAY,
        **written,
        "created_at": now,
        "updated_at": now,
    }
    on_conflict = [*written, "updated_at"]  # created_at stays as it was
    # One transaction: the day and the advice's count of it (signals.py)
    # commit together.
    with transaction.atomic():
        entry = _upsert(row, conflict=("user_id", "date"), update=on_conflict, now=now)
        entry.user = user  # already loaded: no query when the signal asks for it
        post_save.send(
            sender=DayEntry,
            instance=entry,
            created=entry.inserted,
            update_fields=None,
            raw=False,
            using=router.db_for_write(DayEntry),
        )
    return entry, entry.inserted


def _upsert(row: dict[str, Any], *, conflict: tuple[str, ...], update: list[str], now) -> DayEntry:
    """INSERT ... ON CONFLICT (...) DO UPDATE ... RETURNING the whole row.

    Values go through each field's own conversion (JSON, dates), names through
    the backend's quoting; ``inserted`` tells a new row (its created_at is the
    ``now`` just written) from an updated one.
    """
    connection = connections[router.db_for_write(DayEntry)]
    quote = connection.ops.quote_name
    meta = DayEntry._meta
    columns = [meta.get_field(name).column for name in row]
    params = [
        meta.get_field(name).get_db_prep_save(value, connection) for name, value in row.items()
    ]
    created_at = meta.get_field("created_at").get_db_prep_save(now, connection)
    # Table and column names come from the model, every value is a parameter.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(quote(meta.get_field(n).column) for n in conflict)}) "
        "DO UPDATE SET "
        + ", ".join(
            f"{quote(meta.get_field(n).column)} = EXCLUDED.{quote(meta.get_field(n).column)}"
            for n in update
        )
        + f" RETURNING *, ({quote('created_at')} = %s) AS inserted"
    )
    (entry,) = DayEntry.objects.raw(sql, [*params, created_at])
    entry.inserted = bool(entry.inserted)
    return entry


def with_highest_reading(entry: DayEntry) -> DayEntry:
    """Sets ``highest_reading`` (what the day's score falls back to) on one
    entry; asks the database only when the entry has no pain of its own."""
    if entry.pain is None:
        entry.highest_reading = PainReading.objects.filter(
            user_id=entry.user_id, date=entry.date
        ).aggregate(highest=Max("pain"))["highest"]
    else:
        entry.highest_reading = None  # not needed: the score is the pain
    return entry


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
