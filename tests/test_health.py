"""/healthz answers 200 when the database answers and 503 when it does not."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_database_down(client, django_db_blocker):
    """Points the real connection at a database that cannot be reached."""
    with django_db_blocker.unblock():
        original = dict(connection.settings_dict)
        connection.close()
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent-dir/heupdagboek.sqlite3"
        else:
            connection.settings_dict["HOST"] = "127.0.0.1"
            connection.settings_dict["PORT"] = "1"  # nothing listens there
        try:
            response = client.get("/healthz")
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_ping_answers_signed_in_callers_only(owner, anonymous):
    assert owner.token.get("/api/v1/ping/").json() == {"ok": True}
    assert anonymous.get("/api/v1/ping/").status_code == 401


def test_database_away_is_a_503_not_a_500(django_db_blocker):
    """Any request that needs the database while it is away gets a 503 with
    Retry-After (the phone's queue keeps the write and tries again)."""
    from rest_framework.test import APIClient

    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_X_SESSION_TOKEN="some-token")
    with django_db_blocker.unblock():
        original = dict(connection.settings_dict)
        connection.close()
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent-dir/heupdagboek.sqlite3"
        else:
            connection.settings_dict["HOST"] = "127.0.0.1"
            connection.settings_dict["PORT"] = "1"
        try:
            response = client.put(
                "/api/v1/entries/2026-11-20/", {"pain": 3}, format="json", HTTP_ACCEPT_LANGUAGE="en"
            )
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Nothing was saved" in response.json()["detail"]
