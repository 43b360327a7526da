"""What a programme asks on a given day: a pure function over plain data.

No database here: the views and the API turn model rows into :class:`PlanItem`
and hand over the ids of paused exercises, so the rules below are tested with
plain tables (tests/test_exercises_plan.py).

The rules
---------
* **Weeks** count from the day the programme was started: days 0-6 are week 1,
  days 7-13 week 2, and so on. Before the start day nothing is due.
* **Which items**: an item counts in week *w* when ``from_week <= w`` and
  either it has no ``to_week`` or ``w <= to_week``. An item without an end week
  carries on after the programme's nominal length, so someone who finished the
  six weeks keeps a plan instead of an empty page.
* **Days per week**: every programme week starts on the weekday the programme
  was started. An item asked *n* days a week is due on day-of-week
  ``floor(i * 7 / n)`` for ``i = 0 .. n-1``: the training days are spread over
  the week with the rest days in between (3 a week: days 0, 2 and 4; 2 a week:
  days 0 and 3). Day 0 is always a training day, so whoever starts a
  programme can begin the same day.
* **Paused** exercises (an ``ExercisePause`` in force that day) stay in the
  result, marked ``paused``, so the page can show them as paused and say why;
  they are not due.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass

DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class PlanItem:
    """One line of a programme, as plain data."""

    exercise_id: int
    days_per_week: int
    from_week: int = 1
    to_week: int | None = None
    sets: int = 1
    reps: int = 1
    hold_seconds: int = 0
    key: int | None = None  # the ProgramItem id, when there is one


@dataclass(frozen=True)
class PlannedExercise:
    item: PlanItem
    paused: bool

    @property
    def due(self) -> bool:
        return not self.paused


def week_number(started_on: datetime.date, day: datetime.date) -> int | None:
    """Week 1 is the start day and the six days after it; None before the start."""
    if day < started_on:
        return None
    return (day - started_on).days // DAYS_IN_WEEK + 1


def training_days(days_per_week: int) -> frozenset[int]:
    """Days of the programme week (0 = the weekday it was started) to train on."""
    if not 1 <= days_per_week <= DAYS_IN_WEEK:
        raise ValueError(f"days_per_week must be 1 to 7, not {days_per_week}")
    return frozenset(i * DAYS_IN_WEEK // days_per_week for i in range(days_per_week))


def in_week(item: PlanItem, week: int) -> bool:
    return item.from_week <= week and (item.to_week is None or week <= item.to_week)


def plan_for_day(
    started_on: datetime.date,
    day: datetime.date,
    items: Iterable[PlanItem],
    paused_exercise_ids: Collection[int] = (),
) -> list[PlannedExercise]:
    """The items of the programme that fall on ``day``, in the given order."""
    week = week_number(started_on, day)
    if week is None:
        return []
    day_of_week = (day - started_on).days % DAYS_IN_WEEK
    return [
        PlannedExercise(item=item, paused=item.exercise_id in paused_exercise_ids)
        for item in items
        if in_week(item, week) and day_of_week in training_days(item.days_per_week)
    ]


def next_training_day(
    started_on: datetime.date,
    after: datetime.date,
    items: Iterable[PlanItem],
    paused_exercise_ids: Collection[int] = (),
    horizon_days: int = 14,
) -> datetime.date | None:
    """The first day after ``after`` with something due, within ``horizon_days``.

    The horizon stops at the last date Python knows (date.max), so a day near
    it gives None instead of an OverflowError.
    """
    items = list(items)
    horizon_days = min(horizon_days, (datetime.date.max - after).days)
    for offset in range(1, horizon_days + 1):
        day = after + datetime.timedelta(days=offset)
        if any(p.due for p in plan_for_day(started_on, day, items, paused_exercise_ids)):
            return day
    return None
