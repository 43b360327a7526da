"""How much a phone downloads for Vandaag: the first visit, and a repeat visit
served by the service worker.

Run from the project root after collectstatic (make bench does both):
    DEBUG=false SECRET_KEY=... SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \\
        .venv/bin/python bench/pwa_weight.py

It creates a throw-away test database, starts Django's live server (static
files through WhiteNoise from STATIC_ROOT, compressed as in production) and
drives Debian's Chromium with Playwright. Two views of the same traffic:
Chromium's own DevTools network events (encodedDataLength: the bytes on the
wire, compressed) for what the page loads, and the server's count of every
response body it sent, which also sees the service worker's own downloads.

Goal (issue 8): the first visit of Vandaag costs at most 100 KB for HTML,
CSS, JS and the manifest, compressed; a repeat visit takes the shell from the
service worker without the network.
"""

from __future__ import annotations

import gzip
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heupdagboek.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "Heup-dagboek-2026!"  # noqa: S105 - a throw-away bench user
BUDGET = 100 * 1024


class Counting:
    """WSGI middleware: remembers each response's path, type and body size."""

    def __init__(self, app):
        self.app = app
        self.log: list[dict] = []
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        entry = {"path": environ["PATH_INFO"], "bytes": 0, "type": "", "encoding": ""}

        def recording_start_response(status, headers, exc_info=None):
            for name, value in headers:
                if name.lower() == "content-type":
                    entry["type"] = value.split(";")[0]
                elif name.lower() == "content-encoding":
                    entry["encoding"] = value
            entry["status"] = int(status.split()[0])
            return start_response(status, headers, exc_info)

        for chunk in self.app(environ, recording_start_response):
            entry["bytes"] += len(chunk)
            yield chunk
        with self.lock:
            self.log.append(entry)

    def take(self) -> list[dict]:
        with self.lock:
            taken, self.log = self.log, []
        return taken


def kind(entry: dict) -> str:
    path, content_type = entry["path"], entry["type"]
    if path == "/sw.js":
        return "service worker"
    if "manifest" in content_type:
        return "manifest"
    if content_type == "text/html":
        return "HTML"
    if content_type == "text/css":
        return "CSS"
    if "javascript" in content_type:
        return "JS"
    return "other (icons, drawings)"


def report(title: str, entries: list[dict]) -> dict[str, int]:
    totals: dict[str, int] = {}
    print(f"\n{title}: {len(entries)} responses from the server")
    for entry in entries:
        totals[kind(entry)] = totals.get(kind(entry), 0) + entry["bytes"]
        print(
            f"  {entry['status']} {entry['bytes']:>7} B {entry['encoding'] or '-':>4}"
            f"  {kind(entry):<24} {entry['path']}"
        )
    for name, size in sorted(totals.items()):
        print(f"  = {name:<24} {size / 1024:7.1f} KB")
    return totals


def main() -> None:
    from playwright.sync_api import sync_playwright

    from accounts.models import User

    setup_test_environment()
    old_config = connection.creation.create_test_db(verbosity=0, keepdb=False)
    counting: Counting | None = None

    def wrap(handler):
        nonlocal counting
        counting = Counting(handler)
        return counting

    server = LiveServerThread("localhost", static_handler=wrap)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    origin = f"http://localhost:{server.port}"
    try:
        User.objects.create_user(email="weeg@example.org", password=PASSWORD)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            phone = {"viewport": {"width": 390, "height": 844}, "locale": "nl-NL"}

            # Log in in one context and take only its cookies along: the
            # measured context starts with an empty cache and no worker.
            login = browser.new_context(base_url=origin, **phone)
            page = login.new_page()
            page.goto("/accounts/login/")
            page.get_by_label("E-mailadres").fill("weeg@example.org")
            page.get_by_label("Wachtwoord").fill(PASSWORD)
            page.get_by_role("button", name="Inloggen", exact=True).click()
            page.wait_for_url(lambda url: "/accounts/login" not in url)
            cookies = login.cookies()
            login.close()

            context = browser.new_context(base_url=origin, **phone)
            context.add_cookies(cookies)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            wire: dict[str, dict] = {}
            cdp.on(
                "Network.responseReceived",
                lambda e: wire.setdefault(e["requestId"], {}).update(
                    url=e["response"]["url"],
                    from_worker=e["response"].get("fromServiceWorker", False),
                ),
            )
            cdp.on(
                "Network.loadingFinished",
                lambda e: wire.setdefault(e["requestId"], {}).update(
                    encoded=e["encodedDataLength"]
                ),
            )
            counting.take()

            # --- first visit ------------------------------------------------
            page.goto("/", wait_until="networkidle")
            # Chromium fetches the manifest when it is asked for it.
            cdp.send("Page.getAppManifest")
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.wait_for_timeout(1500)  # the worker's precache finishes
            first = counting.take()
            page_wire = sum(item.get("encoded", 0) for item in wire.values())
            report("First visit of Vandaag (empty cache)", first)
            # What the page itself loaded (DevTools saw it on the page) plus
            # the manifest, against what the worker downloaded to install.
            page_paths = {urlsplit(item["url"]).path for item in wire.values() if "url" in item}
            own = [e for e in first if e["path"] in page_paths or kind(e) == "manifest"]
            install = [e for e in first if e not in own]
            budget_kinds = ("HTML", "CSS", "JS", "manifest")
            own_budget = sum(e["bytes"] for e in own if kind(e) in budget_kinds)
            all_budget = sum(
                e["bytes"] for e in first if kind(e) in (*budget_kinds, "service worker")
            )
            print(
                f"\n  the page itself, HTML + CSS + JS + manifest: {own_budget / 1024:.1f} KB "
                f"(budget {BUDGET / 1024:.0f} KB: {'met' if own_budget <= BUDGET else 'NOT met'})"
            )
            print(
                f"  with the service worker's install (sw.js, precached CSS, JS, offline page): "
                f"{all_budget / 1024:.1f} KB ({'met' if all_budget <= BUDGET else 'NOT met'}); "
                f"icons and drawings it precaches: "
                f"{sum(e['bytes'] for e in install if kind(e).startswith('other')) / 1024:.1f} KB"
            )
            print(
                "  the page's own requests on the wire, with headers (DevTools): "
                f"{page_wire / 1024:.1f} KB"
            )
            html = [e for e in own if kind(e) == "HTML"]
            if html:
                body = page.content().encode()
                print(
                    f"  the HTML is sent uncompressed by Django ({html[0]['bytes']} B); "
                    f"a proxy with gzip would send about {len(gzip.compress(body))} B"
                )

            # --- repeat visit -----------------------------------------------
            wire.clear()
            page.goto("/", wait_until="networkidle")
            page.wait_for_timeout(500)
            repeat = counting.take()
            report("Repeat visit of Vandaag (service worker active)", repeat)
            from_worker = [item for item in wire.values() if item.get("from_worker")]
            print(
                f"  {len(from_worker)} of {len(wire)} page requests answered by the service "
                f"worker; bytes the page took from the network (DevTools): "
                f"{sum(i.get('encoded', 0) for i in wire.values() if not i.get('from_worker'))}"
            )
            browser.close()
    finally:
        server.terminate()
        connection.creation.destroy_test_db(old_config, verbosity=0)


if __name__ == "__main__":
    main()
