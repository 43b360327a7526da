"""The advice end to end: writes through the API and the pages, real database."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import uuid
from dataclasses import asdict
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from diary.advice import Thresholds
from diary.advice_store import acknowledge, current_advice, refresh_advice, thresholds
from diary.models import Advice, DayEntry
from exercises.models import Exercise, ExerciseLog, ExercisePause
from tests.test_advice_rules import BRIDGE, SCENARIOS, SQUEEZE, STRETCH, TODAY

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


def looks(party) -> list[dict]:
    """The user opens the advice: a write only counts itself, and reading
    brings the advice (and the pauses it makes) up to date."""
    response = party.token.get("/api/v1/advice/")
    assert response.status_code == 200
    return response.json()


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
    assert looks(owner) == []
    assert not ExercisePause.objects.exists()  # one raised day is not enough
    put_day(owner, 0, 7)
    assert not ExercisePause.objects.exists()  # the write only counted itself

    assert [a["kind"] for a in looks(owner)] == ["stop_exercise"]
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
    looks(owner)
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
    looks(owner)
    assert ExercisePause.objects.filter(resumed_on__isnull=True).count() == 1


def test_may_try_again_and_resume(gp_knows, client):
    owner = gp_knows
    calm_history(owner, 14, 5)
    log_session(owner, "bridge", 4, 3)
    put_day(owner, 4, 3)
    put_day(owner, 3, 6)
    put_day(owner, 2, 6)
    looks(owner)
    pause = ExercisePause.objects.get()
    assert not pause.may_resume
    put_day(owner, 1, 3)
    put_day(owner, 0, 3)
    looks(owner)
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
    assert looks(owner) == []
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


# --- the scenario table through the database ----------------------------------

SLUGS = {BRIDGE: "bridge", SQUEEZE: "ball-squeeze", STRETCH: "bursitis-stretch"}
NUMBERS = {slug: number for number, slug in SLUGS.items()}


def scenario_day(scenario, today: datetime.date, n: int) -> datetime.date:
    """Scenario day ``n`` on the calendar, with the scenario's today as the user's today."""
    return today - datetime.timedelta(days=scenario.get("today", TODAY) - n)


def scenario_days(scenario) -> dict[int, dict]:
    """The DayEntry fields per scenario day, up to the scenario's today."""
    last = scenario.get("today", TODAY)
    days: dict[int, dict] = {}
    for n, pain in scenario["scores"].items():
        days.setdefault(n, {})["pain"] = pain
    for n, flags in scenario.get("flags", {}).items():
        days.setdefault(n, {})["red_flags"] = sorted(flags)
    for n in scenario.get("night", set()):
        days.setdefault(n, {})["night_pain"] = True
    return {n: fields for n, fields in days.items() if n <= last}


def stored_findings(user) -> list[tuple[str, int | None]]:
    return sorted(
        (advice.kind, NUMBERS[advice.exercise.slug] if advice.exercise_id else None)
        for advice in Advice.objects.filter(user=user).select_related("exercise")
    )


def expected(scenario) -> list[tuple[str, int | None]]:
    return sorted(scenario["expect"])


def stopped(scenario) -> int:
    return len({exercise for kind, exercise in scenario["expect"] if kind == "stop_exercise"})


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_every_scenario_through_the_database(scenario, make_user):
    """The table of tests/test_advice_rules.py, stored as entries and logs and
    run through refresh_advice (what every write runs, see diary/signals.py):
    the same findings as the pure rules, each stored once, one pause per
    stopped exercise, and replaying every write changes nothing."""
    user = make_user(care_provider_knows=scenario.get("care_provider_knows", True))
    today = user.today()
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=SLUGS.values())}
    for number, n in scenario.get("resumed", {}).items():
        ExercisePause.objects.create(
            user=user,
            exercise=exercises[SLUGS[number]],
            since=scenario_day(scenario, today, n - 1),
            resumed_on=scenario_day(scenario, today, n),
        )
    pauses_before = ExercisePause.objects.count()
    # bulk_create sends no signals: the data is complete before the rules run.
    DayEntry.objects.bulk_create(
        DayEntry(user=user, date=scenario_day(scenario, today, n), **fields)
        for n, fields in scenario_days(scenario).items()
    )
    start = timezone.now()
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            id=uuid.uuid4(),
            user=user,
            exercise=exercises[SLUGS[number]],
            date=scenario_day(scenario, today, n),
            pain_during=pain,
            # The rules take a user's sessions in the order they were logged.
            created_at=start + datetime.timedelta(seconds=i),
        )
        for i, (number, n, pain) in enumerate(scenario.get("sessions", []))
    )
    refresh_advice(user)
    refresh_advice(user)
    assert stored_findings(user) == expected(scenario)
    assert ExercisePause.objects.count() - pauses_before == stopped(scenario)

    # Every write once more, through save() and so through the signal.
    keys = set(Advice.objects.values_list("key", flat=True))
    for row in [*DayEntry.objects.filter(user=user), *ExerciseLog.objects.filter(user=user)]:
        row.save()
    assert set(Advice.objects.values_list("key", flat=True)) == keys
    assert ExercisePause.objects.count() - pauses_before == stopped(scenario)


