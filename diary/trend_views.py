"""The Trends page and GET /api/v1/trends/: the same report, two forms."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from diary.charts import bar_chart_svg, pain_chart_svg
from diary.choices import SleepPosition
from diary.dates import (
    month_year_format,
    parse_iso_date,
    period_too_long_message,
    short_day_format,
    too_long,
)
from diary.trend_queries import load_trend_data
from diary.trends import (
    DEFAULT_PERIOD,
    PERIODS,
    TrendReport,
    build_report,
    days_before,
    period_start,
)
from heupdagboek.fields import reject_blank_query_params


class PeriodError(ValueError):
    """Wrong parameters: a message per field (from, to, period)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def resolve_period(user, params) -> tuple[datetime.date | None, datetime.date, str]:
    """The period from ?period= or ?from=&to=, never past today. The start is
    None for "everything": the data decides where it begins (at most ten
    years back, see trend_queries.load_trend_data)."""
    today = user.today()
    raw_from, raw_to = params.get("from"), params.get("to")
    if raw_from or raw_to:
        errors: dict[str, str] = {}
        start = end = None
        try:
            end = min(parse_iso_date(raw_to), today) if raw_to else today
        except ValueError:
            errors["to"] = _("Use a date like 2026-11-22.")
        try:
            if raw_from:
                start = parse_iso_date(raw_from)
            elif end is not None:
                start = days_before(end, 55)  # 8 weeks, never before year 1
        except ValueError:
            errors["from"] = _("Use a date like 2026-11-22.")
        if start is not None and end is not None:
            if start > end:
                errors["from"] = _("The start date is after the end date.")
            elif too_long(start, end):
                errors["from"] = period_too_long_message()
        if errors:
            raise PeriodError(errors)
        return start, end, ""
    key = params.get("period") or DEFAULT_PERIOD
    if key not in PERIODS:
        raise PeriodError(
            {"period": _("Choose one of: %(choices)s.") % {"choices": ", ".join(PERIODS)}}
        )
    start = None if PERIODS[key] is None else period_start(today, key, None)
    return start, today, key


Exercises = dict[int, tuple[str, str]]  # id: (slug, name)
UNKNOWN = ("", "?")


def report_for(
    user, start: datetime.date | None, end: datetime.date
) -> tuple[TrendReport, Exercises]:
    """The report and the exercises it mentions, by id."""
    data = load_trend_data(user, start, end)
    report = build_report(
        data.scores,
        data.night_pain_days,
        data.nights,
        data.sessions,
        data.enrollments,
        data.pauses,
        data.start,
        data.end,
    )
    return report, data.exercises


NO_VALUE = "\N{EN DASH}"


def number(value: float | None) -> str:
    return NO_VALUE if value is None else formats.number_format(value, 1)


def summary_sentence(report: TrendReport) -> str:
    this_week = report.week_of(report.end)
    # The first week of year 1 has no week before it (old data, see load_trend_data).
    has_last = report.end.toordinal() > 7
    last_week = report.week_of(report.end - datetime.timedelta(days=7)) if has_last else None
    if this_week is None or this_week.mean is None:
        if last_week is None or last_week.mean is None:
            return _("Not enough scores yet to say how it is going.")
        return _("No scores this week yet; last week the average was %(last)s.") % {
            "last": number(last_week.mean)
        }
    if last_week is None or last_week.mean is None:
        return _("This week the average is %(this)s.") % {"this": number(this_week.mean)}
    return _("This week the average is %(this)s; last week it was %(last)s.") % {
        "this": number(this_week.mean),
        "last": number(last_week.mean),
    }


