"""Small, strict readers for settings from the environment.

Every reader fails loudly (ImproperlyConfigured) on a value it does not
understand, so a typo such as ``DEBUG=ture`` stops the app at start instead
of silently running with a default.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default if default is not None else ""
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use one of {sorted(_TRUE | _FALSE)}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}.")
    return value


def env_list(name: str, default: Iterable[str] = ()) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    allowed = list(choices)
    value = env_str(name, default).strip().lower()
    if value not in allowed:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {allowed}.")
    return value


def env_url(name: str, schemes: Iterable[str], default: str = "") -> str:
    """One URL with one of the given schemes (without "://"), or the default
    when unset. A URL that names no host (or, for unix://, no socket path) is
    refused too, so a half-written value never reaches a client library.
    Messages never repeat the value: a URL may carry a password."""
    allowed = [scheme.lower() for scheme in schemes]
    value = env_str(name, default).strip()
    if not value:
        return value
    prefixes = [f"{scheme}://" for scheme in allowed]
    if not value.lower().startswith(tuple(prefixes)):
        raise ImproperlyConfigured(
            f"{name} must start with {', '.join(prefixes[:-1])} or {prefixes[-1]}"
            if len(prefixes) > 1
            else f"{name} must start with {prefixes[0]}"
        )
    if any(separator in value for separator in ",; "):
        raise ImproperlyConfigured(f"{name} must be one URL, without spaces, commas or semicolons.")
    parts = urlsplit(value)
    if parts.scheme.lower() == "unix":
        if not parts.path.startswith("/"):
            raise ImproperlyConfigured(f"{name} must name a socket path, e.g. unix:///run/x.sock")
        return value
    if not parts.hostname:
        raise ImproperlyConfigured(f"{name} must name a host, e.g. {prefixes[0]}127.0.0.1")
    try:
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number.") from None
    return value
