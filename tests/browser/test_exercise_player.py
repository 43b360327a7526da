"""The guided player in a real browser on a phone-sized screen.

A person enrolls in a programme, opens today's exercises, follows one with its
countdown, presses Klaar, picks the pain felt, and the session is in the
database: once, even when the first try had no connection.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, ExerciseLog, Program, ProgramItem
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def short_exercise():
    exercise = Exercise.objects.create(
        slug="test-hold",
        name_nl="Testoefening",
        name_en="Test exercise",
        purpose_nl="Alleen om te testen.",
        steps_nl=["Ga rustig staan.", "Houd je armen stil."],
        steps_en=["Stand still.", "Keep your arms still."],
        cautions_nl=["Stop als het pijn doet."],
        hold_seconds=2,
        reps=1,
        sets=1,
    )
    program = Program.objects.create(slug="test-programme", name_nl="Testprogramma", order=0)
    ProgramItem.objects.create(
        program=program, exercise=exercise, sets=1, reps=1, hold_seconds=2, days_per_week=7
    )
    return exercise


def assert_big_enough(page):
    sizes = page.locator("[data-player] button:visible, .pain-button:visible").evaluate_all(
        "els => els.map(e => [e.textContent.trim(), e.getBoundingClientRect().width,"
        " e.getBoundingClientRect().height])"
    )
    assert sizes
    for label, width, height in sizes:
        assert width >= 48 and height >= 48, (label, width, height)
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('[data-step-text]')).fontSize)"
    )
    assert size >= 18


def test_enroll_follow_the_player_and_log_it(page, make_user, short_exercise):
    user = make_user("speler@example.org")
    login(page, user.email, PASSWORD)

    page.goto("/exercises/")
    expect(page.get_by_role("heading", name="Oefeningen vandaag")).to_be_visible()
    page.get_by_role("button", name="Begin met dit programma: Testprogramma").click()
    expect(page.get_by_text("Week 1 van “Testprogramma”")).to_be_visible()

    page.get_by_role("link", name="Start: Testoefening").click()
    expect(page.get_by_role("heading", name="Testoefening", level=1)).to_be_visible()
    # Without JavaScript this list would show; the player replaces it.
    expect(page.locator("[data-static]")).to_be_hidden()
    expect(page.locator("[data-log-form]")).to_be_hidden()

    # One step at a time.
    expect(page.locator("[data-step-count]")).to_have_text("Stap 1 van 2")
    expect(page.locator("[data-step-text]")).to_have_text("Ga rustig staan.")
    page.get_by_role("button", name="Volgende").click()
    expect(page.locator("[data-step-text]")).to_have_text("Houd je armen stil.")
    expect(page.get_by_role("button", name="Volgende")).to_be_disabled()

    # The hold: 2 seconds, then the repetition counts itself.
    timer = page.locator("[data-timer-value]")
    expect(timer).to_have_text("2")
    expect(page.locator("[data-rep-text]")).to_have_text("Herhaling 0 van 1")
    assert_big_enough(page)
    page.get_by_role("button", name="Start").click()
    expect(page.locator("[data-timer-start]")).to_have_text("Pauze")
    expect(page.locator("[data-rep-text]")).to_have_text("Herhaling 1 van 1", timeout=6000)
    expect(timer).to_have_text("2")  # ready for the next one
    expect(page.locator("[data-announce]")).to_have_text(re.compile("Alles gedaan"))

    page.get_by_role("button", name="Klaar").click()
    question = page.get_by_role("heading", name="Hoeveel pijn had je tijdens de oefening?")
    expect(question).to_be_visible()
    expect(question).to_be_focused()
    assert_big_enough(page)
    page.get_by_role("button", name="3", exact=True).click()
    expect(page.get_by_text("Opgeslagen. Goed gedaan!")).to_be_visible()

    log = ExerciseLog.objects.get(user=user)
    assert (log.exercise, log.pain_during, log.date) == (short_exercise, 3, user.today())
    assert (log.sets, log.reps, log.hold_seconds) == (1, 1, 2)

    # Today's list now says it was done.
    page.get_by_role("link", name="Terug naar de oefeningen van vandaag").click()
    expect(page.get_by_text("Vandaag gedaan")).to_be_visible()


def test_bursitis_stretch_30_seconds_and_a_retry_without_network(page, context, make_user, seeded):
    """The issue's "done when": on a phone, enroll, see today's exercises,
    follow the bursitis stretch through its whole 30-second countdown and log
    it with the pain felt. The page runs on Playwright's clock, so the 30
    seconds are real to the player (Date.now and setInterval) but take no
    time in the test."""
    user = make_user("rekken@example.org")
    login(page, user.email, PASSWORD)
    page.clock.install()
    page.goto("/exercises/")
    page.get_by_role(
        "button", name="Begin met dit programma: Rustig bij slijmbeursontsteking"
    ).click()
    expect(page.get_by_text("Week 1 van “Rustig bij slijmbeursontsteking”")).to_be_visible()
    page.get_by_role("link", name="Start: Rekoefening bij slijmbeursontsteking").click()
    expect(page.locator("[data-step-text]")).to_have_text(re.compile("aan de kant die geen pijn"))

    timer = page.locator("[data-timer-value]")
    reps = page.locator("[data-rep-text]")
    start = page.locator("[data-timer-start]")
    expect(timer).to_have_text("30")
    expect(reps).to_have_text("Herhaling 0 van 1")
    # From here on time moves only when the test says so.
    page.clock.pause_at(time.time() + 5)

    start.click()
    page.clock.run_for(1_500)
    expect(timer).to_have_text("29")
    start.click()  # pause
    expect(start).to_have_text("Verder")
    page.clock.run_for(10_000)
    expect(timer).to_have_text("29")  # a paused hold stays where it was
    page.get_by_role("button", name="Opnieuw").click()
    expect(timer).to_have_text("30")
    expect(reps).to_have_text("Herhaling 0 van 1")

    # The whole hold, from 30 down to 0.
    start.click()
    expect(start).to_have_text("Pauze")
    page.clock.run_for(15_000)
    expect(timer).to_have_text("15")
    page.clock.run_for(14_000)
    expect(timer).to_have_text("1")
    expect(reps).to_have_text("Herhaling 0 van 1")  # not before the 30 seconds are over
    page.clock.run_for(1_500)
    expect(reps).to_have_text("Herhaling 1 van 1")
    expect(timer).to_have_text("30")  # ready for a next one
    expect(start).to_have_text("Start")
    page.clock.resume()  # the rest (the announcement, saving) at normal speed
    expect(page.locator("[data-announce]")).to_have_text(re.compile("Alles gedaan"))

    page.get_by_role("button", name="Klaar").click()
    expect(
        page.get_by_role("heading", name="Hoeveel pijn had je tijdens de oefening?")
    ).to_be_focused()
    context.set_offline(True)
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.locator("[data-save-status]")).to_have_text(re.compile("geen verbinding"))
    assert not ExerciseLog.objects.exists()

    context.set_offline(False)
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.get_by_text("Opgeslagen. Goed gedaan!")).to_be_visible()
    log = ExerciseLog.objects.get()
    assert (log.user, log.exercise.slug, log.date) == (user, "bursitis-stretch", user.today())
    # What the player counted: one set of one 30-second hold, with pain 2.
    assert (log.sets, log.reps, log.hold_seconds, log.pain_during) == (1, 1, 30, 2)
