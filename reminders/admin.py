from django.contrib import admin

from reminders.models import PushSubscription, ReminderSetting


@admin.register(ReminderSetting)
class ReminderSettingAdmin(admin.ModelAdmin):
    list_display = ["user", "enabled", "time", "last_sent_on"]
    list_filter = ["enabled"]


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "user_agent"]
    readonly_fields = ["endpoint", "p256dh", "auth"]
