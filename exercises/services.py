"""The ORM edge of the plan: rows in, :mod:`exercises.plan` applied, rows out.

Shared by the pages and the API so both show the same plan.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, ProgramItem
from exercises.plan import PlanItem, next_training_day, plan_for_day, week_number
from exercises.signals import want_pauses


@dataclass
class PlanEntry:
    exercise: Exercise
    item: ProgramItem
    paused: bool
    pause: ExercisePause | None
    logged: int  # sessions of this exercise logged that day

    @property
    def done(self) -> bool:
        return self.logged > 0


@dataclass
class DayPlan:
    day: datetime.date
    enrollment: Enrollment | None
    week: int | None = None
    entries: list[PlanEntry] = field(default_factory=list)
    next_day: datetime.date | None = None

    @property
    def due(self) -> list[PlanEntry]:
        return [e for e in self.entries if not e.paused]

    @property
    def paused(self) -> list[PlanEntry]:
        return [e for e in self.entries if e.paused]


def active_enrollment(user) -> Enrollment | None:
    return Enrollment.objects.select_related("program").filter(user=user, active=True).first()


def to_plan_item(item: ProgramItem) -> PlanItem:
    return PlanItem(
        exercise_id=item.exercise_id,
        days_per_week=item.days_per_week,
        from_week=item.from_week,
        to_week=item.to_week,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        key=item.pk,
    )


def open_pauses(user, day: datetime.date) -> dict[int, ExercisePause]:
    want_pauses(user)
    pauses = ExercisePause.objects.filter(user=user).open_on(day).order_by("since")
    return {pause.exercise_id: pause for pause in pauses}


def day_plan(user, day: datetime.date) -> DayPlan:
    enrollment = active_enrollment(user)
    if enrollment is None:
        return DayPlan(day=day, enrollment=None)
    rows = list(
        ProgramItem.objects.filter(program=enrollment.program)
        .select_related("exercise")
        .order_by("order", "from_week", "id")
    )
    by_id = {row.pk: row for row in rows}
    items = [to_plan_item(row) for row in rows]
    pauses = open_pauses(user, day)
    planned = plan_for_day(enrollment.started_on, day, items, pauses.keys())
    logged = Counter(
        ExerciseLog.objects.filter(user=user, date=day).values_list("exercise_id", flat=True)
    )
    entries = [
        PlanEntry(
            exercise=by_id[p.item.key].exercise,
            item=by_id[p.item.key],
            paused=p.paused,
            pause=pauses.get(p.item.exercise_id),
            logged=logged[p.item.exercise_id],
        )
        for p in planned
    ]
    return DayPlan(
        day=day,
        enrollment=enrollment,
        week=week_number(enrollment.started_on, day),
        entries=entries,
        next_day=next_training_day(enrollment.started_on, day, items, pauses.keys()),
    )


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int
    hold_seconds: int
    rest_seconds: int


def dose_for(user, exercise: Exercise, day: datetime.date) -> Dose:
    """What the user should do of ``exercise`` today: the programme's amount
    when the plan has it today, otherwise the exercise's own amount."""
    for entry in day_plan(user, day).entries:
        if entry.exercise.pk == exercise.pk:
            return Dose(
                entry.item.sets, entry.item.reps, entry.item.hold_seconds, exercise.rest_seconds
            )
    return Dose(exercise.sets, exercise.reps, exercise.hold_seconds, exercise.rest_seconds)
