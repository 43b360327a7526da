"""The full export (the right of access) and its import into an empty account.

Everything the user has, as JSON with a format name and version: profile
settings, days, readings, programmes followed, exercise sessions, pauses and
the advice (with when it was read). Importing an export into an account
that has none of these yet restores it; export → import → export gives the
same JSON except for what a new account cannot keep (docs/export.md): the
email address, the ids of readings and sessions (they are made anew, since
the old ones may still exist in the old account), created/updated times and
exported_at. Pauses and advice point at each other by ``ref``, a number
within the file, so they survive the new ids.

Version 2 added the daily reminder's setting (``reminder``); a version 1
file still imports, and leaves the reminder as it is.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from diary.advice_state import note_change
from diary.advice_store import bring_up_to_date
from diary.choices import Location, ReadingContext, RedFlag, SleepPosition
from diary.models import NOTE_MAX_LENGTH, Advice, DayEntry, PainReading
from diary.serializers import PainField
from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program
from reminders.models import ReminderSetting

FORMAT = "heupdagboek-export"
VERSION = 2
# Every version this server can import: a file exported before the reminder
# was added (version 1) must still restore.
READABLE_VERSIONS = (1, 2)


def _dt(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value else None


def _d(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


# --- export -----------------------------------------------------------------


def export_data(user, start: datetime.date | None = None, end: datetime.date | None = None):
    """Everything of the user; with start and end only what is dated within
    them (days, readings, sessions, advice) or overlaps them (programmes, pauses).
    The advice is brought up to date with every saved write first."""
    bring_up_to_date(user)

    def within(qs, field):
        if start is not None:
            qs = qs.filter(**{f"{field}__gte": start})
        if end is not None:
            qs = qs.filter(**{f"{field}__lte": end})
        return qs

    def overlapping(qs, begin_field, end_field):
        if end is not None:
            qs = qs.filter(**{f"{begin_field}__lte": end})
        if start is not None:
            qs = qs.exclude(**{f"{end_field}__lte": start})
        return qs

    entries = [
        {
            "date": e.date.isoformat(),
            "pain": e.pain,
            "night_pain": e.night_pain,
            "locations": e.locations,
            "sleep_position": e.sleep_position,
            "pillow_between_knees": e.pillow_between_knees,
            "red_flags": e.red_flags,
            "note": e.note,
            "created_at": _dt(e.created_at),
            "updated_at": _dt(e.updated_at),
        }
        for e in within(DayEntry.objects.filter(user=user), "date").order_by("date")
    ]
    readings = sorted(
        (
            {
                "id": str(r.pk),
                "taken_at": _dt(r.taken_at),
                "pain": r.pain,
                "context": r.context,
            }
            for r in within(PainReading.objects.filter(user=user), "date")
        ),
        key=lambda r: (r["taken_at"], r["pain"], r["context"]),
    )
    enrollments = sorted(
        (
            {
                "program": e.program.slug,
                "started_on": _d(e.started_on),
                "ended_on": _d(e.ended_on),
                "active": e.active,
            }
            for e in overlapping(
                Enrollment.objects.filter(user=user), "started_on", "ended_on"
            ).select_related("program")
        ),
        key=lambda e: (e["started_on"], e["program"]),
    )
    logs = sorted(
        (
            {
                "id": str(log.pk),
                "exercise": log.exercise.slug,
                "date": log.date.isoformat(),
                "sets": log.sets,
                "reps": log.reps,
                "hold_seconds": log.hold_seconds,
                "pain_during": log.pain_during,
                "note": log.note,
                "created_at": _dt(log.created_at),
            }
            for log in within(ExerciseLog.objects.filter(user=user), "date").select_related(
                "exercise"
            )
        ),
        key=lambda g: (g["date"], g["exercise"], g["sets"], g["reps"], g["pain_during"]),
    )
    pause_rows = sorted(
        overlapping(ExercisePause.objects.filter(user=user), "since", "resumed_on").select_related(
            "exercise"
        ),
        key=lambda p: (p.since, p.exercise.slug, p.resumed_on or datetime.date.max),
    )
    refs = {p.pk: n for n, p in enumerate(pause_rows, start=1)}
    pauses = [
        {
            "ref": refs[p.pk],
            "exercise": p.exercise.slug,
            "since": _d(p.since),
            "resumed_on": _d(p.resumed_on),
            "reason": p.reason,
            "reasons": p.reasons,
            "baseline": p.baseline,
            "may_resume": p.may_resume,
        }
        for p in pause_rows
    ]
    advice = sorted(
        (
            {
                "kind": a.kind,
                "key": a.key,
                "rule": a.rule,
                "exercise": a.exercise.slug if a.exercise_id else None,
                "since": _d(a.since),
                "evidence": a.evidence,
                "baseline": a.baseline,
                "extra": a.extra,
                "source": a.source,
                "pause": refs.get(a.pause_id),
                "acknowledged_at": _dt(a.acknowledged_at),
                "resolved_at": _dt(a.resolved_at),
                "created_at": _dt(a.created_at),
            }
            for a in within(Advice.objects.filter(user=user), "since").select_related("exercise")
        ),
        key=lambda a: (a["since"], a["key"]),
    )
    reminder = ReminderSetting.objects.filter(user=user).first()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _dt(timezone.now()),
        "from": _d(start),
        "to": _d(end),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "time_zone": user.time_zone,
            "care_provider_knows": user.care_provider_knows,
            "usual_locations": user.usual_locations,
            "complaint_since": user.complaint_since,
        },
        # The setting only; push subscriptions belong to a browser on a device
        # and cannot move to another one (docs/export.md).
        "reminder": {
            "enabled": reminder.enabled,
            "time": reminder.time.strftime("%H:%M"),
            "language": reminder.language,
        }
        if reminder
        else None,
        "entries": entries,
        "readings": readings,
        "enrollments": enrollments,
        "exercise_logs": logs,
        "pauses": pauses,
        "advice": advice,
    }


# --- import: checked field by field with DRF serializers ---------------------


def _slugs(choices):
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices), required=False, default=list
    )


class ProfileIn(serializers.Serializer):
    display_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    time_zone = serializers.ChoiceField(choices=sorted(zoneinfo.available_timezones()))
    care_provider_knows = serializers.BooleanField(required=False, default=False)
    usual_locations = _slugs(Location.choices)
    complaint_since = serializers.ChoiceField(
        choices=["days", "weeks", "months", "year"], allow_blank=True, required=False, default=""
    )


class ReminderIn(serializers.Serializer):
    enabled = serializers.BooleanField(required=False, default=False)
    time = serializers.TimeField(format="%H:%M")
    language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES])


class EntryIn(serializers.Serializer):
    date = serializers.DateField()
    pain = PainField(allow_null=True, required=False, default=None)
    night_pain = serializers.BooleanField(required=False, default=False)
    locations = _slugs(Location.choices)
    sleep_position = serializers.ChoiceField(
        choices=SleepPosition.choices, allow_blank=True, required=False, default=""
    )
    pillow_between_knees = serializers.BooleanField(required=False, default=False)
    red_flags = _slugs(RedFlag.choices)
    note = serializers.CharField(
        max_length=NOTE_MAX_LENGTH,
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
    )


class ReadingIn(serializers.Serializer):
    taken_at = serializers.DateTimeField()
    pain = PainField()
    context = serializers.ChoiceField(
        choices=ReadingContext.choices, allow_blank=True, required=False, default=""
    )


class EnrollmentIn(serializers.Serializer):
    program = serializers.ChoiceField(choices=[])  # filled with the known slugs
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True, required=False, default=None)
    active = serializers.BooleanField(required=False, default=False)


class SmallCount(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=32767, required=False, default=0, **kwargs)


class LogIn(serializers.Serializer):
    exercise = serializers.ChoiceField(choices=[])
    date = serializers.DateField()
    sets = SmallCount()
    reps = SmallCount()
    hold_seconds = SmallCount()
    pain_during = PainField()
    note = serializers.CharField(
        allow_blank=True, required=False, default="", trim_whitespace=False
    )


class PauseIn(serializers.Serializer):
    ref = serializers.IntegerField()
    exercise = serializers.ChoiceField(choices=[])
    since = serializers.DateField()
    resumed_on = serializers.DateField(allow_null=True, required=False, default=None)
    reason = serializers.CharField(
        allow_blank=True, required=False, default="", trim_whitespace=False
    )
    # Files from before today's version 2 have no "reasons": the one reason stays.
    reasons = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        default=dict,
    )
    baseline = serializers.FloatField(allow_null=True, required=False, default=None)
    may_resume = serializers.BooleanField(required=False, default=False)


class AdviceIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Advice.Kind.choices)
    key = serializers.CharField(max_length=120)
    rule = serializers.CharField(max_length=40)
    exercise = serializers.ChoiceField(choices=[], allow_null=True, required=False, default=None)
    since = serializers.DateField()
    evidence = serializers.JSONField(required=False, default=list)
    baseline = serializers.FloatField(allow_null=True, required=False, default=None)
    extra = serializers.DictField(required=False, default=dict)
    source = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    pause = serializers.IntegerField(allow_null=True, required=False, default=None)
    acknowledged_at = serializers.DateTimeField(allow_null=True, required=False, default=None)
    resolved_at = serializers.DateTimeField(allow_null=True, required=False, default=None)


def _unique(items, key, message):
    seen, errors = set(), []
    for item in items:
        value = key(item)
        errors.append({"non_field_errors": [message]} if value in seen else {})
        seen.add(value)
    if any(errors):
        raise serializers.ValidationError(errors)
    return items


class ExportIn(serializers.Serializer):
    format = serializers.CharField()
    version = serializers.IntegerField()
    profile = ProfileIn()
    reminder = ReminderIn(allow_null=True, required=False, default=None)
    entries = EntryIn(many=True, required=False, default=list)
    readings = ReadingIn(many=True, required=False, default=list)
    enrollments = EnrollmentIn(many=True, required=False, default=list)
    exercise_logs = LogIn(many=True, required=False, default=list)
    pauses = PauseIn(many=True, required=False, default=list)
    advice = AdviceIn(many=True, required=False, default=list)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query each for the slugs the file may name, not one per row.
        exercises = list(Exercise.objects.values_list("slug", flat=True))
        programs = list(Program.objects.values_list("slug", flat=True))
        self.fields["enrollments"].child.fields["program"].choices = programs
        for name in ("exercise_logs", "pauses", "advice"):
            self.fields[name].child.fields["exercise"].choices = exercises

    def validate_format(self, value):
        if value != FORMAT:
            raise serializers.ValidationError(
                _("This is not a Heupdagboek export (format %(format)s expected).")
                % {"format": FORMAT}
            )
        return value

    def validate_version(self, value):
        if value not in READABLE_VERSIONS:
            raise serializers.ValidationError(
                _(
                    "This export has format version %(found)s; "
                    "this server reads version %(oldest)s to %(newest)s."
                )
                % {"found": value, "oldest": READABLE_VERSIONS[0], "newest": READABLE_VERSIONS[-1]}
            )
        return value

    def validate_entries(self, items):
        return _unique(items, lambda e: e["date"], _("This day is in the file twice."))

    def validate_enrollments(self, items):
        if sum(1 for e in items if e["active"]) > 1:
            raise serializers.ValidationError(_("Only one programme can be active."))
        return items

    def validate_pauses(self, items):
        _unique(items, lambda p: p["ref"], _("This ref is in the file twice."))
        return _unique(
            items,
            lambda p: p["exercise"] if p["resumed_on"] is None else object(),
            _("This exercise has two open pauses."),
        )

    def validate_advice(self, items):
        return _unique(items, lambda a: a["key"], _("This key is in the file twice."))

    def validate(self, attrs):
        refs = {p["ref"] for p in attrs["pauses"]}
        errors = [
            {"pause": [_("No pause with this ref in the file.")]}
            if a["pause"] is not None and a["pause"] not in refs
            else {}
            for a in attrs["advice"]
        ]
        if any(errors):
            raise serializers.ValidationError({"advice": errors})
        return attrs


def _without(values: dict, *keys: str) -> dict:
    return {k: v for k, v in values.items() if k not in keys}


class AccountNotEmpty(Exception):
    pass


def account_is_empty(user) -> bool:
    return not any(
        model.objects.filter(user=user).exists()
        for model in (DayEntry, PainReading, Enrollment, ExerciseLog, ExercisePause, Advice)
    )


def nul_errors(value):
    """Where the file holds text with a NUL character (\\u0000), as DRF's
    nested errors, or None. PostgreSQL stores no NUL in text (psycopg
    refuses it) nor in jsonb (DataError), so such a file would end in a 500
    there; it is refused everywhere, so SQLite and PostgreSQL agree."""
    if isinstance(value, str):
        return (
            [_("This text holds an invisible NUL character, which cannot be saved.")]
            if "\x00" in value
            else None
        )
    if isinstance(value, dict):
        errors = {}
        for key, inner in value.items():
            if isinstance(key, str) and "\x00" in key:
                errors.setdefault("non_field_errors", []).extend(nul_errors(key))
            elif (error := nul_errors(inner)) is not None:
                errors[key] = error
        return errors or None
    if isinstance(value, list):
        errors = [nul_errors(inner) for inner in value]
        if all(error is None for error in errors):
            return None
        if all(isinstance(inner, dict) for inner in value):
            return [error or {} for error in errors]  # rows: one error per row, like DRF
        return next(error for error in errors if error is not None)  # a list of values
    return None


def import_data(user, data) -> dict[str, int]:
    """Restores an export into ``user``'s empty account, all or nothing.

    Raises serializers.ValidationError (what is wrong, per field) or
    AccountNotEmpty. Rows are bulk-created, with the advice and pauses as
    exported; the import counts as a change, so the rules look at the
    restored diary when it is next read, and store only what the restored
    advice does not already hold.
    """
    if not isinstance(data, dict):
        raise serializers.ValidationError(
            {"non_field_errors": [_("The file must hold one JSON object.")]}
        )
    try:
        if (errors := nul_errors(data)) is not None:
            raise serializers.ValidationError(errors)
        checked = ExportIn(data=data)
        checked.is_valid(raise_exception=True)
    except RecursionError:
        # Nesting deeper than any export of ours (the checks recurse).
        raise serializers.ValidationError(
            {"non_field_errors": [_("The file does not fit together; nothing was imported.")]}
        ) from None
    v = checked.validated_data
    exercises = dict(Exercise.objects.values_list("slug", "pk"))
    programs = dict(Program.objects.values_list("slug", "pk"))
    zone = zoneinfo.ZoneInfo(v["profile"]["time_zone"])
    try:
        with transaction.atomic():
            # Checked inside the transaction so two imports at once cannot both pass.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            if not account_is_empty(user):
                raise AccountNotEmpty
            for name, value in v["profile"].items():
                setattr(user, name, value)
            # A restored diary needs no welcome steps: they would ask again
            # what the profile already says.
            user.onboarding_step = ""
            if v["reminder"] is not None:
                ReminderSetting.objects.update_or_create(user=user, defaults=v["reminder"])
            DayEntry.objects.bulk_create([DayEntry(user=user, **e) for e in v["entries"]])
            PainReading.objects.bulk_create(
                [
                    PainReading(
                        id=uuid.uuid4(), user=user, date=r["taken_at"].astimezone(zone).date(), **r
                    )
                    for r in v["readings"]
                ]
            )
            Enrollment.objects.bulk_create(
                [
                    Enrollment(
                        user=user, program_id=programs[e["program"]], **_without(e, "program")
                    )
                    for e in v["enrollments"]
                ]
            )
            ExerciseLog.objects.bulk_create(
                [
                    ExerciseLog(
                        id=uuid.uuid4(),
                        user=user,
                        exercise_id=exercises[g["exercise"]],
                        **_without(g, "exercise"),
                    )
                    for g in v["exercise_logs"]
                ]
            )
            pauses = {
                p["ref"]: ExercisePause(
                    user=user,
                    exercise_id=exercises[p["exercise"]],
                    **_without(p, "ref", "exercise"),
                )
                for p in v["pauses"]
            }
            # One by one: the advice needs the pauses' new ids (few rows).
            for pause in pauses.values():
                pause.save()
            Advice.objects.bulk_create(
                [
                    Advice(
                        user=user,
                        exercise_id=exercises[a["exercise"]] if a["exercise"] else None,
                        pause=pauses[a["pause"]] if a["pause"] is not None else None,
                        **_without(a, "exercise", "pause"),
                    )
                    for a in v["advice"]
                ]
            )
            # Last, and in this order: the profile, then the advice's count
            # of the restored diary (bulk_create sends no signals). A diary
            # write takes its day's row first and the count's row last; so
            # does the import, so the two can never wait on each other.
            user.save(update_fields=[*v["profile"], "onboarding_step"])
            note_change(user.pk)
    except (IntegrityError, DataError):
        # DataError: what the checks above let through but the database
        # refuses (PostgreSQL is stricter than SQLite); still the user's file.
        raise serializers.ValidationError(
            {"non_field_errors": [_("The file does not fit together; nothing was imported.")]}
        ) from None
    return {name: len(v[name]) for name in ("entries", "readings", "exercise_logs")}
