"""The API's rate limit per user, read from settings at request time (so an
operator's setting, or a test's, takes effect without touching DRF's
class-level configuration).

Only signed-in callers reach the throttle: DRF checks permissions first, so
an anonymous caller gets its 401 before any throttling. Logins, signups and
password resets are limited by allauth (ACCOUNT_RATE_LIMITS defaults).
"""

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class PerUserThrottle(UserRateThrottle):
    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT_USER
