"""The user: logs in with an email address, has no username."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(value)s"), params={"value": value})


def default_time_zone() -> str:
    # A callable, so the migration does not freeze one machine's TIME_ZONE.
    return settings.TIME_ZONE


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("Optional. Shown on the report for your GP."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
    )

    # Asked once at the start: the advice rules only send someone with
    # lasting pain to the GP when no GP or physiotherapist knows yet.
    care_provider_knows = models.BooleanField(
        _("a GP or physiotherapist knows about my hip complaint"), default=False
    )

    # What the user told us when they started (onboarding, issue 10).
    usual_locations = models.JSONField(_("where the hip usually hurts"), default=list, blank=True)
    complaint_since = models.CharField(
        _("how long the complaint has been there"),
        max_length=16,
        blank=True,
        choices=[
            ("days", _("A few days")),
            ("weeks", _("A few weeks")),
            ("months", _("A few months")),
            ("year", _("Longer than a year")),
        ],
    )
    # The next onboarding step to show; empty once finished.
    onboarding_step = models.CharField(max_length=16, blank=True, default="welcome")

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    def today(self) -> datetime.date:
        """Today's date where this user lives (diary days are local days)."""
        return timezone.now().astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()
