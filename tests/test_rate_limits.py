"""Rate limits: allauth's for login, signup and password reset; DRF's per user."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_failed_logins_are_limited_per_account(client, make_user):
    user = make_user("doelwit@example.org")
    pages = [
        client.post("/accounts/login/", {"login": user.email, "password": "fout"}).content.decode()
        for _ in range(6)
    ]
    blocked = "Te veel inlogpogingen"
    assert not any(blocked in page for page in pages[:5])
    assert blocked in pages[5]
    # Even the right password has to wait now.
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.get("/").status_code == 302
    # Another account is not blocked by this one's failures.
    other = make_user("ander@example.org")
    response = client.post("/accounts/login/", {"login": other.email, "password": PASSWORD})
    assert response.status_code == 302


def test_password_reset_requests_are_limited(client, make_user):
    make_user("vergeten@example.org")
    statuses = [
        client.post("/accounts/password/reset/", {"email": "vergeten@example.org"}).status_code
        for _ in range(7)
    ]
    assert 429 in statuses
    assert len(mail.outbox) <= 5


def test_signups_are_limited_per_address(client):
    statuses = []
    for n in range(22):
        response = client.post(
            "/accounts/signup/",
            {"email": f"nieuw{n}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        statuses.append(response.status_code)
        client.logout()
    assert statuses[0] == 302
    assert statuses[-1] == 429
    assert "Te veel pogingen" in response.content.decode()  # our page, in Dutch


def test_api_throttles_per_user(owner, outsider, settings):
    settings.API_RATE_LIMIT_USER = "5/minute"
    statuses = [owner.token.get("/api/v1/entries/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    response = owner.token.get("/api/v1/entries/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Retry-After" in response
    assert "throttled" in response.json()["detail"].lower()
    # Someone else is not affected.
    assert outsider.token.get("/api/v1/entries/").status_code == 200


def test_bad_rate_setting_stops_the_app():
    import os
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [sys.executable, "-c", "import heupdagboek.settings"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "API_RATE_LIMIT_USER": "lots"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "API_RATE_LIMIT_USER='lots' must look like 600/minute" in result.stderr
