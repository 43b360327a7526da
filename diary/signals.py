"""Count every write that can change the advice, and bring the advice up to
date when the exercises app reads pauses.

Signals, so that every path (pages, API, admin, import) is covered, and the
exercises app does not need to know about the diary (it may not import it).
A write only counts itself, in the write's transaction (diary/advice_state.py);
the rules run when advice or pauses are next read, so the page or answer
that shows them reflects the write, and a burst of writes (an offline phone
catching up) runs the rules once.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from diary.advice_state import note_change
from diary.models import DayEntry, PainReading
from exercises.models import ExerciseLog, ExercisePause
from exercises.signals import pauses_wanted


def _count(sender, instance, created=None, origin=None, **kwargs) -> None:
    from diary.advice_store import can_change_advice

    # Deleting the account (one user, or a queryset of users) cascades to
    # every day; there is nobody to advise, and no row to count in.
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if model is get_user_model():
        return
    # A day long ago (a late entry, an import) cannot change today's advice.
    # A changed reading or session may have been moved there from a recent
    # day, so only a date that cannot have changed is trusted: a new row, a
    # deleted one, or a day (addressed by its date).
    day = getattr(instance, "date", None)
    date_is_fixed = created is not False or sender is DayEntry
    if day is not None and date_is_fixed and not can_change_advice(instance.user, day):
        return
    note_change(instance.user_id)


def _count_pause(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    # Resuming (or an edit in the admin, which saves every field) changes
    # which sessions count. The rules' own saves need no second look: they
    # make pauses and set may_resume.
    if created or (update_fields is not None and "resumed_on" not in update_fields):
        return
    note_change(instance.user_id)


def _count_profile(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    # Whether a GP or physiotherapist knows decides the lasting-pain advice.
    if not created and (update_fields is None or "care_provider_knows" in update_fields):
        note_change(instance.pk)


def _bring_up_to_date(sender, user, **kwargs) -> None:
    from diary.advice_store import bring_up_to_date

    bring_up_to_date(user)


def connect() -> None:
    for model in (DayEntry, PainReading, ExerciseLog):
        name = model.__name__
        post_save.connect(_count, sender=model, dispatch_uid=f"advice-save-{name}")
        post_delete.connect(_count, sender=model, dispatch_uid=f"advice-delete-{name}")
    post_save.connect(_count_pause, sender=ExercisePause, dispatch_uid="advice-pause-save")
    post_delete.connect(_count, sender=ExercisePause, dispatch_uid="advice-pause-delete")
    post_save.connect(_count_profile, sender=get_user_model(), dispatch_uid="advice-profile")
    pauses_wanted.connect(_bring_up_to_date, dispatch_uid="advice-before-pauses")
