"""Dutch first; English on request; the switcher goes both ways."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_dutch_even_for_an_english_browser(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Inloggen" in response.content.decode()


def test_switch_to_english_and_back(client):
    page = client.get("/accounts/login/")
    assert '<html lang="nl">' in page.content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/")
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "Sign In" in html

    client.post("/i18n/setlang/", {"language": "nl", "next": "/accounts/login/"})
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html


def test_switcher_is_on_every_page(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert 'value="en"' in html


def test_api_follows_accept_language(anonymous):
    response = anonymous.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["Content-Language"] == "en"
    english = response.json()["detail"]
    dutch = anonymous.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="nl").json()["detail"]
    assert english != dutch
    assert "credentials" in english.lower()
