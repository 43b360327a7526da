"""The Trends page and /api/v1/trends/ on a real database."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diary.models import DayEntry, PainReading

pytestmark = pytest.mark.django_db

D = datetime.date


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
    html = page.content.decode()
    assert html.count('class="chart-dot"') == len(scored)
    # One bar per week with a mean, and the same weeks in the table below it.
    with_mean = [w for w in data["weeks"] if w["mean"] is not None]
    assert html.count('class="chart-bar"') == len(with_mean) > 8
    assert html.count('<th scope="row"><span class="nowrap">') == len(data["weeks"])
    assert '<title id="week-chart-title">' in html


def test_queries_do_not_grow_with_the_period(owner):
    """Diary and exercise data together: six queries whether the diary holds
    30 days or 1,800 (two for the diary, the advice's check, three for the
    exercises), once the advice has seen the writes."""
    from diary.advice_store import bring_up_to_date
    from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program

    user = owner.user
    today = user.today()
    stretch = Exercise.objects.get(slug="bursitis-stretch")
    bridge = Exercise.objects.get(slug="bridge")

    def fill_all(days: int) -> None:
        DayEntry.objects.filter(user=user).delete()
        ExerciseLog.objects.filter(user=user).delete()
        ExercisePause.objects.filter(user=user).delete()
        Enrollment.objects.filter(user=user).delete()
        fill(user, days)
        first = today - datetime.timedelta(days=days - 1)
        Enrollment.start(user, Program.objects.get(slug="calm-bursitis"), first)
        ExerciseLog.objects.bulk_create(
            ExerciseLog(
                id=uuid.uuid4(),
                user=user,
                exercise=(stretch, bridge)[n // 2 % 2],
                date=first + datetime.timedelta(days=n),
                pain_during=3,
            )
            for n in range(0, days, 2)
        )
        ExercisePause.objects.create(
            user=user,
            exercise=bridge,
            since=first + datetime.timedelta(days=days // 2),
            resumed_on=first + datetime.timedelta(days=days // 2 + 5),
        )

    def queries_for(period: str) -> tuple[int, int, dict]:
        """All queries, and those for the trends (the rest look up the
        session token and the user)."""
        bring_up_to_date(user)  # the rules' run after the fill is not the trends' cost
        with CaptureQueriesContext(connection) as queries:
            response = owner.token.get("/api/v1/trends/", {"period": period})
        assert response.status_code == 200
        sql = [q["sql"] for q in queries.captured_queries]
        trends = [q for q in sql if '"diary_' in q or '"exercises_' in q]
        return len(sql), len(trends), response.json()

    fill_all(30)
    small, small_trends, data = queries_for("all")
    # Planned from the programme, done from the logs (bridge is not in it).
    assert {row["exercise"] for row in data["adherence"]} >= {"bursitis-stretch", "bridge"}
    fill_all(1800)
    large, large_trends, data = queries_for("all")
    assert data["days"][0]["date"] == (today - datetime.timedelta(days=1799)).isoformat()
    assert sum(row["done"] for row in data["adherence"]) == 900
    assert sum(row["planned"] for row in data["adherence"]) > 900
    # The bridge's pause, and any the rules made when they first saw this
    # made-up diary: every pause there is.
    stored = ExercisePause.objects.filter(user=user).values_list("exercise__slug", flat=True)
    assert "bridge" in stored
    assert sorted(p["exercise"] for p in data["pauses"]) == sorted(stored)
    assert large == small
    assert large_trends == small_trends == 6


def test_a_logged_exercise_outside_programme_and_pauses_is_named(owner):
    """Its name costs a seventh query, made only when such an exercise exists."""
    from exercises.models import Exercise, ExerciseLog

    today = owner.user.today()
    ExerciseLog.objects.create(
        id=uuid.uuid4(),
        user=owner.user,
        exercise=Exercise.objects.get(slug="walking"),
        date=today,
        pain_during=1,
    )
    data = owner.token.get("/api/v1/trends/", {"period": "4w"}).json()
    assert [(row["exercise"], row["done"]) for row in data["adherence"]] == [("walking", 1)]


def test_everything_is_at_most_ten_years_even_with_very_old_entries(owner, client):
    """Old data (an entry in 1900, one in year 1: the API took them before it
    had a 1970 floor) must not give a 500 or a 740,000-day series."""
    from diary.dates import MAX_PERIOD_DAYS

    user = owner.user
    today = user.today()
    for day in (D(1, 1, 2), D(1900, 1, 1)):
        DayEntry.objects.create(user=user, date=day, pain=9)
    only_old = owner.token.get("/api/v1/trends/", {"period": "all"})
    assert only_old.status_code == 200
    assert only_old.json()["from"] == today.isoformat()  # nothing in the last ten years
    # The day just before the ten-year window is left out of the series but
    # still feeds the first 7-day means; a recent entry sets nothing earlier.
    first = today - datetime.timedelta(days=MAX_PERIOD_DAYS - 1)
    for offset in range(1, 5):
        DayEntry.objects.create(user=user, date=first - datetime.timedelta(days=offset), pain=2)
    DayEntry.objects.create(user=user, date=today, pain=4)
    data = owner.token.get("/api/v1/trends/", {"period": "all"}).json()
    assert data["from"] == first.isoformat()
    assert len(data["days"]) == MAX_PERIOD_DAYS
    assert data["days"][0] == {"date": first.isoformat(), "score": None, "rolling_mean": 2.0}
    client.force_login(user)
    assert client.get("/trends/", {"period": "all"}).status_code == 200
    # Asked for by date, year 1 itself works too: no day before 1 January of
    # year 1 is looked up.
    year_one = owner.token.get("/api/v1/trends/", {"from": "0001-01-01", "to": "0001-01-09"})
    assert year_one.status_code == 200
    days = year_one.json()["days"]
    assert [d["score"] for d in days[:3]] == [None, 9, None]
    assert client.get("/trends/", {"from": "0001-01-01", "to": "0001-01-09"}).status_code == 200
    only_to = owner.token.get("/api/v1/trends/", {"to": "0001-01-05"})
    assert only_to.status_code == 200
    assert only_to.json()["from"] == "0001-01-01"


AMSTERDAM = "Europe/Amsterdam"


def test_readings_near_midnight_on_daylight_saving_days_land_on_the_local_day(owner):
    """Times sent in UTC around midnight in Amsterdam on the two days the
    clock changes in 2026. A reading belongs to its local calendar day (and
    that day's ISO week): neither the UTC date nor a fixed offset would give
    the days below."""
    user = owner.user
    user.time_zone = AMSTERDAM
    user.save(update_fields=["time_zone"])
    autumn = [
        # Summer time ends Sunday 25 Oct 2026 at 03:00 CEST (01:00 UTC).
        ("2026-10-24T22:30:00Z", 4, "2026-10-25"),  # 00:30 CEST, UTC date the 24th
        ("2026-10-25T22:59:00Z", 6, "2026-10-25"),  # 23:59 CET; at +2 it would be the 26th
        ("2026-10-25T23:30:00Z", 8, "2026-10-26"),  # 00:30 CET on Monday, week 44
    ]
    spring = [
        # Summer time starts Sunday 29 Mar 2026 at 02:00 CET (01:00 UTC).
        ("2026-03-28T23:30:00Z", 4, "2026-03-29"),  # 00:30 CET, UTC date the 28th
        ("2026-03-29T21:59:00Z", 6, "2026-03-29"),  # 23:59 CEST; at +1 it would be 22:59
        ("2026-03-29T22:30:00Z", 8, "2026-03-30"),  # 00:30 CEST on Monday; at +1 still Sunday
    ]
    for taken_at, pain, local_day in autumn + spring:
        response = owner.token.put(
            f"/api/v1/readings/{uuid.uuid4()}/", {"taken_at": taken_at, "pain": pain}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["date"] == local_day
    for day, pain in (("2026-10-24", 2), ("2026-10-27", 3), ("2026-03-28", 1), ("2026-03-31", 2)):
        response = owner.token.put(f"/api/v1/entries/{day}/", {"pain": pain}, format="json")
        assert response.status_code in (200, 201), response.content

    def trends(start: str, end: str) -> dict:
        response = owner.token.get("/api/v1/trends/", {"from": start, "to": end})
        assert response.status_code == 200
        return response.json()

    def scores(data: dict) -> dict[str, int]:
        return {d["date"]: d["score"] for d in data["days"] if d["score"] is not None}

    def weeks(data: dict) -> list[tuple]:
        return [
            (w["monday"], w["iso_week"], w["days_scored"], w["mean"], w["lowest"], w["highest"])
            for w in data["weeks"]
        ]

    october = trends("2026-10-19", "2026-11-01")
    # Sunday the 25th: the higher of its two readings; Monday: the 00:30 reading.
    assert scores(october) == {"2026-10-24": 2, "2026-10-25": 6, "2026-10-26": 8, "2026-10-27": 3}
    assert weeks(october) == [
        ("2026-10-19", 43, 2, 4.0, 2, 6),
        ("2026-10-26", 44, 2, 5.5, 3, 8),
    ]
    march = trends("2026-03-23", "2026-04-05")
    assert scores(march) == {"2026-03-28": 1, "2026-03-29": 6, "2026-03-30": 8, "2026-03-31": 2}
    assert weeks(march) == [
        ("2026-03-23", 13, 2, 3.5, 1, 6),
        ("2026-03-30", 14, 2, 5.0, 2, 8),
    ]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"from": "gisteren"}, {"from": "Gebruik een datum zoals 2026-11-22."}),
        ({"period": "10y"}, {"period": "Kies een van: 4w, 8w, 3m, 1y, all."}),
        (
            {"from": "2026-11-20", "to": "2026-11-10"},
            {"from": "De begindatum ligt na de einddatum."},
        ),
        (
            {"from": "gisteren", "to": "morgen"},
            {
                "from": "Gebruik een datum zoals 2026-11-22.",
                "to": "Gebruik een datum zoals 2026-11-22.",
            },
        ),
    ],
)
def test_bad_period_is_400_with_the_message_on_its_field(owner, client, params, errors):
    """The API names each wrong field; the page answers 400 too, puts each
    message under its own input and keeps what was typed in the inputs."""
    api = owner.token.get("/api/v1/trends/", params, HTTP_ACCEPT_LANGUAGE="nl")
    assert api.status_code == 400
    assert api.json() == {field: [message] for field, message in errors.items()}
    client.force_login(owner.user)
    page = client.get("/trends/", params, HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 400
    html = page.content.decode()
    for field in ("from", "to"):
        typed = params.get(field)
        if typed is not None:
            assert f'name="{field}" value="{typed}"' in html
        if field in errors:
            assert f'aria-invalid="true" aria-describedby="trend-{field}-error"' in html, field
            assert f'id="trend-{field}-error" role="alert">{errors[field]}</p>' in html
        else:
            assert f'id="trend-{field}-error"' not in html
    if "period" in errors:
        assert f'id="trend-period-error" role="alert">{errors["period"]}</p>' in html
    # Below the form the default period is still shown.
    assert page.context["report"].end == owner.user.today()


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
