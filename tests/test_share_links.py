"""A share link's whole life: create, open without login, count, revoke,
expire, tamper; only hashes stored; another user's link is 404."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from diary.models import ShareLink
from tests.export_helpers import fill_diary

pytestmark = pytest.mark.django_db


def make_link(party, **body):
    response = party.token.post("/api/v1/share-links/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_create_open_count_and_list(owner):
    fill_diary(owner.user, 30)
    created = make_link(owner, expires_in_days=7)
    assert set(created) == {"id", "url", "expires_at"}
    token = path_of(created["url"]).split("/")[2]
    assert len(token) >= 43  # 256 bits
    link = ShareLink.objects.get(pk=created["id"])
    # Only the hash is stored, never the token.
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.filter(pk=link.pk).values().first())
    expected = timezone.now() + datetime.timedelta(days=7)
    assert abs(link.expires_at - expected) < datetime.timedelta(minutes=1)
    assert (link.start, link.end) == (
        owner.user.today() - datetime.timedelta(days=90),
        owner.user.today(),
    )

    gp = Client()  # no login
    for _ in range(2):
        response = gp.get(path_of(created["url"]))
        assert response.status_code == 200
    html = response.content.decode()
    assert "Gemiddelde pijn" in html
    assert "bottom-nav" not in html and "/account/" not in html and "<script" not in html
    assert 'name="robots" content="noindex' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]

    listed = owner.token.get("/api/v1/share-links/").json()["results"]
    assert listed[0]["id"] == created["id"]
    assert listed[0]["open_count"] == 2
    assert listed[0]["status"] == "active"
    assert listed[0]["from"] == link.start.isoformat()
    assert "url" not in listed[0] and "token_hash" not in listed[0]


def test_report_in_the_language_the_link_was_made_in(owner):
    fill_diary(owner.user, 10)
    created = owner.token.post(
        "/api/v1/share-links/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    html = Client().get(path_of(created["url"]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Average pain" in html


def test_notes_only_when_chosen(owner):
    dates = fill_diary(owner.user, 10)
    without = make_link(owner)
    with_notes = make_link(owner, include_notes=True)
    note = f"Notitie van {dates[-1].isoformat()}"
    assert note not in Client().get(path_of(without["url"])).content.decode()
    assert note in Client().get(path_of(with_notes["url"])).content.decode()


def test_revoked_link_is_404_and_listed_as_revoked(owner):
    created = make_link(owner)
    assert owner.token.delete(f"/api/v1/share-links/{created['id']}/").status_code == 204
    assert Client().get(path_of(created["url"])).status_code == 404
    listed = owner.token.get("/api/v1/share-links/").json()["results"]
    assert listed[0]["status"] == "revoked"
    # Revoking again changes nothing.
    assert owner.token.delete(f"/api/v1/share-links/{created['id']}/").status_code == 204


def test_expired_link_is_404(owner):
    created = make_link(owner, expires_in_days=1)
    ShareLink.objects.filter(pk=created["id"]).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert Client().get(path_of(created["url"])).status_code == 404
    assert ShareLink.objects.get(pk=created["id"]).open_count == 0


@pytest.mark.parametrize("tamper", [lambda t: t[:-1], lambda t: t + "x", lambda t: t.upper()])
def test_altered_token_is_404(owner, tamper):
    created = make_link(owner)
    path = path_of(created["url"])
    token = path.split("/")[2]
    assert Client().get(path.replace(token, tamper(token))).status_code == 404


@pytest.mark.parametrize(
    "body,field",
    [
        ({"expires_in_days": 91}, "expires_in_days"),
        ({"expires_in_days": 0}, "expires_in_days"),
        ({"expires_in_days": "veel"}, "expires_in_days"),
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "from"),
        ({"include_notes": "ja"}, "include_notes"),
        ({"from": ""}, "from"),
        ({"to": None}, "to"),
        ({"expires_in_days": "14"}, "expires_in_days"),
        ({"expires_in_days": True}, "expires_in_days"),
    ],
)
def test_bad_requests_are_400_per_field(owner, body, field):
    response = owner.token.post("/api/v1/share-links/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not ShareLink.objects.exists()


def test_at_most_90_days(owner):
    created = make_link(owner, expires_in_days=90)
    link = ShareLink.objects.get(pk=created["id"])
    lifetime = link.expires_at - link.created_at
    assert abs(lifetime - datetime.timedelta(days=90)) < datetime.timedelta(minutes=1)


def test_another_users_link_is_404(owner, outsider):
    created = make_link(owner)
    for client in (outsider.token, outsider.session):
        assert client.delete(f"/api/v1/share-links/{created['id']}/").status_code == 404
        assert client.get("/api/v1/share-links/").json()["results"] == []
    page = Client()
    page.force_login(outsider.user)
    assert page.post(f"/export/links/{created['id']}/intrekken/").status_code == 404
    assert ShareLink.objects.get(pk=created["id"]).revoked_at is None


def test_anonymous_cannot_list_or_create(anonymous):
    assert anonymous.get("/api/v1/share-links/").status_code == 401
    assert anonymous.post("/api/v1/share-links/", {}, format="json").status_code == 401


def test_the_page_creates_shows_once_and_revokes(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post("/export/links/", {"expires_in_days": "30", "notes": "1"})
    assert response.status_code == 302
    page = client.get("/export/").content.decode()
    url = re.search(r'id="new-link-url" type="text" readonly value="([^"]+)"', page).group(1)
    assert "/gedeeld/" in url
    # Shown once: the next visit no longer has it.
    assert url not in client.get("/export/").content.decode()
    link = ShareLink.objects.get(user=user)
    assert link.include_notes
    assert Client().get(path_of(url)).status_code == 200
    assert "1 keer geopend" in client.get("/export/").content.decode()
    response = client.post(f"/export/links/{link.pk}/intrekken/")
    assert response.status_code == 302
    assert Client().get(path_of(url)).status_code == 404
    assert "Gestopt" in client.get("/export/").content.decode()


def test_page_refuses_a_bad_expiry(client, make_user):
    client.force_login(make_user())
    response = client.post("/export/links/", {"expires_in_days": "365"})
    assert response.status_code == 400
    assert "Kies een aantal dagen van 1 tot en met 90." in response.content.decode()


def test_page_shows_a_bad_share_date_at_the_share_form(client, make_user):
    client.force_login(make_user())
    response = client.post("/export/links/", {"from": "2026-02-30"})
    assert response.status_code == 400
    assert 'id="share-from-error"' in response.content.decode()
    assert not ShareLink.objects.exists()


# The real limit is 30 a minute (settings.ACCOUNT_RATE_LIMITS); here 5 an
# hour, so a slow machine cannot spread the attempts past the window.
@override_settings(ACCOUNT_RATE_LIMITS={"share_open": "5/h/ip"})
def test_share_page_is_limited_per_address(owner):
    """No login guards this page, so guessing is limited per IP address,
    real or guessed opens alike; another address is not held up."""
    created = make_link(owner)
    real = path_of(created["url"])
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(5):
        assert guesser.get(f"/gedeeld/{'x' * 43}{n}/").status_code == 404
    refused = guesser.get(real)  # even the right token waits now
    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.content.decode()
    assert ShareLink.objects.get(pk=created["id"]).open_count == 0
    # The GP's practice, at another address, opens it as usual.
    assert Client(REMOTE_ADDR="198.51.100.20").get(real).status_code == 200


@override_settings(ACCOUNT_RATE_LIMITS={"share_open": "5/h/ip"}, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_has_their_own_limit(owner):
    """Behind nginx every request comes from the proxy's address; the limit
    counts the visitor's, from X-Forwarded-For (BEHIND_TLS_PROXY sets this)."""
    real = path_of(make_link(owner)["url"])
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for n in range(5):
        assert guesser.get(f"/gedeeld/{'y' * 43}{n}/").status_code == 404
    assert guesser.get(real).status_code == 429
    gp = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert gp.get(real).status_code == 200
