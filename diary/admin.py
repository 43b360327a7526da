from django.contrib import admin

from diary.models import DayEntry, PainReading


@admin.register(DayEntry)
class DayEntryAdmin(admin.ModelAdmin):
    list_display = ("user", "date", "pain", "night_pain", "sleep_position")
    list_filter = ("night_pain", "sleep_position")
    date_hierarchy = "date"
    raw_id_fields = ("user",)


@admin.register(PainReading)
class PainReadingAdmin(admin.ModelAdmin):
    list_display = ("user", "taken_at", "pain", "context")
    raw_id_fields = ("user",)
