"""Exercises, programmes, who follows which, what was done, and what is paused.

How the two languages are stored
--------------------------------
Exercise and programme texts are *content*, not interface strings, so they
are not in the gettext catalogues. Each translatable text has one column per
language: ``name_nl`` and ``name_en``, ``steps_nl`` and ``steps_en`` (JSON
lists of strings, so the steps keep their order), and so on. Why:

* The design fixes the languages: Dutch first, English second. Two columns are
  the simplest thing that holds both, with no extra package (no
  django-modeltranslation or django-parler) and no join for every read.
* The data migration seeds both languages side by side, and the admin shows
  them side by side, so an editor sees at once when one language is missing.
* A query never depends on the language; only the display does. The helper
  :func:`localized` picks the column for the active language and falls back to
  Dutch when the English text is empty.

A third language would mean a migration adding columns; that is a fair price
for an app that promises exactly two.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("nl", "en")
FALLBACK_LANGUAGE = "nl"

PAIN_MIN = 0
PAIN_MAX = 10


def active_language(language: str | None = None) -> str:
    """The content language to show: the active one if we have it, else Dutch."""
    code = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0].lower()
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


def localized(obj: Any, field: str, language: str | None = None) -> Any:
    """``obj.<field>_<language>``, falling back to Dutch when that is empty."""
    value = getattr(obj, f"{field}_{active_language(language)}")
    return value or getattr(obj, f"{field}_{FALLBACK_LANGUAGE}")


def validate_text_list(value: Any) -> None:
    """Steps and cautions are a JSON list of non-empty strings."""
    if not isinstance(value, list) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise ValidationError(_("Give a list of texts, one per line, without empty lines."))


class Exercise(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    purpose_nl = models.TextField(_("purpose (Dutch)"))
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    steps_nl = models.JSONField(_("steps (Dutch)"), default=list, validators=[validate_text_list])
    steps_en = models.JSONField(
        _("steps (English)"), default=list, blank=True, validators=[validate_text_list]
    )
    cautions_nl = models.JSONField(
        _("cautions (Dutch)"), default=list, blank=True, validators=[validate_text_list]
    )
    cautions_en = models.JSONField(
        _("cautions (English)"), default=list, blank=True, validators=[validate_text_list]
    )
    hold_seconds = models.PositiveSmallIntegerField(
        _("hold (seconds)"),
        default=0,
        help_text=_(
            "How long each repetition is held, or how long an activity lasts. 0: no timer."
        ),
    )
    reps = models.PositiveSmallIntegerField(_("repetitions"), default=1)
    sets = models.PositiveSmallIntegerField(_("sets"), default=1)
    rest_seconds = models.PositiveSmallIntegerField(_("rest between sets (seconds)"), default=0)
    illustration = models.CharField(
        _("illustration"),
        max_length=200,
        blank=True,
        help_text=_("Path of a static file, for example img/exercises/bridge.svg."),
    )
    order = models.PositiveSmallIntegerField(_("order in the library"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        constraints = [
            models.CheckConstraint(condition=Q(reps__gte=1), name="exercise_reps_at_least_one"),
            models.CheckConstraint(condition=Q(sets__gte=1), name="exercise_sets_at_least_one"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def purpose(self) -> str:
        return localized(self, "purpose")

    @property
    def steps(self) -> list[str]:
        return localized(self, "steps")

    @property
    def cautions(self) -> list[str]:
        return localized(self, "cautions")


class Program(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    weeks = models.PositiveSmallIntegerField(
        _("length in weeks"),
        default=6,
        help_text=_("Items without an end week carry on after this."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class ProgramItem(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="items", verbose_name=_("programme")
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="+", verbose_name=_("exercise")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    sets = models.PositiveSmallIntegerField(_("sets"), default=1)
    reps = models.PositiveSmallIntegerField(_("repetitions"), default=1)
    hold_seconds = models.PositiveSmallIntegerField(_("hold (seconds)"), default=0)
    days_per_week = models.PositiveSmallIntegerField(_("days per week"), default=3)
    from_week = models.PositiveSmallIntegerField(_("from week"), default=1)
    to_week = models.PositiveSmallIntegerField(
        _("to week"), null=True, blank=True, help_text=_("Empty: carries on.")
    )

    class Meta:
        ordering = ["program", "order", "from_week", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        constraints = [
            models.CheckConstraint(
                condition=Q(days_per_week__gte=1, days_per_week__lte=7),
                name="program_item_days_per_week_1_to_7",
            ),
            models.CheckConstraint(
                condition=Q(from_week__gte=1), name="program_item_from_week_at_least_1"
            ),
            models.CheckConstraint(
                condition=Q(to_week__isnull=True) | Q(to_week__gte=models.F("from_week")),
                name="program_item_to_week_not_before_from_week",
            ),
            models.CheckConstraint(
                condition=Q(sets__gte=1, reps__gte=1), name="program_item_sets_reps_at_least_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.exercise}"


class EnrollmentQuerySet(models.QuerySet):
    def active(self) -> EnrollmentQuerySet:
        return self.filter(active=True)


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrollments",
        verbose_name=_("user"),
    )
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["-active", "-started_on", "-id"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            # One programme at a time: the database refuses a second active one.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(active=True),
                name="one_active_enrollment_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.program}"

    @classmethod
    def start(cls, user, program: Program, on: datetime.date) -> Enrollment:
        """Starts ``program`` on ``on`` and ends whatever the user followed before."""
        for attempt in range(2):
            try:
                with transaction.atomic():
                    cls.objects.filter(user=user, active=True).update(active=False, ended_on=on)
                    return cls.objects.create(
                        user=user, program=program, started_on=on, active=True
                    )
            except IntegrityError:
                # Another request started one between our update and insert.
                if attempt:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover


class ExerciseLog(models.Model):
    """One session of one exercise. The id is made by the client (a UUID), so a
    phone that sends the same session twice (a retry, an offline queue) never
    creates a second row."""

    id = models.UUIDField(_("id"), primary_key=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exercise_logs",
        verbose_name=_("user"),
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="+", verbose_name=_("exercise")
    )
    date = models.DateField(_("date"))
    sets = models.PositiveSmallIntegerField(_("sets"), default=0)
    reps = models.PositiveSmallIntegerField(_("repetitions"), default=0)
    hold_seconds = models.PositiveSmallIntegerField(_("hold (seconds)"), default=0)
    pain_during = models.PositiveSmallIntegerField(_("pain during the exercise (0-10)"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("exercise log")
        verbose_name_plural = _("exercise logs")
        indexes = [models.Index(fields=["user", "date"], name="exercise_log_user_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(pain_during__gte=PAIN_MIN, pain_during__lte=PAIN_MAX),
                name="exercise_log_pain_during_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} · {self.date}"


class ExercisePauseQuerySet(models.QuerySet):
    def open_on(self, day: datetime.date) -> ExercisePauseQuerySet:
        """Pauses in force on ``day``: begun on or before it, not yet resumed."""
        return self.filter(since__lte=day).filter(
            Q(resumed_on__isnull=True) | Q(resumed_on__gt=day)
        )


class ExercisePause(models.Model):
    """An exercise the user should leave alone for now. The advice rules create
    these (see the advice issue); here they only take the exercise out of the plan."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exercise_pauses",
        verbose_name=_("user"),
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="+", verbose_name=_("exercise")
    )
    since = models.DateField(_("since"))
    reason = models.TextField(_("reason"), blank=True)
    # The same reason in each language ({"nl": ..., "en": ...}), written by
    # whoever pauses the exercise (the diary's advice rules), so the plan
    # and the player show it in the reader's language; `reason` is the
    # fallback (older pauses, or one typed in the admin).
    reasons = models.JSONField(_("reason per language"), default=dict, blank=True)
    resumed_on = models.DateField(_("resumed on"), null=True, blank=True)
    # The day score the pain should settle back to; None when there was too
    # little data before the pause to know it.
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    # Kept up to date by whoever watches the day scores (the diary's advice
    # rules): the pain has settled, so the user may try the exercise again.
    may_resume = models.BooleanField(_("may try again"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ExercisePauseQuerySet.as_manager()

    class Meta:
        ordering = ["-since", "-id"]
        verbose_name = _("exercise pause")
        verbose_name_plural = _("exercise pauses")
        constraints = [
            # At most one open pause per exercise, so replayed rules never stack them.
            models.UniqueConstraint(
                fields=["user", "exercise"],
                condition=Q(resumed_on__isnull=True),
                name="one_open_pause_per_exercise",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.exercise} · {self.since}"

    @property
    def reason_text(self) -> str:
        """The reason in the active language, else the stored one."""
        return (self.reasons or {}).get(active_language()) or self.reason

    def resume(self, on: datetime.date) -> None:
        """The user's choice: end the pause; the exercise is back in the plan."""
        if self.resumed_on is None:
            self.resumed_on = on
            with transaction.atomic():  # with the advice's count of it (diary/signals.py)
                self.save(update_fields=["resumed_on"])
