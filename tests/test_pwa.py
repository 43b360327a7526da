"""The manifest, the service worker's script, the offline page and logout.

(The browser tests in tests/browser/test_pwa_offline.py show that they work
together in Chromium; these check what the server sends.)
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client

from heupdagboek.pwa import SHELL_STATIC, static_version


@pytest.fixture
def logged_in(make_user):
    client = Client()
    client.force_login(make_user())
    return client


def test_manifest_describes_the_installed_app():
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "Heupdagboek"
    assert manifest["lang"] == "nl"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    assert manifest["theme_color"] and manifest["background_color"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    shortcuts = {shortcut["name"]: shortcut["url"] for shortcut in manifest["shortcuts"]}
    assert shortcuts == {"Pijn noteren": "/", "Oefeningen vandaag": "/exercises/"}


def test_manifest_icons_are_real_pngs_of_the_right_size():
    manifest = json.loads(Client().get("/manifest.webmanifest").content)
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/")
        with staticfiles_storage.open(name) as handle:
            head = handle.read(24)
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        assert f"{width}x{height}" == icon["sizes"]


def test_service_worker_is_served_at_the_root_uncached():
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def worker_config(source: str) -> dict:
    match = re.match(r"// .*\nconst CONFIG = (\{.*?\n\});\n", source, re.S)
    assert match, source[:200]
    return json.loads(match.group(1))


def test_service_worker_knows_the_hashed_shell_and_its_version():
    source = Client().get("/sw.js").content.decode()
    config = worker_config(source)
    assert config["version"] == static_version()
    assert len(config["shell"]) == len(SHELL_STATIC)
    for url, name in zip(config["shell"], SHELL_STATIC, strict=True):
        # The hashed name, which exists after collectstatic.
        assert url == staticfiles_storage.url(name)
        assert re.search(r"\.[0-9a-f]{12}\.", url), url
        assert staticfiles_storage.exists(url.removeprefix("/static/"))
    assert config["offlineUrl"] == "/offline/"
    assert config["queueUrl"] == staticfiles_storage.url("js/queue.js")
    assert "importScripts(CONFIG.queueUrl)" in source


def test_version_follows_the_static_files(settings):
    assert static_version() == staticfiles_storage.manifest_hash[:12]


def test_offline_page_works_for_anyone():
    response = Client().get("/offline/")
    assert response.status_code == 200
    assert "Geen verbinding" in response.content.decode()


def test_every_page_links_manifest_icons_and_the_pwa_script(logged_in):
    html = logged_in.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'rel="apple-touch-icon"' in html
    assert 'name="apple-mobile-web-app-capable" content="yes"' in html
    assert 'data-sw-url="/sw.js"' in html
    assert "data-pwa" in html
    # No inline script: every script tag has a src (or is JSON data).
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_vandaag_has_the_outbox_status(logged_in):
    html = logged_in.get("/").content.decode()
    assert "data-sync-status" in html
    assert 'data-readings-api="/api/v1/readings/"' in html


def test_logout_tells_the_browser_to_clear_caches_and_storage(logged_in):
    page = logged_in.get("/accounts/logout/")
    assert page.status_code == 200
    assert "Clear-Site-Data" not in page  # only logging out itself clears
    response = logged_in.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert logged_in.get("/").status_code == 302  # logged out
