"""Milliseconds per request, in one process without load: the floor
(GET /api/v1/ping/), the diary PUT (which counts itself for the advice; the
rules run on the next read), and the same PUT for a day too long ago for the
advice (backfill). Django's test client, real
middleware and authentication (an allauth session token), on the database of
DATABASE_URL (default: a temporary SQLite file). With --profile, the top of a
cProfile of the PUT.

    .venv/bin/python bench/put_cost.py [--runs 300] [--profile]

It tells where the time of a write goes, which bench/load.py cannot: under
load the figures include queueing and the load generator's share of the CPU.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/put-cost.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heupdagboek.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# The per-user limit protects real users; this loop hammers the API on purpose.
os.environ["API_RATE_LIMIT_USER"] = "1000000/minute"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def per_request_ms(call, runs: int) -> float:
    call()  # warm-up
    start = time.perf_counter()
    for _ in range(runs):
        call()
    return (time.perf_counter() - start) / runs * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    setup_test_environment()
    from django.test.utils import get_runner

    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()  # a test database: nothing real is touched
    try:
        call_command("migrate", verbosity=0)
        from accounts.models import User
        from tests.conftest import PASSWORD, headless_login

        user = User.objects.create_user(email="bench@example.org", password=PASSWORD)
        client = Client(HTTP_X_SESSION_TOKEN=headless_login(user.email, PASSWORD))
        today = user.today().isoformat()
        long_ago = (user.today() - datetime.timedelta(days=900)).isoformat()
        body = {"pain": 4, "note": "bench"}

        def ping():
            return client.get("/api/v1/ping/")

        def put():
            return client.put(f"/api/v1/entries/{today}/", body, content_type="application/json")

        def backfill():
            return client.put(f"/api/v1/entries/{long_ago}/", body, content_type="application/json")

        print(f"database: {connection.vendor}; {args.runs} requests each")
        for name, call in (("floor (ping)", ping), ("put", put), ("backfill put", backfill)):
            assert call().status_code in (200, 201)
            ms = per_request_ms(call, args.runs)
            print(f"{name:>13}: {ms:6.2f} ms per request")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.runs):
                put()
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
