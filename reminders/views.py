"""The reminder page, and where a browser hands over its push subscription."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reminders.forms import ReminderForm
from reminders.models import PushSubscription, ReminderSetting


@login_required
def reminder_page(request: HttpRequest) -> HttpResponse:
    setting, _created = ReminderSetting.objects.get_or_create(user=request.user)
    form = ReminderForm(instance=setting)
    if request.method == "POST" and settings.REMINDERS_AVAILABLE:
        form = ReminderForm(request.POST, instance=setting)
        if form.is_valid():
            setting = form.save(commit=False)
            setting.language = request.LANGUAGE_CODE
            setting.save()
            messages.success(request, _("Your reminder is saved."))
            return redirect("reminders")
    context = {
        "form": form,
        "available": settings.REMINDERS_AVAILABLE,
        "public_key": settings.VAPID_PUBLIC_KEY,
        "devices": request.user.push_subscriptions.count(),
    }
    status = 400 if form.errors else 200
    return render(request, "reminders/settings.html", context, status=status)


def _b64url_length(value: object) -> int:
    if not isinstance(value, str):
        return -1
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError):
        return -1


def _public_endpoint(url: object) -> bool:
    """A push service on the internet: https and a host name, never an
    address on this server's own network (the server will POST to it)."""
    if not isinstance(url, str) or len(url) > 1000:
        return False
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https" or "." not in host or host.endswith(".localhost"):
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return False


def _problem(message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=400)


@login_required
@require_http_methods(["POST", "DELETE"])
def subscription(request: HttpRequest) -> JsonResponse:
    """POST: keep this browser's subscription; DELETE: forget it."""
    if not settings.REMINDERS_AVAILABLE:
        return JsonResponse({"detail": _("Reminders are not available.")}, status=404)
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return _problem(_("This is not valid JSON."))
    if not isinstance(data, dict):
        return _problem(_("This is not valid JSON."))
    endpoint = data.get("endpoint")
    if request.method == "DELETE":
        PushSubscription.objects.filter(user=request.user, endpoint=endpoint).delete()
        return JsonResponse({}, status=200)

    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    if not _public_endpoint(endpoint):
        return _problem(_("This push address cannot be used."))
    # The browser's P-256 public key (65 bytes) and its 16-byte secret.
    if _b64url_length(keys.get("p256dh")) != 65 or _b64url_length(keys.get("auth")) != 16:
        return _problem(_("The keys of this subscription are not valid."))
    # One endpoint is one browser: if someone else used it before (a shared
    # phone), it now belongs to whoever is logged in.
    _subscription, created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={
            "user": request.user,
            "p256dh": keys["p256dh"],
            "auth": keys["auth"],
            "user_agent": request.headers.get("User-Agent", "")[:300],
        },
    )
    return JsonResponse({}, status=201 if created else 200)
