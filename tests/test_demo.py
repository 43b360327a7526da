"""make demo: three months of data, one exercise stopped by the rules, idempotent."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from diary.models import Advice, DayEntry, PainReading, ShareLink
from exercises.models import ExerciseLog, ExercisePause

pytestmark = pytest.mark.django_db


def snapshot():
    user = User.objects.get(email="demo@heupdagboek.example")
    return (
        list(
            DayEntry.objects.filter(user=user)
            .order_by("date")
            .values_list("date", "pain", "sleep_position")
        ),
        list(PainReading.objects.filter(user=user).order_by("date").values_list("date", "pain")),
        sorted(
            ExerciseLog.objects.filter(user=user).values_list(
                "date", "exercise__slug", "pain_during"
            )
        ),
        list(
            ExercisePause.objects.filter(user=user).values_list(
                "exercise__slug", "since", "resumed_on"
            )
        ),
        list(Advice.objects.filter(user=user).values_list("kind", "exercise__slug", "since")),
        list(ShareLink.objects.filter(user=user).values_list("start", "end", "revoked_at")),
    )


def test_demo_is_believable_and_the_same_twice(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "heup-demo-2026" in out.getvalue()
    first = snapshot()
    entries, readings, logs, pauses, advice, links = first
    assert len(entries) > 80  # three months, with a few forgotten days
    assert readings and len(logs) > 100
    assert [(slug, resumed) for slug, _since, resumed in pauses] == [("bridge", None)]
    assert [(kind, slug) for kind, slug, _since in advice] == [("stop_exercise", "bridge")]
    # The course is believable: the last month hurts less than the first.
    first_month = [p for _d, p, _s in entries[:30]]
    last_month = [p for _d, p, _s in entries[-30:]]
    assert sum(last_month) / len(last_month) < sum(first_month) / len(first_month)

    assert len(links) == 1 and links[0][2] is None

    second = io.StringIO()
    call_command("demo", stdout=second)
    assert snapshot() == first
    assert User.objects.filter(email="demo@heupdagboek.example").count() == 1
    assert ShareLink.objects.count() == 1  # the first run's link went with the old user


def test_demo_prints_a_share_link_that_opens_the_gp_report(settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo", "--base-url", "http://testserver/", stdout=out)
    url = re.search(r"GP link:\s+(http://testserver(/gedeeld/[^/\s]+/))", out.getvalue())
    assert url, out.getvalue()
    response = client.get(url.group(2))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ans (demo)" in page
    # An altered token opens nothing.
    assert client.get(url.group(2)[:-3] + "xx/").status_code == 404


def test_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="known password"):
        call_command("demo", stdout=io.StringIO())


def test_demo_user_has_finished_the_first_run(settings, client):
    """The demo (and the README's screenshot of Vandaag) shows the app in use,
    without the "finish setting up" banner of a new account."""
    settings.DEBUG = True
    call_command("demo", stdout=io.StringIO())
    user = User.objects.get(email="demo@heupdagboek.example")
    assert user.onboarding_step == ""
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "Hoeveel pijn heb je vandaag?" in page
    assert "Maak het instellen af" not in page
