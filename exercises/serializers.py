"""API shapes of the exercises app. Every message the user may see is gettext."""

from __future__ import annotations

import datetime

from django.templatetags.static import static
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exercises.models import (
    PAIN_MAX,
    PAIN_MIN,
    Enrollment,
    Exercise,
    ExerciseLog,
    ExercisePause,
    Program,
    ProgramItem,
    localized,
)
from heupdagboek.fields import (
    StrictCharField,
    StrictDateField,
    StrictIntegerField,
    reject_blank_query_params,
)

# Upper limits of what one session can be; far above any programme, low
# enough to catch a typo (a hold of 3000 seconds instead of 30).
SETS_MAX = 20
REPS_MAX = 200
HOLD_SECONDS_MAX = 3 * 60 * 60
NOTE_MAX_LENGTH = 2000

# The dates the API takes. Nothing in the app is older than 1970 (the diary
# has the same limit), and a plan more than ten years ahead is a typo; without
# a limit, 9999-12-31 would make the plan step past the last date Python has.
EARLIEST_DATE = datetime.date(1970, 1, 1)
PLAN_YEARS_AHEAD = 10


def illustration_url(exercise: Exercise) -> str | None:
    """The static URL of the drawing, or None when there is none (or it is
    missing from the static files manifest: a missing drawing must not break
    the page)."""
    if not exercise.illustration:
        return None
    try:
        return static(exercise.illustration)
    except ValueError:
        return None


@extend_schema_field(OpenApiTypes.STR)
class LocalizedText(serializers.Field):
    """The ``<name>_nl`` or ``<name>_en`` column, whichever the request's language is."""

    def __init__(self, base: str, **kwargs):
        self.base = base
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return localized(value, self.base)


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class LocalizedList(LocalizedText):
    pass


class ExerciseSerializer(serializers.ModelSerializer):
    name = LocalizedText("name")
    purpose = LocalizedText("purpose")
    steps = LocalizedList("steps", help_text="The steps in order.")
    cautions = LocalizedList("cautions")
    illustration = serializers.SerializerMethodField()

    class Meta:
        model = Exercise
        fields = [
            "slug",
            "name",
            "purpose",
            "steps",
            "cautions",
            "hold_seconds",
            "reps",
            "sets",
            "rest_seconds",
            "illustration",
        ]

    def get_illustration(self, obj: Exercise) -> str | None:
        return illustration_url(obj)


class ProgramItemSerializer(serializers.ModelSerializer):
    exercise = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProgramItem
        fields = [
            "exercise",
            "sets",
            "reps",
            "hold_seconds",
            "days_per_week",
            "from_week",
            "to_week",
        ]


class ProgramSerializer(serializers.ModelSerializer):
    name = LocalizedText("name")
    description = LocalizedText("description")
    items = ProgramItemSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = ["slug", "name", "description", "weeks", "items"]


class EnrollmentSerializer(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Program.objects.all(),
        error_messages={
            "required": _("Choose a programme."),
            "null": _("Choose a programme."),
            "does_not_exist": _("There is no programme called “{value}”."),
            "invalid": _("Give the programme by its slug, for example “calm-bursitis”."),
        },
    )
    program_name = serializers.SerializerMethodField()

    class Meta:
        model = Enrollment
        fields = ["id", "program", "program_name", "started_on", "ended_on", "active"]
        read_only_fields = ["id", "started_on", "ended_on", "active"]

    def get_program_name(self, obj: Enrollment) -> str:
        return obj.program.name


def _whole_number(maximum: int):
    message = format_lazy(_("Give a whole number from 0 to {maximum}."), maximum=maximum)
    return {
        "invalid": message,
        "min_value": message,
        "max_value": message,
        "max_string_length": message,
        "null": message,
        "required": message,
    }


PAIN_MESSAGE = _("Choose how much pain you had: a number from 0 to 10.")


