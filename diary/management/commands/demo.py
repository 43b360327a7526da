"""make demo: a demo user with three months of believable data.

Running it again gives the same result: the demo user's data is removed and
made again from a fixed random seed, with dates counted back from today.
The story: hip pain that slowly gets better with the gentle programme, a
side sleeper who starts using a pillow between the knees, some morning and
evening readings, and a recent week in which the bridge was followed by two
painful days, so the advice rules stopped it (and the pain has since settled).
It also makes a share link for the GP to the last four weeks; its token is new
on every run (only its hash is stored), so the printed link changes, but
there is always exactly one.
"""

from __future__ import annotations

import datetime
import random
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from diary.advice_store import refresh_advice
from diary.export.share import create_link
from diary.models import Advice, DayEntry, PainReading
from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program
from exercises.plan import plan_for_day
from exercises.services import to_plan_item

DEMO_EMAIL = "demo@heupdagboek.example"
DEMO_PASSWORD = "heup-demo-2026"  # noqa: S105 - printed on purpose: a demo account
DAYS = 91
SEED = 2026
SHARE_WEEKS = 4
SHARE_VALID_DAYS = 14


class Command(BaseCommand):
    help = "Create or refresh the demo user with three months of diary data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also when DEBUG is off (a demo account with a known password!).",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the app is served, for the printed share link (make run's address).",
        )

    def handle(self, *args, force: bool = False, base_url: str = "", **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "The demo user has a known password. Run with DEBUG=true, or add --force."
            )
        with transaction.atomic():
            user = reset_demo_user()
            build_diary(user)
            token = make_share_link(user)
        refresh_advice(user)
        share_url = base_url.rstrip("/") + reverse("share_page", args=[token])
        stopped = ExercisePause.objects.filter(user=user).select_related("exercise")
        self.stdout.write(
            self.style.SUCCESS("Demo diary ready.")
            + f"\n  e-mail:     {DEMO_EMAIL}\n  password:   {DEMO_PASSWORD}"
            + f"\n  days:       {DayEntry.objects.filter(user=user).count()}"
            + f"\n  sessions:   {ExerciseLog.objects.filter(user=user).count()}"
            + f"\n  stopped:    {', '.join(p.exercise.slug for p in stopped) or '-'}"
            + f"\n  advice:     {Advice.objects.filter(user=user).count()}"
            + f"\n  GP link:    {share_url}"
            + f" (last {SHARE_WEEKS} weeks, valid {SHARE_VALID_DAYS} days)"
        )


def reset_demo_user() -> User:
    User.objects.filter(email=DEMO_EMAIL).delete()  # cascades to all their data
    user = User.objects.create_user(
        email=DEMO_EMAIL,
        password=DEMO_PASSWORD,
        display_name="Ans (demo)",
        care_provider_knows=True,
        # Ans has used the app for months: her first run is long done, so
        # Vandaag (and its screenshot) shows no "finish setting up" banner.
        onboarding_step="",
    )
    EmailAddress.objects.create(user=user, email=DEMO_EMAIL, primary=True, verified=True)
    return user


def build_diary(user: User) -> None:
    rng = random.Random(SEED)  # noqa: S311 - made-up data, not secrets
    today = user.today()
    start = today - datetime.timedelta(days=DAYS - 1)
    program = Program.objects.get(slug="gentle-hip-start")
    Enrollment.objects.create(user=user, program=program, started_on=start, active=True)
    items = [to_plan_item(item) for item in program.items.all()]
    exercises = Exercise.objects.in_bulk([item.exercise_id for item in items])
    bridge = Exercise.objects.get(slug="bridge")
    # The week that went wrong: the bridge 6 days ago, two painful days after.
    flare_session = today - datetime.timedelta(days=6)
    flare_days = {flare_session + datetime.timedelta(days=n) for n in (1, 2)}

    entries, readings, logs = [], [], []
    for offset in range(DAYS):
        day = start + datetime.timedelta(days=offset)
        progress = offset / DAYS
        # From about 6 to about 3, with day-to-day noise and worse Mondays.
        pain = round(6 - 3 * progress + rng.uniform(-1.2, 1.2) + (0.6 if day.weekday() == 0 else 0))
        if day in flare_days:
            pain = 7
        if rng.random() < 0.06 and day not in flare_days and day != today:
            continue  # a forgotten day: a gap, never a zero
        pain = max(0, min(10, pain))
        pillow = progress > 0.4
        side = rng.random() < 0.7
        entries.append(
            DayEntry(
                user=user,
                date=day,
                pain=pain,
                night_pain=pain >= 6 and rng.random() < 0.5,
                locations=["outer_hip"] if rng.random() < 0.7 else ["outer_hip", "buttock"],
                sleep_position=rng.choice(["left_side", "right_side"]) if side else "back",
                pillow_between_knees=pillow and side,
                note="Lang in de trein gezeten." if offset % 17 == 5 else "",
            )
        )
        if offset % 3 == 0:
            readings.append(
                PainReading(
                    id=uuid.uuid4(),
                    user=user,
                    taken_at=datetime.datetime.combine(
                        day, datetime.time(7, 30), tzinfo=datetime.UTC
                    ),
                    date=day,
                    pain=min(10, pain + 1),
                    context="morning",
                )
            )
        for planned in plan_for_day(start, day, items):
            exercise = exercises[planned.item.exercise_id]
            if day > flare_session and exercise == bridge:
                continue  # stopped by the advice since then
            if day == flare_session and exercise != bridge:
                continue  # that day only the bridge was done
            if rng.random() < 0.15 and day != flare_session:
                continue  # skipped now and then, as people do
            logs.append(
                ExerciseLog(
                    id=uuid.uuid4(),
                    user=user,
                    exercise=exercise,
                    date=day,
                    sets=planned.item.sets,
                    reps=planned.item.reps,
                    hold_seconds=planned.item.hold_seconds,
                    pain_during=max(0, min(10, pain - 1 + rng.randint(-1, 1))),
                )
            )
    DayEntry.objects.bulk_create(entries)
    PainReading.objects.bulk_create(readings)
    ExerciseLog.objects.bulk_create(logs)


def make_share_link(user: User) -> str:
    """The GP's read-only link to the last weeks; returns its token."""
    today = user.today()
    start = today - datetime.timedelta(weeks=SHARE_WEEKS) + datetime.timedelta(days=1)
    _link, token = create_link(user, start, today, SHARE_VALID_DAYS)
    return token
