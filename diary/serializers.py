"""API representations of days and readings, with per-field validation."""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from diary.choices import Location, ReadingContext, RedFlag, SleepPosition
from diary.dates import too_early
from diary.day_body import day_as_json, day_score
from diary.models import NOTE_MAX_LENGTH, DayEntry, PainReading
from diary.pain import PAIN_MAX, PAIN_MIN
from heupdagboek.fields import StrictBooleanField, StrictCharField


class NoUnknownFields:
    """Refuses keys the serializer does not know, each under its own name.

    A typo such as {"pian": 7} would otherwise be dropped in silence, and a
    PUT, which replaces the whole day, would then wipe it. Read-only fields
    (date, day_score, ...) are known: a client may send back what it read.

    A body that is valid JSON but not an object (null, a list, a string) gets
    a message in the request's language under "body" too; DRF's own says "No
    data provided" in English, or names Python types.
    """

    def run_validation(self, data=serializers.empty):
        if data is not serializers.empty and not isinstance(data, Mapping):
            raise serializers.ValidationError({"body": [_("This must be a JSON object.")]})
        return super().run_validation(data)

    def to_internal_value(self, data):
        unknown = {}
        if isinstance(data, Mapping):
            unknown = {key: [_("Unknown field.")] for key in data if key not in self.fields}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if unknown and isinstance(error.detail, dict):
                raise serializers.ValidationError({**error.detail, **unknown}) from None
            raise
        if unknown:
            raise serializers.ValidationError(unknown)
        return value


class SlugListField(serializers.ListField):
    """A list of known slugs; duplicates are dropped, order kept as given."""

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        return list(dict.fromkeys(values))


class NullableChoiceField(serializers.ChoiceField):
    """A slug or null; stored as an empty string."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, allow_blank=True, **kwargs)

    def run_validation(self, data=serializers.empty):
        # DRF would hand None through as None; the column stores "".
        return super().run_validation("" if data is None else data)

    def to_representation(self, value):
        return value or None


class PainField(serializers.IntegerField):
    default_error_messages = {
        "invalid": _("Pain must be a whole number from 0 to 10."),
        "min_value": _("Pain must be a whole number from 0 to 10."),
        "max_value": _("Pain must be a whole number from 0 to 10."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=PAIN_MIN, max_value=PAIN_MAX, **kwargs)

    def to_internal_value(self, data):
        # DRF would accept "7", 7.0 and True; a score is a JSON integer.
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class DayEntrySerializer(NoUnknownFields, serializers.ModelSerializer):
    """A day. The date comes from the URL; every other field is optional.

    ``day_score`` is the day's score as trends and advice use it: ``pain``
    where set, otherwise the highest reading of that day.
    """

    date = serializers.DateField(read_only=True)
    pain = PainField(required=False, allow_null=True, default=None)
    night_pain = StrictBooleanField(required=False, default=False)
    locations = SlugListField(
        child=serializers.ChoiceField(choices=Location.choices), required=False, default=list
    )
    sleep_position = NullableChoiceField(choices=SleepPosition.choices, required=False, default="")
    pillow_between_knees = StrictBooleanField(required=False, default=False)
    red_flags = SlugListField(
        child=serializers.ChoiceField(choices=RedFlag.choices), required=False, default=list
    )
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX_LENGTH)
    day_score = serializers.SerializerMethodField()

    class Meta:
        model = DayEntry
        fields = [
            "date",
            "pain",
            "day_score",
            "night_pain",
            "locations",
            "sleep_position",
            "pillow_between_knees",
            "red_flags",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_day_score(self, entry: DayEntry) -> int | None:
        # Annotated by the viewset's queryset (one query for any page size).
        return day_score(entry)

    def to_representation(self, entry: DayEntry) -> dict:
        # The fields above describe the schema; the one way a day is written
        # out is day_as_json, which the write's fast path answers with too.
        return day_as_json(entry)


class PainReadingSerializer(NoUnknownFields, serializers.ModelSerializer):
    id = serializers.UUIDField(read_only=True)
    pain = PainField()
    context = NullableChoiceField(choices=ReadingContext.choices, required=False, default="")
    date = serializers.DateField(read_only=True)

    class Meta:
        model = PainReading
        fields = ["id", "taken_at", "date", "pain", "context", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def validate_taken_at(self, value):
        user = self.context["request"].user
        local = value.astimezone(zoneinfo.ZoneInfo(user.time_zone))
        if local.date() > user.today():
            raise serializers.ValidationError(_("This moment is in the future."))
        if too_early(local.date()):  # the floor days have too (diary/dates.py)
            raise serializers.ValidationError(_("This moment is too long ago."))
        return value


class EvidenceSerializer(serializers.Serializer):
    date = serializers.DateField()
    pain = serializers.IntegerField()


class ActionSerializer(serializers.Serializer):
    """Something to do at once, as a link: "tel:112", the huisartsenpost."""

    label = serializers.CharField()
    href = serializers.CharField()


class AdviceSerializer(serializers.Serializer):
    """One piece of current advice; the message is in the request's language."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(
        choices=["emergency", "urgent", "see_gp", "stop_exercise", "reduce_load"]
    )
    rule = serializers.CharField()
    exercise = serializers.SerializerMethodField()
    since = serializers.DateField()
    title = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True)
    source = serializers.CharField()
    acknowledged = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    def get_exercise(self, advice) -> str | None:
        return advice.exercise.slug if advice.exercise_id else None

    def get_title(self, advice) -> str:
        from diary.advice_text import TITLES

        return str(TITLES[advice.kind])

    def get_message(self, advice) -> str:
        from diary.advice_text import message

        return message(advice)

    def get_acknowledged(self, advice) -> bool:
        return advice.acknowledged_at is not None

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, advice) -> list[dict[str, str]]:
        # The same phone buttons as on Vandaag (emergency: 112; urgent: the
        # huisartsenpost when the server knows its number).
        from diary.advice_text import actions

        return [{"label": str(a.label), "href": a.href} for a in actions(advice)]
