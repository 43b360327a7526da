"""Vandaag and the list of days, as plain form posts (no JavaScript)."""

from __future__ import annotations

import datetime
import re

import pytest

from diary.models import DayEntry, PainReading

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client, make_user):
    user = make_user()
    client.force_login(user)
    return user


def test_today_shows_eleven_labelled_buttons(client, person):
    html = client.get("/").content.decode()
    assert "Hoeveel pijn heb je vandaag?" in html
    for number in range(11):
        assert f'name="pain" value="{number}"' in html
    assert "geen pijn" in html and "ergst denkbaar" in html


def test_one_tap_saves_today_and_shows_it(client, person):
    response = client.post("/", {"form": "pain", "pain": "4"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert DayEntry.objects.get(user=person, date=person.today()).pain == 4
    html = response.content.decode()
    assert "Opgeslagen: 4 (matig)." in html
    assert 'value="4" class="pain-button pain-4"' in html
    assert 'aria-pressed="true"' in html

    # Tapping another number changes it; still one row.
    client.post("/", {"form": "pain", "pain": "6"})
    assert DayEntry.objects.get(user=person).pain == 6


def test_bad_pain_post_is_refused_with_a_message(client, person):
    response = client.post("/", {"form": "pain", "pain": "11"})
    assert response.status_code == 400
    assert "Kies een getal van 0 tot en met 10." in response.content.decode()
    assert not DayEntry.objects.exists()


def test_details_save_without_touching_the_score(client, person):
    client.post("/", {"form": "pain", "pain": "5"})
    response = client.post(
        "/",
        {
            "form": "details",
            "locations": ["groin", "outer_hip"],
            "night_pain": "on",
            "sleep_position": "right_side",
            "red_flags": ["fever"],
            "note": "Trap gelopen",
        },
    )
    assert response.status_code == 302
    entry = DayEntry.objects.get(user=person)
    assert entry.pain == 5
    assert entry.locations == ["groin", "outer_hip"]
    assert (entry.night_pain, entry.sleep_position, entry.red_flags, entry.note) == (
        True,
        "right_side",
        ["fever"],
        "Trap gelopen",
    )


def test_rejected_details_keep_everything_typed(client, person):
    response = client.post(
        "/",
        {
            "form": "details",
            "locations": ["knee"],
            "sleep_position": "standing_up",  # not a choice
            "pillow_between_knees": "on",
            "note": "Dit wil ik niet kwijt",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit wil ik niet kwijt" in html
    assert re.search(r'<input[^>]*value="knee"[^>]*checked', html)
    assert re.search(r'<input[^>]*name="pillow_between_knees"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="groin"[^>]*checked', html)
    assert '<details class="card details-card" open>' in html
    assert "Selecteer een geldige keuze" in html
    assert not DayEntry.objects.exists()


def test_past_day_can_be_filled_in_but_not_the_future(client, person):
    past = person.today() - datetime.timedelta(days=5)
    response = client.post(f"/dag/{past}/", {"form": "pain", "pain": "2"})
    assert response.status_code == 302
    assert response["Location"] == f"/dag/{past}/"
    assert DayEntry.objects.get(user=person, date=past).pain == 2

    future = person.today() + datetime.timedelta(days=1)
    assert client.get(f"/dag/{future}/").status_code == 404
    assert client.post(f"/dag/{future}/", {"form": "pain", "pain": "2"}).status_code == 404
    assert client.get("/dag/morgen/").status_code == 404
    assert client.get(f"/dag/{person.today()}/").status_code == 302


def test_days_before_the_floor_are_a_404_not_a_500(client, person):
    # 0001-01-01 used to be a 500: the day before it does not exist.
    for old in ("0001-01-01", "1969-12-31"):
        assert client.get(f"/dag/{old}/").status_code == 404
        assert client.post(f"/dag/{old}/", {"form": "pain", "pain": "2"}).status_code == 404
    assert not DayEntry.objects.exists()
    floor = client.get("/dag/1970-01-01/")
    assert floor.status_code == 200
    html = floor.content.decode()
    assert 'rel="prev"' not in html and "/dag/1969-12-31/" not in html
    assert 'href="/dag/1970-01-01/" rel="prev"' in client.get("/dag/1970-01-02/").content.decode()


def test_yesterday_and_a_tip_are_shown(client, person):
    DayEntry.objects.create(user=person, date=person.today() - datetime.timedelta(days=1), pain=7)
    DayEntry.objects.create(user=person, date=person.today(), pain=3, sleep_position="left_side")
    html = client.get("/").content.decode()
    assert "De dag ervoor: 7 (erg)." in html
    assert "kussen tussen je knieën" in html


def test_adding_a_reading(client, person):
    response = client.post("/", {"form": "reading", "context": "morning", "pain": "6"})
    assert response.status_code == 302
    reading = PainReading.objects.get(user=person)
    assert (reading.pain, reading.context, reading.date) == (6, "morning", person.today())


def test_readings_show_the_time_in_the_users_time_zone(client, person):
    # Not the server's Amsterdam time: the reading's date is counted in the
    # user's zone, so its time must be too (and today.js draws it so).
    import zoneinfo

    person.time_zone = "Pacific/Kiritimati"  # UTC+14
    person.save()
    zone = zoneinfo.ZoneInfo(person.time_zone)
    PainReading.objects.create(
        user=person,
        taken_at=datetime.datetime.combine(person.today(), datetime.time(7, 30), tzinfo=zone),
        date=person.today(),
        pain=5,
        context="morning",
    )
    html = client.get("/").content.decode()
    assert "<strong>5</strong> · Ochtend · 07:30</li>" in html
    assert "Extra metingen<span data-readings-count> (1)</span>" in html


def test_days_list_newest_first_and_paginated(client, person):
    for offset in range(35):
        DayEntry.objects.create(
            user=person, date=person.today() - datetime.timedelta(days=offset), pain=offset % 11
        )
    first = client.get("/dagen/")
    rows = first.context["rows"]
    assert len(rows) == 30
    assert rows[0]["entry"].date == person.today()
    assert rows[0]["url"] == "/"
    assert rows[1]["url"] == f"/dag/{person.today() - datetime.timedelta(days=1)}/"
    second = client.get("/dagen/", {"page": 2})
    assert len(second.context["rows"]) == 5


def test_someone_elses_days_never_show(client, person, make_user):
    other = make_user()
    DayEntry.objects.create(user=other, date=person.today(), pain=9, note="geheim")
    assert "geheim" not in client.get("/dagen/").content.decode()
    assert (
        'aria-pressed="true"'
        not in client.get("/").content.decode().split("pain-grid")[1].split("</form>")[0]
    )


def test_pages_need_login(client):
    for url in ("/", "/dagen/", "/dag/2026-01-01/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
