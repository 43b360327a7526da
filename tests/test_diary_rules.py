"""Pure diary rules, tested without a database."""

from __future__ import annotations

import pytest
from django.utils import translation

from diary.pain import day_score, pain_word
from diary.tips import DayFacts, tip_for


@pytest.mark.parametrize(
    ("entry_pain", "readings", "expected"),
    [
        (4, [7, 8], 4),  # the day's own score wins over readings
        (0, [9], 0),  # zero is a score, not "missing"
        (None, [3, 7, 5], 7),  # otherwise the highest reading
        (None, [], None),  # nothing: a gap, never zero
    ],
)
def test_day_score(entry_pain, readings, expected):
    assert day_score(entry_pain, readings) == expected


@pytest.mark.parametrize(
    ("score", "word"),
    [
        (0, "geen pijn"),
        (1, "licht"),
        (3, "licht"),
        (4, "matig"),
        (6, "matig"),
        (7, "erg"),
        (9, "erg"),
        (10, "ergst denkbaar"),
    ],
)
def test_pain_words_in_dutch(score, word):
    with translation.override("nl"):
        assert str(pain_word(score)) == word


def tip(**facts) -> str:
    with translation.override("en"):
        return str(tip_for(DayFacts(**{"pain": 3, **facts})))


def test_side_sleeper_without_pillow_gets_the_pillow_tip():
    assert "pillow between your knees" in tip(sleep_position="left_side")


def test_side_sleeper_with_pillow_does_not():
    assert "pillow" not in tip(sleep_position="right_side", pillow_between_knees=True)


def test_outer_hip_pain_on_that_side_gets_the_bursitis_tip():
    text = tip(sleep_position="left_side", locations=("outer_hip",))
    assert "outside of the hip" in text


def test_night_pain_points_to_the_gp():
    assert "GP" in tip(night_pain=True)


def test_high_pain_gets_warmth_and_cold():
    assert "cold pack" in tip(pain=8)


def test_no_entry_gets_the_general_tip():
    with translation.override("en"):
        assert "Stand up" in str(tip_for(None))
