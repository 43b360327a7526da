"""The advice end to end: writes through the API and the pages, real database."""

from __future__ import annotations

import datetime
import uuid

import pytest

from diary.models import Advice, DayEntry
from exercises.models import Exercise, ExercisePause

pytestmark = pytest.mark.django_db


def days_ago(user, n: int) -> datetime.date:
    return user.today() - datetime.timedelta(days=n)


def put_day(party, n: int, pain: int, **fields):
    response = party.token.put(
        f"/api/v1/entries/{days_ago(party.user, n)}/", {"pain": pain, **fields}, format="json"
    )
    assert response.status_code in (200, 201), response.content
    return response


def log_session(party, slug: str, n: int, pain_during: int, log_id=None):
    log_id = log_id or uuid.uuid4()
    response = party.token.put(
        f"/api/v1/exercise-logs/{log_id}/",
        {
            "exercise": slug,
            "date": days_ago(party.user, n).isoformat(),
            "sets": 1,
            "reps": 8,
            "hold_seconds": 0,
            "pain_during": pain_during,
        },
        format="json",
    )
    assert response.status_code in (200, 201), response.content
    return log_id


def calm_history(party, start: int = 12, end: int = 3, pain: int = 3):
    for n in range(start, end - 1, -1):
        put_day(party, n, pain)


@pytest.fixture
def gp_knows(owner):
    owner.user.care_provider_knows = True
    owner.user.save()
    return owner


