"""Every write of the API takes one JSON object: anything else (a list,
null, a string, a number) is a 400 under "body" in the request's language,
on every app's endpoints (heupdagboek/parsers.py)."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", "Dit moet een JSON-object zijn."), ("en", "This must be a JSON object.")],
)
@pytest.mark.parametrize("body", ["[1, 2]", "null", '"x"', "7"])
def test_every_write_wants_one_json_object(owner, body, language, message):
    for method, url in (
        ("PUT", f"/api/v1/exercise-logs/{uuid.uuid4()}/"),
        ("POST", "/api/v1/enrollments/"),
        ("POST", "/api/v1/share-links/"),
        ("POST", "/api/v1/import/"),
        ("PUT", f"/api/v1/readings/{uuid.uuid4()}/"),
    ):
        response = owner.token.generic(
            method, url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 400, (url, response.status_code)
        assert response.json() == {"body": [message]}, (url, response.content)
