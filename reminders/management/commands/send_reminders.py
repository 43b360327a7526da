"""Sends the daily reminders that are due. Run it every minute (cron or a
systemd timer); see docs/operations.md."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reminders.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the daily reminders that are due now (safe to run every minute)."

    def handle(self, *args, **options):
        if not settings.REMINDERS_AVAILABLE:
            raise CommandError(
                "Reminders are not available: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY "
                "and VAPID_SUBJECT (python manage.py make_vapid_keys makes a key pair)."
            )
        summary = send_due_reminders()
        # Quiet when nothing happened, so cron does not mail every minute.
        if summary.sent or summary.removed or summary.failed or options["verbosity"] > 1:
            self.stdout.write(
                f"sent {summary.sent}, already logged {summary.already_logged}, "
                f"removed {summary.removed} gone subscriptions, failed {summary.failed}"
            )