class ExerciseLogSerializer(serializers.ModelSerializer):
    exercise = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Exercise.objects.all(),
        error_messages={
            "required": _("Say which exercise you did."),
            "null": _("Say which exercise you did."),
            "does_not_exist": _("There is no exercise called “{value}”."),
            "invalid": _("Give the exercise by its slug, for example “bridge”."),
        },
    )
    date = StrictDateField(
        error_messages={
            "required": _("Give the date of the exercise."),
            "null": _("Give the date of the exercise."),
            "invalid": _("Give the date as year-month-day, for example 2026-11-22."),
            "datetime": _("Give the date as year-month-day, for example 2026-11-22."),
        }
    )
    sets = StrictIntegerField(
        min_value=0, max_value=SETS_MAX, error_messages=_whole_number(SETS_MAX)
    )
    reps = StrictIntegerField(
        min_value=0, max_value=REPS_MAX, error_messages=_whole_number(REPS_MAX)
    )
    hold_seconds = StrictIntegerField(
        min_value=0, max_value=HOLD_SECONDS_MAX, error_messages=_whole_number(HOLD_SECONDS_MAX)
    )
    pain_during = StrictIntegerField(
        min_value=PAIN_MIN,
        max_value=PAIN_MAX,
        error_messages={
            key: PAIN_MESSAGE
            for key in (
                "required",
                "null",
                "invalid",
                "min_value",
                "max_value",
                "max_string_length",
            )
        },
    )
    note = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=NOTE_MAX_LENGTH,
        trim_whitespace=True,
        error_messages={
            "max_length": _("A note can be at most {max_length} characters long."),
            "invalid": _("A note is text."),
            "null": _("A note is text."),
        },
    )

    class Meta:
        model = ExerciseLog
        fields = [
            "id",
            "exercise",
            "date",
            "sets",
            "reps",
            "hold_seconds",
            "pain_during",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def to_internal_value(self, data):
        # A misspelt key ("pain" for "pain_during") would otherwise be dropped
        # without a word and the session saved without what was meant. The
        # read-only fields may come back as they were sent out (GET, then PUT).
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {key: [_("This field is unknown here. Leave it out.")] for key in unknown}
                )
        return super().to_internal_value(data)

    def validate_date(self, value):
        # "Today" is the user's own day, in their time zone.
        if value > self.context["request"].user.today():
            raise serializers.ValidationError(_("The date cannot be in the future."))
        if value < EARLIEST_DATE:
            raise serializers.ValidationError(_("Choose a date from 1970 on."))
        return value


_DATE_ERRORS = {
    "invalid": _("Give the date as year-month-day, for example 2026-11-22."),
    "datetime": _("Give the date as year-month-day, for example 2026-11-22."),
}

# "from" is a Python keyword, so this serializer is built with type().
ExerciseLogFilterSerializer = type(
    "ExerciseLogFilterSerializer",
    (serializers.Serializer,),
    {
        "from": StrictDateField(required=False, error_messages=_DATE_ERRORS),
        "to": StrictDateField(required=False, error_messages=_DATE_ERRORS),
        "exercise": serializers.SlugRelatedField(
            slug_field="slug",
            queryset=Exercise.objects.all(),
            required=False,
            error_messages={
                "does_not_exist": _("There is no exercise called “{value}”."),
                "invalid": _("Give the exercise by its slug, for example “bridge”."),
            },
        ),
        "validate": lambda self, attrs: _check_range(attrs),
        "to_internal_value": lambda self, data: (
            reject_blank_query_params(data, ("from", "to", "exercise"))
            or serializers.Serializer.to_internal_value(self, data)
        ),
    },
)


def _check_range(attrs: dict) -> dict:
    start, end = attrs.get("from"), attrs.get("to")
    if start and end and start > end:
        raise serializers.ValidationError({"to": _("The end date is before the start date.")})
    return attrs


def latest_plan_date(today: datetime.date) -> datetime.date:
    """Ten years after ``today`` (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year + PLAN_YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + PLAN_YEARS_AHEAD, day=28)


class PlanQuerySerializer(serializers.Serializer):
    """?date= of the plan; the view passes the user's today as context["today"]."""

    date = StrictDateField(required=False, error_messages=_DATE_ERRORS)

    def validate_date(self, value):
        if value < EARLIEST_DATE:
            raise serializers.ValidationError(_("Choose a date from 1970 on."))
        if value > latest_plan_date(self.context["today"]):
            raise serializers.ValidationError(
                _("Choose a date at most %(years)s years from today.") % {"years": PLAN_YEARS_AHEAD}
            )
        return value


class PlanEntrySerializer(serializers.Serializer):
    exercise = serializers.CharField(help_text="The exercise's slug.")
    name = serializers.CharField()
    sets = serializers.IntegerField()
    reps = serializers.IntegerField()
    hold_seconds = serializers.IntegerField()
    rest_seconds = serializers.IntegerField()
    days_per_week = serializers.IntegerField()
    paused = serializers.BooleanField(help_text="Paused exercises are shown, but not due.")
    paused_since = serializers.DateField(allow_null=True)
    pause_reason = serializers.CharField(allow_blank=True)
    logged = serializers.IntegerField(help_text="Sessions of this exercise logged that day.")


class PlanSerializer(serializers.Serializer):
    date = serializers.DateField()
    program = serializers.CharField(allow_null=True, help_text="Slug of the active programme.")
    started_on = serializers.DateField(allow_null=True)
    week = serializers.IntegerField(allow_null=True)
    items = PlanEntrySerializer(many=True)
    next_day = serializers.DateField(
        allow_null=True, help_text="The next day with something due, within two weeks."
    )


class PauseSerializer(serializers.ModelSerializer):
    """A paused exercise: why, since when, and whether it may be tried again."""

    exercise = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # In the request's language, where the pause has it.
    reason = serializers.CharField(source="reason_text", read_only=True)

    class Meta:
        model = ExercisePause
        fields = ["id", "exercise", "since", "reason", "resumed_on", "may_resume"]
        read_only_fields = fields
