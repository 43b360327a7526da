"""The Trends page and /api/v1/trends/ on a real database."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diary.models import DayEntry, PainReading

pytestmark = pytest.mark.django_db


def fill(user, days: int, start_offset: int = 0) -> None:
    today = user.today()
    DayEntry.objects.bulk_create(
        DayEntry(
            user=user,
            date=today - datetime.timedelta(days=start_offset + n),
            pain=(n * 3) % 11,
            night_pain=n % 5 == 0,
            sleep_position=["back", "left_side", "right_side"][n % 3],
        )
        for n in range(days)
    )


def test_api_series_has_every_day_with_score_and_mean(owner):
    today = owner.user.today()
    DayEntry.objects.create(user=owner.user, date=today, pain=4)
    DayEntry.objects.create(user=owner.user, date=today - datetime.timedelta(days=2), pain=6)
    PainReading.objects.create(
        user=owner.user,
        taken_at=datetime.datetime.now(datetime.UTC),
        date=today - datetime.timedelta(days=1),
        pain=8,
    )
    data = owner.token.get("/api/v1/trends/", {"period": "4w"}).json()
    assert data["from"] == (today - datetime.timedelta(days=27)).isoformat()
    assert data["to"] == today.isoformat()
    assert len(data["days"]) == 28
    last_three = data["days"][-3:]
    assert [d["score"] for d in last_three] == [6, 8, 4]  # the reading fills its day
    assert set(last_three[0]) == {"date", "score", "rolling_mean"}
    assert data["days"][0]["score"] is None
    assert data["days"][-1]["rolling_mean"] is None  # three scores: too few


def test_api_from_to_and_bad_parameters(owner):
    fill(owner.user, 20)
    today = owner.user.today()
    start = today - datetime.timedelta(days=9)
    data = owner.token.get(
        "/api/v1/trends/", {"from": start.isoformat(), "to": today.isoformat()}
    ).json()
    assert len(data["days"]) == 10
    for params, field in (
        ({"from": "gisteren"}, "from"),
        ({"to": "2026-02-30"}, "to"),
        ({"period": "10y"}, "period"),
        ({"from": today.isoformat(), "to": start.isoformat()}, "from"),
        ({"from": "0097-04-23"}, "from"),  # 700,000 empty days: refused, not drawn
    ):
        response = owner.token.get("/api/v1/trends/", params)
        assert response.status_code == 400
        assert field in response.json()


def test_ten_years_is_the_longest_period(owner):
    today = owner.user.today()
    ok = owner.token.get(
        "/api/v1/trends/", {"from": (today - datetime.timedelta(days=3650)).isoformat()}
    )
    assert ok.status_code == 200
    too_long = owner.token.get("/api/v1/trends/", {"from": "2001-01-01"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert too_long.status_code == 400
    assert too_long.json() == {"from": ["Kies een periode van hoogstens 10 jaar."]}


def test_api_and_page_agree(owner, client):
    fill(owner.user, 60)
    data = owner.token.get("/api/v1/trends/").json()
    client.force_login(owner.user)
    page = client.get("/trends/")
    assert page.status_code == 200
    assert page.context["summary"] == data["summary"]
    scored = [d for d in data["days"] if d["score"] is not None]
    assert page.content.decode().count('class="chart-dot"') == len(scored)


def test_queries_do_not_grow_with_the_period(owner):
    def queries_for(period: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert owner.token.get("/api/v1/trends/", {"period": period}).status_code == 200
        return len(queries)

    fill(owner.user, 30)
    small = queries_for("all")
    DayEntry.objects.filter(user=owner.user).delete()
    fill(owner.user, 1800)
    assert (
        owner.token.get("/api/v1/trends/", {"period": "all"}).json()["days"][0]["date"]
        == (owner.user.today() - datetime.timedelta(days=1799)).isoformat()
    )
    assert queries_for("all") == small


def test_page_summary_in_dutch_with_decimal_comma(client, make_user):
    user = make_user()
    today = user.today()
    monday = today - datetime.timedelta(days=today.weekday())
    for n, pain in enumerate([4, 5]):
        DayEntry.objects.create(user=user, date=monday + datetime.timedelta(days=n), pain=pain)
    DayEntry.objects.create(user=user, date=monday - datetime.timedelta(days=3), pain=5)
    if today == monday:  # only one of this week's days can exist yet
        DayEntry.objects.filter(user=user, date=monday + datetime.timedelta(days=1)).delete()
    client.force_login(user)
    html = client.get("/trends/").content.decode()
    expected_this = "4,5" if today != monday else "4,0"
    assert f"Deze week gemiddeld {expected_this}; vorige week 5,0." in html


def test_trends_are_private(owner, outsider):
    fill(owner.user, 10)
    data = outsider.token.get("/api/v1/trends/").json()
    assert all(d["score"] is None for d in data["days"])


def test_exercise_sessions_adherence_and_pauses_in_the_api(owner):
    from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program

    user = owner.user
    today = user.today()
    start = today - datetime.timedelta(days=13)
    Enrollment.start(user, Program.objects.get(slug="calm-bursitis"), start)
    stretch = Exercise.objects.get(slug="bursitis-stretch")
    bridge = Exercise.objects.get(slug="bridge")
    for offset in (0, 1, 2):
        ExerciseLog.objects.create(
            id=uuid.uuid4(),
            user=user,
            exercise=stretch,
            date=start + datetime.timedelta(days=offset),
            pain_during=3,
        )
    ExercisePause.objects.create(
        user=user, exercise=bridge, since=today - datetime.timedelta(days=3)
    )
    data = owner.token.get("/api/v1/trends/", {"from": start.isoformat()}).json()
    stretch_rows = [row for row in data["adherence"] if row["exercise"] == "bursitis-stretch"]
    assert sum(row["done"] for row in stretch_rows) == 3
    assert sum(row["planned"] for row in stretch_rows) > 0
    assert data["pauses"] == [
        {
            "exercise": "bridge",
            "since": (today - datetime.timedelta(days=3)).isoformat(),
            "resumed_on": None,
        }
    ]
    assert data["exercise"]["after_exercise_days"] == 0  # no scores yet


def test_trends_page_shows_pauses_and_adherence(client, make_user):
    from exercises.models import Enrollment, Exercise, ExercisePause, Program

    user = make_user()
    Enrollment.start(user, Program.objects.get(slug="gentle-hip-start"), user.today())
    ExercisePause.objects.create(
        user=user, exercise=Exercise.objects.get(slug="bridge"), since=user.today()
    )
    client.force_login(user)
    html = client.get("/trends/").content.decode()
    assert 'class="chart-pause"' in html
    assert "Gedaan tegenover gepland" in html
