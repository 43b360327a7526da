"""The pain scale and the day's score: pure functions, no database.

The scale is the 0-10 Numeric Rating Scale (NRS). The words next to the
numbers follow the usual NRS bands (0 none, 1-3 mild, 4-6 moderate, 7-9
severe, 10 worst imaginable), so a number never stands on colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

PAIN_MIN = 0
PAIN_MAX = 10
PAIN_SCALE = range(PAIN_MIN, PAIN_MAX + 1)


def pain_word(score: int):
    """The word for a score on the NRS (a lazy, translatable string)."""
    if score <= 0:
        return _("no pain")
    if score <= 3:
        return _("mild")
    if score <= 6:
        return _("moderate")
    if score <= 9:
        return _("severe")
    return _("worst imaginable")


def day_score(entry_pain: int | None, reading_pains: Iterable[int]) -> int | None:
    """The score of one day: the entry's own score where set, else the
    highest reading of that day, else nothing (a gap, never a zero)."""
    if entry_pain is not None:
        return entry_pain
    return max(reading_pains, default=None)
