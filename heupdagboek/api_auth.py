"""How API clients authenticate: allauth's headless session token."""

from __future__ import annotations

from allauth.headless.contrib.rest_framework.authentication import (
    XSessionTokenAuthentication,
)


class SessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth's X-Session-Token authentication, answering 401 (not 403).

    DRF answers 401 only when the first authentication class names a
    ``WWW-Authenticate`` challenge; allauth's class names none, so a client
    without a token would get 403 and could not tell "log in" from
    "forbidden".
    """

    def authenticate_header(self, request) -> str:
        return 'X-Session-Token realm="api"'
