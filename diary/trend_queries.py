"""The database edge of the trends: a fixed number of queries for any period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Max

from diary.models import DayEntry, PainReading
from diary.trends import (
    ROLLING_WINDOW_DAYS,
    EnrollmentSpan,
    Night,
    PauseSpan,
    merge_day_scores,
)
from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause
from exercises.services import to_plan_item


@dataclass
class TrendData:
    start: datetime.date
    end: datetime.date
    scores: dict[datetime.date, int]
    night_pain_days: set[datetime.date]
    nights: list[Night]
    sessions: list[tuple[datetime.date, int]] = field(default_factory=list)
    enrollments: list[EnrollmentSpan] = field(default_factory=list)
    pauses: list[PauseSpan] = field(default_factory=list)
    exercises: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (slug, name)


def load_trend_data(user, start: datetime.date | None, end: datetime.date) -> TrendData:
    """Two queries: the entries and the highest reading per day, from six days
    before ``start`` (they feed the first rolling means) to ``end``. Without
    ``start`` ("everything") the period starts on the first day with data."""
    entries = DayEntry.objects.filter(user=user, date__lte=end)
    readings = PainReading.objects.filter(user=user, date__lte=end)
    if start is not None:
        since = start - datetime.timedelta(days=ROLLING_WINDOW_DAYS - 1)
        entries = entries.filter(date__gte=since)
        readings = readings.filter(date__gte=since)
    rows = list(
        entries.values_list("date", "pain", "night_pain", "sleep_position", "pillow_between_knees")
    )
    highest = dict(
        readings.values("date").annotate(highest=Max("pain")).values_list("date", "highest")
    )
    scores = merge_day_scores({row[0]: row[1] for row in rows}, highest)
    if start is None:
        start = min([row[0] for row in rows] + list(highest), default=end)
    in_period = [row for row in rows if row[0] >= start]
    data = TrendData(
        start=start,
        end=end,
        scores=scores,
        night_pain_days={row[0] for row in in_period if row[2]},
        nights=[Night(row[0], row[3], row[4]) for row in in_period],
    )
    load_exercise_data(user, data)
    return data


def load_exercise_data(user, data: TrendData) -> None:
    """Five queries: sessions, programmes (with their items), pauses and the
    names of the exercises involved."""
    data.sessions = list(
        ExerciseLog.objects.filter(user=user, date__range=(data.start, data.end)).values_list(
            "date", "exercise_id"
        )
    )
    enrollments = (
        Enrollment.objects.filter(user=user, started_on__lte=data.end)
        .exclude(ended_on__lte=data.start)
        .prefetch_related("program__items")
        .select_related("program")
    )
    data.enrollments = [
        EnrollmentSpan(
            started_on=e.started_on,
            ended_on=e.ended_on,
            items=tuple(to_plan_item(item) for item in e.program.items.all()),
        )
        for e in enrollments
    ]
    data.pauses = [
        PauseSpan(p.exercise_id, p.since, p.resumed_on)
        for p in ExercisePause.objects.filter(user=user, since__lte=data.end).exclude(
            resumed_on__lte=data.start
        )
    ]
    ids = {ex for _day, ex in data.sessions} | {p.exercise_id for p in data.pauses}
    ids |= {item.exercise_id for e in data.enrollments for item in e.items}
    data.exercises = {e.pk: (e.slug, str(e)) for e in Exercise.objects.filter(pk__in=ids)}
