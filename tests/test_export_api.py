"""GET /api/v1/export/{pdf|csv|json|fhir}/ and the schema: own data only,
400 with a message per field, 401 without login, never 500."""

from __future__ import annotations

import pytest
import yaml

from tests.export_helpers import fill_diary, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

FORMATS = ("pdf", "csv", "json", "fhir")


def test_pdf_over_the_api_with_either_client(owner):
    owner.user.display_name = "Eigenaar Ans"
    owner.user.save()
    fill_diary(owner.user, 91)
    for client in (owner.token, owner.session):
        response = client.get("/api/v1/export/pdf/", HTTP_ACCEPT="application/pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert pdf_pages(response.content) == 1
        assert "Eigenaar Ans" in pdf_text(response.content)


def test_exports_hold_only_own_data(owner, outsider):
    outsider.user.display_name = "Buurman Piet"
    outsider.user.save()
    fill_diary(outsider.user, 10)
    fill_diary(owner.user, 10)
    assert "Buurman Piet" not in pdf_text(owner.token.get("/api/v1/export/pdf/").content)
    fhir = owner.token.get("/api/v1/export/fhir/").content.decode()
    assert "Buurman Piet" not in fhir and "Buurman" not in fhir
    data = owner.token.get("/api/v1/export/json/").json()
    assert data["profile"]["email"] == owner.user.email
    assert len(data["entries"]) == 10


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "params,field",
    [
        ({"from": "2026-1-1"}, "from"),
        ({"to": "tomorrow"}, "to"),
        ({"to": ""}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "from"),
        ({"from": "0225-09-18"}, "from"),  # schemathesis found this one: a slow PDF
    ],
)
def test_bad_periods_are_400_per_field(owner, fmt, params, field):
    response = owner.token.get(f"/api/v1/export/{fmt}/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [field]
    assert response.json()[field][0] in (
        "Use a date like 2026-11-22.",
        "The start date is after the end date.",
        "Choose a period of at most 10 years.",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymous_gets_401(anonymous, fmt):
    assert anonymous.get(f"/api/v1/export/{fmt}/").status_code == 401


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_account_exports_without_error(owner, fmt):
    response = owner.token.get(f"/api/v1/export/{fmt}/")
    assert response.status_code == 200


def test_a_future_end_is_today(owner):
    response = owner.token.get("/api/v1/export/json/", {"from": "2026-01-01", "to": "2999-01-01"})
    assert response.json()["to"] == owner.user.today().isoformat()


def test_import_needs_login_and_post(anonymous, owner):
    assert anonymous.post("/api/v1/import/", {}, format="json").status_code == 401
    assert owner.token.get("/api/v1/import/").status_code == 405


def test_schema_documents_the_export_api(client):
    paths = yaml.safe_load(client.get("/api/schema/").content)["paths"]
    for fmt in FORMATS:
        operation = paths[f"/api/v1/export/{fmt}/"]["get"]
        assert {"from", "to"} <= {p["name"] for p in operation["parameters"]}
        assert {"200", "400", "401"} <= set(operation["responses"])
    assert "application/pdf" in paths["/api/v1/export/pdf/"]["get"]["responses"]["200"]["content"]
    assert set(paths["/api/v1/share-links/"]) >= {"get", "post"}
    assert set(paths["/api/v1/share-links/{id}/"]) == {"delete"}
    assert set(paths["/api/v1/import/"]) == {"post"}


def test_notes_must_be_true_or_false(owner):
    assert owner.token.get("/api/v1/export/pdf/", {"notes": "null"}).status_code == 400
    assert owner.token.get("/api/v1/export/pdf/", {"notes": "true"}).status_code == 200


def test_share_link_body_must_be_an_object(owner):
    response = owner.token.post(
        "/api/v1/share-links/", [None, None], format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400
    assert response.json() == {"body": ["Dit moet een JSON-object zijn."]}