def x_labels(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
    middle = start + (end - start) / 2
    fmt = short_day_format() if (end - start).days < 370 else month_year_format()
    return [(d, formats.date_format(d, fmt)) for d in (start, middle, end)]


def week_chart(report: TrendReport) -> str:
    """The weekly means as bars; the "Per week" table is the same as text."""
    weeks = report.weeks
    bars = [
        (
            w.monday,
            w.mean,
            _("Week %(week)s (from %(monday)s): average %(mean)s")
            % {
                "week": w.iso_week,
                "monday": formats.date_format(w.monday, short_day_format()),
                "mean": number(w.mean),
            },
        )
        for w in weeks
    ]
    mondays = [w.monday for w in weeks]
    labels = []
    if mondays:
        fmt = short_day_format() if len(mondays) <= 53 else month_year_format()
        picks = dict.fromkeys((mondays[0], mondays[len(mondays) // 2], mondays[-1]))
        labels = [(m, formats.date_format(m, fmt)) for m in picks]
    return bar_chart_svg(
        bars,
        title=_("Average pain per week"),
        description=_(
            "One bar per week: the average score of the days with a score. "
            "A week without scores has no bar. The table below gives the same figures."
        ),
        x_labels=labels,
    )


@login_required
def trends_page(request: HttpRequest) -> HttpResponse:
    try:
        start, end, period = resolve_period(request.user, request.GET)
        errors: dict[str, str] = {}
    except PeriodError as exc:
        # Answer 400 with each message on its field, and below it the default
        # period, so the page stays useful while the inputs keep what was typed.
        start, end, _key = resolve_period(request.user, {})
        period, errors = "", exc.errors
    report, names = report_for(request.user, start, end)
    start, end = report.start, report.end
    summary = summary_sentence(report)
    chart = pain_chart_svg(
        report.days,
        title=_("Pain from %(start)s to %(end)s")
        % {"start": formats.date_format(start), "end": formats.date_format(end)},
        description=_(
            "Dots: the score of each day. Line: the average of the last 7 days. %(summary)s"
        )
        % {"summary": summary},
        x_labels=x_labels(start, end),
        bands=[
            (p.since, p.resumed_on, names.get(p.exercise_id, UNKNOWN)[1]) for p in report.pauses
        ],
    )
    positions = dict(SleepPosition.choices)
    context = {
        "report": report,
        "summary": summary,
        "chart": chart,
        "week_chart": week_chart(report),
        "period": period,
        "periods": [
            ("4w", _("4 weeks")),
            ("8w", _("8 weeks")),
            ("3m", _("3 months")),
            ("1y", _("1 year")),
            ("all", _("Everything")),
        ],
        "errors": errors,
        # What was typed stays in the inputs when it was refused.
        "from_value": request.GET.get("from", "") if errors else start.isoformat(),
        "to_value": request.GET.get("to", "") if errors else end.isoformat(),
        "weeks": list(reversed(report.weeks)),
        "sleep_rows": [(positions.get(g.key, g.key), g) for g in report.sleep_positions],
        "pillow_rows": [
            (
                _("With a pillow between the knees")
                if g.key == "with_pillow"
                else _("Without a pillow"),
                g,
            )
            for g in report.pillow
        ],
        "scored_days": [d for d in reversed(report.days) if d.score is not None],
        "adherence_rows": [
            (names.get(a.exercise_id, UNKNOWN)[1], a) for a in reversed(report.adherence)
        ],
        "pause_rows": [(names.get(p.exercise_id, UNKNOWN)[1], p) for p in report.pauses],
    }
    return render(request, "diary/trends.html", context, status=400 if errors else 200)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def report_json(report: TrendReport, summary: str, names: Exercises) -> dict:
    """The report as JSON. Built by hand: dataclasses.asdict took more than
    half of the request time for long periods (bench/trends.py)."""
    return {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "summary": summary,
        "days": [
            {"date": d.date.isoformat(), "score": d.score, "rolling_mean": _round(d.rolling_mean)}
            for d in report.days
        ],
        "weeks": [
            {
                "monday": w.monday.isoformat(),
                "iso_year": w.iso_year,
                "iso_week": w.iso_week,
                "days_scored": w.days_scored,
                "mean": _round(w.mean),
                "lowest": w.lowest,
                "highest": w.highest,
                "night_pain_nights": w.night_pain_nights,
            }
            for w in report.weeks
        ],
        "sleep_positions": [
            {"position": g.key, "nights": g.nights, "mean": _round(g.mean)}
            for g in report.sleep_positions
        ],
        "pillow": [
            {"group": g.key, "nights": g.nights, "mean": _round(g.mean)} for g in report.pillow
        ],
        "exercise": {
            "after_exercise_mean": _round(report.exercise.after_exercise_mean),
            "after_exercise_days": report.exercise.after_exercise_days,
            "after_rest_mean": _round(report.exercise.after_rest_mean),
            "after_rest_days": report.exercise.after_rest_days,
        },
        "adherence": [
            {
                "monday": a.monday.isoformat(),
                "exercise": names.get(a.exercise_id, UNKNOWN)[0],
                "planned": a.planned,
                "done": a.done,
                "percent": a.percent,
            }
            for a in report.adherence
        ],
        "pauses": [
            {
                "exercise": names.get(p.exercise_id, UNKNOWN)[0],
                "since": p.since.isoformat(),
                "resumed_on": p.resumed_on.isoformat() if p.resumed_on else None,
            }
            for p in report.pauses
        ],
    }


@extend_schema(
    summary="How the pain is going: day series, weeks, sleep and exercise",
    parameters=[
        OpenApiParameter("period", str, enum=list(PERIODS), description="Default 8w."),
        OpenApiParameter("from", OpenApiTypes.DATE, description="First day (with or without to)."),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last day; default today."),
    ],
    responses={
        200: OpenApiResponse(OpenApiTypes.OBJECT, description="The trends report."),
        400: OpenApiResponse(OpenApiTypes.OBJECT, description="Which parameter is wrong and why."),
        401: OpenApiResponse(description="No valid session token or session."),
    },
)
@api_view(["GET"])
def trends_api(request: Request) -> Response:
    reject_blank_query_params(request.query_params, ("from", "to", "period"))
    try:
        start, end, _period = resolve_period(request.user, request.query_params)
    except PeriodError as exc:
        raise ValidationError({field: [message] for field, message in exc.errors.items()}) from None
    report, names = report_for(request.user, start, end)
    return Response(report_json(report, summary_sentence(report), names))
