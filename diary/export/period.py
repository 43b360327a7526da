"""The period of an export: ?from=&to=, checked the same way everywhere."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.utils.translation import gettext as _

from diary.dates import parse_iso_date, period_too_long_message, too_long
from diary.trends import period_start

DEFAULT_PERIOD = "3m"  # the last 3 months: what a GP usually wants to see


class PeriodError(ValueError):
    """A wrong parameter, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return period_start(today, DEFAULT_PERIOD, None), today


def parse_period(
    params: Mapping[str, str], today: datetime.date, *, everything_by_default: bool = False
) -> tuple[datetime.date | None, datetime.date | None]:
    """(start, end) from ?from= and ?to=, both optional.

    Without either, the last 3 months, or (None, None) for "everything" when
    ``everything_by_default`` (the full JSON export). The end is never after
    today: there is nothing to export from the future.
    """
    # A parameter that is there but empty is a mistake, not "the default".
    for field in ("from", "to"):
        if field in params and not params[field]:
            raise PeriodError(field, _("Use a date like 2026-11-22."))
    raw_from, raw_to = params.get("from"), params.get("to")
    if not raw_from and not raw_to:
        return (None, None) if everything_by_default else default_period(today)
    try:
        end = parse_iso_date(raw_to) if raw_to else today
    except ValueError:
        raise PeriodError("to", _("Use a date like 2026-11-22.")) from None
    end = min(end, today)
    try:
        start = parse_iso_date(raw_from) if raw_from else default_period(end)[0]
    except ValueError:
        raise PeriodError("from", _("Use a date like 2026-11-22.")) from None
    if start > end:
        raise PeriodError("from", _("The start date is after the end date."))
    if too_long(start, end):
        raise PeriodError("from", period_too_long_message())
    return start, end
