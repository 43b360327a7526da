"""The installable, offline app in a real Chromium.

Installability is asked of Chromium itself (DevTools' Page.getInstallabilityErrors);
offline is Chromium's own network emulation, so the service worker, the
caches and the IndexedDB outbox are the real ones.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from diary.models import DayEntry, PainReading
from exercises.models import Exercise, ExerciseLog, Program, ProgramItem
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, PageWatch, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def wait_until(check, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def wait_for_worker(page) -> None:
    """Until the service worker is active and controls this page.

    The worker claims the open pages when it activates, but a page whose
    navigation was under way at that moment (the redirect after logging in)
    can stay uncontrolled in Chromium; the next visit is controlled, as it is
    for a person who opens the app again. So: wait for the active worker,
    then reload once if it does not control this page yet.

    (Polled from here: Playwright's wait_for_function would need eval, which
    the Content-Security-Policy forbids.)"""
    wait_until(
        lambda: page.evaluate(
            "navigator.serviceWorker.getRegistration('/')"
            ".then(r => !!r && !!r.active && r.active.state === 'activated')"
        ),
        timeout=45,  # installing precaches the shell: slow on a busy machine
    )
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        page.reload()
    wait_until(
        lambda: page.evaluate(
            "navigator.serviceWorker.controller !== null"
            " && navigator.serviceWorker.controller.state === 'activated'"
        ),
        timeout=15,
    )


def test_manifest_and_worker_make_it_installable(browser, live_server, tmp_path, make_user):
    """Chromium itself says nothing stops installing the app."""
    # Installability is judged per profile: a persistent one, as a person has.
    if True:
        context = browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=PHONE,
            locale="nl-NL",
            base_url=live_server.url,
        )
        try:
            page = context.new_page()
            watch = PageWatch(live_server.url)
            page.route("**/*", watch.check_request)
            user = make_user("installeer@example.org")
            login(page, user.email, PASSWORD)
            wait_for_worker(page)
            cdp = context.new_cdp_session(page)
            manifest = cdp.send("Page.getAppManifest")
            assert manifest["errors"] == [], manifest["errors"]
            assert manifest["url"].endswith("/manifest.webmanifest")
            errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            assert errors == []
            assert watch.foreign_requests == []
        finally:
            context.close()


def test_today_reloads_offline_after_the_worker_is_active(page, context, make_user):
    user = make_user("offline@example.org")
    login(page, user.email, PASSWORD)
    wait_for_worker(page)
    page.reload()  # this visit goes through the worker, which keeps a copy
    expect(page.get_by_role("heading", name="Hoeveel pijn heb je vandaag?")).to_be_visible()

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Hoeveel pijn heb je vandaag?")).to_be_visible()
    # The styles came from the worker's cache too.
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")

    # A page never opened before: the offline page, in Dutch.
    page.goto("/dagen/")
    expect(page.get_by_role("heading", name="Geen verbinding")).to_be_visible()
    context.set_offline(False)


def test_pain_logged_offline_reaches_the_server_exactly_once(page, context, make_user):
    user = make_user("trein@example.org")
    login(page, user.email, PASSWORD)
    wait_for_worker(page)
    page.reload()

    context.set_offline(True)
    page.reload()  # from the worker's copy, as on a train
    page.get_by_role("button", name="4 matig").click()
    status = page.locator("[data-status]").first
    expect(status).to_have_text(re.compile("Bewaard op deze telefoon: 4"))
    page.get_by_role("button", name="7 erg").click()  # a change of mind, still offline
    expect(status).to_have_text(re.compile("Bewaard op deze telefoon: 7"))
    sync = page.locator("[data-sync-summary]")
    # Two taps for one day are one write: the later one replaced the earlier.
    expect(sync).to_have_text(re.compile("^1 nog niet verstuurd"))
    time.sleep(0.5)
    assert not DayEntry.objects.filter(user=user).exists()

    context.set_offline(False)  # the `online` event sends the outbox
    expect(sync).to_have_text(re.compile(r"Alles is verstuurd \(\d\d:\d\d\)"))
    wait_until(lambda: DayEntry.objects.filter(user=user).exists())
    assert DayEntry.objects.filter(user=user).count() == 1
    assert DayEntry.objects.get(user=user).pain == 7

    # Loading the page again sends nothing twice.
    page.reload()
    expect(page.locator("[data-status]").first).to_have_text("Je cijfer voor deze dag: 7.")
    assert DayEntry.objects.filter(user=user).count() == 1
    assert (
        page.evaluate(
            "import(document.querySelector('script[data-pwa]').src)"
            ".then(m => m.loadQueue()).then(q => q.items(document.querySelector('script[data-pwa]')"
            ".dataset.user)).then(items => items.length)"
        )
        == 0
    )


def test_a_slow_server_never_holds_up_the_tap(page, make_user):
    """On a bad connection (a train in a tunnel) the request hangs: the tap
    is kept on the phone at once, and a change of mind meanwhile wins."""
    user = make_user("tunnel@example.org")
    login(page, user.email, PASSWORD)
    held = []

    def hold(route):
        if route.request.method == "PATCH":
            held.append(route)  # no answer yet
        else:
            page.watch.check_request(route)

    page.route("**/api/v1/entries/**", hold)
    page.get_by_role("button", name="4 matig").click()
    status = page.locator("[data-status]").first
    expect(status).to_have_text(re.compile("Bewaard op deze telefoon: 4"))
    # The buttons are free again while the first write is on its way.
    page.get_by_role("button", name="7 erg").click()
    expect(status).to_have_text(re.compile("Bewaard op deze telefoon: 7"))
    assert len(held) == 1, "the second tap is folded into the waiting write"
    assert not DayEntry.objects.filter(user=user).exists()

    page.unroute("**/api/v1/entries/**", hold)
    held[0].continue_()  # the first answer arrives, late
    expect(status).to_have_text("Opgeslagen: 7 (erg).")
    wait_until(lambda: DayEntry.objects.filter(user=user, pain=7).exists())
    assert DayEntry.objects.filter(user=user).count() == 1


def test_a_reading_added_offline_is_saved_once(page, context, make_user):
    user = make_user("meting@example.org")
    login(page, user.email, PASSWORD)
    page.get_by_text("Extra metingen").click()
    context.set_offline(True)
    page.locator(".reading-form select[name=pain]").select_option("5")
    page.get_by_role("button", name="Meting toevoegen").click()
    expect(page.locator(".reading-form [role=status]")).to_have_text(
        re.compile("Bewaard op deze telefoon")
    )
    assert not PainReading.objects.exists()
    context.set_offline(False)
    # Chromium can leave a request made just before this without an answer;
    # the outbox gives up on it after 15 s and sends again (queue.js).
    wait_until(lambda: PainReading.objects.filter(user=user).exists(), timeout=45)
    page.reload()
    expect(page.locator(".readings li")).to_have_count(1)
    assert PainReading.objects.get(user=user).pain == 5


def test_a_refused_replay_stays_visible_with_the_reason(page, context, make_user):
    user = make_user("geweigerd@example.org")
    login(page, user.email, PASSWORD)
    wait_for_worker(page)
    # A write the server will refuse, queued as an old version of the page
    # could have done it: a day in the future.
    page.evaluate(
        """async () => {
        const tag = document.querySelector('script[data-pwa]');
        const pwa = await import(tag.src);
        const queue = await pwa.loadQueue();
        await queue.add({key: 'entry:x', method: 'PATCH', url: '/api/v1/entries/2999-01-01/',
                         body: {pain: 3}, label: 'Je dag van 1 januari 2999',
                         user: tag.dataset.user, merge: true});
        }"""
    )
    page.reload()
    alert = page.locator("[data-sync-rejected] li")
    expect(alert).to_contain_text("Je dag van 1 januari 2999")
    expect(alert).to_contain_text("niet opgeslagen, omdat")
    expect(alert).to_contain_text("nog niet is geweest")
    page.reload()  # still there: never dropped without the person seeing it
    expect(alert).to_have_count(1)
    page.get_by_role("button", name="Melding weghalen").click()
    expect(alert).to_have_count(0)
    assert not DayEntry.objects.filter(user=user).exists()


def test_a_write_without_a_valid_login_waits_for_the_next_login(page, make_user):
    from django.contrib.sessions.models import Session

    user = make_user("verlopen@example.org")
    login(page, user.email, PASSWORD)
    Session.objects.all().delete()  # the login ran out while the page was open

    page.get_by_role("button", name="6 matig").click()
    expect(page.locator("[data-status]").first).to_have_text(
        re.compile("Bewaard op deze telefoon: 6")
    )
    expect(page.locator("[data-sync-summary]")).to_have_text(
        "1 nog niet verstuurd. Log opnieuw in om te versturen wat nog wacht."
    )
    page.reload()  # now on the login page; the outbox stays
    assert not DayEntry.objects.filter(user=user).exists()

    login(page, user.email, PASSWORD)  # back on Vandaag, which sends it
    expect(page.locator("[data-sync-summary]")).to_have_text(re.compile("Alles is verstuurd"))
    wait_until(lambda: DayEntry.objects.filter(user=user).exists())
    assert DayEntry.objects.get(user=user).pain == 6


@pytest.fixture
def plan_exercise(db):
    exercise = Exercise.objects.create(
        slug="offline-hold",
        name_nl="Kelderoefening",
        name_en="Basement exercise",
        purpose_nl="Om te testen zonder verbinding.",
        steps_nl=["Ga rustig staan."],
        steps_en=["Stand still."],
        hold_seconds=0,
        reps=1,
        sets=1,
    )
    program = Program.objects.create(slug="offline-programme", name_nl="Kelderprogramma", order=0)
    ProgramItem.objects.create(
        program=program, exercise=exercise, sets=1, reps=1, hold_seconds=0, days_per_week=7
    )
    return exercise


def test_the_exercise_player_works_offline(page, context, make_user, plan_exercise):
    user = make_user("kelder@example.org")
    login(page, user.email, PASSWORD)
    page.goto("/exercises/")
    page.get_by_role("button", name="Begin met dit programma: Kelderprogramma").click()
    expect(page.get_by_role("link", name="Start: Kelderoefening")).to_be_visible()
    wait_for_worker(page)
    page.reload()  # the worker keeps this page and, on request, today's players
    for kept in ("/exercises/offline-hold/do/", "/exercises/library/offline-hold/"):
        wait_until(
            lambda kept=kept: page.evaluate(
                f"caches.match('{kept}', {{ignoreVary: true}}).then(Boolean)"
            )
        )

    context.set_offline(True)
    # The library and today's exercise in it open too, never visited before.
    page.goto("/exercises/library/")
    expect(page.get_by_role("heading", name="Alle oefeningen", level=1)).to_be_visible()
    page.get_by_role("link", name="Kelderoefening").click()
    expect(page.get_by_role("heading", name="Kelderoefening", level=1)).to_be_visible()
    expect(page.get_by_text("Om te testen zonder verbinding.")).to_be_visible()

    page.goto("/exercises/")
    page.get_by_role("link", name="Start: Kelderoefening").click()
    expect(page.get_by_role("heading", name="Kelderoefening", level=1)).to_be_visible()
    page.get_by_role("button", name="+1 herhaling").click()
    page.get_by_role("button", name="Klaar").click()
    page.get_by_role("button", name="2", exact=True).click()
    status = page.locator("[data-save-status]")
    expect(status).to_have_text(re.compile("bewaard op deze telefoon"))
    assert not ExerciseLog.objects.exists()

    context.set_offline(False)
    expect(status).to_have_text("Opgeslagen. Goed gedaan!")
    wait_until(lambda: ExerciseLog.objects.exists())
    log = ExerciseLog.objects.get()
    assert (log.user, log.exercise, log.pain_during, log.reps) == (user, plan_exercise, 2, 1)
    # Pressing again (the person is not sure) saves the same session, not a second.
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.get_by_text("Opgeslagen. Goed gedaan!")).to_be_visible()
    assert ExerciseLog.objects.count() == 1


def test_logout_clears_caches_and_the_outbox(page, context, make_user):
    user = make_user("uitloggen@example.org")
    login(page, user.email, PASSWORD)
    wait_for_worker(page)
    page.reload()
    context.set_offline(True)
    page.get_by_role("button", name="5 matig").click()
    expect(page.locator("[data-sync-summary]")).to_have_text(re.compile("^1 nog niet verstuurd"))
    context.set_offline(False)
    # Sent by the `online` event; one more that the server refuses stays in
    # the outbox, so there is something to clear.
    expect(page.locator("[data-sync-summary]")).to_have_text(re.compile("Alles is verstuurd"))
    page.evaluate(
        """async () => {
        const tag = document.querySelector('script[data-pwa]');
        const pwa = await import(tag.src);
        const queue = await pwa.loadQueue();
        await queue.add({key: 'entry:y', method: 'PATCH', url: '/api/v1/entries/2999-01-01/',
                         body: {pain: 3}, label: 'test', user: tag.dataset.user, merge: true});
        await pwa.flushQueue();
        }"""
    )
    expect(page.locator("[data-sync-rejected] li")).to_have_count(1)
    assert page.evaluate("caches.keys().then(k => k.length)") > 0

    page.goto("/account/")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: "/account/" not in url)
    assert page.evaluate("caches.keys()") == []
    databases = page.evaluate("indexedDB.databases().then(d => d.map(x => x.name))")
    assert "heupdagboek" not in databases
    # The pages with health data are gone from this device: offline, Vandaag
    # is no longer there.
    context.set_offline(True)
    response = None
    try:
        response = page.goto("/")
    except Exception:
        response = None
    if response is not None:
        assert "Hoeveel pijn" not in page.content()
    context.set_offline(False)