@pytest.mark.parametrize(
    "scenario", [s for s in SCENARIOS if s.get("replay")], ids=lambda s: s["name"]
)
def test_the_same_writes_replayed_through_the_api(scenario, make_user):
    """An offline phone sends its queue again: every day and every log, in
    order, twice, through the API. The advice is the table's, once."""
    from tests.conftest import make_party

    party = make_party(make_user(care_provider_knows=True))
    today = party.user.today()
    days = scenario_days(scenario)
    logs = {
        scenario_day(scenario, today, n): (uuid.uuid4(), number, pain)
        for number, n, pain in scenario.get("sessions", [])
    }

    def send_everything():
        for n in sorted(days):
            day = scenario_day(scenario, today, n)
            body = {"pain": None, **days[n]}
            response = party.token.put(f"/api/v1/entries/{day}/", body, format="json")
            assert response.status_code in (200, 201), response.content
            if day in logs:
                log_id, number, pain = logs[day]
                response = party.token.put(
                    f"/api/v1/exercise-logs/{log_id}/",
                    {
                        "exercise": SLUGS[number],
                        "date": day.isoformat(),
                        "sets": 1,
                        "reps": 8,
                        "hold_seconds": 0,
                        "pain_during": pain,
                    },
                    format="json",
                )
                assert response.status_code in (200, 201), response.content

    send_everything()
    current = [a["kind"] for a in party.token.get("/api/v1/advice/").json()]
    assert current == [kind for kind, _ in scenario["expect"]]
    rows = sorted(Advice.objects.values_list("key", "resolved_at"))
    send_everything()
    assert sorted(Advice.objects.values_list("key", "resolved_at")) == rows
    assert ExercisePause.objects.count() == stopped(scenario)


# --- a pattern that lasts ------------------------------------------------------


def test_forty_days_of_pain_replayed_day_by_day_is_one_advice_each(make_user):
    """Pain 3 every day and night for 40 days, no GP knows, and the advice
    read every day: one lasting-pain and one night-pain advice in all, so
    nothing comes back once read (it did daily after 28 days)."""
    user = make_user(care_provider_knows=False)
    last = user.today()
    for n in range(39, -1, -1):
        day = last - datetime.timedelta(days=n)
        DayEntry.objects.bulk_create([DayEntry(user=user, date=day, pain=3, night_pain=True)])
        refresh_advice(user, today=day)
        for advice in current_advice(user):
            acknowledge(user, advice.pk)
    assert sorted(Advice.objects.values_list("kind", "rule")) == [
        ("see_gp", "lasting_pain"),
        ("see_gp", "night_pain"),
    ]
    assert current_advice(user) == []


def test_a_new_run_after_a_break_is_new_advice(make_user):
    """An old run of pain, read and acknowledged months ago; then, after a
    long break, 41 days of pain typed in at once: that is new advice, shown,
    not folded into the old acknowledged one."""
    user = make_user(care_provider_knows=False)
    today = user.today()
    for n in range(120, 110, -1):
        DayEntry.objects.bulk_create(
            [DayEntry(user=user, date=today - datetime.timedelta(n), pain=3)]
        )
        refresh_advice(user, today=today - datetime.timedelta(days=n))
    for advice in current_advice(user):
        acknowledge(user, advice.pk)
    assert current_advice(user) == []
    DayEntry.objects.bulk_create(
        [DayEntry(user=user, date=today - datetime.timedelta(days=n), pain=4) for n in range(41)]
    )
    refresh_advice(user, today=today)
    assert [(a.kind, a.rule) for a in current_advice(user)] == [("see_gp", "lasting_pain")]


