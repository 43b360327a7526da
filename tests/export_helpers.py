"""Shared by the export tests: a believable diary, and reading PDFs back.

The PDF is read with Debian's poppler-utils (pdftotext, pdfinfo); .ci/run
installs them. Without them the PDF checks are skipped locally and fail in CI.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import tempfile
import uuid

import pytest

from diary.models import Advice, DayEntry, PainReading
from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program


def fill_diary(user, days: int = 91, *, with_notes: bool = True) -> list[datetime.date]:
    """A daily entry for ``days`` days up to today, a reading every third
    day, the first programme and three bridge sessions a week, a stopped
    exercise with its advice, and a fever reported once. Returns the dates,
    oldest first."""
    today = user.today()
    dates = [today - datetime.timedelta(days=n) for n in range(days - 1, -1, -1)]
    DayEntry.objects.bulk_create(
        DayEntry(
            user=user,
            date=d,
            pain=(d.toordinal() * 7) % 9 + 1,  # 1 to 9
            night_pain=d.day % 5 == 0,
            locations=["groin", "buttock"] if d.day % 2 else ["outer_hip"],
            sleep_position=["back", "left_side", "right_side"][d.day % 3],
            pillow_between_knees=d.day % 2 == 0,
            red_flags=["fever"] if d == dates[len(dates) // 2] else [],
            note=f"Notitie van {d.isoformat()}; fietsen ging goed" if with_notes else "",
        )
        for d in dates
    )
    PainReading.objects.bulk_create(
        PainReading(
            id=uuid.uuid4(),
            user=user,
            taken_at=datetime.datetime.combine(d, datetime.time(7, 30), tzinfo=datetime.UTC),
            date=d,
            pain=4,
            context="morning",
        )
        for d in dates[::3]
    )
    bridge = Exercise.objects.get(slug="bridge")
    Enrollment.objects.create(
        user=user, program=Program.objects.order_by("pk").first(), started_on=dates[0]
    )
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            id=uuid.uuid4(),
            user=user,
            exercise=bridge,
            date=d,
            sets=2,
            reps=10,
            hold_seconds=5,
            pain_during=3,
        )
        for d in dates
        if d.weekday() in (0, 2, 4)
    )
    pause = ExercisePause.objects.create(
        user=user,
        exercise=bridge,
        since=dates[len(dates) // 3],
        resumed_on=dates[min(len(dates) // 3 + 7, len(dates) - 1)],
        baseline=3.5,
        reason="Na de brug bleef je pijn hoog.",
    )
    Advice.objects.create(
        user=user,
        kind="stop_exercise",
        key=f"stop:bridge:{pause.since}",
        rule="during_high",
        exercise=bridge,
        since=pause.since,
        evidence=[{"date": pause.since.isoformat(), "pain": 7}],
        baseline=3.5,
        source="Silbernagel 2007",
        pause=pause,
        acknowledged_at=datetime.datetime(2026, 1, 2, 9, 0, tzinfo=datetime.UTC),
    )
    Advice.objects.create(
        user=user,
        kind="urgent",
        key=f"urgent:fever:{dates[len(dates) // 2]}",
        rule="fever",
        since=dates[len(dates) // 2],
        source="NHG",
    )
    return dates


def fill_dense_diary(user, days: int = 91, *, with_notes: bool = False) -> list[datetime.date]:
    """A full but believable period, fuller than fill_diary's: sessions of all
    four exercises, six pauses, seven advice items and five days with warning
    signs. The GP report of three months of this must still fit one page."""
    dates = fill_diary(user, days, with_notes=with_notes)
    exercises = {e.slug: e for e in Exercise.objects.all()}
    others = ["ball-squeeze", "bursitis-stretch", "walking"]
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            id=uuid.uuid4(),
            user=user,
            exercise=exercises[slug],
            date=d,
            sets=2,
            reps=12,
            hold_seconds=0,
            pain_during=2 + n,
        )
        for n, slug in enumerate(others)
        for d in dates
        if d.weekday() in (1, 3, 5) or (slug == "walking" and d.weekday() == 6)
    )
    # Five more pauses (fill_diary made one): two of one exercise, one still open.
    for n, (slug, start, length) in enumerate(
        [
            ("ball-squeeze", 10, 9),
            ("bursitis-stretch", 25, 6),
            ("ball-squeeze", 48, 12),
            ("walking", 60, 5),
            ("bridge", 80, None),
        ]
    ):
        since = dates[start]
        pause = ExercisePause.objects.create(
            user=user,
            exercise=exercises[slug],
            since=since,
            resumed_on=dates[start + length] if length else None,
            baseline=3.0,
            reason="Na de oefening bleef je pijn twee dagen hoger dan daarvoor.",
        )
        Advice.objects.create(
            user=user,
            kind="stop_exercise",
            key=f"stop:{slug}:{since}:{n}",
            rule="raised_days",
            exercise=exercises[slug],
            since=since,
            evidence=[
                {"date": (since + datetime.timedelta(days=1)).isoformat(), "pain": 6},
                {"date": (since + datetime.timedelta(days=2)).isoformat(), "pain": 7},
            ],
            extra={"session_date": since.isoformat()},
            baseline=3.0,
            source="Silbernagel 2007",
            pause=pause,
        )
    # Seven advice items in all: add a "see your GP" about night pain.
    Advice.objects.create(
        user=user,
        kind="see_gp",
        key=f"see_gp:night_pain:{dates[70]}",
        rule="night_pain",
        since=dates[70],
        extra={"days": 4},
        source="NHG",
    )
    # Five days with warning signs in all (fill_diary reported a fever once).
    flagged = {
        dates[5]: ["hot_red_swollen"],
        dates[33]: ["numbness_tingling", "hot_red_swollen"],
        dates[58]: ["fall_or_injury"],
        dates[84]: ["numbness_tingling"],
    }
    for day, flags in flagged.items():
        DayEntry.objects.filter(user=user, date=day).update(red_flags=flags)
    return dates


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing; .ci/run should have installed poppler-utils")
        pytest.skip(f"{name} not installed (apt-get install poppler-utils)")
    return path


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(  # noqa: S603 - poppler on our own file
            [_tool("pdftotext"), "-layout", f.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


def pdf_pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(  # noqa: S603 - poppler on our own file
            [_tool("pdfinfo"), f.name], capture_output=True, check=True, text=True
        ).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
