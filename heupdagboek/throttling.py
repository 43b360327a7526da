"""The API's rate limit per user, read from settings at request time (so an
operator's setting, or a test's, takes effect without touching DRF's
class-level configuration).

Only signed-in callers reach the throttle: DRF checks permissions first, so
an anonymous caller gets its 401 before any throttling. Logins, signups and
password resets are limited by allauth (ACCOUNT_RATE_LIMITS defaults).
"""

import logging

from django.conf import settings
from rest_framework.throttling import UserRateThrottle

logger = logging.getLogger(__name__)

try:  # the client library is there whenever REDIS_URL can be set
    from redis.exceptions import RedisError as _CacheDown
except ImportError:  # pragma: no cover - redis is a pinned run dependency
    _CacheDown = OSError


class PerUserThrottle(UserRateThrottle):
    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT_USER

    def allow_request(self, request, view) -> bool:
        # This limit is about fairness between signed-in users, not about
        # security (logins, signups and resets are limited by allauth, which
        # fails closed). With the shared cache away, refusing every diary
        # write would lose more than letting a busy user through for a while.
        try:
            return super().allow_request(request, view)
        except (_CacheDown, OSError) as exc:
            logger.warning("API throttle skipped, the cache is unavailable: %s", exc)
            return True
