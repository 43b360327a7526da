"""The diary write's body in and out without building a serializer.

PUT /api/v1/entries/{date}/ is the hottest request of the app (issue 9): a
phone sends it on every tap and replays it after being offline. Building
DRF's DayEntrySerializer twice per request (once to validate, once to
answer) cost more than the write itself (bench/put_cost.py). So:

* ``well_formed_day`` accepts a body only when it is certainly valid, and
  returns exactly what DayEntrySerializer would have validated; for
  anything else it returns None, and the caller lets the serializer say
  which field is wrong and why (in the user's language). It is never more
  lenient than the serializer: tests/test_day_body.py checks this on
  generated bodies.
* ``day_as_json`` is the one representation of a day: the serializer uses
  it too, so the API's lists and its writes cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

from diary.choices import Location, RedFlag, SleepPosition
from diary.models import NOTE_MAX_LENGTH, DayEntry
from diary.pain import PAIN_MAX, PAIN_MIN

LOCATIONS = frozenset(Location.values)
RED_FLAGS = frozenset(RedFlag.values)
SLEEP_POSITIONS = frozenset(SleepPosition.values)
FLAGS = ("night_pain", "pillow_between_knees")
# What a client may send back from what it read; ignored, as DRF ignores
# read-only fields.
READ_ONLY = frozenset({"date", "day_score", "created_at", "updated_at"})

# Unbound DRF fields, for the exact date formats DRF's serializers write.
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def _slugs(value: Any, allowed: frozenset[str]) -> list[str] | None:
    if not isinstance(value, list) or not all(
        isinstance(slug, str) and slug in allowed for slug in value
    ):
        return None
    return list(dict.fromkeys(value))  # duplicates dropped, order kept


def _note(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    # The serializer trims, then refuses NUL and lone surrogates: leave
    # those to it, and its messages.
    text = value.strip()
    if (
        len(text) > NOTE_MAX_LENGTH
        or "\x00" in text
        or any("\ud800" <= c <= "\udfff" for c in text)
    ):
        return None
    return text


def well_formed_day(data: Any) -> dict[str, Any] | None:
    """The fields of a valid day body as DayEntrySerializer validates them
    (only those given: a PUT fills in the rest, a PATCH leaves them), or
    None when the serializer must look (anything unusual or wrong)."""
    if not isinstance(data, Mapping):
        return None
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in READ_ONLY:
            continue
        if key == "pain":
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not PAIN_MIN <= value <= PAIN_MAX
            ):
                return None
            values[key] = value
        elif key in FLAGS:
            if not isinstance(value, bool):
                return None
            values[key] = value
        elif key in ("locations", "red_flags"):
            slugs = _slugs(value, LOCATIONS if key == "locations" else RED_FLAGS)
            if slugs is None:
                return None
            values[key] = slugs
        elif key == "sleep_position":
            if value is None:
                value = ""
            if not isinstance(value, str) or (value and value not in SLEEP_POSITIONS):
                return None
            values[key] = value
        elif key == "note":
            text = _note(value)
            if text is None:
                return None
            values[key] = text
        else:
            return None  # an unknown key: the serializer names it
    return values


def day_score(entry: DayEntry) -> int | None:
    """``pain`` where set, otherwise the highest reading of that day (set on
    the entry by the query that loaded it)."""
    if entry.pain is not None:
        return entry.pain
    return getattr(entry, "highest_reading", None)


def day_as_json(entry: DayEntry) -> dict[str, Any]:
    return {
        "date": _DATE.to_representation(entry.date),
        "pain": entry.pain,
        "day_score": day_score(entry),
        "night_pain": bool(entry.night_pain),
        "locations": entry.locations,
        "sleep_position": entry.sleep_position or None,
        "pillow_between_knees": bool(entry.pillow_between_knees),
        "red_flags": entry.red_flags,
        "note": entry.note,
        "created_at": _DATETIME.to_representation(entry.created_at),
        "updated_at": _DATETIME.to_representation(entry.updated_at),
    }
