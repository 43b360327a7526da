"""/api/v1/entries/ and /api/v1/readings/: every verb, idempotency, validation, scoping."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diary.models import DayEntry, PainReading

pytestmark = pytest.mark.django_db


def day_url(day) -> str:
    return f"/api/v1/entries/{day}/"


def today(party) -> datetime.date:
    return party.user.today()


# --- entries -----------------------------------------------------------------


def test_put_creates_then_replaces_and_is_idempotent(owner):
    day = today(owner)
    body = {
        "pain": 6,
        "night_pain": True,
        "locations": ["groin", "outer_hip", "groin"],
        "sleep_position": "left_side",
        "pillow_between_knees": True,
        "red_flags": ["fever"],
        "note": "Lang gewandeld. " * 200,
    }
    first = owner.token.put(day_url(day), body, format="json")
    assert first.status_code == 201, first.content
    second = owner.token.put(day_url(day), body, format="json")
    assert second.status_code == 200
    assert DayEntry.objects.filter(user=owner.user).count() == 1
    data = second.json()
    assert data["date"] == day.isoformat()
    assert data["locations"] == ["groin", "outer_hip"]  # duplicates dropped
    assert data["sleep_position"] == "left_side"
    assert data["day_score"] == 6
    assert first.json()["note"] == data["note"]

    # PUT replaces: what is left out is emptied.
    third = owner.token.put(day_url(day), {"pain": 2}, format="json")
    assert third.status_code == 200
    entry = DayEntry.objects.get(user=owner.user, date=day)
    assert (entry.pain, entry.night_pain, entry.locations, entry.sleep_position) == (
        2,
        False,
        [],
        "",
    )


def test_patch_changes_only_given_fields_and_creates_when_missing(owner):
    day = today(owner) - datetime.timedelta(days=3)
    created = owner.session.patch(day_url(day), {"pain": 4}, format="json")
    assert created.status_code == 201
    owner.session.patch(
        day_url(day), {"note": "Slecht geslapen", "sleep_position": None}, format="json"
    )
    response = owner.session.patch(day_url(day), {"note": "Slecht geslapen"}, format="json")
    assert response.status_code == 200
    entry = DayEntry.objects.get(user=owner.user, date=day)
    assert (entry.pain, entry.note) == (4, "Slecht geslapen")
    assert DayEntry.objects.filter(user=owner.user).count() == 1


def test_get_and_delete(owner):
    day = today(owner)
    owner.token.put(day_url(day), {"pain": 3}, format="json")
    assert owner.token.get(day_url(day)).json()["pain"] == 3
    assert owner.token.delete(day_url(day)).status_code == 204
    assert owner.token.get(day_url(day)).status_code == 404
    assert owner.token.delete(day_url(day)).status_code == 404


def test_list_is_ascending_filtered_and_paginated(owner):
    start = today(owner) - datetime.timedelta(days=9)
    for offset in range(10):
        DayEntry.objects.create(
            user=owner.user, date=start + datetime.timedelta(days=offset), pain=offset
        )
    response = owner.token.get("/api/v1/entries/", {"page_size": 4})
    data = response.json()
    assert data["count"] == 10
    assert [e["pain"] for e in data["results"]] == [0, 1, 2, 3]
    assert data["next"]
    middle = owner.token.get(
        "/api/v1/entries/",
        {
            "from": (start + datetime.timedelta(days=2)).isoformat(),
            "to": (start + datetime.timedelta(days=4)).isoformat(),
        },
    ).json()
    assert [e["pain"] for e in middle["results"]] == [2, 3, 4]


def test_day_score_falls_back_to_the_highest_reading(owner):
    day = today(owner)
    owner.token.put(day_url(day), {"night_pain": True}, format="json")
    for pain in (3, 7, 5):
        owner.token.put(
            f"/api/v1/readings/{uuid.uuid4()}/",
            {"taken_at": f"{day}T08:00:00+01:00", "pain": pain, "context": "morning"},
            format="json",
        )
    entry = owner.token.get(day_url(day)).json()
    assert entry["pain"] is None
    assert entry["day_score"] == 7
    listed = owner.token.get("/api/v1/entries/").json()["results"][0]
    assert listed["day_score"] == 7


def test_list_uses_the_same_number_of_queries_for_1_and_365_entries(owner):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = owner.token.get("/api/v1/entries/", {"page_size": 400})
        assert response.status_code == 200
        return len(queries)

    first_day = today(owner) - datetime.timedelta(days=400)
    DayEntry.objects.create(user=owner.user, date=first_day, pain=1)
    one = count_queries()
    DayEntry.objects.bulk_create(
        DayEntry(user=owner.user, date=first_day + datetime.timedelta(days=n), pain=n % 11)
        for n in range(1, 365)
    )
    assert owner.token.get("/api/v1/entries/", {"page_size": 400}).json()["count"] == 365
    assert count_queries() == one


# --- validation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pain": 11}, "pain"),
        ({"pain": -1}, "pain"),
        ({"pain": 4.5}, "pain"),
        ({"pain": "7"}, "pain"),
        ({"pain": True}, "pain"),
        ({"locations": ["heart"]}, "locations"),
        ({"locations": "groin"}, "locations"),
        ({"sleep_position": "upside_down"}, "sleep_position"),
        ({"red_flags": ["headache"]}, "red_flags"),
        ({"note": "x" * 10_001}, "note"),
        ({"night_pain": "misschien"}, "night_pain"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(owner, body, field):
    day = today(owner)
    owner.token.put(day_url(day), {"pain": 3, "note": "bewaard"}, format="json")
    for method in (owner.token.put, owner.token.patch):
        response = method(day_url(day), body, format="json")
        assert response.status_code == 400
        assert field in response.json()
    entry = DayEntry.objects.get(user=owner.user, date=day)
    assert (entry.pain, entry.note) == (3, "bewaard")


def test_pain_message_in_dutch_and_english(owner):
    day = today(owner)
    nl = owner.token.put(day_url(day), {"pain": 12}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    en = owner.token.put(day_url(day), {"pain": 12}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert nl.json() == {"pain": ["Pijn moet een heel getal van 0 tot en met 10 zijn."]}
    assert en.json() == {"pain": ["Pain must be a whole number from 0 to 10."]}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Je kunt geen dag invullen die nog niet is geweest."),
        ("en", "You cannot fill in a day that has not come yet."),
    ],
)
def test_future_date_is_refused_in_the_users_time_zone(owner, language, message):
    tomorrow = today(owner) + datetime.timedelta(days=1)
    response = owner.token.put(
        day_url(tomorrow), {"pain": 3}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert response.json() == {"date": [message]}
    assert not DayEntry.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", "Gebruik een datum vanaf 1970-01-01."), ("en", "Use a date from 1970-01-01 on.")],
)
@pytest.mark.parametrize("old", ["0001-01-01", "1969-12-31"])
def test_a_day_before_the_floor_is_refused(owner, language, message, old):
    for method in (owner.token.put, owner.token.patch):
        response = method(day_url(old), {"pain": 3}, format="json", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        assert response.json() == {"date": [message]}
    assert not DayEntry.objects.exists()
    # The floor itself is a day like any other.
    assert owner.token.put(day_url("1970-01-01"), {"pain": 3}, format="json").status_code == 201


def test_a_day_stored_before_the_floor_can_still_be_read_and_deleted(owner):
    DayEntry.objects.create(user=owner.user, date=datetime.date(1, 1, 1), pain=4)
    assert owner.token.get(day_url("0001-01-01")).json()["pain"] == 4
    assert owner.token.delete(day_url("0001-01-01")).status_code == 204
    assert not DayEntry.objects.exists()


def test_far_east_user_may_log_their_today(owner):
    # In Auckland it is often already tomorrow compared with Amsterdam.
    owner.user.time_zone = "Pacific/Kiritimati"  # UTC+14
    owner.user.save()
    response = owner.token.put(day_url(owner.user.today()), {"pain": 3}, format="json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", "Gebruik een datum zoals 2026-11-22."), ("en", "Use a date like 2026-11-22.")],
)
@pytest.mark.parametrize("bad", ["2026-13-01", "gisteren", "2026-02-30", "20261122"])
def test_malformed_date_is_a_400(owner, bad, language, message):
    for response in (
        owner.token.put(day_url(bad), {"pain": 3}, format="json", HTTP_ACCEPT_LANGUAGE=language),
        owner.token.get(day_url(bad), HTTP_ACCEPT_LANGUAGE=language),
    ):
        assert response.status_code == 400
        assert response.json() == {"date": [message]}


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", '"heart" is een ongeldige keuze.'), ("en", '"heart" is not a valid choice.')],
)
def test_unknown_slug_message_in_dutch_and_english(owner, language, message):
    response = owner.token.put(
        day_url(today(owner)),
        {"locations": ["groin", "heart"]},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.json() == {"locations": {"1": [message]}}


UNKNOWN = {"nl": "Dit veld bestaat niet.", "en": "Unknown field."}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_unknown_key_is_refused_and_the_day_is_kept(owner, language):
    """A typo must not wipe the day: PUT replaces every field, so {"pian": 7}
    used to answer 200 and empty the day."""
    day = today(owner)
    owner.token.put(day_url(day), {"pain": 3, "note": "bewaard"}, format="json")
    for method in (owner.token.put, owner.token.patch):
        response = method(day_url(day), {"pian": 7}, format="json", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        assert response.json() == {"pian": [UNKNOWN[language]]}
    # Reported next to the other fields' errors, each under its own name.
    response = owner.token.put(
        day_url(day), {"pain": 11, "nite_pain": True}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert set(response.json()) == {"pain", "nite_pain"}
    entry = DayEntry.objects.get(user=owner.user, date=day)
    assert (entry.pain, entry.note) == (3, "bewaard")


def test_read_only_fields_sent_back_are_not_unknown(owner):
    day = today(owner)
    read = owner.token.put(day_url(day), {"pain": 3, "note": "eerste"}, format="json").json()
    response = owner.token.put(day_url(day), {**read, "pain": 5}, format="json")
    assert response.status_code == 200
    assert (response.json()["pain"], response.json()["note"]) == (5, "eerste")


def test_malformed_range_is_a_400(owner):
    response = owner.token.get("/api/v1/entries/", {"from": "vorige week"})
    assert response.status_code == 400
    assert "from" in response.json()
    response = owner.token.get("/api/v1/entries/", {"from": "2026-11-10", "to": "2026-11-01"})
    assert "to" in response.json()


NOT_JSON = {"nl": "Dit is geen geldige JSON.", "en": "This is not valid JSON."}
NOT_AN_OBJECT = {"nl": "Dit moet een JSON-object zijn.", "en": "This must be a JSON object."}
TOO_DEEP = {"nl": "Deze JSON is te diep genest.", "en": "This JSON is nested too deeply."}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("raw", "messages"),
    [
        ('{"pain": 3', NOT_JSON),
        ("<xml/>", NOT_JSON),
        ('{"pain": NaN}', NOT_JSON),
        (b"\xff\xfe{}", NOT_JSON),
        ("[1, 2]", NOT_AN_OBJECT),
        ('"pain"', NOT_AN_OBJECT),
        ("null", NOT_AN_OBJECT),
        ("[" * 100_000 + "]" * 100_000, TOO_DEEP),  # Python's decoder gives up
    ],
)
def test_broken_or_wrong_json_is_a_400(owner, raw, messages, language):
    response = owner.token.generic(
        "PUT",
        day_url(today(owner)),
        raw,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.json() == {"body": [messages[language]]}
    assert not DayEntry.objects.exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_broken_json_to_a_reading_is_a_400_in_the_request_language(owner, language):
    response = owner.token.generic(
        "PUT",
        f"/api/v1/readings/{uuid.uuid4()}/",
        '{"pain": ',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.json() == {"body": [NOT_JSON[language]]}


# --- readings -------------------------------------------------------------------


def reading_body(party, pain=5, **extra):
    return {
        "taken_at": f"{today(party)}T07:30:00+01:00",
        "pain": pain,
        "context": "morning",
        **extra,
    }


def test_reading_put_is_idempotent_and_replaceable(owner):
    url = f"/api/v1/readings/{uuid.uuid4()}/"
    assert owner.token.put(url, reading_body(owner), format="json").status_code == 201
    assert owner.token.put(url, reading_body(owner), format="json").status_code == 200
    assert PainReading.objects.count() == 1
    response = owner.token.put(url, reading_body(owner, pain=8, context=None), format="json")
    assert response.json()["pain"] == 8
    assert response.json()["context"] is None
    assert owner.token.get(url).json()["date"] == today(owner).isoformat()
    assert len(owner.token.get("/api/v1/readings/").json()["results"]) == 1
    assert owner.token.delete(url).status_code == 204
    assert owner.token.get(url).status_code == 404


def test_reading_date_follows_the_users_time_zone(owner):
    url = f"/api/v1/readings/{uuid.uuid4()}/"
    # 23:30 UTC on the 20th is 00:30 on the 21st in Amsterdam (winter time).
    owner.token.put(url, {"taken_at": "2026-11-20T23:30:00Z", "pain": 4}, format="json")
    assert PainReading.objects.get().date == datetime.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pain": 11}, "pain"),
        ({"context": "lunch"}, "context"),
        ({"taken_at": "gisteren"}, "taken_at"),
        ({"taken_at": "2999-01-01T08:00:00Z"}, "taken_at"),
    ],
)
def test_reading_validation(owner, body, field):
    response = owner.token.put(
        f"/api/v1/readings/{uuid.uuid4()}/", reading_body(owner, **body), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not PainReading.objects.exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_reading_with_an_unknown_key_is_refused(owner, language):
    url = f"/api/v1/readings/{uuid.uuid4()}/"
    response = owner.token.put(
        url, reading_body(owner, contxt="evening"), format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert response.json() == {"contxt": [UNKNOWN[language]]}
    assert not PainReading.objects.exists()


def test_a_reading_before_the_floor_is_refused(owner):
    for taken_at in ("1969-12-31T12:00:00Z", "0001-01-01T12:00:00Z"):
        response = owner.token.put(
            f"/api/v1/readings/{uuid.uuid4()}/",
            reading_body(owner, taken_at=taken_at),
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 400
        assert response.json() == {"taken_at": ["This moment is too long ago."]}
    assert not PainReading.objects.exists()


def test_malformed_reading_id_is_a_400(owner):
    response = owner.token.put("/api/v1/readings/not-a-uuid/", reading_body(owner), format="json")
    assert response.status_code == 400
    assert "id" in response.json()


# --- scoped to the user ---------------------------------------------------------------


def test_another_users_entry_is_404_on_every_verb(owner, outsider):
    day = today(owner)
    owner.token.put(day_url(day), {"pain": 6, "note": "van mij"}, format="json")
    for client in (outsider.token, outsider.session):
        assert client.get(day_url(day)).status_code == 404
        assert client.delete(day_url(day)).status_code == 404
        assert client.get("/api/v1/entries/").json()["count"] == 0
    # The outsider writing the same date makes their own entry, never touches mine.
    assert outsider.token.put(day_url(day), {"pain": 1}, format="json").status_code == 201
    assert outsider.token.patch(day_url(day), {"pain": 2}, format="json").status_code == 200
    mine = DayEntry.objects.get(user=owner.user, date=day)
    assert (mine.pain, mine.note) == (6, "van mij")


def test_another_users_reading_is_404_on_every_verb(owner, outsider):
    url = f"/api/v1/readings/{uuid.uuid4()}/"
    owner.token.put(url, reading_body(owner, pain=6), format="json")
    for client in (outsider.token, outsider.session):
        assert client.get(url).status_code == 404
        assert client.put(url, reading_body(outsider, pain=1), format="json").status_code == 404
        assert client.delete(url).status_code == 404
        assert client.get("/api/v1/readings/").json()["count"] == 0
    reading = PainReading.objects.get()
    assert (reading.user, reading.pain) == (owner.user, 6)


def test_anonymous_gets_401(anonymous):
    assert anonymous.get("/api/v1/entries/").status_code == 401
    assert anonymous.put(day_url("2026-11-01"), {"pain": 1}, format="json").status_code == 401
    assert anonymous.get("/api/v1/readings/").status_code == 401


def test_a_put_is_two_upserts_and_runs_no_rules(owner):
    """The diary write is the hot path (issue 9): one upsert of the day and
    one of the advice's change count, and no reads beyond the login's. The
    rules run when the advice is next read (tests/test_advice_on_read.py); a
    day older than anything they read (diary.advice_store.history_start) is
    not even counted."""
    from diary.advice_store import history_start, thresholds

    def put(day) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = owner.token.put(day_url(day), {"pain": 4}, format="json")
        assert response.status_code in (200, 201)
        return [q["sql"] for q in queries]

    def tables(statements: list[str], verb: str) -> list[str]:
        return [
            table
            for sql in statements
            if sql.split()[0].upper() == verb
            for table in ("diary_dayentry", "diary_advicestate", "diary_painreading")
            if table in sql
        ]

    today_ = today(owner)
    recent = put(today_)
    assert tables(recent, "INSERT") == ["diary_dayentry", "diary_advicestate"]
    assert tables(recent, "SELECT") == []  # no rules: they read days and readings
    assert not [sql for sql in recent if "exercises_" in sql or "diary_advice" + '"' in sql]
    first_old_day = history_start(today_, thresholds()) - datetime.timedelta(days=1)
    old = put(first_old_day)
    assert tables(old, "INSERT") == ["diary_dayentry"]
    assert DayEntry.objects.get(user=owner.user, date=first_old_day).pain == 4


def test_put_reports_created_then_updated_and_keeps_created_at(owner):
    day = today(owner)
    first = owner.token.put(day_url(day), {"pain": 2, "note": "eerste"}, format="json")
    second = owner.token.put(day_url(day), {"pain": 5}, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["created_at"] == first.json()["created_at"]
    assert second.json()["updated_at"] > first.json()["updated_at"]
    assert second.json()["note"] == ""  # PUT replaces
    patched = owner.token.patch(day_url(day), {"note": "later"}, format="json").json()
    assert (patched["pain"], patched["note"], patched["day_score"]) == (5, "later", 5)
    assert DayEntry.objects.filter(user=owner.user).count() == 1


def test_a_day_without_pain_answers_with_its_highest_reading(owner):
    day = today(owner)
    for value in (3, 6):
        PainReading.objects.create(
            user=owner.user,
            taken_at=datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC),
            date=day,
            pain=value,
        )
    body = owner.token.put(day_url(day), {"night_pain": True}, format="json").json()
    assert (body["pain"], body["day_score"], body["night_pain"]) == (None, 6, True)
