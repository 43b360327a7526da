"""Shared fixtures: users, and an owner and an outsider with real API clients.

Every endpoint added later can be swept for cross-user access with
``owner`` and ``outsider``: each has a session client (cookie + CSRF, as the
PWA uses it; the session is made with force_login, the CSRF cookie by a real
page visit) and a token client (allauth headless session token, as an app
uses it, obtained by really logging in through the headless API).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from django.test import Client
from rest_framework.test import APIClient

PASSWORD = "Heup-dagboek-2026!"
_counter = itertools.count(1)


@dataclass
class Party:
    user: object
    password: str
    session: APIClient  # cookie session with CSRF enforced
    token: APIClient  # X-Session-Token from allauth's headless app client
    session_token: str


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so allauth's rate limits (kept in
    the cache) never carry over from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    from accounts.models import User

    def make(email: str | None = None, password: str = PASSWORD, **extra) -> User:
        email = email or f"user{next(_counter)}@example.org"
        user = User.objects.create_user(email=email, password=password, **extra)
        # allauth keeps its own record of addresses; mark it verified so that
        # mandatory verification (if configured) does not block the fixture.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    return make


def headless_login(email: str, password: str) -> str:
    """Logs in through allauth's headless app API and returns the session token."""
    response = Client().post(
        "/_allauth/app/v1/auth/login",
        {"email": email, "password": password},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


def session_client(user) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    # A real page visit sets the CSRF cookie, as in the browser.
    response = client.get("/account/")
    assert response.status_code == 200
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


def make_party(user) -> Party:
    token = headless_login(user.email, PASSWORD)
    token_client = APIClient()
    token_client.credentials(HTTP_X_SESSION_TOKEN=token)
    return Party(user, PASSWORD, session_client(user), token_client, token)


@pytest.fixture
def owner(make_user) -> Party:
    return make_party(make_user("owner@example.org"))


@pytest.fixture
def outsider(make_user) -> Party:
    return make_party(make_user("outsider@example.org"))


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


def page_login(client: Client, user, *, reauthenticate: bool = False) -> None:
    """Logs in through allauth's login page, as a person does.

    With ``reauthenticate`` it also confirms the password again, which allauth
    asks before security changes (adding TOTP or a passkey).
    """
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    if reauthenticate:
        response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302, response.content


@pytest.fixture
def seeded(db):
    """The content of the exercises' data migration.

    Tests with real transactions (live server, schemathesis, concurrency)
    empty every table afterwards, the seeded exercises included, so a later
    one may find them gone: this puts them back with the migration's own
    function (it updates by slug, so running it twice is harmless).
    """
    import importlib

    from django.apps import apps as django_apps

    importlib.import_module("exercises.migrations.0002_seed_content").seed(django_apps, None)
