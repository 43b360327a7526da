"""Help pages render in Dutch and English and say what the app relies on."""

from __future__ import annotations

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["logging", "advice", "warning-signs", "privacy"]


# Per page: its title and one section heading, in Dutch and in English.
HEADINGS = {
    "logging": (
        ("Je dag invullen", "Meer details"),
        ("Filling in your day", "More details"),
    ),
    "advice": (
        ("Waarom de app zegt: stop met een oefening", "Wanneer zegt de app: stop voorlopig?"),
        ("Why the app tells you to stop an exercise", "When does the app say: stop for now?"),
    ),
    "warning-signs": (
        ("Alarmsignalen: wanneer bel je een arts?", "Bel nu 112 of de huisartsenpost"),
        ("Warning signs: when to call a doctor", "Call 112 or the out-of-hours GP service now"),
    ),
    "privacy": (
        ("Je gegevens en je privacy", "Wie het kan zien"),
        ("Your data and your privacy", "Who can see it"),
    ),
}


def headings(html: str, level: str) -> list[str]:
    return [
        unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for text in re.findall(rf"<{level}[^>]*>(.*?)</{level}>", html, re.S)
    ]


@pytest.mark.parametrize("slug", PAGES)
def test_help_pages_in_both_languages(client, slug):
    (nl_title, nl_section), (en_title, en_section) = HEADINGS[slug]
    dutch = client.get(f"/hulp/{slug}/")
    assert dutch.status_code == 200
    html = dutch.content.decode()
    assert '<html lang="nl">' in html
    assert headings(html, "h1") == [nl_title]
    assert nl_section in headings(html, "h2")

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/hulp/{slug}/")
    html = english.content.decode()
    assert '<html lang="en">' in html
    assert headings(html, "h1") == [en_title]
    assert en_section in headings(html, "h2")


def test_the_privacy_page_says_who_can_read_it_and_what_is_stored(client):
    html = unescape(client.get("/hulp/privacy/").content.decode())
    assert "Alleen jij" not in html
    assert "de beheerders van deze server" in html
    for stored in ("tijdzone", "herinnering", "pushdienst", "eerste stappen", "gepauzeerd"):
        assert stored in html, stored
    assert "de pushdienst kan het niet lezen" in html


def test_the_advice_page_names_its_sources(client):
    html = client.get("/hulp/advice/").content.decode()
    assert "Silbernagel" in html
    assert "Zes handige tips om pijn in de heupen te voorkomen" in html


def test_the_warning_signs_page_says_call_112(client):
    assert "112" in client.get("/hulp/warning-signs/").content.decode()


def test_help_index_and_unknown_page(client):
    html = client.get("/hulp/").content.decode()
    for slug in PAGES:
        assert f"/hulp/{slug}/" in html
    assert client.get("/hulp/nothing/").status_code == 404
