"""Milliseconds per trends request for 1, 5 and 10 years of daily entries.

Run from the project root (make bench-trends does this):
    DEBUG=false SECRET_KEY=... .venv/bin/python bench/trends.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heupdagboek_bench ... bench/trends.py

It creates a throw-away test database (like the test suite does), fills one
user per size with a daily entry, a reading every third day and, when the
exercises app has logs, 3 exercise logs a week, then times GET
/api/v1/trends/?period=all through Django's test client (the full stack:
middleware, auth, queries, maths, JSON) and prints the median of 15 runs.
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
    fill_exercise_logs(user, days)


def fill_exercise_logs(user, days) -> None:
    """Three sessions a week (Mon, Wed, Fri), if the exercises app has logs."""
    try:
        from exercises.models import Exercise, ExerciseLog
    except ImportError:
        return
    exercise = Exercise.objects.order_by("pk").first()
    if exercise is None:
        return
    import uuid

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
        ),
        batch_size=2000,
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
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                response = client.get("/api/v1/trends/", {"period": "all"})
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content
            with CaptureQueriesContext(connection) as queries:
                client.get("/api/v1/trends/", {"period": "all"})
            days = len(response.json()["days"])
            print(
                f"{years:>2} year(s): {days:>5} days  median {statistics.median(timings):7.1f} ms  "
                f"min {min(timings):7.1f} ms  queries {len(queries)}"
            )
    finally:
        connection.creation.destroy_test_db(old_config, verbosity=0)


if __name__ == "__main__":
    main()
