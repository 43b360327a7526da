"""Dates as they appear in URLs and query strings."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The first day the diary knows, for days and readings alike. Nobody logs hip
# pain from before 1970; without a floor, 0001-01-01 reaches date arithmetic
# (the day before it overflows: a 500), and the odd local-mean-time offsets of
# centuries ago are not valid RFC 3339 offsets when a reading is sent back.
EARLIEST_YEAR = 1970
EARLIEST_DATE = datetime.date(EARLIEST_YEAR, 1, 1)


def short_day_format() -> str:
    """A Django date format for a day and short month, in the active language."""
    # Translators: a Django date format, day and short month ("7 Oct"); Dutch
    # writes months in lower case: "j b" gives "7 okt".
    return _("j M")


def month_year_format() -> str:
    """A Django date format for a short month and year, in the active language."""
    # Translators: a Django date format, short month and year ("Oct 2026");
    # Dutch: "b Y" gives "okt 2026".
    return _("M Y")


def parse_iso_date(value: str | None) -> datetime.date:
    """YYYY-MM-DD only (Python alone would also take "20261122" and week
    dates). Raises ValueError for anything else, or an impossible date."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError(value)
    return datetime.date.fromisoformat(value)


# The longest period a chart, report or export covers when asked with from/to
# (the presets, "everything" included, follow the data). Ten years is far more
# than a diary holds; without a limit, ?from=0097-01-01 would make the server
# draw 700,000 empty days.
MAX_PERIOD_YEARS = 10
MAX_PERIOD_DAYS = MAX_PERIOD_YEARS * 366


def too_early(day: datetime.date) -> bool:
    return day < EARLIEST_DATE


def too_early_message() -> str:
    return _("Use a date from %(earliest)s on.") % {"earliest": EARLIEST_DATE.isoformat()}


def too_long(start: datetime.date, end: datetime.date) -> bool:
    return (end - start).days >= MAX_PERIOD_DAYS


def period_too_long_message() -> str:
    return _("Choose a period of at most %(years)s years.") % {"years": MAX_PERIOD_YEARS}
