"""The cache: Redis when REDIS_URL is set, so rate limits hold across processes.

The round-trip test needs a Redis server at TEST_REDIS_URL (default
redis://127.0.0.1:6379/15, which CI provides); it flushes that database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
GOOD_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "sqlite:///:memory:",
}
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def load_settings(**overrides: str | None) -> subprocess.CompletedProcess:
    """Imports the settings in a fresh interpreter; prints the cache and the
    session engine as JSON. None removes a variable from the environment."""
    env = {k: v for k, v in os.environ.items() if k not in GOOD_ENV and k != "REDIS_URL"}
    env.update(GOOD_ENV)
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, heupdagboek.settings as s; "
            "print(json.dumps({'cache': s.CACHES['default'], 'sessions': s.SESSION_ENGINE}))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_redis_url_each_process_has_its_own_cache():
    result = load_settings(REDIS_URL=None)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["sessions"] == "django.contrib.sessions.backends.db"


@pytest.mark.parametrize(
    "url",
    ["redis://127.0.0.1:6379/0", "rediss://:geheim@redis.example:6380/2", "unix:///run/redis.sock"],
)
def test_redis_url_selects_djangos_redis_cache(url):
    result = load_settings(REDIS_URL=url)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["cache"]["LOCATION"] == url
    # Sessions stay in the database: a Redis restart logs nobody out.
    assert loaded["sessions"] == "django.contrib.sessions.backends.db"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:6379/0", "REDIS_URL must start with redis://, rediss:// or unix://"),
        ("127.0.0.1:6379", "REDIS_URL must start with redis://"),
        ("redis://", "REDIS_URL must name a host"),
        ("redis://127.0.0.1:port/0", "REDIS_URL has a port that is not a number"),
        ("redis://127.0.0.1:6379/cache", "must be a database number"),
        ("redis://a:6379/0,redis://b:6379/0", "REDIS_URL must be one URL"),
        ("unix://redis.sock", "REDIS_URL must name a socket path"),
    ],
)
def test_bad_redis_url_stops_the_app(url, message):
    result = load_settings(REDIS_URL=url)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_bad_redis_url_message_does_not_repeat_the_password():
    result = load_settings(REDIS_URL="https://:hunter2-secret@redis.example/0")
    assert "ImproperlyConfigured" in result.stderr
    assert "hunter2-secret" not in result.stderr


# --- A real Redis: the limits are shared between processes -------------------

REDIS_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": TEST_REDIS_URL,
    }
}


@pytest.fixture
def redis_db():
    """A raw client on the test database, emptied before and after."""
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"These tests need Redis at {TEST_REDIS_URL} (TEST_REDIS_URL): {exc}")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.mark.django_db
def test_login_limit_is_shared_through_redis(client, make_user, redis_db):
    user = make_user("gedeeld@example.org")
    with override_settings(CACHES=REDIS_CACHES):
        # "Process one" (this test client, through the default cache) fails
        # five logins: allauth's limit for one address.
        for _ in range(5):
            client.post("/accounts/login/", {"login": user.email, "password": "fout"})

        # The hits are in Redis itself, not in this process's memory.
        keys = redis_db.keys("*allauth:rl:allauth.account:login_failed:*")
        assert keys, "allauth's login limit was not stored in Redis"

        # "Process two": a cache connection made separately, with its own
        # connection pool, sees the same five hits for the address ...
        first = caches["default"]
        second = caches.create_connection("default")
        assert second is not first
        assert second._cache._pools is not first._cache._pools
        per_address = [
            key.decode().split(":", 2)[2]  # drop Django's ":<version>:" prefix
            for key in keys
            if b"/key:" in key  # the per-address limit (the other is per IP)
        ]
        assert len(per_address) == 1
        assert len(second.get(per_address[0])) == 5

        # ... so a login through it is refused, even with the right password.
        import allauth.core.internal.ratelimit as allauth_ratelimit

        original = allauth_ratelimit.cache
        allauth_ratelimit.cache = second
        try:
            other = type(client)()
            page = other.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        finally:
            allauth_ratelimit.cache = original
            second.close()
        assert page.status_code == 200
        assert "Te veel inlogpogingen" in page.content.decode()


# --- Redis away: never a 500 ---------------------------------------------------

# Nothing listens on port 1: connecting fails at once, as with a stopped Redis.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.mark.django_db
def test_without_the_cache_a_login_waits_with_a_503_not_a_500(client, make_user):
    user = make_user("redisweg@example.org")
    with override_settings(CACHES=DEAD_REDIS):
        page = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    # The rate limits cannot be checked, so nobody is let in unchecked.
    assert page.status_code == 503
    assert page["Retry-After"] == "10"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_without_the_cache_the_diary_api_still_saves(owner):
    import datetime

    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    with override_settings(CACHES=DEAD_REDIS):
        response = owner.token.put(f"/api/v1/entries/{yesterday}/", {"pain": 4}, format="json")
    # The per-user API throttle is about fairness, so it lets the write through.
    assert response.status_code in (200, 201), response.content
    from diary.models import DayEntry

    assert DayEntry.objects.get(user=owner.user, date=yesterday).pain == 4
