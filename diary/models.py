"""The user's days: one entry per date, and any number of extra readings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diary.choices import ReadingContext, SleepPosition
from diary.pain import PAIN_MAX, PAIN_MIN

NOTE_MAX_LENGTH = 10_000  # a long letter; guards the database, not the user
PAIN_VALIDATORS = [MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)]


class DayEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="day_entries"
    )
    date = models.DateField(_("date"))
    pain = models.PositiveSmallIntegerField(
        _("pain"), null=True, blank=True, validators=PAIN_VALIDATORS
    )
    night_pain = models.BooleanField(_("pain woke me at night"), default=False)
    locations = models.JSONField(_("where it hurts"), default=list, blank=True)
    sleep_position = models.CharField(
        _("how I slept"), max_length=16, choices=SleepPosition.choices, blank=True
    )
    pillow_between_knees = models.BooleanField(_("pillow between my knees"), default=False)
    red_flags = models.JSONField(_("warning signs"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_entry_per_user_per_date"),
            models.CheckConstraint(
                condition=Q(pain__isnull=True) | Q(pain__gte=PAIN_MIN, pain__lte=PAIN_MAX),
                name="day_pain_between_0_and_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.pain}"


class PainReading(models.Model):
    """One extra reading (morning stiffness, after exercising, ...).

    Addressed by a UUID the client makes, so a phone replaying its offline
    queue can never create it twice.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pain_readings"
    )
    taken_at = models.DateTimeField(_("time"))
    # The local date of taken_at in the user's time zone, kept so that a day's
    # readings are one indexed lookup.
    date = models.DateField(_("date"), db_index=True)
    pain = models.PositiveSmallIntegerField(_("pain"), validators=PAIN_VALIDATORS)
    context = models.CharField(
        _("moment"), max_length=16, choices=ReadingContext.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["taken_at"]
        indexes = [models.Index(fields=["user", "date"], name="reading_user_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(pain__gte=PAIN_MIN, pain__lte=PAIN_MAX),
                name="reading_pain_between_0_and_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M}: {self.pain}"


class Advice(models.Model):
    """What the advice rules found (diary/advice.py), stored once.

    ``key`` is derived from the data that fired the rule, and is unique per
    user: replaying the same writes finds the same key and stores nothing
    new. The text is not stored; it is written in the reader's language when
    shown (diary/advice_text.py).
    """

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")
        URGENT = "urgent", _("Contact your GP today")
        SEE_GP = "see_gp", _("Make an appointment with your GP")
        STOP_EXERCISE = "stop_exercise", _("Stop an exercise for now")
        REDUCE_LOAD = "reduce_load", _("Do less next time")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advice"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=120)
    rule = models.CharField(max_length=40)
    exercise = models.ForeignKey(
        "exercises.Exercise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateField()
    evidence = models.JSONField(default=list)  # [{"date": "YYYY-MM-DD", "pain": n}]
    baseline = models.FloatField(null=True, blank=True)
    extra = models.JSONField(default=dict)
    source = models.CharField(max_length=200)
    pause = models.ForeignKey(
        "exercises.ExercisePause",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The last day a see-your-GP pattern was found to hold: a pattern longer
    # than the rules look back continues this advice only when it held on
    # that day too (advice.continue_patterns), never an earlier, separate run.
    last_seen = models.DateField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Set when the advice no longer applies (a later session of the exercise
    # went well, so "do less next time" is done).
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="advice_once_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.since}"


class AdviceState(models.Model):
    """How far the stored advice is up to date (diary/advice_state.py).

    Writes that can change the advice only count themselves here; the rules
    run when advice or pauses are read, once for however many writes came
    before. ``changes`` is raised by every such write; ``checked_changes``
    and ``checked_on`` say which count and which day the last run saw.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    changes = models.PositiveBigIntegerField(default=0)
    checked_changes = models.PositiveBigIntegerField(default=0)
    checked_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.checked_changes}/{self.changes} on {self.checked_on}"


class ShareLink(models.Model):
    """A read-only link to the GP report of one period (diary/export/share.py).

    Only the SHA-256 of the token is stored: the link itself is shown once,
    when it is made, and someone who reads the database cannot open it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    include_notes = models.BooleanField(_("with my notes"), default=False)
    # The report is written in the language the user made the link in.
    language = models.CharField(max_length=8, default="nl")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.start} to {self.end}"
