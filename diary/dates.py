"""Dates as they appear in URLs and query strings."""

from __future__ import annotations

import datetime
import re

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: str | None) -> datetime.date:
    """YYYY-MM-DD only (Python alone would also take "20261122" and week
    dates). Raises ValueError for anything else, or an impossible date."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError(value)
    return datetime.date.fromisoformat(value)
