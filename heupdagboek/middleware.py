"""Project-wide middleware: language choice, the Permissions-Policy header, and a
503 (not a 500) while the database is away."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

logger = logging.getLogger(__name__)

# Machine clients (the API and allauth's headless API) say which language they
# want in Accept-Language, as HTTP intends.
_API_PREFIXES = ("/api/", "/_allauth/")

try:  # only when REDIS_URL is set does the cache talk to a server
    from redis.exceptions import ConnectionError as _RedisConnectionError
    from redis.exceptions import TimeoutError as _RedisTimeoutError

    _CACHE_DOWN: tuple[type[Exception], ...] = (_RedisConnectionError, _RedisTimeoutError)
except ImportError:  # pragma: no cover - redis is a pinned run dependency
    _CACHE_DOWN = ()


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def _from_accept_language(header: str) -> str | None:
    for code, _quality in parse_accept_lang_header(header):
        if code != "*" and (language := _supported(code)):
            return language
    return None


class LanguageMiddleware:
    """Dutch first.

    Pages are in Dutch unless the person chose another language with the
    language switcher (Django's language cookie). A phone whose browser happens
    to be set to English still shows the Dutch app its owner installed; that
    is the promise of a Dutch-first app. The API, instead, follows
    Accept-Language (falling back to the cookie, then Dutch).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cookie = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        if request.path.startswith(_API_PREFIXES):
            language = (
                _from_accept_language(request.headers.get("Accept-Language", ""))
                or cookie
                or settings.LANGUAGE_CODE
            )
        else:
            language = cookie or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """The database is away (restarting, unreachable): answer 503 with a
    Retry-After, not a 500, so clients and the phone's queue try again later
    and nothing looks like a bug. The write was not stored, and the 503 says so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, (OperationalError, InterfaceError, *_CACHE_DOWN)):
            return None
        # The shared cache (Redis) holds allauth's rate limits: with it away a
        # login cannot be checked against them, so it waits (fails closed).
        logger.warning("Database or cache unavailable: %s", exception)
        message = _("The diary is briefly unavailable. Nothing was saved; please try again.")
        if request.path.startswith(_API_PREFIXES):
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "10"
        return response
