"""The FHIR R4 Bundle validates against fhir.resources' R4B models."""

from __future__ import annotations

import datetime

import pytest
from fhir.resources.R4B.bundle import Bundle

from diary.export.fhir import build_bundle
from diary.models import DayEntry, PainReading
from tests.export_helpers import fill_diary

pytestmark = pytest.mark.django_db


def codes(resource) -> set[str]:
    return {c.code for c in resource.code.coding or []}


def test_bundle_of_observations_validates(owner):
    owner.user.display_name = "Ans de Vries"
    owner.user.save()
    dates = fill_diary(owner.user, 21)
    response = owner.token.get("/api/v1/export/fhir/", {"from": dates[0].isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    bundle = Bundle.model_validate_json(response.content)
    assert bundle.type == "collection"
    resources = [e.resource for e in bundle.entry]
    patient = resources[0]
    assert patient.get_resource_type() == "Patient"
    assert patient.name[0].text == "Ans de Vries"
    observations = resources[1:]
    assert {o.get_resource_type() for o in observations} == {"Observation"}
    # fhir.resources reads a date-only effectiveDateTime as a date.
    days = [
        o
        for o in observations
        if "72514-3" in codes(o) and not isinstance(o.effectiveDateTime, datetime.datetime)
    ]
    assert len(days) == 21
    first = next(o for o in days if o.effectiveDateTime == dates[0])
    assert first.valueInteger == (dates[0].toordinal() * 7) % 9 + 1
    readings = [
        o
        for o in observations
        if "72514-3" in codes(o) and isinstance(o.effectiveDateTime, datetime.datetime)
    ]
    assert len(readings) == len(dates[::3])
    assert {o.valueInteger for o in readings} == {4}
    sessions = [o for o in observations if "73985-4" in codes(o)]
    assert len(sessions) == sum(1 for d in dates if d.weekday() in (0, 2, 4))
    session = sessions[0]
    assert session.valueCodeableConcept.text == "Bruggetje"
    components = {c.code.text: c.valueInteger for c in session.component}
    assert components["sets"] == 2 and components["repetitions"] == 10
    assert all(o.subject.reference == bundle.entry[0].fullUrl for o in observations)
    # Every fullUrl is unique.
    assert len({e.fullUrl for e in bundle.entry}) == len(bundle.entry)


def test_day_score_falls_back_to_the_highest_reading(owner):
    today = owner.user.today()
    DayEntry.objects.create(user=owner.user, date=today, pain=None, note="geen cijfer")
    for hour, pain in ((7, 3), (12, 6)):
        PainReading.objects.create(
            user=owner.user,
            taken_at=datetime.datetime.combine(today, datetime.time(hour), tzinfo=datetime.UTC),
            date=today,
            pain=pain,
        )
    data = owner.token.get("/api/v1/export/fhir/").json()
    day = [
        e["resource"]
        for e in data["entry"]
        if e["resource"].get("effectiveDateTime") == today.isoformat()
    ]
    assert [d["valueInteger"] for d in day] == [6]


def test_pure_bundle_is_stable_and_valid_when_empty():
    now = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)
    one = build_bundle(7, "", {}, [], [], now)
    assert one == build_bundle(7, "", {}, [], [], now)
    bundle = Bundle.model_validate(one)
    assert len(bundle.entry) == 1  # only the Patient, without a name
    assert bundle.entry[0].resource.name is None


def test_bad_period_is_400(owner):
    response = owner.token.get("/api/v1/export/fhir/", {"from": "morgen"})
    assert response.status_code == 400
    assert set(response.json()) == {"from"}
