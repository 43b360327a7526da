"""The settings module reads the environment strictly and fails loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from heupdagboek.env import env_bool, env_choice, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent
GOOD_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "sqlite:///:memory:",
}


def load_settings(**overrides: str) -> subprocess.CompletedProcess:
    """Imports the settings in a fresh interpreter with the given environment."""
    env = {k: v for k, v in os.environ.items() if k not in GOOD_ENV}
    env.update(GOOD_ENV)
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", "import heupdagboek.settings as s; print(s.DEBUG, s.TIME_ZONE)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_good_environment_loads():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False Europe/Amsterdam"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a yes/no value"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is required"),
        ({"SECRET_KEY": "short"}, "at least 32 characters"),
        ({"DATABASE_URL": "mysql://localhost/x"}, "DATABASE_URL must be"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL is not usable"),
        ({"TIME_ZONE": "Mars/Olympus"}, "not a known time zone"),
        ({"ACCOUNT_EMAIL_VERIFICATION": "sometimes"}, "ACCOUNT_EMAIL_VERIFICATION"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT='smtp' is not a whole number"),
        ({"CSRF_TRUSTED_ORIGINS": "example.org"}, "must start with http"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"),
    ],
)
def test_bad_values_stop_the_app(overrides, message):
    result = load_settings(**overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_debug_may_run_without_secret_key():
    result = load_settings(DEBUG="true", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True

    monkeypatch.setenv("HOSTS", " a.example , ,b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]

    monkeypatch.setenv("N", "-1")
    with pytest.raises(ImproperlyConfigured, match="below the minimum 0"):
        env_int("N", 5, minimum=0)

    monkeypatch.setenv("MODE", "Mandatory")
    assert env_choice("MODE", "optional", ["optional", "mandatory"]) == "mandatory"


def test_email_verification_comes_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import heupdagboek.settings as s; print(s.ACCOUNT_EMAIL_VERIFICATION)",
        ],
        cwd=ROOT,
        env={**os.environ, **GOOD_ENV, "ACCOUNT_EMAIL_VERIFICATION": "mandatory"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "mandatory", result.stderr


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user()
    assert user.password.startswith("argon2$")
