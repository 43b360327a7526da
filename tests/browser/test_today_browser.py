"""Logging today's pain on a phone, with one tap and no page reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from diary.models import DayEntry
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_tap_logs_todays_pain_without_reload(page, make_user):
    user = make_user("vandaag@example.org")
    login(page, user.email, PASSWORD)
    expect(page.get_by_role("heading", name="Hoeveel pijn heb je vandaag?")).to_be_visible()
    page.evaluate("window.__sameDocument = true")

    button = page.get_by_role("button", name="6 matig")
    box = button.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    button.click()
    expect(page.locator("[data-status]").first).to_have_text("Opgeslagen: 6 (matig).")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    assert DayEntry.objects.get(user=user, date=user.today()).pain == 6

    page.get_by_role("button", name="3 licht").click()
    expect(page.locator("[data-status]").first).to_have_text("Opgeslagen: 3 (licht).")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert DayEntry.objects.get(user=user).pain == 3


def test_details_save_through_the_api_and_keep_the_score(page, make_user):
    user = make_user("details@example.org")
    DayEntry.objects.create(user=user, date=user.today(), pain=5)
    login(page, user.email, PASSWORD)
    page.get_by_text("Meer details").click()
    page.get_by_label("Buitenkant van de heup").check()
    page.get_by_label("Op mijn linkerzij").check()
    page.get_by_label("Notitie").fill("Lang gezeten in de trein")
    page.get_by_role("button", name="Details opslaan").click()
    expect(page.get_by_text("Je gegevens zijn opgeslagen.")).to_be_visible()
    entry = DayEntry.objects.get(user=user)
    assert entry.pain == 5
    assert entry.locations == ["outer_hip"]
    assert entry.sleep_position == "left_side"
    assert entry.note == "Lang gezeten in de trein"


def test_advice_caused_by_a_tap_appears_without_reloading_by_hand(page, make_user, seeded):
    """The bridge two days ago, 6 yesterday: one tap on 6 today fires the stop
    rule, and Vandaag shows the advice at once."""
    import datetime
    import uuid

    from exercises.models import Exercise, ExerciseLog

    user = make_user("advies@example.org", care_provider_knows=True)
    today = user.today()
    for n in range(10, 2, -1):
        DayEntry.objects.create(user=user, date=today - datetime.timedelta(days=n), pain=3)
    DayEntry.objects.create(user=user, date=today - datetime.timedelta(days=2), pain=3)
    ExerciseLog.objects.create(
        id=uuid.uuid4(),
        user=user,
        exercise=Exercise.objects.get(slug="bridge"),
        date=today - datetime.timedelta(days=2),
        pain_during=2,
    )
    DayEntry.objects.create(user=user, date=today - datetime.timedelta(days=1), pain=6)
    login(page, user.email, PASSWORD)
    expect(page.locator(".advice")).to_have_count(0)
    page.get_by_role("button", name="6 matig").click()
    expect(page.locator(".advice-stop_exercise")).to_be_visible(timeout=10_000)
    expect(
        page.get_by_role("heading", name="Stop voorlopig met deze oefening: Bruggetje")
    ).to_be_visible()
