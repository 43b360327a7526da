"""First run: steps save one by one, can be skipped, and resumed later."""

from __future__ import annotations

import re

import pytest

from exercises.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client, make_user):
    user = make_user()
    client.force_login(user)
    return user


def test_all_steps_save_and_end_on_today(client, newcomer):
    assert client.get("/welkom/")["Location"] == "/welkom/welcome/"
    page = client.get("/welkom/welcome/").content.decode()
    assert "geen diagnose" in page and "112" in page
    assert client.post("/welkom/welcome/", {"action": "next"})["Location"] == "/welkom/complaint/"
    response = client.post(
        "/welkom/complaint/",
        {
            "action": "next",
            "usual_locations": ["outer_hip", "buttock"],
            "complaint_since": "months",
        },
    )
    assert response["Location"] == "/welkom/care/"
    client.post("/welkom/care/", {"action": "next", "care_provider_knows": "yes"})
    client.post("/welkom/programme/", {"action": "next", "programme": "calm-bursitis"})
    response = client.post("/welkom/reminder/", {"action": "next"})
    assert response["Location"] == "/"
    newcomer.refresh_from_db()
    assert newcomer.usual_locations == ["outer_hip", "buttock"]
    assert newcomer.complaint_since == "months"
    assert newcomer.care_provider_knows is True
    assert newcomer.onboarding_step == ""
    assert Enrollment.objects.get(user=newcomer, active=True).program.slug == "calm-bursitis"
    assert "Maak het instellen af" not in client.get("/").content.decode()


def test_steps_can_be_skipped(client, newcomer):
    client.post("/welkom/welcome/", {"action": "next"})
    assert client.post("/welkom/complaint/", {"action": "skip"})["Location"] == "/welkom/care/"
    client.post("/welkom/care/", {"action": "skip"})
    client.post("/welkom/programme/", {"action": "next", "programme": ""})  # no programme
    newcomer.refresh_from_db()
    assert newcomer.usual_locations == [] and newcomer.care_provider_knows is False
    assert not Enrollment.objects.filter(user=newcomer).exists()
    assert newcomer.onboarding_step == "reminder"


def test_later_keeps_the_place_and_today_offers_to_go_on(client, newcomer):
    client.post("/welkom/welcome/", {"action": "next"})
    response = client.post("/welkom/complaint/", {"action": "later"})
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert "Maak het instellen af" in html
    assert client.get("/welkom/")["Location"] == "/welkom/complaint/"


