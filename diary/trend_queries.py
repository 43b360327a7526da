"""The database edge of the trends: six queries for any period, seven at most.

Two for the diary (the entries, and the highest reading per day), one to
check that the advice (and so the pauses) saw every write, and three for the
exercises (sessions, programmes with their items, pauses); the rules' own
queries come on top only when a write since their last run needs them. The slugs
and names of the exercises come along in the programme and pause rows (a
join). Not in the session rows: there are thousands of those for the same
few exercises, and the join made that query three times slower
(bench/trends.py). A seventh query names the logged exercises that are in
neither the programme nor a pause, only when there are any.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Max

from diary.advice_store import bring_up_to_date
from diary.models import DayEntry, PainReading
from diary.trends import (
    ROLLING_WINDOW_DAYS,
    EnrollmentSpan,
    Night,
    PauseSpan,
    days_before,
    earliest_start,
    merge_day_scores,
)
from exercises.models import (
    Enrollment,
    Exercise,
    ExerciseLog,
    ExercisePause,
    active_language,
    localized,
)
from exercises.plan import PlanItem

# What a row needs to name its exercise: slug and both names.
EXERCISE_FIELDS = ("slug", "name_nl", "name_en")


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
    """The entries and the highest reading per day, from six days before
    ``start`` (they feed the first rolling means) to ``end``. Without
    ``start`` ("everything") the period starts on the first day with data,
    but at most ten years before ``end``: an entry dated in year 1 must not
    make the server draw 740,000 days (or overflow the calendar)."""
    floor = earliest_start(end) if start is None else start
    since = days_before(floor, ROLLING_WINDOW_DAYS - 1)
    entries = DayEntry.objects.filter(user=user, date__range=(since, end))
    readings = PainReading.objects.filter(user=user, date__range=(since, end))
    rows = list(
        entries.values_list("date", "pain", "night_pain", "sleep_position", "pillow_between_knees")
    )
    highest = dict(
        readings.values("date").annotate(highest=Max("pain")).values_list("date", "highest")
    )
    scores = merge_day_scores({row[0]: row[1] for row in rows}, highest)
    if start is None:
        start = max(floor, min([row[0] for row in rows] + list(highest), default=end))
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


def _name(language: str, name_nl: str, name_en: str) -> str:
    """The exercise's name from its row, as Exercise.name gives it."""
    return localized(SimpleNamespace(name_nl=name_nl, name_en=name_en), "name", language)


def load_exercise_data(user, data: TrendData) -> None:
    """The advice's check first (one query, so that the pauses reflect every
    saved write; more when the rules must run), then three: sessions,
    programmes (one row per programme item) and pauses, then one more only
    for logged exercises still without a name."""
    bring_up_to_date(user)
    language = active_language()
    exercises = data.exercises

    def remember(exercise_id: int, slug: str, name_nl: str, name_en: str) -> None:
        if exercise_id not in exercises:
            exercises[exercise_id] = (slug, _name(language, name_nl, name_en))

    data.sessions = list(
        ExerciseLog.objects.filter(user=user, date__range=(data.start, data.end)).values_list(
            "date", "exercise_id"
        )
    )

    # One row per enrollment and programme item (a programme without items
    # gives one row with None for the item). Enrollments in their usual order
    # (the active one, then the latest: weekly_adherence takes the first that
    # covers a day), items in the programme's order.
    item = "program__items__"
    item_fields = (
        "pk",
        "exercise_id",
        "days_per_week",
        "from_week",
        "to_week",
        "sets",
        "reps",
        "hold_seconds",
    )
    rows = (
        Enrollment.objects.filter(user=user, started_on__lte=data.end)
        .exclude(ended_on__lte=data.start)
        .order_by("-active", "-started_on", "-pk", f"{item}order", f"{item}from_week", f"{item}pk")
        .values_list(
            "pk",
            "started_on",
            "ended_on",
            *(item + f for f in item_fields),
            *(f"{item}exercise__{f}" for f in EXERCISE_FIELDS),
        )
    )
    spans: dict[int, tuple[datetime.date, datetime.date | None, list[PlanItem]]] = {}
    for pk, started_on, ended_on, item_pk, exercise_id, *rest in rows:
        items = spans.setdefault(pk, (started_on, ended_on, []))[2]
        if item_pk is None:
            continue
        days_per_week, from_week, to_week, sets, reps, hold, *names = rest
        items.append(
            PlanItem(
                exercise_id=exercise_id,
                days_per_week=days_per_week,
                from_week=from_week,
                to_week=to_week,
                sets=sets,
                reps=reps,
                hold_seconds=hold,
                key=item_pk,
            )
        )
        remember(exercise_id, *names)
    data.enrollments = [
        EnrollmentSpan(started_on=s, ended_on=e, items=tuple(items))
        for s, e, items in spans.values()
    ]

    pauses = []
    for exercise_id, since, resumed_on, *names in (
        ExercisePause.objects.filter(user=user, since__lte=data.end)
        .exclude(resumed_on__lte=data.start)
        .values_list(
            "exercise_id", "since", "resumed_on", *(f"exercise__{f}" for f in EXERCISE_FIELDS)
        )
    ):
        pauses.append(PauseSpan(exercise_id, since, resumed_on))
        remember(exercise_id, *names)
    data.pauses = pauses

    unnamed = {exercise_id for _day, exercise_id in data.sessions} - exercises.keys()
    if unnamed:
        for exercise_id, *names in Exercise.objects.filter(pk__in=unnamed).values_list(
            "pk", *EXERCISE_FIELDS
        ):
            remember(exercise_id, *names)
