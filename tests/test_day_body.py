"""The diary write's fast path (diary/day_body.py) against DayEntrySerializer:
whatever the fast path accepts, the serializer accepts with the same
values; whatever the serializer refuses, the fast path leaves to it (so the
user gets the serializer's message, naming the field)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework import serializers

from diary.choices import Location, RedFlag, SleepPosition
from diary.day_body import day_as_json, well_formed_day
from diary.models import DayEntry, PainReading
from diary.serializers import DayEntrySerializer
from diary.services import EMPTY_DAY, entries_with_scores

SLUGS = [*Location.values, *RedFlag.values, *SleepPosition.values, "elbow", ""]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-2, max_value=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from(SLUGS),
    st.text(max_size=6),
    st.sampled_from([" a note ", "\x00", "\ud800", "x" * 10_001, " " * 3, "7"]),
    st.lists(st.sampled_from(SLUGS), max_size=4),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)
# Per field: mostly a value the serializer takes, sometimes anything, so
# that whole valid bodies are common and their edge cases (trimmed notes,
# repeated slugs, 0 and 10, null) are met.
VALID = {
    "pain": st.one_of(st.none(), st.integers(min_value=-1, max_value=11)),  # and just outside
    "night_pain": st.booleans(),
    "pillow_between_knees": st.booleans(),
    "locations": st.lists(st.sampled_from(Location.values), max_size=4),
    "red_flags": st.lists(st.sampled_from(RedFlag.values), max_size=4),
    "sleep_position": st.one_of(st.none(), st.just(""), st.sampled_from(SleepPosition.values)),
    "note": st.one_of(st.text(max_size=8), st.sampled_from([" a note ", "\n", "x" * 10_000])),
    "date": VALUES,  # read-only: whatever comes back is ignored
    "day_score": VALUES,
    "created_at": VALUES,
}
FIELDS = {key: st.one_of(*[valid] * 7, VALUES) for key, valid in VALID.items()}
BODIES = st.one_of(
    *[st.fixed_dictionaries({}, optional=FIELDS)] * 6,
    st.fixed_dictionaries({"pian": VALUES}, optional=FIELDS),
    st.dictionaries(st.text(max_size=3), VALUES, max_size=3),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.text(max_size=3),
)


@settings(max_examples=1000, deadline=None)
@given(body=BODIES, partial=st.booleans())
def test_the_fast_path_is_never_more_lenient_than_the_serializer(body, partial):
    fast = well_formed_day(body)
    serializer = DayEntrySerializer(data=body, partial=partial)
    valid = serializer.is_valid()
    if fast is None:
        return  # the serializer decides, with its messages
    assert valid, (body, serializer.errors)
    expected = dict(serializer.validated_data)
    if partial:
        assert fast == expected
    else:  # a PUT: the serializer fills in what was left out, save_day too
        assert {**EMPTY_DAY, **fast} == expected


def test_the_usual_bodies_take_the_fast_path():
    assert well_formed_day({"pain": 4}) == {"pain": 4}
    assert well_formed_day(
        {
            "pain": None,
            "night_pain": True,
            "locations": ["groin", "groin", "outer_hip"],
            "sleep_position": None,
            "red_flags": ["fever"],
            "note": "  slecht geslapen ",
            "date": "2026-11-30",  # sent back as read: ignored
        }
    ) == {
        "pain": None,
        "night_pain": True,
        "locations": ["groin", "outer_hip"],
        "sleep_position": "",
        "red_flags": ["fever"],
        "note": "slecht geslapen",
    }


def test_anything_unusual_is_left_to_the_serializer():
    for body in (
        {"pian": 7},
        {"pain": "7"},
        {"pain": 7.0},
        {"pain": True},
        {"pain": 11},
        {"night_pain": 1},
        {"locations": "groin"},
        {"locations": ["elbow"]},
        {"note": None},
        {"note": "a\x00b"},
        [],
        None,
    ):
        assert well_formed_day(body) is None, body


@pytest.mark.django_db
def test_a_day_is_written_out_as_the_model_serializer_did(owner):
    """day_as_json against DRF's own ModelSerializer output of the same
    fields (the serializer now hands its output to day_as_json), in three
    time zones, with and without a pain of the day's own."""
    user = owner.user
    today = user.today()
    DayEntry.objects.create(
        user=user, date=today, pain=4, locations=["groin"], night_pain=True, note="n"
    )
    DayEntry.objects.create(user=user, date=today - datetime.timedelta(days=1), pain=None)
    PainReading.objects.create(
        user=user,
        taken_at=timezone.now() - datetime.timedelta(days=1),
        date=today - datetime.timedelta(days=1),
        pain=5,
    )
    for zone in ("UTC", "Europe/Amsterdam", "America/New_York"):
        with timezone.override(zone):
            for entry in entries_with_scores(user):
                drf = serializers.ModelSerializer.to_representation(DayEntrySerializer(), entry)
                assert list(drf.items()) == list(day_as_json(entry).items()), zone
