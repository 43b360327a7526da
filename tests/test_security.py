"""Headers, CSP, and no request to any other host from any page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import page_login

pytestmark = pytest.mark.django_db

PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/api/docs/"]
LOGGED_IN_PAGES = [
    "/",
    "/account/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/webauthn/add/",
    "/accounts/reauthenticate/",
]


class ResourceCollector(HTMLParser):
    """Collects every URL a page would load or submit to."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        is_data = attributes.get("type") in ("application/json", "application/ld+json")
        if tag == "script" and not attributes.get("src") and not is_data:
            self.inline_scripts += 1
        if "style" in attributes:
            self.urls.append("inline-style:" + attributes["style"])


def assert_self_contained(html: str) -> None:
    collector = ResourceCollector()
    collector.feed(html)
    external = [u for u in collector.urls if re.match(r"^(https?:)?//", u)]
    assert external == [], external
    assert collector.inline_scripts == 0


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_load_nothing_from_elsewhere(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_self_contained(response.content.decode())


@pytest.mark.parametrize("path", LOGGED_IN_PAGES)
def test_logged_in_pages_load_nothing_from_elsewhere(client, make_user, path):
    page_login(client, make_user(), reauthenticate=True)
    response = client.get(path)
    assert response.status_code == 200, path
    assert_self_contained(response.content.decode())


def test_security_headers(client, settings):
    response = client.get("/accounts/login/", secure=True)
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_static_files_have_hashed_names(client):
    html = client.get("/accounts/login/").content.decode()
    assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css", html)


def test_cookies_are_secure_and_http_only_in_production(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.get("/accounts/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def test_check_deploy_is_clean_with_a_production_environment():
    """manage.py check --deploy with the environment the operations guide asks for."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "p" * 20 + "-production-like-secret-key-for-the-check",
        "ALLOWED_HOSTS": "dagboek.example.nl",
        "CSRF_TRUSTED_ORIGINS": "https://dagboek.example.nl",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_COOKIES": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_PRELOAD": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
