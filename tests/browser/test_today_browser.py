"""Logging today's pain on a phone, with one tap and no page reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from diary.models import DayEntry, PainReading
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


def test_adding_a_reading_lists_it_and_keeps_unsaved_details(page, make_user):
    """A reading saved through the API is put in the list from the answer; the
    page used to reload, and the note typed but not yet saved was gone."""
    import datetime

    from django.utils import timezone

    user = make_user("metingen@example.org")
    PainReading.objects.create(
        user=user,
        taken_at=timezone.now() - datetime.timedelta(seconds=5),
        date=user.today(),
        pain=4,
        context="morning",
    )
    login(page, user.email, PASSWORD)
    page.evaluate("window.__sameDocument = true")
    page.get_by_text("Meer details").click()
    note = page.get_by_label("Notitie")
    note.fill("Nog niet opgeslagen")

    readings = page.locator("summary", has_text="Extra metingen")
    expect(readings).to_have_text("Extra metingen (1)")
    readings.click()
    form = page.locator("form.reading-form")
    form.get_by_label("Wanneer").select_option("evening")
    form.get_by_label(re.compile(r"^Pijn")).select_option("7")
    form.get_by_role("button", name="Meting toevoegen").click()

    expect(form.get_by_role("status")).to_have_text("Meting opgeslagen.")
    items = page.locator("ul.readings li")
    expect(items).to_have_count(2)
    expect(readings).to_have_text("Extra metingen (2)")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    expect(note).to_have_value("Nog niet opgeslagen")
    added = PainReading.objects.get(user=user, pain=7)
    assert added.context == "evening"
    drawn = items.all_text_contents()
    assert drawn[1].startswith("7 · Avond · ")

    # The item drawn here is the one the server draws (same text, same place).
    page.reload()
    expect(page.locator("ul.readings li")).to_have_count(2)
    assert page.locator("ul.readings li").all_text_contents() == drawn


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
