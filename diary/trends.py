"""How the pain is going: pure functions over plain data, no database.

The queries that feed these live in diary/trend_queries.py. Dates here are
the user's local calendar days, so daylight-saving changes cannot shift a
score into another day or week.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean
from typing import NamedTuple

from diary.dates import MAX_PERIOD_DAYS
from exercises.plan import DAYS_IN_WEEK, PlanItem, plan_for_day

ROLLING_WINDOW_DAYS = 7
ROLLING_MIN_SCORES = 4  # a mean of fewer than 4 of 7 days says too little
MIN_NIGHTS_PER_POSITION = 3

Scores = Mapping[datetime.date, int]


class DayPoint(NamedTuple):
    # NamedTuple rather than a frozen dataclass: thousands are made per
    # request and a frozen dataclass is several times slower to build.
    date: datetime.date
    score: int | None  # None is a gap: never drawn or counted as zero
    rolling_mean: float | None


@dataclass(frozen=True)
class WeekSummary:
    monday: datetime.date  # ISO weeks start on Monday
    iso_year: int
    iso_week: int
    days_scored: int
    mean: float | None
    lowest: int | None
    highest: int | None
    night_pain_nights: int


@dataclass(frozen=True)
class GroupMean:
    key: str
    nights: int
    mean: float


@dataclass(frozen=True)
class Comparison:
    """Mean day score on days after exercising against days after not."""

    after_exercise_mean: float | None
    after_exercise_days: int
    after_rest_mean: float | None
    after_rest_days: int


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    from_ordinal = datetime.date.fromordinal  # ordinals: the cheapest way to count days
    return [from_ordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]


def days_before(day: datetime.date, days: int) -> datetime.date:
    """``day`` minus ``days``, stopping at 1 January of year 1: old data (an
    entry dated 0001-01-02) must give a short series, not an OverflowError."""
    return datetime.date.fromordinal(max(1, day.toordinal() - days))


def earliest_start(end: datetime.date) -> datetime.date:
    """The first day of the longest period that ends on ``end`` (the same
    limit as ?from=&to=, see diary.dates.MAX_PERIOD_DAYS)."""
    return days_before(end, MAX_PERIOD_DAYS - 1)


def _window_days(day: datetime.date, length: int) -> list[datetime.date]:
    """The ``length`` days ending on ``day``, oldest first, none before year 1."""
    return days_between(days_before(day, length - 1), day)


def rolling_mean(scores: Scores, day: datetime.date) -> float | None:
    """Mean of the scores present in the 7 days ending on ``day``; only when
    at least 4 of those days have a score."""
    window = [scores[d] for d in _window_days(day, ROLLING_WINDOW_DAYS) if d in scores]
    if len(window) < ROLLING_MIN_SCORES:
        return None
    return fmean(window)


def daily_series(scores: Scores, start: datetime.date, end: datetime.date) -> list[DayPoint]:
    """One point per calendar day of the period. ``scores`` may hold days
    before ``start``: they feed the rolling mean of the first days.

    Same result as calling rolling_mean for each day, in one pass: a
    window of the last 7 days slides along, keeping its sum and count.
    """
    before = _window_days(start, ROLLING_WINDOW_DAYS)[:-1]
    # Padded to six slots so the window always holds 7 once ``start`` is in.
    window: list[int | None] = [None] * (ROLLING_WINDOW_DAYS - 1 - len(before))
    window += [scores.get(d) for d in before]
    total = sum(v for v in window if v is not None)
    count = sum(1 for v in window if v is not None)
    points = []
    for day in days_between(start, end):
        score = scores.get(day)
        window.append(score)
        if score is not None:
            total += score
            count += 1
        mean = total / count if count >= ROLLING_MIN_SCORES else None
        points.append(DayPoint(day, score, mean))
        leaving = window.pop(0)
        if leaving is not None:
            total -= leaving
            count -= 1
    return points


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weekly_summaries(
    scores: Scores,
    night_pain_days: Iterable[datetime.date],
    start: datetime.date,
    end: datetime.date,
) -> list[WeekSummary]:
    """Per ISO week touching the period: mean, lowest, highest and the nights
    with night pain, counting only days inside the period."""
    night_pain = set(night_pain_days)
    weeks: dict[datetime.date, list[datetime.date]] = defaultdict(list)
    days = days_between(start, end)
    monday = monday_of(start)
    for day in days:
        if day.weekday() == 0:
            monday = day
        weeks[monday].append(day)
    summaries = []
    for monday, days in sorted(weeks.items()):
        values = [scores[d] for d in days if d in scores]
        iso = monday.isocalendar()
        summaries.append(
            WeekSummary(
                monday=monday,
                iso_year=iso.year,
                iso_week=iso.week,
                days_scored=len(values),
                mean=fmean(values) if values else None,
                lowest=min(values, default=None),
                highest=max(values, default=None),
                night_pain_nights=sum(1 for d in days if d in night_pain),
            )
        )
    return summaries


class Night(NamedTuple):
    """What a day's entry says about the night before it (a NamedTuple for
    the same reason as DayPoint)."""

    date: datetime.date
    sleep_position: str  # "" when not filled in
    pillow_between_knees: bool


def sleep_position_means(nights: Iterable[Night], scores: Scores) -> list[GroupMean]:
    """Mean day score after each sleep position (the entry of day d tells how
    the user slept the night before d), most nights first; positions with
    fewer than 3 scored nights are left out."""
    groups: dict[str, list[int]] = defaultdict(list)
    for night in nights:
        if night.sleep_position and night.date in scores:
            groups[night.sleep_position].append(scores[night.date])
    return _group_means(groups)


def pillow_means(nights: Iterable[Night], scores: Scores) -> list[GroupMean]:
    """Mean day score after nights with and without a pillow between the
    knees, over the nights whose sleep position was filled in."""
    groups: dict[str, list[int]] = defaultdict(list)
    for night in nights:
        if night.sleep_position and night.date in scores:
            key = "with_pillow" if night.pillow_between_knees else "without_pillow"
            groups[key].append(scores[night.date])
    return _group_means(groups)


def _group_means(groups: Mapping[str, list[int]]) -> list[GroupMean]:
    means = [
        GroupMean(key, len(values), fmean(values))
        for key, values in groups.items()
        if len(values) >= MIN_NIGHTS_PER_POSITION
    ]
    return sorted(means, key=lambda g: (-g.nights, g.key))


def exercise_comparison(
    scores: Scores, exercise_days: Iterable[datetime.date], start: datetime.date, end: datetime.date
) -> Comparison:
    """Scored days in the period, split by whether the day before had exercise."""
    # As ordinals: the day before is one less (1 January of year 1 has none).
    exercised = {day.toordinal() for day in exercise_days}
    after_exercise, after_rest = [], []
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        score = scores.get(datetime.date.fromordinal(ordinal))
        if score is None:
            continue
        (after_exercise if ordinal - 1 in exercised else after_rest).append(score)
    return Comparison(
        after_exercise_mean=fmean(after_exercise) if after_exercise else None,
        after_exercise_days=len(after_exercise),
        after_rest_mean=fmean(after_rest) if after_rest else None,
        after_rest_days=len(after_rest),
    )


def merge_day_scores(
    entry_pain: Mapping[datetime.date, int | None], highest_reading: Mapping[datetime.date, int]
) -> dict[datetime.date, int]:
    """The day score of every day that has one: the entry's pain where set,
    otherwise the highest reading (see diary.pain.day_score)."""
    scores = {day: pain for day, pain in highest_reading.items()}
    scores.update({day: pain for day, pain in entry_pain.items() if pain is not None})
    return scores


PERIODS: dict[str, int | None] = {
    # key: number of days, None for everything
    "4w": 28,
    "8w": 56,
    "3m": 91,
    "1y": 365,
    "all": None,  # from the first day with data, at most MAX_PERIOD_DAYS
}
DEFAULT_PERIOD = "8w"


def period_start(today: datetime.date, key: str, first_day: datetime.date | None) -> datetime.date:
    """First day of a named period ending today; "all" starts at the first
    day with data (or today when there is none), but no earlier than the
    longest period allows (ten years, as for ?from=&to=)."""
    days = PERIODS[key]
    if days is None:
        return max(min(first_day or today, today), earliest_start(today))
    return today - datetime.timedelta(days=days - 1)


@dataclass(frozen=True)
class EnrollmentSpan:
    """A programme followed from ``started_on`` until the day before ``ended_on``."""

    started_on: datetime.date
    ended_on: datetime.date | None
    items: tuple[PlanItem, ...]

    def covers(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day < self.ended_on)


@dataclass(frozen=True)
class PauseSpan:
    """An exercise paused from ``since`` until the day before ``resumed_on``."""

    exercise_id: int
    since: datetime.date
    resumed_on: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        return self.since <= day and (self.resumed_on is None or day < self.resumed_on)


@dataclass(frozen=True)
class Adherence:
    monday: datetime.date
    exercise_id: int
    planned: int
    done: int

    @property
    def percent(self) -> int | None:
        """Sessions done as a share of those planned; None when none were planned."""
        return round(100 * self.done / self.planned) if self.planned else None


def steady_week(items: Iterable[PlanItem]) -> int:
    """The programme week from which every later week asks the same: an item
    counts from its ``from_week`` up to its ``to_week``, or on and on without
    one (exercises.plan.in_week), so past the highest of those weeks nothing
    changes any more."""
    return 1 + max((max(i.from_week, i.to_week or 0) for i in items), default=0)


def _monday_ordinal(ordinal: int) -> int:
    """monday_of for ordinals: ordinal 1, 1 January of year 1, was a Monday."""
    return ordinal - (ordinal - 1) % DAYS_IN_WEEK


def weekly_adherence(
    enrollments: Iterable[EnrollmentSpan],
    pauses: Iterable[PauseSpan],
    sessions: Iterable[tuple[datetime.date, int]],
    start: datetime.date,
    end: datetime.date,
) -> list[Adherence]:
    """Per ISO week and exercise: sessions the programme planned (paused
    exercises are not planned) against sessions logged.

    The plan of a day depends only on its programme week (the same from
    steady_week on), its day in that week and the paused exercises, so
    plan_for_day runs once per such combination, not once per day: for ten
    years that is a few dozen calls instead of 3,650 (bench/trends.py).
    """
    first, last = start.toordinal(), end.toordinal()
    # Days and Mondays as ordinals: date objects are slow to make thousands
    # of times. Ordinal 1, 1 January of year 1, was a Monday.
    spans = [
        (e, e.started_on.toordinal(), e.ended_on.toordinal() if e.ended_on else last + 1)
        for e in enrollments
    ]
    steady = {id(e): steady_week(e.items) for e, _first, _after in spans}
    paused_on: dict[int, set[int]] = defaultdict(set)
    for p in pauses:
        until = last + 1 if p.resumed_on is None else min(last + 1, p.resumed_on.toordinal())
        for ordinal in range(max(first, p.since.toordinal()), until):
            paused_on[ordinal].add(p.exercise_id)
    nothing_paused: frozenset[int] = frozenset()
    due_on: dict[tuple, list[int]] = {}
    planned: dict[tuple[int, int], int] = defaultdict(int)
    done: dict[tuple[int, int], int] = defaultdict(int)
    span = None
    for ordinal in range(first, last + 1):
        if span is None or not span[1] <= ordinal < span[2]:
            # The first enrollment that covers the day (they rarely change).
            span = next((s for s in spans if s[1] <= ordinal < s[2]), None)
            if span is None:
                continue
        enrollment, started = span[0], span[1]
        paused = frozenset(paused_on[ordinal]) if ordinal in paused_on else nothing_paused
        offset = ordinal - started
        week = min(offset // DAYS_IN_WEEK + 1, steady[id(enrollment)])
        weekday = offset % DAYS_IN_WEEK
        key = (id(enrollment), week, weekday, paused)
        due = due_on.get(key)
        if due is None:
            # A stand-in day with the same programme week and weekday.
            stand_in = enrollment.started_on + datetime.timedelta(
                days=(week - 1) * DAYS_IN_WEEK + weekday
            )
            due = due_on[key] = [
                entry.item.exercise_id
                for entry in plan_for_day(enrollment.started_on, stand_in, enrollment.items, paused)
                if entry.due
            ]
        monday = _monday_ordinal(ordinal)
        for exercise_id in due:
            planned[(monday, exercise_id)] += 1
    for day, exercise_id in sessions:
        ordinal = day.toordinal()
        if first <= ordinal <= last:
            done[(_monday_ordinal(ordinal), exercise_id)] += 1
    from_ordinal = datetime.date.fromordinal
    return [
        Adherence(from_ordinal(monday), ex, planned.get((monday, ex), 0), done.get((monday, ex), 0))
        for monday, ex in sorted(planned.keys() | done.keys())
    ]


@dataclass(frozen=True)
class TrendReport:
    start: datetime.date
    end: datetime.date
    days: list[DayPoint]
    weeks: list[WeekSummary]
    sleep_positions: list[GroupMean]
    pillow: list[GroupMean]
    exercise: Comparison
    adherence: list[Adherence]
    pauses: list[PauseSpan]

    @property
    def scored_days(self) -> int:
        return sum(1 for day in self.days if day.score is not None)

    def week_of(self, day: datetime.date) -> WeekSummary | None:
        monday = monday_of(day)
        return next((w for w in self.weeks if w.monday == monday), None)


def build_report(
    scores: Scores,
    night_pain_days: Iterable[datetime.date],
    nights: Iterable[Night],
    sessions: Iterable[tuple[datetime.date, int]],
    enrollments: Iterable[EnrollmentSpan],
    pauses: Iterable[PauseSpan],
    start: datetime.date,
    end: datetime.date,
) -> TrendReport:
    nights, sessions, pauses = list(nights), list(sessions), list(pauses)
    exercise_days = {day for day, _exercise in sessions}
    return TrendReport(
        start=start,
        end=end,
        days=daily_series(scores, start, end),
        weeks=weekly_summaries(scores, night_pain_days, start, end),
        sleep_positions=sleep_position_means(nights, scores),
        pillow=pillow_means(nights, scores),
        exercise=exercise_comparison(scores, exercise_days, start, end),
        adherence=weekly_adherence(enrollments, pauses, sessions, start, end),
        pauses=[
            p for p in pauses if p.since <= end and (p.resumed_on is None or p.resumed_on > start)
        ],
    )
