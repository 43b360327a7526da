"""Milliseconds per trends request for 1, 5 and 10 years of daily entries.

Run from the project root with `make bench-trends` (or `make bench`, which
also runs the other quick benchmarks), or by hand:
    DEBUG=false SECRET_KEY=... .venv/bin/python bench/trends.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heupdagboek_bench ... bench/trends.py

It creates a throw-away test database (like the test suite does), fills one
user per size with a daily entry, a reading every third day, the seeded
"gentle-hip-start" programme followed from the first day (so the weekly
adherence, the costliest sum, is part of every request), 3 sessions a week
of each of its exercises and a two-week pause each year, then times GET
/api/v1/trends/?period=all through Django's test client (the full stack:
middleware, auth, queries, maths, JSON) and prints the median of 15 runs.
"cpu" is this process's CPU time (median): on a busy machine it moves less
than the wall-clock figures, but it leaves out PostgreSQL's own work.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heupdagboek.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

RUNS = 15
YEARS = (1, 5, 10)


def fill(user, years: int) -> None:
    from diary.models import DayEntry, PainReading

    today = user.today()
    days = [today - datetime.timedelta(days=n) for n in range(365 * years)]
    DayEntry.objects.bulk_create(
        (
            DayEntry(
                user=user,
                date=d,
                pain=(d.toordinal() * 7) % 11,
                night_pain=d.day % 6 == 0,
                sleep_position=["back", "left_side", "right_side", "mixed"][d.day % 4],
                pillow_between_knees=d.day % 2 == 0,
            )
            for d in days
        ),
        batch_size=2000,
    )
    PainReading.objects.bulk_create(
        (
            PainReading(
                user=user,
                taken_at=datetime.datetime.combine(d, datetime.time(8), tzinfo=datetime.UTC),
                date=d,
                pain=(d.toordinal() * 3) % 11,
                context="morning",
            )
            for d in days[::3]
        ),
        batch_size=2000,
    )
    fill_exercises(user, days)


def fill_exercises(user, days) -> None:
    """The programme from the first day, three sessions a week (Mon, Wed,
    Fri) of each of its exercises, and one two-week pause a year."""
    import uuid

    from exercises.models import Enrollment, ExerciseLog, ExercisePause, Program

    program = Program.objects.get(slug="gentle-hip-start")
    Enrollment.start(user, program, days[-1])
    # The programme builds up in steps, so an exercise has several items.
    exercises = list(
        dict.fromkeys(item.exercise for item in program.items.select_related("exercise"))
    )
    ExerciseLog.objects.bulk_create(
        (
            ExerciseLog(
                id=uuid.uuid4(),
                user=user,
                exercise=exercise,
                date=d,
                sets=1,
                reps=10,
                pain_during=3,
            )
            for d in days
            if d.weekday() in (0, 2, 4)
            for exercise in exercises
        ),
        batch_size=2000,
    )
    ExercisePause.objects.bulk_create(
        ExercisePause(
            user=user,
            exercise=exercises[0],
            since=d,
            resumed_on=d + datetime.timedelta(days=14),
        )
        for d in days[100::365]
    )


def main() -> None:
    from accounts.models import User

    setup_test_environment()
    old_config = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        print(f"database: {connection.vendor}; runs per size: {RUNS} (median, ms)")
        for years in YEARS:
            user = User.objects.create_user(email=f"bench{years}@example.org", password=None)
            fill(user, years)
            client = APIClient()
            client.force_authenticate(user)
            client.get("/api/v1/trends/", {"period": "all"})  # warm up
            timings, cpu = [], []
            for _ in range(RUNS):
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get("/api/v1/trends/", {"period": "all"})
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                assert response.status_code == 200, response.content
            with CaptureQueriesContext(connection) as queries:
                client.get("/api/v1/trends/", {"period": "all"})
            days = len(response.json()["days"])
            print(
                f"{years:>2} year(s): {days:>5} days  median {statistics.median(timings):7.1f} ms  "
                f"min {min(timings):7.1f} ms  cpu {statistics.median(cpu):7.1f} ms  "
                f"queries {len(queries)}"
            )
    finally:
        connection.creation.destroy_test_db(old_config, verbosity=0)


if __name__ == "__main__":
    main()
