"""Re-check the advice after every write that can change it.

Signals, so that every path (pages, API, admin, import) is covered, and the
exercises app does not need to know about the diary (it may not import it).
The check runs in the writer's transaction, right after the write, so the
response to that write already knows the advice it caused.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from diary.models import DayEntry, PainReading
from exercises.models import ExerciseLog, ExercisePause

logger = logging.getLogger(__name__)


def _refresh(sender, instance, origin=None, **kwargs) -> None:
    from diary.advice_store import can_change_advice, refresh_advice

    # Deleting the account cascades to every day; there is nobody to advise.
    if origin is not None and origin.__class__ is get_user_model():
        return
    # A day long ago (a late entry, an import) cannot change today's advice.
    day = getattr(instance, "date", None)
    if day is not None and not can_change_advice(instance.user, day):
        return

    # A fault in the advice must never cost the user the entry they saved:
    # the check runs in its own savepoint and a failure is logged, not raised.
    try:
        with transaction.atomic():
            refresh_advice(instance.user)
    except Exception:
        logger.exception("Advice refresh failed for user %s", instance.user_id)


def _refresh_after_resume(sender, instance, update_fields=None, **kwargs) -> None:
    # Resuming changes which sessions count; other pause saves come from the
    # advice itself and need no second look.
    if update_fields and "resumed_on" in update_fields:
        _refresh(sender, instance)


def connect() -> None:
    for model in (DayEntry, PainReading, ExerciseLog):
        name = model.__name__
        post_save.connect(_refresh, sender=model, dispatch_uid=f"advice-save-{name}")
        post_delete.connect(_refresh, sender=model, dispatch_uid=f"advice-delete-{name}")
    post_save.connect(_refresh_after_resume, sender=ExercisePause, dispatch_uid="advice-resume")
