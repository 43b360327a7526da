"""The daily reminder: when a person wants it, and where (their devices)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME = datetime.time(20, 0)


class ReminderSetting(models.Model):
    """One per user: the reminder is on or off, and at what local time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder"
    )
    enabled = models.BooleanField(_("remind me every day"), default=False)
    time = models.TimeField(_("reminder time"), default=DEFAULT_TIME)
    # The language the person used when they set it; the reminder speaks it.
    language = models.CharField(max_length=8, default="nl")
    # The user's local date of the last reminder sent: at most one a day,
    # also when two runs of send_reminders overlap.
    last_sent_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder setting")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return f"{self.user}: {'on' if self.enabled else 'off'} {self.time:%H:%M}"


class PushSubscription(models.Model):
    """A browser on a device that agreed to show this user's reminders.

    The endpoint is the push service's address for that browser; p256dh and
    auth are the browser's keys that the message is encrypted with.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self) -> str:
        return f"{self.user}: {self.endpoint[:60]}"

    def info(self) -> dict:
        """The subscription as the Push API gives it, for pywebpush."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}
