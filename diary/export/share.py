"""Read-only share links for the GP: make, find, count, revoke.

A link is https://host/gedeeld/<token>/ with a 256-bit random token. Only
its SHA-256 is stored, so the link is shown once, when it is made; a
database leak does not open anyone's report. Looking a link up by the hash
of what was typed needs no constant-time comparison: the hash is the key.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Mapping

from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diary.export.period import PeriodError, parse_period
from diary.models import ShareLink

DEFAULT_DAYS = 14
MAX_DAYS = 90
TOKEN_BYTES = 32  # 256 bits, 43 characters in base64url


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_share_request(
    data: Mapping[str, str], today: datetime.date
) -> tuple[datetime.date, datetime.date, int]:
    """(start, end, days until it expires) from the form or the API body;
    raises PeriodError naming the wrong field."""
    start, end = parse_period(data, today)
    raw = data.get("expires_in_days")
    if raw in (None, ""):
        return start, end, DEFAULT_DAYS
    try:
        days = int(str(raw))
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise PeriodError(
            "expires_in_days",
            _("Choose a number of days from 1 to %(max)s.") % {"max": MAX_DAYS},
        )
    return start, end, days


def create_link(
    user, start: datetime.date, end: datetime.date, days: int, *, include_notes: bool = False
) -> tuple[ShareLink, str]:
    """The new link and its token: the only moment the token is known."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink.objects.create(
        user=user,
        token_hash=token_hash(token),
        start=start,
        end=end,
        include_notes=include_notes,
        language=(get_language() or "nl").split("-")[0],
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return link, token


def open_link(token: str) -> ShareLink | None:
    """The link for this token if it is still valid, counting the opening;
    None for an unknown (altered), expired or revoked token."""
    now = timezone.now()
    link = (
        ShareLink.objects.filter(
            token_hash=token_hash(token), revoked_at__isnull=True, expires_at__gt=now
        )
        .select_related("user")
        .first()
    )
    if link is None:
        return None
    # F() so that two GPs opening at once both count.
    ShareLink.objects.filter(pk=link.pk).update(open_count=F("open_count") + 1, last_opened_at=now)
    return link


def revoke(link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def status(link: ShareLink, now: datetime.datetime | None = None) -> str:
    """active, expired or revoked."""
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= (now or timezone.now()):
        return "expired"
    return "active"
