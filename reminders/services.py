"""Which reminders are due, and sending them with Web Push.

``send_due_reminders`` is what the ``send_reminders`` command runs every
minute. It is safe to run often and even twice at once: a reminder is
claimed in the database (``last_sent_on``) before it is sent, so each user
gets at most one a day.
"""

from __future__ import annotations

import datetime
import json
import logging
import zoneinfo
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pywebpush import WebPushException, webpush

from diary.models import DayEntry, PainReading
from reminders.models import PushSubscription, ReminderSetting

log = logging.getLogger(__name__)

# A run that was missed (server down, cron late) still sends the reminder
# within this time after the chosen moment; later than that it would come
# at an odd hour, so that day is skipped.
CATCH_UP = datetime.timedelta(hours=3)
# How long the push service keeps the message for a phone that is off: a
# reminder that arrives the next morning is no use.
PUSH_TTL_SECONDS = 4 * 60 * 60
# How long to wait for one push service before giving up on that device.
PUSH_TIMEOUT_SECONDS = 10
# Push services answer these for a subscription that no longer exists.
GONE = {404, 410}


@dataclass
class Summary:
    sent: int = 0
    already_logged: int = 0
    removed: int = 0
    failed: int = 0


def logged_on(user, day: datetime.date) -> bool:
    """True when the user has a score for the day or an extra reading."""
    return (
        DayEntry.objects.filter(user=user, date=day, pain__isnull=False).exists()
        or PainReading.objects.filter(user=user, date=day).exists()
    )


def due_day(setting: ReminderSetting, now: datetime.datetime) -> datetime.date | None:
    """The user's local date when the reminder is due now, else None."""
    zone = zoneinfo.ZoneInfo(setting.user.time_zone)
    local = now.astimezone(zone)
    moment = datetime.datetime.combine(local.date(), setting.time, tzinfo=zone)
    if not moment <= local < moment + CATCH_UP:
        return None
    if setting.last_sent_on == local.date():
        return None
    return local.date()


def claim(setting: ReminderSetting, day: datetime.date) -> bool:
    """Marks today's reminder as sent; False when another run already did."""
    claimed = (
        ReminderSetting.objects.filter(pk=setting.pk, enabled=True)
        .filter(Q(last_sent_on__isnull=True) | Q(last_sent_on__lt=day))
        .update(last_sent_on=day)
    )
    return claimed == 1


def message(setting: ReminderSetting) -> dict:
    with translation.override(setting.language):
        return {
            "title": "Heupdagboek",
            "body": _("How is your hip today? Tap here to note your pain."),
            "url": reverse("home"),
            "lang": setting.language,
        }


def push(subscription: PushSubscription, payload: dict) -> str:
    """Sends one encrypted message: "sent", "gone" (and removed) or "failed"."""
    try:
        webpush(
            subscription_info=subscription.info(),
            data=json.dumps(payload),
            vapid_private_key=settings.VAPID_PRIVATE_KEY,
            # A fresh dict each time: pywebpush adds "aud" and "exp" to it.
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=PUSH_TTL_SECONDS,
            timeout=PUSH_TIMEOUT_SECONDS,
            # A newer reminder replaces one the phone has not fetched yet.
            headers={"Topic": "daily-reminder", "Urgency": "normal"},
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        if status in GONE:
            subscription.delete()
            return "gone"
        log.warning("push to subscription %s failed: %s", subscription.pk, status or error)
        return "failed"
    except requests.RequestException as error:
        log.warning("push to subscription %s failed: %s", subscription.pk, error)
        return "failed"
    return "sent"


def send_due_reminders(now: datetime.datetime | None = None) -> Summary:
    now = now or timezone.now()
    summary = Summary()
    settings_with_devices = (
        ReminderSetting.objects.filter(enabled=True, user__push_subscriptions__isnull=False)
        .select_related("user")
        .distinct()
    )
    for setting in settings_with_devices:
        day = due_day(setting, now)
        if day is None:
            continue
        if logged_on(setting.user, day):
            summary.already_logged += 1
            continue
        if not claim(setting, day):
            continue
        payload = message(setting)
        for subscription in list(setting.user.push_subscriptions.all()):
            result = push(subscription, payload)
            if result == "sent":
                summary.sent += 1
            elif result == "gone":
                summary.removed += 1
            else:
                summary.failed += 1
    return summary
