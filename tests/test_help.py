"""Help pages render in Dutch and English and say what the app relies on."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["logging", "advice", "warning-signs", "privacy"]


@pytest.mark.parametrize("slug", PAGES)
def test_help_pages_in_both_languages(client, slug):
    dutch = client.get(f"/hulp/{slug}/")
    assert dutch.status_code == 200
    assert '<html lang="nl">' in dutch.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/hulp/{slug}/")
    assert '<html lang="en">' in english.content.decode()
    assert english.content != dutch.content


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
