"""FHIR R4 export: a Bundle (type collection) of Observations.

- the score of each day: LOINC 72514-3 (pain severity 0-10, reported),
  valueInteger, effectiveDateTime the date;
- each extra reading the same way, effectiveDateTime the moment;
- each exercise session: LOINC 73985-4 (exercise activity), the exercise
  named in valueCodeableConcept, sets, repetitions and the pain during it
  as components.

A Patient resource carries the name the user gave (if any) and every
Observation points at it. Ids are urn:uuid values derived from the row, so
exporting twice gives the same ids. tests/test_export_fhir.py validates the
bundle against the R4B models of the fhir.resources package.
"""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from diary.models import DayEntry, PainReading
from diary.trends import merge_day_scores
from exercises.models import ExerciseLog

LOINC = "http://loinc.org"
PAIN = {
    "coding": [
        {
            "system": LOINC,
            "code": "72514-3",
            "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        }
    ],
    "text": "Pain score (0-10)",
}
EXERCISE = {
    "coding": [{"system": LOINC, "code": "73985-4", "display": "Exercise activity"}],
    "text": "Exercise session",
}
SURVEY = [
    {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                "code": "survey",
            }
        ]
    }
]
ACTIVITY = [
    {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                "code": "activity",
            }
        ]
    }
]
# A fixed namespace: the same row always gets the same urn:uuid.
NAMESPACE = uuid.UUID("6f1d3c8e-2b1a-4f5e-9c7d-0a8b7e6d5c4b")


def urn(*parts) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(str(p) for p in parts))}"


def observation(full_url: str, patient: str, code: dict, category: list, **values) -> dict:
    return {
        "fullUrl": full_url,
        "resource": {
            "resourceType": "Observation",
            "status": "final",
            "category": category,
            "code": code,
            "subject": {"reference": patient},
            **values,
        },
    }


def build_bundle(
    user_key,
    name: str,
    day_scores: dict[datetime.date, int],
    readings: list[tuple[str, datetime.datetime, int]],
    sessions: list[tuple[str, datetime.date, str, int, int, int]],
    now: datetime.datetime,
) -> dict:
    """Pure: the bundle from plain data. readings: (id, moment, pain);
    sessions: (id, date, exercise name, sets, reps, pain during)."""
    patient = urn("patient", user_key)
    resource = {"resourceType": "Patient", "active": True}
    if name:
        resource["name"] = [{"text": name}]
    entries = [{"fullUrl": patient, "resource": resource}]
    for day, score in sorted(day_scores.items()):
        entries.append(
            observation(
                urn("day", user_key, day),
                patient,
                PAIN,
                SURVEY,
                effectiveDateTime=day.isoformat(),
                valueInteger=score,
            )
        )
    for reading_id, moment, pain in readings:
        entries.append(
            observation(
                urn("reading", reading_id),
                patient,
                PAIN,
                SURVEY,
                effectiveDateTime=moment.isoformat(),
                valueInteger=pain,
            )
        )
    for log_id, day, exercise, sets, reps, pain in sessions:
        entries.append(
            observation(
                urn("session", log_id),
                patient,
                EXERCISE,
                ACTIVITY,
                effectiveDateTime=day.isoformat(),
                valueCodeableConcept={"text": exercise},
                component=[
                    {"code": {"text": "sets"}, "valueInteger": sets},
                    {"code": {"text": "repetitions"}, "valueInteger": reps},
                    {"code": PAIN, "valueInteger": pain},
                ],
            )
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": entries,
    }


def export_fhir(user, start: datetime.date, end: datetime.date) -> dict:
    """Three queries: the days, the readings and the sessions of the period."""
    entry_pain = dict(
        DayEntry.objects.filter(user=user, date__range=(start, end)).values_list("date", "pain")
    )
    readings, highest = [], {}
    for reading_id, moment, pain, day in (
        PainReading.objects.filter(user=user, date__range=(start, end))
        .order_by("taken_at")
        .values_list("id", "taken_at", "pain", "date")
    ):
        readings.append((reading_id, moment, pain))
        highest[day] = max(pain, highest.get(day, pain))
    sessions = [
        (log.pk, log.date, log.exercise.name, log.sets, log.reps, log.pain_during)
        for log in ExerciseLog.objects.filter(user=user, date__range=(start, end))
        .select_related("exercise")
        .order_by("date", "created_at")
    ]
    # The day score: the entry's own score, else the day's highest reading.
    scores = merge_day_scores(entry_pain, highest)
    return build_bundle(user.pk, user.display_name, scores, readings, sessions, timezone.now())
