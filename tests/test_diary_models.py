"""The database itself guards one entry per date and the 0-10 range."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from diary.models import DayEntry, PainReading

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 20)


def test_one_entry_per_user_per_date(make_user):
    user = make_user()
    DayEntry.objects.create(user=user, date=DAY, pain=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        DayEntry.objects.create(user=user, date=DAY, pain=4)
    # Another user may have the same date.
    DayEntry.objects.create(user=make_user(), date=DAY, pain=4)


@pytest.mark.parametrize("pain", [11, 99])
def test_pain_above_ten_is_refused_by_the_database(make_user, pain):
    user = make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        DayEntry.objects.create(user=user, date=DAY, pain=pain)
    entry = DayEntry.objects.create(user=user, date=DAY, pain=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        DayEntry.objects.filter(pk=entry.pk).update(pain=pain)


def test_reading_pain_range_is_checked_by_the_database(make_user):
    user = make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        PainReading.objects.create(
            id=uuid.uuid4(), user=user, taken_at=timezone.now(), date=DAY, pain=11
        )


def test_entry_without_score_is_allowed(make_user):
    entry = DayEntry.objects.create(user=make_user(), date=DAY, night_pain=True)
    assert entry.pain is None
