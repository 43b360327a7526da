"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

Every page the browser loads is watched: a request to any host other than the
live server, or a Content-Security-Policy violation, fails the test. The
browser cannot be downloaded here (``playwright install`` has no network), so
the tests use ``/usr/bin/chromium``; CI installs it (.ci/run). Without it the
tests are skipped locally and fail in CI.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _no_static_handler(handler):
    return handler


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, serving static files as production does.

    pytest-django wraps the app in Django's static-files handler, which knows
    nothing of the hashed names in the manifest; here WhiteNoise serves them
    from STATIC_ROOT (``make test`` runs collectstatic first), exactly as in
    production, so the browser sees the real caching and content types.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = _no_static_handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run should have installed chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageWatch:
    """What a page did that it should not have."""

    def __init__(self, allowed_origin: str) -> None:
        self.allowed_origin = allowed_origin
        self.foreign_requests: list[str] = []
        self.console_errors: list[str] = []

    def check_request(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if (
            parts.scheme in ("data", "blob")
            or f"{parts.scheme}://{parts.netloc}" == self.allowed_origin
        ):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def context(browser, live_server):
    origin = live_server.url
    context = browser.new_context(viewport=PHONE, locale="nl-NL", base_url=origin)
    context.set_default_timeout(20_000)  # generous: CI machines can be busy
    yield context
    context.close()


@pytest.fixture
def page(context, live_server) -> Iterator:
    page = context.new_page()
    watch = PageWatch(live_server.url)
    page.route("**/*", watch.check_request)
    page.on("console", watch.on_console)
    page.watch = watch
    yield page
    assert watch.foreign_requests == [], "requests to other hosts"
    csp = [e for e in watch.console_errors if "Content Security Policy" in e]
    assert csp == [], "CSP violations"


def login(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label(re.compile(r"^Wachtwoord:?$")).fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)
