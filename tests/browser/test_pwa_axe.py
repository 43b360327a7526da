"""axe-core finds no WCAG 2.0/2.1 A or AA problems on the main pages, on a
phone-sized screen, in light and in dark mode.

axe-core comes from npm (tests/browser/node, pinned in its package-lock.json;
``make test`` installs it). Injecting it needs ``bypass_csp``: the pages'
Content-Security-Policy rightly refuses a script that is not ours. Export
is not in this list: tests/browser/test_export_browser.py checks it there
(the Export page, the GP report, the shared report and the deletion page,
light and dark), with a diary to export.
"""

from __future__ import annotations

import datetime
import json
import os
import uuid
from pathlib import Path

import pytest
from django.utils import timezone

from diary.models import DayEntry, PainReading
from exercises.models import Enrollment, ExerciseLog, Program
from tests.browser.conftest import PHONE, PageWatch, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "node" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = {
    "Vandaag": "/",
    "Oefeningen": "/exercises/",
    "Trends": "/trends/",
    "Account": "/account/",
    "E-mailadres": "/accounts/email/",
    "Wachtwoord": "/accounts/password/change/",
    "Extra beveiliging": "/accounts/2fa/",
    "Herinnering": "/reminders/",
    "Offline": "/offline/",
}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}"""


@pytest.fixture(params=["light", "dark"])
def axe_page(request, browser, live_server):
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing; make test installs it with npm ci")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/browser/node)")
    context = browser.new_context(
        viewport=PHONE,
        locale="nl-NL",
        base_url=live_server.url,
        bypass_csp=True,
        color_scheme=request.param,
        # A page served by the service worker would hide nothing from axe,
        # but it would from the foreign-request watch.
        service_workers="block",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch = PageWatch(live_server.url)
    page.route("**/*", watch.check_request)
    yield page
    context.close()
    assert watch.foreign_requests == [], "requests to other hosts"


def show_outbox(page) -> None:
    page.evaluate(
        """async () => {
        const tag = document.querySelector('script[data-pwa]');
        const pwa = await import(tag.src);
        const queue = await pwa.loadQueue();
        await queue.add({key: 'entry:axe', method: 'PATCH', url: '/api/v1/entries/2999-01-01/',
                         body: {pain: 3}, label: 'Je dag van 1 januari 2999',
                         user: tag.dataset.user, merge: true});
        await pwa.flushQueue();
        }"""
    )
    page.locator("[data-sync-rejected] li").wait_for()


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_A_AA)


def test_login_page_has_no_wcag_violations(axe_page):
    axe_page.goto("/accounts/login/")
    assert violations(axe_page) == []


@pytest.fixture
def lived_in_user(make_user, seeded):
    """Someone with two weeks of days, readings, exercises and a programme,
    so axe sees full pages (charts, tables, badges), not empty ones."""
    user = make_user("axe@example.org")
    today = user.today()
    program = Program.objects.order_by("order").first()
    Enrollment.objects.create(user=user, program=program, started_on=today - datetime.timedelta(14))
    exercise = program.items.first().exercise
    for back in range(1, 15):
        day = today - datetime.timedelta(days=back)
        DayEntry.objects.create(
            user=user,
            date=day,
            pain=back % 9,
            night_pain=back % 3 == 0,
            sleep_position="back" if back % 2 else "left_side",
            locations=["groin"],
        )
        if back % 2:
            ExerciseLog.objects.create(
                id=uuid.uuid4(),
                user=user,
                exercise=exercise,
                date=day,
                sets=2,
                reps=10,
                hold_seconds=5,
                pain_during=3,
            )
    PainReading.objects.create(user=user, taken_at=timezone.now(), date=today, pain=4)
    return user


def test_logged_in_pages_have_no_wcag_violations(axe_page, lived_in_user):
    user = lived_in_user
    login(axe_page, user.email, PASSWORD)
    exercise = Program.objects.order_by("order").first().items.first().exercise
    pages = {**PAGES, "Oefening doen": f"/exercises/{exercise.slug}/do/"}
    found = {}
    for name, path in pages.items():
        axe_page.goto(path)
        if path == "/":
            # Show the outbox too: one write waiting, one the server refused.
            show_outbox(axe_page)
        problems = violations(axe_page)
        if problems:
            found[name] = problems
    assert found == {}, json.dumps(found, indent=1)