def test_a_bad_answer_is_refused_and_the_rest_kept(client, newcomer):
    response = client.post(
        "/welkom/complaint/",
        {"action": "next", "usual_locations": ["outer_hip", "elbow"], "complaint_since": "weeks"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Selecteer een geldige keuze" in html
    assert re.search(r'<input[^>]*value="weeks"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="outer_hip"[^>]*checked', html)
    newcomer.refresh_from_db()
    assert newcomer.usual_locations == []


def test_unknown_step_is_404(client, newcomer):
    assert client.get("/welkom/nonsense/").status_code == 404


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [("", "/welkom/"), ("/", "/welkom/"), ("/oefeningen/", "/oefeningen/")],
)
def test_signup_sends_a_new_user_to_the_welcome_unless_asked_elsewhere(client, next_url, lands_on):
    """Vandaag sends an anonymous visitor to the login page with next=/; a
    signup from there still starts with the welcome steps."""
    query = f"?next={next_url}" if next_url else ""
    response = client.post(
        f"/accounts/signup/{query}",
        {
            "email": "nieuw@example.org",
            "password1": "Heup-dagboek-2026!",
            "password2": "Heup-dagboek-2026!",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on


# --- the reminder step ---------------------------------------------------------


@pytest.fixture
def push_ready(settings):
    # The page only shows the key to the browser; it is never used here.
    settings.REMINDERS_AVAILABLE = True
    settings.VAPID_PUBLIC_KEY = "BOnboardingTestKey"
    return settings


@pytest.fixture
def at_the_reminder(newcomer):
    newcomer.onboarding_step = "reminder"
    newcomer.save(update_fields=["onboarding_step"])
    return newcomer


def test_reminder_step_saves_the_time_and_finishes(client, at_the_reminder, push_ready):
    from reminders.models import ReminderSetting

    html = client.get("/welkom/reminder/").content.decode()
    # The reminder page's own form and script, so the switch also signs this
    # browser up for push messages.
    assert "data-reminder-form" in html and 'data-public-key="BOnboardingTestKey"' in html
    assert "js/reminders" in html
    assert re.search(r'<input[^>]*type="time"[^>]*value="20:00"', html)
    assert 'href="/reminders/"' in html

    # The script submits without a button, so there is no action: that is "next".
    response = client.post("/welkom/reminder/", {"enabled": "on", "time": "19:30"})
    assert response["Location"] == "/"
    setting = ReminderSetting.objects.get(user=at_the_reminder)
    assert (setting.enabled, setting.time.isoformat("minutes"), setting.language) == (
        True,
        "19:30",
        "nl",
    )
    at_the_reminder.refresh_from_db()
    assert at_the_reminder.onboarding_step == ""
    today = client.get("/").content.decode()
    assert "Maak het instellen af" not in today
    assert "Je herinnering is opgeslagen." in today


def test_reminder_step_changes_an_existing_setting(client, at_the_reminder, push_ready):
    from reminders.models import ReminderSetting

    ReminderSetting.objects.create(user=at_the_reminder, enabled=True, time="08:00")
    html = client.get("/welkom/reminder/").content.decode()
    assert re.search(r'<input[^>]*type="time"[^>]*value="08:00"', html)
    client.post("/welkom/reminder/", {"time": "21:15"})  # switch off, new time
    setting = ReminderSetting.objects.get(user=at_the_reminder)
    assert (setting.enabled, setting.time.isoformat("minutes")) == (False, "21:15")


def test_reminder_step_can_be_skipped_and_finishes(client, at_the_reminder, push_ready):
    from reminders.models import ReminderSetting

    response = client.post("/welkom/reminder/", {"action": "skip", "time": "06:00"})
    assert response["Location"] == "/"
    assert not ReminderSetting.objects.filter(user=at_the_reminder).exists()
    at_the_reminder.refresh_from_db()
    assert at_the_reminder.onboarding_step == ""
    assert "Maak het instellen af" not in client.get("/").content.decode()


def test_reminder_step_refuses_a_bad_time_and_keeps_the_switch(client, at_the_reminder, push_ready):
    from reminders.models import ReminderSetting

    response = client.post("/welkom/reminder/", {"enabled": "on", "time": "25:99"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Voer een geldige tijd in." in html
    assert re.search(r'<input[^>]*name="enabled"[^>]*checked', html)
    assert 'value="25:99"' in html
    assert not ReminderSetting.objects.filter(user=at_the_reminder).exists()
    at_the_reminder.refresh_from_db()
    assert at_the_reminder.onboarding_step == "reminder"


def test_reminder_step_later_keeps_the_place(client, at_the_reminder, push_ready):
    assert client.post("/welkom/reminder/", {"action": "later"})["Location"] == "/"
    at_the_reminder.refresh_from_db()
    assert at_the_reminder.onboarding_step == "reminder"
    assert "Maak het instellen af" in client.get("/").content.decode()


def test_without_push_the_reminder_step_says_so_and_still_finishes(
    client, at_the_reminder, settings
):
    settings.REMINDERS_AVAILABLE = False
    html = client.get("/welkom/reminder/").content.decode()
    assert "Herinneringen zijn niet beschikbaar op deze server" in html
    assert "data-reminder-form" not in html
    assert client.post("/welkom/reminder/", {"action": "next"})["Location"] == "/"
    at_the_reminder.refresh_from_db()
    assert at_the_reminder.onboarding_step == ""
