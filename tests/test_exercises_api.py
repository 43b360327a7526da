"""The exercises API: every verb, idempotent logs, messages in Dutch and English,
and no way into another user's data."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

import pytest
import yaml
from django.utils import timezone

from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program

pytestmark = pytest.mark.django_db

LOGS = "/api/v1/exercise-logs/"


def log_body(day: datetime.date, **changes) -> dict:
    body = {
        "exercise": "bridge",
        "date": day.isoformat(),
        "sets": 2,
        "reps": 10,
        "hold_seconds": 3,
        "pain_during": 2,
        "note": "Ging goed",
    }
    body.update(changes)
    return body


def put_log(client, log_id, body, **headers):
    return client.put(f"{LOGS}{log_id}/", body, format="json", **headers)


@pytest.fixture(params=["session", "token"])
def via(request):
    """Runs a test with the cookie+CSRF client and with the session-token client."""
    return request.param


# --- authentication ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/exercises/",
        "/api/v1/exercises/bridge/",
        "/api/v1/programs/",
        "/api/v1/enrollments/",
        "/api/v1/plan/",
        LOGS,
        f"{LOGS}{uuid.uuid4()}/",
    ],
)
def test_anonymous_gets_401(anonymous, url):
    assert anonymous.get(url).status_code == 401


# --- library and programmes --------------------------------------------------


def test_exercise_library_in_dutch_and_english(owner):
    response = owner.token.get("/api/v1/exercises/")
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()["results"]}
    assert {"bridge", "ball-squeeze", "bursitis-stretch", "walking"} <= set(rows)
    assert rows["bridge"]["name"] == "Bruggetje"
    assert rows["bursitis-stretch"]["hold_seconds"] == 30
    assert rows["bridge"]["illustration"].startswith("/static/img/exercises/bridge")
    assert isinstance(rows["bridge"]["steps"], list) and rows["bridge"]["steps"]

    english = owner.token.get("/api/v1/exercises/bridge/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    assert english.json()["name"] == "Bridge"
    assert english.json()["steps"][0].startswith("Lie on your back")
    assert english["Content-Language"] == "en"


def test_unknown_exercise_is_404(owner):
    assert owner.token.get("/api/v1/exercises/no-such-thing/").status_code == 404


def test_library_is_read_only(owner):
    assert owner.session.post("/api/v1/exercises/", {}, format="json").status_code == 405
    assert owner.session.delete("/api/v1/exercises/bridge/").status_code == 405
    assert Exercise.objects.filter(slug="bridge").exists()


def test_programs_each_with_slug_and_items(owner):
    response = owner.token.get("/api/v1/programs/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    programs = {row["slug"]: row for row in response.json()["results"]}
    assert {"gentle-hip-start", "calm-bursitis"} <= set(programs)
    calm = programs["calm-bursitis"]
    assert calm["name"] == "Calm programme for bursitis"
    stretch = [i for i in calm["items"] if i["exercise"] == "bursitis-stretch"]
    assert stretch and all(i["hold_seconds"] == 30 for i in stretch)
    assert {"days_per_week", "from_week", "to_week", "sets", "reps"} <= set(stretch[0])


# --- enrollments ---------------------------------------------------------------


def test_enroll_starts_today_and_ends_the_old_one(owner, via):
    client = getattr(owner, via)
    first = client.post("/api/v1/enrollments/", {"program": "gentle-hip-start"}, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["started_on"] == owner.user.today().isoformat()
    assert first.json()["active"] is True
    assert first.json()["program_name"] == "Rustig beginnen met je heup"

    second = client.post("/api/v1/enrollments/", {"program": "calm-bursitis"}, format="json")
    assert second.status_code == 201
    listed = client.get("/api/v1/enrollments/").json()["results"]
    assert [(e["program"], e["active"]) for e in listed] == [
        ("calm-bursitis", True),
        ("gentle-hip-start", False),
    ]
    assert Enrollment.objects.filter(user=owner.user, active=True).count() == 1


@pytest.mark.parametrize(
    ("body", "language", "message"),
    [
        ({"program": "hardlopen"}, "nl", "Er is geen programma met de naam “hardlopen”."),
        ({"program": "hardlopen"}, "en", "There is no programme called “hardlopen”."),
        ({}, "nl", "Kies een programma."),
        ({}, "en", "Choose a programme."),
        ({"program": None}, "en", "Choose a programme."),
    ],
)
def test_enroll_validation_messages(owner, body, language, message):
    response = owner.token.post(
        "/api/v1/enrollments/", body, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert response.json() == {"program": [message]}
    assert not Enrollment.objects.filter(user=owner.user).exists()


def test_enrollments_are_private(owner, outsider):
    owner.token.post("/api/v1/enrollments/", {"program": "calm-bursitis"}, format="json")
    assert outsider.token.get("/api/v1/enrollments/").json()["results"] == []
    assert outsider.session.get("/api/v1/enrollments/").json()["results"] == []


# --- the plan --------------------------------------------------------------------


def test_plan_without_a_programme_is_empty(owner):
    response = owner.token.get("/api/v1/plan/")
    assert response.status_code == 200
    assert response.json()["program"] is None
    assert response.json()["items"] == []
    assert response.json()["date"] == owner.user.today().isoformat()


def test_plan_follows_days_per_week_and_pauses(owner):
    owner.token.post("/api/v1/enrollments/", {"program": "calm-bursitis"}, format="json")
    today = owner.user.today()
    # Day 0: the stretch (5 a week), the ball squeeze (3 a week) and the walk (daily).
    plan = owner.token.get("/api/v1/plan/").json()
    assert plan["program"] == "calm-bursitis"
    assert plan["week"] == 1
    assert [i["exercise"] for i in plan["items"]] == ["bursitis-stretch", "ball-squeeze", "walking"]
    stretch = plan["items"][0]
    assert (stretch["hold_seconds"], stretch["reps"], stretch["paused"]) == (30, 1, False)
    # Day 1: no ball squeeze (it is due on days 0, 2 and 4 of the programme week).
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    plan = owner.token.get(f"/api/v1/plan/?date={tomorrow}").json()
    assert [i["exercise"] for i in plan["items"]] == ["bursitis-stretch", "walking"]
    # Week 3: the stretch is done twice.
    week3 = (today + datetime.timedelta(days=14)).isoformat()
    plan = owner.token.get(f"/api/v1/plan/?date={week3}").json()
    assert plan["week"] == 3
    assert plan["items"][0]["reps"] == 2
    # A pause keeps the exercise in the plan, marked paused.
    ExercisePause.objects.create(
        user=owner.user,
        exercise=Exercise.objects.get(slug="ball-squeeze"),
        since=today,
        reason="Pijn bleef hoog",
    )
    items = {i["exercise"]: i for i in owner.token.get("/api/v1/plan/").json()["items"]}
    assert items["ball-squeeze"]["paused"] is True
    assert items["ball-squeeze"]["paused_since"] == today.isoformat()
    assert items["ball-squeeze"]["pause_reason"] == "Pijn bleef hoog"
    assert items["walking"]["paused"] is False


def test_plan_counts_what_was_logged(owner):
    owner.token.post("/api/v1/enrollments/", {"program": "gentle-hip-start"}, format="json")
    put_log(owner.token, uuid.uuid4(), log_body(owner.user.today()))
    items = {i["exercise"]: i for i in owner.token.get("/api/v1/plan/").json()["items"]}
    assert items["bridge"]["logged"] == 1
    assert items["walking"]["logged"] == 0


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2026-11-22."),
        ("en", "Give the date as year-month-day, for example 2026-11-22."),
    ],
)
def test_plan_with_a_bad_date_is_400(owner, language, message):
    response = owner.token.get("/api/v1/plan/?date=22-11-2026", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"date": [message]}


FORMAT_NL = "Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2026-11-22."
FORMAT_EN = "Give the date as year-month-day, for example 2026-11-22."


@pytest.mark.parametrize(
    ("date", "dutch", "english"),
    [
        # Python's fromisoformat takes these too; the API takes YYYY-MM-DD only.
        ("20261122", FORMAT_NL, FORMAT_EN),
        ("2026-W47-7", FORMAT_NL, FORMAT_EN),
        ("2026-11-22T00:00", FORMAT_NL, FORMAT_EN),
        # Far away: a 500 (OverflowError) before there was a limit.
        (
            "9999-12-31",
            "Kies een datum die niet meer dan 10 jaar na vandaag ligt.",
            "Choose a date at most 10 years from today.",
        ),
        ("1969-12-31", "Kies een datum vanaf 1970.", "Choose a date from 1970 on."),
        ("0001-01-01", "Kies een datum vanaf 1970.", "Choose a date from 1970 on."),
    ],
)
def test_plan_dates_are_strict_and_in_range(owner, date, dutch, english):
    owner.token.post("/api/v1/enrollments/", {"program": "calm-bursitis"}, format="json")
    for language, message in (("nl", dutch), ("en", english)):
        response = owner.token.get(f"/api/v1/plan/?date={date}", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400, response.content
        assert response.json() == {"date": [message]}


def test_plan_at_the_edges_of_the_range(owner):
    owner.token.post("/api/v1/enrollments/", {"program": "calm-bursitis"}, format="json")
    today = owner.user.today()
    try:
        last = today.replace(year=today.year + 10)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + 10, day=28)
    response = owner.token.get(f"/api/v1/plan/?date={last.isoformat()}")
    assert response.status_code == 200, response.content
    plan = response.json()
    assert plan["date"] == last.isoformat()
    assert plan["program"] == "calm-bursitis"
    assert plan["items"]  # the walk goes on every day, also after the six weeks
    assert plan["next_day"] == (last + datetime.timedelta(days=1)).isoformat()
    too_far = (last + datetime.timedelta(days=1)).isoformat()
    assert owner.token.get(f"/api/v1/plan/?date={too_far}").status_code == 400
    first = owner.token.get("/api/v1/plan/?date=1970-01-01")
    assert first.status_code == 200
    assert first.json()["items"] == []  # before the programme started


# --- exercise logs -------------------------------------------------------------


def test_put_creates_then_replaces_one_row(owner, via):
    client = getattr(owner, via)
    log_id = uuid.uuid4()
    today = owner.user.today()
    first = put_log(client, log_id, log_body(today))
    assert first.status_code == 201, first.content
    assert first.json()["id"] == str(log_id)
    assert first.json()["exercise"] == "bridge"

    again = put_log(client, log_id, log_body(today))  # the phone sends it again
    assert again.status_code == 200
    assert ExerciseLog.objects.filter(pk=log_id).count() == 1
    assert ExerciseLog.objects.count() == 1
    assert again.json()["created_at"] == first.json()["created_at"]

    changed = put_log(client, log_id, log_body(today, pain_during=4, note=""))
    assert changed.status_code == 200
    log = ExerciseLog.objects.get(pk=log_id)
    assert (log.pain_during, log.note, log.user) == (4, "", owner.user)
    assert ExerciseLog.objects.count() == 1


def test_get_list_filters_and_delete(owner, via):
    client = getattr(owner, via)
    today = owner.user.today()
    days = [today - datetime.timedelta(days=n) for n in range(4)]
    ids = {}
    for n, day in enumerate(days):
        ids[n] = uuid.uuid4()
        exercise = "bridge" if n % 2 == 0 else "walking"
        assert put_log(client, ids[n], log_body(day, exercise=exercise)).status_code == 201

    listed = client.get(LOGS).json()
    assert listed["count"] == 4
    assert [row["date"] for row in listed["results"]] == [d.isoformat() for d in days]

    window = client.get(LOGS, {"from": days[2].isoformat(), "to": days[1].isoformat()}).json()
    assert {row["id"] for row in window["results"]} == {str(ids[1]), str(ids[2])}
    walking = client.get(LOGS, {"exercise": "walking"}).json()
    assert {row["id"] for row in walking["results"]} == {str(ids[1]), str(ids[3])}

    one = client.get(f"{LOGS}{ids[0]}/")
    assert one.status_code == 200
    assert one.json()["pain_during"] == 2

    assert client.delete(f"{LOGS}{ids[0]}/").status_code == 204
    assert client.get(f"{LOGS}{ids[0]}/").status_code == 404
    assert client.delete(f"{LOGS}{ids[0]}/").status_code == 404
    assert ExerciseLog.objects.count() == 3


def test_no_post_or_patch_on_logs(owner):
    assert owner.session.post(LOGS, log_body(owner.user.today()), format="json").status_code == 405
    log_id = uuid.uuid4()
    put_log(owner.session, log_id, log_body(owner.user.today()))
    response = owner.session.patch(f"{LOGS}{log_id}/", {"pain_during": 9}, format="json")
    assert response.status_code == 405
    assert ExerciseLog.objects.get(pk=log_id).pain_during == 2


def test_a_malformed_id_is_404(owner):
    assert owner.token.get(f"{LOGS}not-a-uuid/").status_code == 404
    response = put_log(owner.token, "12345", log_body(owner.user.today()))
    assert response.status_code == 404
    assert ExerciseLog.objects.count() == 0


# (field changes, field, Dutch message, English message)
INVALID = [
    (
        {"exercise": "hardlopen"},
        "exercise",
        "Er is geen oefening met de naam “hardlopen”.",
        "There is no exercise called “hardlopen”.",
    ),
    (
        {"exercise": 12},
        "exercise",
        "Er is geen oefening met de naam “12”.",
        "There is no exercise called “12”.",
    ),
    (
        {"date": "gisteren"},
        "date",
        "Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2026-11-22.",
        "Give the date as year-month-day, for example 2026-11-22.",
    ),
    (
        {"pain_during": 11},
        "pain_during",
        "Kies hoeveel pijn je had: een getal van 0 tot en met 10.",
        "Choose how much pain you had: a number from 0 to 10.",
    ),
    (
        {"pain_during": -1},
        "pain_during",
        "Kies hoeveel pijn je had: een getal van 0 tot en met 10.",
        "Choose how much pain you had: a number from 0 to 10.",
    ),
    (
        {"pain_during": "veel"},
        "pain_during",
        "Kies hoeveel pijn je had: een getal van 0 tot en met 10.",
        "Choose how much pain you had: a number from 0 to 10.",
    ),
    (
        {"pain_during": 3.5},
        "pain_during",
        "Kies hoeveel pijn je had: een getal van 0 tot en met 10.",
        "Choose how much pain you had: a number from 0 to 10.",
    ),
    (
        {"sets": 21},
        "sets",
        "Vul een heel getal in van 0 tot en met 20.",
        "Give a whole number from 0 to 20.",
    ),
    (
        {"hold_seconds": 99999},
        "hold_seconds",
        "Vul een heel getal in van 0 tot en met 10800.",
        "Give a whole number from 0 to 10800.",
    ),
    (
        {"note": "x" * 2001},
        "note",
        "Een notitie mag hoogstens 2000 tekens lang zijn.",
        "A note can be at most 2000 characters long.",
    ),
    # Strict types and formats, as in the diary: nothing is guessed at.
    ({"date": "20261122"}, "date", FORMAT_NL, FORMAT_EN),
    ({"date": 20261122}, "date", FORMAT_NL, FORMAT_EN),
    ({"date": "2026-W47-7"}, "date", FORMAT_NL, FORMAT_EN),
    ({"date": "1969-12-31"}, "date", "Kies een datum vanaf 1970.", "Choose a date from 1970 on."),
    (
        {"sets": "2"},
        "sets",
        "Vul een heel getal in van 0 tot en met 20.",
        "Give a whole number from 0 to 20.",
    ),
    (
        {"reps": 1.0},
        "reps",
        "Vul een heel getal in van 0 tot en met 200.",
        "Give a whole number from 0 to 200.",
    ),
    (
        {"hold_seconds": True},
        "hold_seconds",
        "Vul een heel getal in van 0 tot en met 10800.",
        "Give a whole number from 0 to 10800.",
    ),
    (
        {"pain_during": "3"},
        "pain_during",
        "Kies hoeveel pijn je had: een getal van 0 tot en met 10.",
        "Choose how much pain you had: a number from 0 to 10.",
    ),
    (
        {"pain": 3},
        "pain",
        "Dit veld kennen we hier niet. Laat het weg.",
        "This field is unknown here. Leave it out.",
    ),
]


@pytest.mark.parametrize(("changes", "field", "dutch", "english"), INVALID)
def test_log_validation_messages_in_dutch_and_english(owner, changes, field, dutch, english):
    body = log_body(owner.user.today(), **changes)
    for language, message in (("nl", dutch), ("en", english)):
        response = put_log(owner.token, uuid.uuid4(), body, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400, response.content
        assert response.json() == {field: [message]}
    assert ExerciseLog.objects.count() == 0


def test_every_unknown_key_gets_a_message_and_nothing_is_saved(owner):
    body = log_body(owner.user.today(), pain=3, sets_done=2)
    response = put_log(owner.token, uuid.uuid4(), body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "pain": ["This field is unknown here. Leave it out."],
        "sets_done": ["This field is unknown here. Leave it out."],
    }
    assert ExerciseLog.objects.count() == 0


def test_a_log_sent_back_as_it_was_read_is_accepted(owner):
    """id, created_at and updated_at are the log's own (read-only) keys: a
    client that reads a log, changes the pain and sends it back is not refused."""
    log_id = uuid.uuid4()
    assert put_log(owner.token, log_id, log_body(owner.user.today())).status_code == 201
    read = owner.token.get(f"{LOGS}{log_id}/").json()
    response = put_log(owner.token, log_id, {**read, "pain_during": 5})
    assert response.status_code == 200, response.content
    assert ExerciseLog.objects.get(pk=log_id).pain_during == 5


def test_missing_fields_each_get_a_message(owner):
    response = put_log(owner.token, uuid.uuid4(), {}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    errors = response.json()
    assert errors["exercise"] == ["Zeg welke oefening je hebt gedaan."]
    assert errors["date"] == ["Vul de datum van de oefening in."]
    assert errors["pain_during"] == ["Kies hoeveel pijn je had: een getal van 0 tot en met 10."]
    assert set(errors) == {"exercise", "date", "sets", "reps", "hold_seconds", "pain_during"}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "De datum mag niet in de toekomst liggen."),
        ("en", "The date cannot be in the future."),
    ],
)
def test_a_future_date_is_refused(owner, language, message):
    tomorrow = owner.user.today() + datetime.timedelta(days=1)
    response = put_log(owner.token, uuid.uuid4(), log_body(tomorrow), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"date": [message]}


def test_today_is_the_users_today_not_the_servers(owner, settings):
    # The server lives at UTC-12, the user at UTC+14: the user's today is
    # always at least a day after the server's, and must be accepted.
    settings.TIME_ZONE = "Etc/GMT+12"
    owner.user.time_zone = "Etc/GMT-14"
    owner.user.save()
    users_today = timezone.now().astimezone(zoneinfo.ZoneInfo("Etc/GMT-14")).date()
    assert users_today > timezone.localdate()
    response = put_log(owner.token, uuid.uuid4(), log_body(users_today))
    assert response.status_code == 201, response.content
    too_late = users_today + datetime.timedelta(days=1)
    assert put_log(owner.token, uuid.uuid4(), log_body(too_late)).status_code == 400


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ("null", "application/json"),
        ("pain=3", "application/x-www-form-urlencoded"),
    ],
)
def test_garbage_bodies_are_4xx_not_500(owner, body, content_type):
    response = owner.token.put(f"{LOGS}{uuid.uuid4()}/", body, content_type=content_type)
    assert response.status_code in (400, 415)
    assert ExerciseLog.objects.count() == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "gisteren"}, "from"),
        ({"to": "2026-13-01"}, "to"),
        ({"exercise": "hardlopen"}, "exercise"),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "to"),
    ],
)
def test_bad_list_filters_are_400(owner, query, field):
    response = owner.token.get(LOGS, query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", f"{LOGS}{uuid.uuid4()}/"),
        ("delete", f"{LOGS}{uuid.uuid4()}/"),
        ("get", "/api/v1/exercises/no-such-thing/"),
        ("post", "/api/v1/pauses/999999/resume/"),
    ],
)
def test_not_found_is_said_in_the_users_language(owner, method, url):
    for language, message in (("nl", "Niet gevonden."), ("en", "Not found.")):
        response = getattr(owner.token, method)(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404
        # Not DRF's "No ExerciseLog matches the given query.", in English.
        assert response.json() == {"detail": message}


# --- another user's log ----------------------------------------------------------


@pytest.fixture
def owners_log(owner):
    log_id = uuid.uuid4()
    response = put_log(owner.token, log_id, log_body(owner.user.today(), pain_during=1))
    assert response.status_code == 201
    return log_id


def test_another_users_log_is_404_on_every_verb(owner, outsider, owners_log, via):
    client = getattr(outsider, via)
    url = f"{LOGS}{owners_log}/"
    assert client.get(url).status_code == 404
    # The same answer as for an id nobody has: nothing tells the id is in use.
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="nl").json() == {"detail": "Niet gevonden."}
    assert client.delete(url).status_code == 404
    today = outsider.user.today()
    assert put_log(client, owners_log, log_body(today, pain_during=9)).status_code == 404
    # Even an invalid body answers 404, not a 400 that would show the id is in use.
    assert put_log(client, owners_log, {"pain_during": 99}).status_code == 404
    assert client.get(LOGS).json()["results"] == []
    assert client.get(LOGS, {"exercise": "bridge"}).json()["results"] == []

    log = ExerciseLog.objects.get(pk=owners_log)
    assert (log.user, log.pain_during, log.note) == (owner.user, 1, "Ging goed")
    assert ExerciseLog.objects.count() == 1
    # The owner still has it, untouched.
    assert owner.token.get(f"{LOGS}{owners_log}/").json()["pain_during"] == 1


def test_plan_never_shows_another_users_logs_or_pauses(owner, outsider, owners_log):
    ExercisePause.objects.create(
        user=owner.user,
        exercise=Exercise.objects.get(slug="ball-squeeze"),
        since=owner.user.today(),
    )
    Enrollment.start(
        outsider.user, Program.objects.get(slug="gentle-hip-start"), outsider.user.today()
    )
    items = outsider.token.get("/api/v1/plan/").json()["items"]
    assert {i["exercise"]: (i["logged"], i["paused"]) for i in items} == {
        "bridge": (0, False),
        "ball-squeeze": (0, False),
        "walking": (0, False),
    }


def test_session_writes_need_the_csrf_token(owner):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(owner.user)
    response = put_log(client, uuid.uuid4(), log_body(owner.user.today()))
    assert response.status_code == 403
    assert ExerciseLog.objects.count() == 0


# --- the schema --------------------------------------------------------------------


def test_schema_documents_the_exercise_endpoints_with_typed_paths(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    for path in [
        "/api/v1/exercises/",
        "/api/v1/exercises/{slug}/",
        "/api/v1/programs/",
        "/api/v1/enrollments/",
        "/api/v1/plan/",
        "/api/v1/exercise-logs/",
        "/api/v1/exercise-logs/{id}/",
    ]:
        assert path in paths, path
    assert set(paths["/api/v1/exercise-logs/{id}/"]) >= {"get", "put", "delete"}
    assert "patch" not in paths["/api/v1/exercise-logs/{id}/"]
    assert "post" not in paths["/api/v1/exercise-logs/"]
    id_param = next(
        p for p in paths["/api/v1/exercise-logs/{id}/"]["put"]["parameters"] if p["name"] == "id"
    )
    assert id_param["in"] == "path" and id_param["schema"]["format"] == "uuid"
    slug_param = next(
        p for p in paths["/api/v1/exercises/{slug}/"]["get"]["parameters"] if p["name"] == "slug"
    )
    assert slug_param["in"] == "path" and slug_param["schema"]["type"] == "string"
    assert set(paths["/api/v1/exercise-logs/{id}/"]["put"]["responses"]) >= {
        "200",
        "201",
        "400",
        "404",
    }


def test_schema_lists_the_slugs_a_write_accepts(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    components = schema["components"]["schemas"]
    assert {"bridge", "ball-squeeze", "bursitis-stretch"} <= set(components["ExerciseEnum"]["enum"])
    assert "calm-bursitis" in components["ProgramEnum"]["enum"]


def test_schema_says_plain_string_when_there_is_no_content_yet(client):
    """An empty enum would tell clients (and schemathesis) that no value is
    valid at all; without exercises the field is just a string."""
    ExerciseLog.objects.all().delete()
    Enrollment.objects.all().delete()
    Program.objects.all().delete()
    Exercise.objects.all().delete()
    schema = yaml.safe_load(client.get("/api/schema/").content)
    text = yaml.safe_dump(schema)
    assert "enum: []" not in text
    exercise = schema["components"]["schemas"]["ExerciseLogRequest"]["properties"]["exercise"]
    assert exercise == {"type": "string", "minLength": 1}
