from django import forms
from django.contrib import admin

from exercises.models import (
    Enrollment,
    Exercise,
    ExerciseLog,
    ExercisePause,
    Program,
    ProgramItem,
)


class LinesField(forms.CharField):
    """Steps and cautions as an editor writes them: one per line. Stored as
    the JSON list of texts the model keeps (empty lines are dropped)."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class ExerciseForm(forms.ModelForm):
    steps_nl = LinesField(label=Exercise._meta.get_field("steps_nl").verbose_name)
    steps_en = LinesField(label=Exercise._meta.get_field("steps_en").verbose_name, required=False)
    cautions_nl = LinesField(
        label=Exercise._meta.get_field("cautions_nl").verbose_name, required=False
    )
    cautions_en = LinesField(
        label=Exercise._meta.get_field("cautions_en").verbose_name, required=False
    )

    class Meta:
        model = Exercise
        fields = (
            *("slug", "order", "illustration"),
            *("name_nl", "purpose_nl", "steps_nl", "cautions_nl"),
            *("name_en", "purpose_en", "steps_en", "cautions_en"),
            *("hold_seconds", "reps", "sets", "rest_seconds"),
        )


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    form = ExerciseForm
    list_display = ("name_nl", "name_en", "slug", "hold_seconds", "reps", "sets", "order")
    list_editable = ("order",)
    search_fields = ("slug", "name_nl", "name_en")
    prepopulated_fields = {"slug": ("name_en",)}
    fieldsets = (
        (None, {"fields": ("slug", "order", "illustration")}),
        ("Nederlands", {"fields": ("name_nl", "purpose_nl", "steps_nl", "cautions_nl")}),
        ("English", {"fields": ("name_en", "purpose_en", "steps_en", "cautions_en")}),
        (None, {"fields": ("hold_seconds", "reps", "sets", "rest_seconds")}),
    )


class ProgramItemInline(admin.TabularInline):
    model = ProgramItem
    extra = 0
    autocomplete_fields = ("exercise",)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name_nl", "name_en", "slug", "weeks", "order")
    search_fields = ("slug", "name_nl", "name_en")
    inlines = [ProgramItemInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("user", "program", "started_on", "ended_on", "active")
    list_filter = ("active", "program")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)


@admin.register(ExerciseLog)
class ExerciseLogAdmin(admin.ModelAdmin):
    list_display = ("user", "exercise", "date", "sets", "reps", "pain_during")
    list_filter = ("exercise",)
    search_fields = ("user__email",)
    date_hierarchy = "date"
    raw_id_fields = ("user",)


@admin.register(ExercisePause)
class ExercisePauseAdmin(admin.ModelAdmin):
    list_display = ("user", "exercise", "since", "resumed_on")
    list_filter = ("exercise",)
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
