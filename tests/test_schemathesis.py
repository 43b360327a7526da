"""Schemathesis against the live OpenAPI schema.

Every operation of /api/schema/, over real HTTP to a live server, with an
authenticated session token, all of schemathesis' default checks, and a
bounded number of generated examples per operation. It runs schemathesis'
own command line (its pytest plugin does not support pytest 9 yet) and fails
with schemathesis' report when anything fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

MAX_EXAMPLES = 10
SEED = 20261122  # the same examples every run, so a failure can be replayed


def test_api_conforms_to_its_schema(live_server, owner, seeded, settings):
    # seeded: an earlier transactional test may have emptied the exercises, and
    # the schema lists the slugs the writes accept.
    # Thousands of requests in a minute: the per-user limit is not under test here.
    settings.API_RATE_LIMIT_USER = "100000/minute"
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(  # noqa: S603 - our own tool with fixed arguments
        [
            str(schemathesis),
            "--config-file",
            str(Path(__file__).with_name("schemathesis.toml")),
            "run",
            f"{live_server.url}/api/schema/",
            "--header",
            f"X-Session-Token: {owner.session_token}",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            str(SEED),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
