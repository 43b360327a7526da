"""The exercise pages through the test client, the no-JavaScript path included."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.urls import reverse

from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program, ProgramItem

pytestmark = pytest.mark.django_db

TODAY_URL = "/exercises/"


@pytest.fixture
def person(client, make_user):
    user = make_user()
    client.force_login(user)
    client.user = user
    return client


def enroll(user, slug: str, days_ago: int = 0) -> Enrollment:
    return Enrollment.start(
        user, Program.objects.get(slug=slug), user.today() - datetime.timedelta(days=days_ago)
    )


def test_url_name_for_the_bottom_nav():
    assert reverse("exercises_today") == TODAY_URL


@pytest.mark.parametrize(
    "url", [TODAY_URL, "/exercises/programmes/", "/exercises/library/", "/exercises/bridge/do/"]
)
def test_pages_need_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_without_a_programme_today_offers_the_programmes(person):
    html = person.get(TODAY_URL).content.decode()
    assert "<h1>Oefeningen vandaag</h1>" in html
    assert "Je volgt nog geen programma" in html
    assert "Rustig beginnen met je heup" in html
    assert "Rustig bij slijmbeursontsteking" in html
    assert html.count('name="program"') == Program.objects.count()
    # The bottom menu links here and marks it as the current page.
    assert f'<a href="{TODAY_URL}" aria-current="page">' in html
    assert "/static/css/exercises." in html


def test_enrolling_from_the_page_shows_todays_exercises(person):
    response = person.post("/exercises/programmes/", {"program": "gentle-hip-start"}, follow=True)
    assert response.redirect_chain == [(TODAY_URL, 302)]
    html = response.content.decode()
    assert "Je bent begonnen met “Rustig beginnen met je heup”" in html
    assert "Week 1 van “Rustig beginnen met je heup”" in html
    assert "Bruggetje" in html and "Bal tussen je knieën" in html and "Wandelen" in html
    assert "2 series van 8 keer · 3 seconden vasthouden" in html
    assert "10 minuten" in html
    for slug in ("bridge", "ball-squeeze", "walking"):
        assert f'href="/exercises/{slug}/do/"' in html
    enrollment = Enrollment.objects.get(user=person.user, active=True)
    assert enrollment.started_on == person.user.today()


def test_after_the_last_week_the_page_says_the_programme_is_done(person):
    program = Program.objects.get(slug="gentle-hip-start")
    assert program.weeks == 6
    enroll(person.user, "gentle-hip-start", days_ago=6 * 7 - 1)  # the last day of week 6
    assert "Week 6 van" in person.get(TODAY_URL).content.decode()
    enroll(person.user, "gentle-hip-start", days_ago=12 * 7)  # week 13
    html = person.get(TODAY_URL).content.decode()
    assert "Week 13" not in html
    assert "Je hebt de 6 weken van “Rustig beginnen met je heup” afgerond" in html
    assert "Bruggetje" in html  # the items without an end week go on


def test_enrolling_in_another_programme_ends_the_first(person):
    person.post("/exercises/programmes/", {"program": "gentle-hip-start"})
    html = person.get("/exercises/programmes/").content.decode()
    assert "Je volgt dit programma" in html
    assert "Je huidige programma “Rustig beginnen met je heup” stopt dan." in html
    person.post("/exercises/programmes/", {"program": "calm-bursitis"})
    active = Enrollment.objects.filter(user=person.user, active=True)
    assert [e.program.slug for e in active] == ["calm-bursitis"]
    html = person.get(TODAY_URL).content.decode()
    assert "Rekoefening bij slijmbeursontsteking" in html
    assert "1 keer · 30 seconden vasthouden" in html


def test_enrolling_in_an_unknown_programme_says_so(person):
    response = person.post("/exercises/programmes/", {"program": "marathon"}, follow=True)
    assert "Kies een van de programma" in response.content.decode()
    assert not Enrollment.objects.filter(user=person.user).exists()


def test_paused_exercises_show_as_paused_not_due(person):
    enroll(person.user, "gentle-hip-start")
    ExercisePause.objects.create(
        user=person.user,
        exercise=Exercise.objects.get(slug="bridge"),
        since=datetime.date(2026, 11, 18),
        reason="Na het bruggetje bleef je pijn twee dagen hoog.",
    )
    html = person.get(TODAY_URL).content.decode()
    assert "Gepauzeerd sinds 18 november" in html
    assert "Na het bruggetje bleef je pijn twee dagen hoog." in html
    assert 'href="/exercises/bridge/do/"' not in html  # no start button
    assert 'href="/exercises/ball-squeeze/do/"' in html


def test_a_rest_day_says_when_the_next_exercises_are(person):
    program = Program.objects.create(slug="weekly", name_nl="Wekelijks", weeks=4)
    ProgramItem.objects.create(
        program=program, exercise=Exercise.objects.get(slug="bridge"), days_per_week=1
    )
    Enrollment.start(person.user, program, person.user.today() - datetime.timedelta(days=1))
    html = person.get(TODAY_URL).content.decode()
    assert "Vandaag is een rustdag" in html
    assert "Je volgende oefeningen zijn op" in html
    assert 'href="/exercises/bridge/do/"' not in html


def test_library_and_detail(person):
    html = person.get("/exercises/library/").content.decode()
    for exercise in Exercise.objects.all():
        assert f'href="/exercises/library/{exercise.slug}/"' in html
    html = person.get("/exercises/library/bursitis-stretch/").content.decode()
    assert "<h1>Rekoefening bij slijmbeursontsteking</h1>" in html
    assert re.search(
        r'<img class="exercise-illustration" '
        r'src="/static/img/exercises/bursitis-stretch\.[0-9a-f]+\.svg"',
        html,
    )
    stretch = Exercise.objects.get(slug="bursitis-stretch")
    for step in stretch.steps_nl:
        assert step in html
    for caution in stretch.cautions_nl:
        assert caution in html
    assert "Luister naar je lichaam" in html
    assert person.get("/exercises/library/no-such/").status_code == 404


def test_pages_in_english(person):
    person.cookies["django_language"] = "en"
    html = person.get("/exercises/library/bridge/").content.decode()
    assert "<h1>Bridge</h1>" in html
    assert "Lie on your back" in html
    assert "2 sets of 10 · hold 3 seconds" in html


def test_player_page_has_its_data_and_a_working_form(person):
    enroll(person.user, "calm-bursitis")
    response = person.get("/exercises/bursitis-stretch/do/")
    assert response.status_code == 200
    html = response.content.decode()
    # The module, no inline script: the data is a JSON block.
    assert re.search(
        r'<script type="module" src="/static/js/player\.[0-9a-f]+\.js"></script>', html
    )
    assert '<script id="player-data" type="application/json">' in html
    data = response.context["player_config"]
    assert (data["holdSeconds"], data["reps"], data["sets"]) == (30, 1, 1)
    assert data["text"]["start"] == "Start"
    assert data["today"] == person.user.today().isoformat()
    assert "Hoeveel pijn had je tijdens de oefening?" in html
    assert html.count('name="pain_during"') == 11
    # Without JavaScript the steps are all on the page.
    for step in Exercise.objects.get(slug="bursitis-stretch").steps_nl:
        assert step in html


def test_player_outside_the_plan_uses_the_exercise_dose(person):
    response = person.get("/exercises/bridge/do/")
    data = response.context["player_config"]
    assert (data["sets"], data["reps"], data["holdSeconds"]) == (2, 10, 3)


def test_player_shows_a_pause(person):
    ExercisePause.objects.create(
        user=person.user, exercise=Exercise.objects.get(slug="bridge"), since=person.user.today()
    )
    html = person.get("/exercises/bridge/do/").content.decode()
    assert "Deze oefening is gepauzeerd sinds" in html


def test_the_form_fallback_logs_once_even_when_sent_twice(person):
    log_id = uuid.uuid4()
    form = {
        "log_id": str(log_id),
        "sets": "1",
        "reps": "2",
        "hold_seconds": "30",
        "note": "Rechterknie",
        "pain_during": "3",
    }
    response = person.post("/exercises/bursitis-stretch/do/", form)
    assert response.status_code == 302
    assert response["Location"] == TODAY_URL
    assert person.post("/exercises/bursitis-stretch/do/", form).status_code == 302
    log = ExerciseLog.objects.get()
    assert log.pk == log_id
    assert (log.user, log.exercise.slug, log.date) == (
        person.user,
        "bursitis-stretch",
        person.user.today(),
    )
    assert (log.sets, log.reps, log.hold_seconds, log.pain_during, log.note) == (
        1,
        2,
        30,
        3,
        "Rechterknie",
    )
    html = person.get(TODAY_URL).content.decode()
    assert "Opgeslagen: Rekoefening bij slijmbeursontsteking, pijn 3 van 10." in html


def test_the_form_fallback_explains_errors_and_keeps_what_was_typed(person):
    log_id = str(uuid.uuid4())
    form = {
        "log_id": log_id,
        "sets": "1",
        "reps": "999",
        "hold_seconds": "30",
        "note": "Mijn notitie",
    }
    response = person.post("/exercises/bridge/do/", form)
    # Rejected, as the API would: a 400, not a 200 that looks like success.
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies hoeveel pijn je had: een getal van 0 tot en met 10." in html
    assert "Vul een heel getal in van 0 tot en met 200." in html
    assert "Mijn notitie" in html
    assert 'value="999"' in html
    # The same id again, so the corrected form still saves one session.
    assert f'value="{log_id}"' in html
    assert ExerciseLog.objects.count() == 0

    corrected = person.post("/exercises/bridge/do/", {**form, "reps": "10", "pain_during": "2"})
    assert corrected.status_code == 302
    assert ExerciseLog.objects.get().pk == uuid.UUID(log_id)


def test_the_form_fallback_in_english_is_a_400_too(person):
    form = {"log_id": str(uuid.uuid4()), "sets": "x", "reps": "1", "hold_seconds": "0"}
    person.cookies["django_language"] = "en"
    response = person.post("/exercises/bridge/do/", form)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give a whole number from 0 to 20." in html
    assert 'value="x"' in html


def test_the_form_fallback_cannot_touch_another_users_log(person, make_user):
    other = make_user()
    log = ExerciseLog.objects.create(
        id=uuid.uuid4(),
        user=other,
        exercise=Exercise.objects.get(slug="bridge"),
        date=other.today(),
        pain_during=1,
    )
    form = {
        "log_id": str(log.pk),
        "sets": "1",
        "reps": "1",
        "hold_seconds": "0",
        "pain_during": "9",
    }
    assert person.post("/exercises/bridge/do/", form).status_code == 404
    log.refresh_from_db()
    assert (log.user, log.pain_during) == (other, 1)
