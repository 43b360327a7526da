from django.contrib import admin

from exercises.models import (
    Enrollment,
    Exercise,
    ExerciseLog,
    ExercisePause,
    Program,
    ProgramItem,
)


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
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
