"""The OpenAPI schema and its docs page."""

from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3_and_describes_the_api(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert schemes["sessionToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Session-Token",
        "description": schemes["sessionToken"]["description"],
    }


def test_docs_page_serves_swagger_from_this_host(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html


def test_schema_generates_without_warnings_and_validates():
    """drf-spectacular's own check: every view documented, the result valid OpenAPI."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert out.getvalue().startswith("openapi: 3")


def test_schema_documents_the_diary_api(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    assert set(paths["/api/v1/entries/{date}/"]) >= {"get", "put", "patch", "delete"}
    assert set(paths["/api/v1/readings/{id}/"]) >= {"get", "put", "delete"}
    assert "patch" not in paths["/api/v1/readings/{id}/"]
    date_param = paths["/api/v1/entries/{date}/"]["get"]["parameters"][0]
    assert date_param["schema"] == {"type": "string", "format": "date"}
    put = paths["/api/v1/entries/{date}/"]["put"]["responses"]
    assert {"200", "201", "400", "401"} <= set(put)