def test_a_run_that_grows_backwards_stays_one_advice(make_user):
    """A run first seen short, then earlier days filled in so that it reaches
    past the look-back, then refreshed every day: still one advice."""
    user = make_user(care_provider_knows=False)
    today = user.today()
    DayEntry.objects.bulk_create(
        [
            DayEntry(user=user, date=today - datetime.timedelta(days=n), pain=4)
            for n in range(30, 9, -1)
        ]
    )
    refresh_advice(user, today=today - datetime.timedelta(days=10))
    DayEntry.objects.bulk_create(
        [
            DayEntry(user=user, date=today - datetime.timedelta(days=n), pain=4)
            for n in range(80, 30, -1)
        ]
    )
    for n in range(9, -1, -1):
        DayEntry.objects.bulk_create(
            [DayEntry(user=user, date=today - datetime.timedelta(n), pain=4)]
        )
        refresh_advice(user, today=today - datetime.timedelta(days=n))
    assert list(Advice.objects.values_list("kind", "rule")) == [("see_gp", "lasting_pain")]


# --- the wording ---------------------------------------------------------------


def test_night_pain_message_counts_nights_without_a_score(owner):
    """Three nights of pain on days the user gave no day score: "3 keer"."""
    for n in (4, 2, 0):
        response = owner.token.put(
            f"/api/v1/entries/{days_ago(owner.user, n)}/", {"night_pain": True}, format="json"
        )
        assert response.status_code in (200, 201), response.content
    (advice,) = owner.token.get("/api/v1/advice/", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert advice["rule"] == "night_pain"
    assert "werd je 3 keer wakker" in advice["message"]


def test_a_stop_for_pain_during_has_the_baseline_for_trying_again(gp_knows):
    """Usual pain 2; stopped for pain during twice; then two days at 4. That
    is not back at the baseline of 2, so not yet "you may try again" (without
    the baseline anything below 6 would be)."""
    owner = gp_knows
    calm_history(owner, 12, 4, pain=2)
    log_session(owner, "ball-squeeze", 3, 6)
    log_session(owner, "ball-squeeze", 2, 7)
    looks(owner)
    pause = ExercisePause.objects.get(user=owner.user)
    assert pause.baseline == 2
    put_day(owner, 1, 4)
    put_day(owner, 0, 4)
    looks(owner)
    pause.refresh_from_db()
    assert pause.may_resume is False
    put_day(owner, 1, 2)
    put_day(owner, 0, 2)
    looks(owner)
    pause.refresh_from_db()
    assert pause.may_resume is True


@pytest.mark.parametrize("phone", ["", "0900 123 45-67"])
def test_urgent_advice_names_the_huisartsenpost_and_calls_it_when_known(client, owner, phone):
    put_day(owner, 0, 5, red_flags=["fever"])
    client.force_login(owner.user)
    with override_settings(HUISARTSENPOST_PHONE=phone):
        html = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Bel vandaag je eigen huisarts" in html
    assert "bel je de huisartsenpost" in html  # outside office hours, always said
    if phone:
        assert 'href="tel:090012345-67"' in html  # no spaces in a tel: URI
        assert "Bel de huisartsenpost: 0900 123 45-67" in html
    else:
        assert "tel:" not in html


def test_the_api_gives_the_same_phone_actions(owner):
    put_day(owner, 0, 5, red_flags=["fever"])
    put_day(owner, 1, 5, red_flags=["bladder_bowel_loss"])
    with override_settings(HUISARTSENPOST_PHONE="0900 123 45-67"):
        advice = owner.token.get("/api/v1/advice/", HTTP_ACCEPT_LANGUAGE="nl").json()
    actions = {a["kind"]: a["actions"] for a in advice}
    assert actions["emergency"] == [{"label": "Bel 112", "href": "tel:112"}]
    assert actions["urgent"] == [
        {"label": "Bel de huisartsenpost: 0900 123 45-67", "href": "tel:090012345-67"}
    ]
    with override_settings(HUISARTSENPOST_PHONE=""):
        advice = owner.token.get("/api/v1/advice/").json()
    assert {a["kind"]: a["actions"] for a in advice}["urgent"] == []


def test_urgent_advice_in_english_says_when_to_call_whom(owner):
    put_day(owner, 0, 5, red_flags=["cannot_bear_weight"])
    (advice,) = owner.token.get("/api/v1/advice/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "During office hours you call the practice" in advice["message"]
    assert "out-of-hours GP service" in advice["message"]


# --- the thresholds are settings -----------------------------------------------


def test_the_settings_repeat_the_clinical_defaults():
    assert asdict(Thresholds()) == settings.ADVICE_THRESHOLDS
    assert thresholds() == Thresholds()


def test_a_threshold_from_the_settings_changes_the_outcome(gp_knows):
    """ADVICE_DAYS_AFTER=1: one raised day after the bridge already stops it."""
    owner = gp_knows
    calm_history(owner, 12, 2)
    log_session(owner, "bridge", 1, 3)
    put_day(owner, 1, 3)
    put_day(owner, 0, 6)
    assert looks(owner) == []
    assert not ExercisePause.objects.exists()
    with override_settings(ADVICE_THRESHOLDS={**settings.ADVICE_THRESHOLDS, "days_after": 1}):
        put_day(owner, 0, 6)
        assert [a["kind"] for a in looks(owner)] == ["stop_exercise"]
    assert ExercisePause.objects.get(user=owner.user).exercise.slug == "bridge"


def test_an_unknown_threshold_is_refused():
    with (
        override_settings(ADVICE_THRESHOLDS={"days_afterr": 1}),
        pytest.raises(ValueError, match="days_afterr"),
    ):
        thresholds()


def settings_in_a_fresh_process(**environment: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50, **environment}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import heupdagboek.settings as s; "
            "print(s.ADVICE_THRESHOLDS['days_after'], repr(s.HUISARTSENPOST_PHONE))",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_environment_sets_them():
    result = settings_in_a_fresh_process(ADVICE_DAYS_AFTER="3", HUISARTSENPOST_PHONE="+31 88 123")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 '+31 88 123'"


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"ADVICE_DAYS_AFTER": "two"}, "ADVICE_DAYS_AFTER='two' is not a whole number"),
        ({"ADVICE_DAYS_AFTER": "0"}, "ADVICE_DAYS_AFTER=0 is below the minimum 1"),
        ({"ADVICE_PAIN_DURING_LIMIT": "11"}, "ADVICE_PAIN_DURING_LIMIT is a pain score"),
        ({"ADVICE_BASELINE_MIN_SCORES": "8"}, "cannot exceed ADVICE_BASELINE_DAYS"),
        ({"HUISARTSENPOST_PHONE": "call 0900"}, "HUISARTSENPOST_PHONE must be a phone number"),
        ({"HUISARTSENPOST_PHONE": "12"}, "HUISARTSENPOST_PHONE must be a phone number"),
        ({"HUISARTSENPOST_PHONE": "088+123"}, "HUISARTSENPOST_PHONE must be a phone number"),
    ],
)
def test_a_bad_value_stops_the_app(environment, message):
    result = settings_in_a_fresh_process(**environment)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_pause_says_why_in_the_readers_language(owner):
    """Stopped while the user read Dutch; read later in English: the plan,
    the pauses API and the player give the reason in English."""
    calm_history(owner, 12, 4, pain=2)
    log_session(owner, "ball-squeeze", 3, 6)
    log_session(owner, "ball-squeeze", 2, 7)
    looks(owner)
    pause = ExercisePause.objects.get(user=owner.user)
    assert set(pause.reasons) == {"nl", "en"} and pause.reasons["nl"] != pause.reasons["en"]
    (listed,) = owner.token.get("/api/v1/pauses/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert listed["reason"] == pause.reasons["en"]
    (listed,) = owner.token.get("/api/v1/pauses/", HTTP_ACCEPT_LANGUAGE="nl").json()["results"]
    assert listed["reason"] == pause.reasons["nl"]
