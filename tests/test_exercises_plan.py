"""The plan as a pure function: tables of (start, day, items, pauses) -> what is due.

No database: exercises.plan works on plain data.
"""

from __future__ import annotations

import datetime

import pytest

from exercises.plan import (
    PlanItem,
    next_training_day,
    plan_for_day,
    training_days,
    week_number,
)

START = datetime.date(2026, 11, 2)  # a Monday; the weekday does not matter


def day(offset: int) -> datetime.date:
    return START + datetime.timedelta(days=offset)


def due_ids(offset: int, items, paused=()) -> list[int]:
    return [p.item.exercise_id for p in plan_for_day(START, day(offset), items, paused) if p.due]


@pytest.mark.parametrize(
    ("offset", "week"),
    [(-1, None), (-30, None), (0, 1), (6, 1), (7, 2), (13, 2), (14, 3), (35, 6), (41, 6), (42, 7)],
)
def test_week_number(offset, week):
    assert week_number(START, day(offset)) == week


@pytest.mark.parametrize(
    ("per_week", "days"),
    [
        (1, {0}),
        (2, {0, 3}),
        (3, {0, 2, 4}),
        (4, {0, 1, 3, 5}),
        (5, {0, 1, 2, 4, 5}),
        (6, {0, 1, 2, 3, 4, 5}),
        (7, {0, 1, 2, 3, 4, 5, 6}),
    ],
)
def test_training_days_are_spread_over_the_week(per_week, days):
    assert training_days(per_week) == days


@pytest.mark.parametrize("per_week", [0, 8, -1])
def test_impossible_days_per_week_are_refused(per_week):
    with pytest.raises(ValueError):
        training_days(per_week)


@pytest.mark.parametrize("per_week", range(1, 8))
@pytest.mark.parametrize("week", [1, 2, 5])
def test_every_week_has_exactly_the_asked_number_of_days(per_week, week):
    item = PlanItem(exercise_id=1, days_per_week=per_week)
    first = (week - 1) * 7
    assert sum(bool(due_ids(offset, [item])) for offset in range(first, first + 7)) == per_week


# offset from the start day -> is a 3-days-a-week item due?
THREE_A_WEEK = [
    (0, True),
    (1, False),
    (2, True),
    (3, False),
    (4, True),
    (5, False),
    (6, False),
    (7, True),  # week 2 starts on the same weekday as the programme
    (8, False),
    (9, True),
    (-1, False),  # before the start
]


@pytest.mark.parametrize(("offset", "due"), THREE_A_WEEK)
def test_three_days_a_week(offset, due):
    assert due_ids(offset, [PlanItem(exercise_id=7, days_per_week=3)]) == ([7] if due else [])


# (from_week, to_week, offset) -> due? (every day items, so only the week counts)
WEEK_RANGES = [
    (1, 2, 0, True),
    (1, 2, 13, True),
    (1, 2, 14, False),
    (3, 4, 13, False),
    (3, 4, 14, True),
    (3, 4, 27, True),
    (3, 4, 28, False),
    (5, None, 28, True),
    (5, None, 27, False),
    (5, None, 365, True),  # no end week: carries on after the programme's six weeks
    (2, 2, 7, True),
    (2, 2, 6, False),
]


@pytest.mark.parametrize(("from_week", "to_week", "offset", "due"), WEEK_RANGES)
def test_from_and_to_week(from_week, to_week, offset, due):
    item = PlanItem(exercise_id=3, days_per_week=7, from_week=from_week, to_week=to_week)
    assert due_ids(offset, [item]) == ([3] if due else [])


def test_progression_has_exactly_one_dose_per_week():
    # Like the seeded bridge: 2x8 in weeks 1-2, 2x10 in weeks 3-4, 3x10 from week 5.
    rows = [
        PlanItem(exercise_id=1, days_per_week=7, from_week=1, to_week=2, sets=2, reps=8),
        PlanItem(exercise_id=1, days_per_week=7, from_week=3, to_week=4, sets=2, reps=10),
        PlanItem(exercise_id=1, days_per_week=7, from_week=5, to_week=None, sets=3, reps=10),
    ]
    expected = {1: (2, 8), 2: (2, 8), 3: (2, 10), 4: (2, 10), 5: (3, 10), 6: (3, 10), 9: (3, 10)}
    for week, dose in expected.items():
        planned = plan_for_day(START, day((week - 1) * 7), rows)
        assert [(p.item.sets, p.item.reps) for p in planned] == [dose], week


def test_paused_exercises_are_listed_as_paused_not_due():
    items = [
        PlanItem(exercise_id=1, days_per_week=7),
        PlanItem(exercise_id=2, days_per_week=7),
        PlanItem(exercise_id=3, days_per_week=7),
    ]
    planned = plan_for_day(START, day(4), items, paused_exercise_ids={2})
    assert [(p.item.exercise_id, p.paused, p.due) for p in planned] == [
        (1, False, True),
        (2, True, False),
        (3, False, True),
    ]


def test_a_paused_exercise_off_its_day_is_not_listed_at_all():
    items = [PlanItem(exercise_id=1, days_per_week=1)]
    assert plan_for_day(START, day(1), items, paused_exercise_ids={1}) == []


def test_order_of_the_programme_is_kept():
    items = [PlanItem(exercise_id=i, days_per_week=7) for i in (5, 2, 9)]
    assert due_ids(0, items) == [5, 2, 9]


def test_mixed_frequencies_on_one_day():
    items = [
        PlanItem(exercise_id=1, days_per_week=3),  # days 0, 2, 4
        PlanItem(exercise_id=2, days_per_week=5),  # days 0, 1, 2, 4, 5
        PlanItem(exercise_id=3, days_per_week=7),
    ]
    assert due_ids(0, items) == [1, 2, 3]
    assert due_ids(1, items) == [2, 3]
    assert due_ids(3, items) == [3]
    assert due_ids(6, items) == [3]


@pytest.mark.parametrize(
    ("items", "paused", "after", "expected"),
    [
        ([PlanItem(1, 3)], (), 0, 2),
        ([PlanItem(1, 3)], (), 4, 7),
        ([PlanItem(1, 1)], (), 0, 7),
        ([PlanItem(1, 7)], (), 5, 6),
        ([PlanItem(1, 7)], {1}, 5, None),  # everything paused: nothing comes up
        ([PlanItem(1, 7, from_week=3)], (), 0, 14),
        ([PlanItem(1, 7, from_week=1, to_week=1)], (), 6, None),
        ([], (), 0, None),
    ],
)
def test_next_training_day(items, paused, after, expected):
    found = next_training_day(START, day(after), items, paused)
    assert found == (None if expected is None else day(expected))


def test_next_training_day_stops_at_the_last_date_there_is():
    # Near date.max the two-week horizon would step past it (OverflowError).
    last = datetime.date.max
    daily = [PlanItem(1, 7)]
    assert next_training_day(START, last, daily) is None
    assert next_training_day(START, last - datetime.timedelta(days=1), daily) == last
    assert next_training_day(START, last - datetime.timedelta(days=3), [], horizon_days=14) is None