def test_stop_after_two_raised_days_pauses_the_exercise(gp_knows, client):
    owner = gp_knows
    calm_history(owner)
    log_session(owner, "bridge", 2, 3)
    put_day(owner, 2, 3)
    put_day(owner, 1, 6)
    assert not ExercisePause.objects.exists()  # one raised day is not enough
    put_day(owner, 0, 7)

    pause = ExercisePause.objects.get(user=owner.user)
    assert pause.exercise.slug == "bridge"
    assert pause.since == owner.user.today()
    assert pause.baseline == 3
    advice = owner.token.get("/api/v1/advice/", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert [a["kind"] for a in advice] == ["stop_exercise"]
    item = advice[0]
    assert item["exercise"] == "bridge"
    assert item["evidence"] == [
        {"date": days_ago(owner.user, 1).isoformat(), "pain": 6},
        {"date": days_ago(owner.user, 0).isoformat(), "pain": 7},
    ]
    assert "Bruggetje" in item["message"] or "bruggetje" in item["message"]
    assert "rond de 3" in item["message"]
    assert "Silbernagel" in item["source"]

    # Replaying every write changes nothing.
    calm_history(owner)
    put_day(owner, 1, 6)
    put_day(owner, 0, 7)
    assert ExercisePause.objects.count() == 1
    assert Advice.objects.filter(kind="stop_exercise").count() == 1

    # The bridge is paused in today's plan of a programme that has it.
    from exercises.models import Enrollment, Program

    Enrollment.start(owner.user, Program.objects.get(slug="gentle-hip-start"), owner.user.today())
    plan = owner.token.get("/api/v1/plan/").json()
    (bridge,) = [e for e in plan["items"] if e["exercise"] == "bridge"]
    assert bridge["paused"] is True
    assert bridge["paused_since"] == owner.user.today().isoformat()
    client.force_login(owner.user)
    html = client.get("/exercises/").content.decode()
    assert "Gepauzeerd sinds" in html
    assert "Weer met deze oefening beginnen" in html


def test_the_page_that_saved_the_entry_shows_the_advice(client, make_user):
    user = make_user(care_provider_knows=True)
    client.force_login(user)
    bridge = Exercise.objects.get(slug="bridge")
    for n in range(12, 2, -1):
        DayEntry.objects.create(user=user, date=days_ago(user, n), pain=3)
    from exercises.models import ExerciseLog

    ExerciseLog.objects.create(
        id=uuid.uuid4(), user=user, exercise=bridge, date=days_ago(user, 2), pain_during=2
    )
    client.post(f"/dag/{days_ago(user, 1)}/", {"form": "pain", "pain": "6"})
    response = client.post("/", {"form": "pain", "pain": "6"}, follow=True)
    html = response.content.decode()
    assert "Stop voorlopig met deze oefening" in html
    assert "advice-stop_exercise" in html
    assert html.index("advice-stop_exercise") < html.index("pain-grid")  # at the top


def test_emergency_stands_out_with_a_call_button_and_needs_acknowledging(client, owner):
    put_day(owner, 0, 6, red_flags=["bladder_bowel_loss"])
    client.force_login(owner.user)
    html = client.get("/").content.decode()
    assert 'href="tel:112"' in html
    assert 'role="alert"' in html
    assert "Bel nu 112" in html

    advice = owner.token.get("/api/v1/advice/").json()
    assert advice[0]["kind"] == "emergency"
    # Nothing makes it go away except acknowledging it.
    put_day(owner, 0, 2)
    assert owner.token.get("/api/v1/advice/").json()[0]["kind"] == "emergency"
    response = owner.token.post(f"/api/v1/advice/{advice[0]['id']}/acknowledge/")
    assert response.status_code == 200
    assert response.json()["acknowledged"] is True
    assert [a["kind"] for a in owner.token.get("/api/v1/advice/").json()] != ["emergency"]


def test_order_is_most_severe_first(gp_knows):
    owner = gp_knows
    calm_history(owner)
    log_session(owner, "ball-squeeze", 1, 7)  # reduce_load
    put_day(owner, 0, 4, red_flags=["fever", "bladder_bowel_loss"], night_pain=True)
    kinds = [a["kind"] for a in owner.token.get("/api/v1/advice/").json()]
    assert kinds == ["emergency", "urgent", "reduce_load"]


def test_reduce_load_then_a_good_session_resolves_it(gp_knows):
    owner = gp_knows
    calm_history(owner)
    log_session(owner, "ball-squeeze", 2, 7)
    advice = owner.token.get("/api/v1/advice/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [(a["kind"], a["exercise"]) for a in advice] == [("reduce_load", "ball-squeeze")]
    assert "more than 5" in advice[0]["message"]
    log_session(owner, "ball-squeeze", 1, 3)
    assert owner.token.get("/api/v1/advice/").json() == []


def test_pain_during_twice_in_a_row_stops(gp_knows):
    owner = gp_knows
    calm_history(owner)
    first = log_session(owner, "ball-squeeze", 2, 6)
    log_session(owner, "ball-squeeze", 1, 8)
    assert [a["kind"] for a in owner.token.get("/api/v1/advice/").json()] == ["stop_exercise"]
    # Replaying the first log again does not add anything.
    log_session(owner, "ball-squeeze", 2, 6, log_id=first)
    assert ExercisePause.objects.filter(resumed_on__isnull=True).count() == 1


def test_may_try_again_and_resume(gp_knows, client):
    owner = gp_knows
    calm_history(owner, 14, 5)
    log_session(owner, "bridge", 4, 3)
    put_day(owner, 4, 3)
    put_day(owner, 3, 6)
    put_day(owner, 2, 6)
    pause = ExercisePause.objects.get()
    assert not pause.may_resume
    put_day(owner, 1, 3)
    put_day(owner, 0, 3)
    pause.refresh_from_db()
    assert pause.may_resume

    listed = owner.token.get("/api/v1/pauses/").json()["results"]
    assert listed[0]["may_resume"] is True and listed[0]["exercise"] == "bridge"
    response = owner.token.post(f"/api/v1/pauses/{pause.pk}/resume/")
    assert response.status_code == 200
    assert response.json()["resumed_on"] == owner.user.today().isoformat()
    assert owner.token.get("/api/v1/advice/").json() == []
    # The old session does not pause it again.
    put_day(owner, 0, 3)
    assert ExercisePause.objects.filter(resumed_on__isnull=True).count() == 0


def test_resume_through_the_page(client, gp_knows):
    owner = gp_knows
    pause = ExercisePause.objects.create(
        user=owner.user, exercise=Exercise.objects.get(slug="bridge"), since=owner.user.today()
    )
    client.force_login(owner.user)
    response = client.post(f"/exercises/pauses/{pause.pk}/resume/", {"next": "/exercises/"})
    assert response.status_code == 302
    pause.refresh_from_db()
    assert pause.resumed_on == owner.user.today()


def test_lasting_pain_asks_about_the_gp_once(client, owner):
    assert owner.user.care_provider_knows is False
    for n in range(6, -1, -1):
        put_day(owner, n, 3)
    advice = owner.token.get("/api/v1/advice/").json()
    assert [(a["kind"], a["rule"]) for a in advice] == [("see_gp", "lasting_pain")]
    client.force_login(owner.user)
    response = client.post(f"/advies/{advice[0]['id']}/huisarts-weet-het/", {"next": "/"})
    assert response.status_code == 302
    owner.user.refresh_from_db()
    assert owner.user.care_provider_knows is True
    put_day(owner, 0, 4)
    assert owner.token.get("/api/v1/advice/").json() == []


def test_advice_and_pauses_are_private(owner, outsider, client):
    put_day(owner, 0, 6, red_flags=["fever"])
    advice_id = owner.token.get("/api/v1/advice/").json()[0]["id"]
    pause = ExercisePause.objects.create(
        user=owner.user, exercise=Exercise.objects.get(slug="bridge"), since=owner.user.today()
    )
    for api in (outsider.token, outsider.session):
        assert api.get("/api/v1/advice/").json() == []
        assert api.post(f"/api/v1/advice/{advice_id}/acknowledge/").status_code == 404
        assert api.get("/api/v1/pauses/").json()["results"] == []
        assert api.post(f"/api/v1/pauses/{pause.pk}/resume/").status_code == 404
    client.force_login(outsider.user)
    assert client.post(f"/advies/{advice_id}/gelezen/").status_code == 404
    assert client.post(f"/exercises/pauses/{pause.pk}/resume/").status_code == 404
    pause.refresh_from_db()
    assert pause.resumed_on is None
    assert Advice.objects.get(pk=advice_id).acknowledged_at is None
