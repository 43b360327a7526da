"""The GP report: what a GP or physiotherapist wants to see of one period.

``load_gp_report`` is the database edge (a fixed number of queries for any
period, see tests/test_export_report.py); the functions above it are pure
and work on plain data. Texts are made in the active language, so callers
render the report inside ``translation.override`` when the reader's
language differs from the request's (a share link opened by the GP).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean

from django.utils import formats
from django.utils.translation import gettext as _

from diary.advice_text import TITLES, explanation
from diary.charts import ChartBox, pain_chart_svg
from diary.choices import Location, RedFlag, SleepPosition
from diary.models import Advice, DayEntry, PainReading
from diary.trend_views import UNKNOWN, report_for, summary_sentence, x_labels
from diary.trends import Adherence, DayPoint, TrendReport, monday_of
from exercises.models import ExercisePause

HIGH_PAIN = 7  # "days at 7 or more": the NRS band "severe" starts at 7 (diary/pain.py)

# The chart in the report is wider than on the phone: an A4 page is landscape-ish
# for a chart, and a GP reads it on paper.
REPORT_CHART = ChartBox(width=720, height=250, left=30, right=10, top=10, bottom=26)


@dataclass(frozen=True)
class Summary:
    days_in_period: int
    scored_days: int
    mean: float | None
    highest: int | None
    high_days: int  # days scored HIGH_PAIN or more
    night_pain_nights: int
    readings: int


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class SleepRow:
    label: str
    nights: int
    mean_after: float | None  # None when under 3 scored nights (diary/trends.py)


@dataclass(frozen=True)
class WeekExercise:
    monday: datetime.date
    iso_week: int
    planned: int
    done: int


@dataclass(frozen=True)
class ExerciseTotal:
    name: str
    planned: int
    done: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.planned) if self.planned else None


@dataclass(frozen=True)
class PauseRow:
    exercise: str
    since: datetime.date
    resumed_on: datetime.date | None
    reason: str


@dataclass(frozen=True)
class AdviceRow:
    date: datetime.date
    title: str
    reason: str


@dataclass(frozen=True)
class DatedText:
    date: datetime.date
    text: str


@dataclass
class GPReport:
    name: str
    start: datetime.date
    end: datetime.date
    summary: Summary
    summary_sentence: str
    chart_svg: str  # wide, for the A4 page
    chart_svg_phone: str  # the Trends page's proportions, readable on a phone
    locations: list[Count]
    sleep: list[SleepRow]
    weeks: list[WeekExercise]
    exercises: list[ExerciseTotal]
    pauses: list[PauseRow]
    advice: list[AdviceRow]
    red_flags: list[DatedText]
    notes: list[DatedText] = field(default_factory=list)
    include_notes: bool = False


# --- pure functions ---------------------------------------------------------


def summarize(
    days: Sequence[DayPoint], night_pain_days: Iterable[datetime.date], readings: int
) -> Summary:
    scores = [d.score for d in days if d.score is not None]
    return Summary(
        days_in_period=len(days),
        scored_days=len(scores),
        mean=fmean(scores) if scores else None,
        highest=max(scores, default=None),
        high_days=sum(1 for s in scores if s >= HIGH_PAIN),
        night_pain_nights=len(set(night_pain_days)),
        readings=readings,
    )


def count_locations(locations_per_day: Iterable[Sequence[str]]) -> list[Count]:
    """Days per location, most first; the vocabulary's order breaks ties."""
    counts = Counter(slug for day in locations_per_day for slug in set(day))
    order = {slug: n for n, slug in enumerate(Location.values)}
    labels = dict(Location.choices)
    return [
        Count(str(labels.get(slug, slug)), n)
        for slug, n in sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
    ]


def sleep_rows(positions: Iterable[str], report: TrendReport) -> list[SleepRow]:
    """Nights per sleep position, with the mean day score after them where
    the trends maths has one (3 or more scored nights)."""
    counts = Counter(p for p in positions if p)
    means = {g.key: g.mean for g in report.sleep_positions}
    labels = dict(SleepPosition.choices)
    return [
        SleepRow(str(labels.get(key, key)), n, means.get(key))
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def exercise_weeks(
    adherence: Iterable[Adherence], start: datetime.date, end: datetime.date
) -> list[WeekExercise]:
    """Sessions done against planned per ISO week of the period, all
    exercises together; weeks without either still get a column."""
    planned: dict[datetime.date, int] = defaultdict(int)
    done: dict[datetime.date, int] = defaultdict(int)
    for a in adherence:
        planned[a.monday] += a.planned
        done[a.monday] += a.done
    weeks = []
    monday = monday_of(start)
    while monday <= end:
        weeks.append(WeekExercise(monday, monday.isocalendar().week, planned[monday], done[monday]))
        monday += datetime.timedelta(days=7)
    return weeks


def exercise_totals(adherence: Iterable[Adherence], names: dict[int, tuple[str, str]]):
    planned: dict[int, int] = defaultdict(int)
    done: dict[int, int] = defaultdict(int)
    for a in adherence:
        planned[a.exercise_id] += a.planned
        done[a.exercise_id] += a.done
    rows = [
        ExerciseTotal(names.get(ex, UNKNOWN)[1], planned[ex], done[ex])
        for ex in set(planned) | set(done)
    ]
    return sorted(rows, key=lambda r: (-r.done, r.name))


def red_flag_rows(flags_per_day: Iterable[tuple[datetime.date, Sequence[str]]]):
    labels = dict(RedFlag.choices)
    return [
        DatedText(day, ", ".join(str(labels.get(slug, slug)) for slug in flags))
        for day, flags in sorted(flags_per_day)
        if flags
    ]


def chart(
    report: TrendReport,
    names: dict[int, tuple[str, str]],
    sentence: str,
    box: ChartBox = REPORT_CHART,
) -> str:
    start, end = report.start, report.end
    return pain_chart_svg(
        report.days,
        title=_("Pain from %(start)s to %(end)s")
        % {"start": formats.date_format(start), "end": formats.date_format(end)},
        description=_(
            "Dots: the score of each day. Line: the average of the last 7 days. %(summary)s"
        )
        % {"summary": sentence},
        x_labels=x_labels(start, end),
        box=box,
        chart_id="report-chart",
        bands=[
            (p.since, p.resumed_on, names.get(p.exercise_id, UNKNOWN)[1]) for p in report.pauses
        ],
    )


# --- the database edge --------------------------------------------------------


def load_gp_report(
    user, start: datetime.date, end: datetime.date, *, include_notes: bool = False
) -> GPReport:
    """Eleven queries whatever the period: seven for the trends
    (diary/trend_queries.py), then entries, readings, pauses and advice."""
    trend, names = report_for(user, start, end)
    entries = list(
        DayEntry.objects.filter(user=user, date__range=(start, end))
        .order_by("date")
        .values_list("date", "night_pain", "locations", "sleep_position", "red_flags", "note")
    )
    readings = PainReading.objects.filter(user=user, date__range=(start, end)).count()
    pauses = [
        PauseRow(p.exercise.name, p.since, p.resumed_on, p.reason)
        for p in ExercisePause.objects.filter(user=user, since__lte=end)
        .exclude(resumed_on__lte=start)
        .select_related("exercise")
        .order_by("since", "id")
    ]
    advice = [
        AdviceRow(a.since, str(TITLES[a.kind]), explanation(a))
        for a in Advice.objects.filter(user=user, since__range=(start, end))
        .select_related("exercise")
        .order_by("since", "created_at")
    ]
    sentence = summary_sentence(trend)
    return GPReport(
        name=user.display_name,
        start=trend.start,
        end=trend.end,
        summary=summarize(trend.days, (e[0] for e in entries if e[1]), readings),
        summary_sentence=sentence,
        chart_svg=chart(trend, names, sentence),
        chart_svg_phone=chart(trend, names, sentence, ChartBox()),
        locations=count_locations(e[2] for e in entries),
        sleep=sleep_rows((e[3] for e in entries), trend),
        weeks=exercise_weeks(trend.adherence, trend.start, trend.end),
        exercises=exercise_totals(trend.adherence, names),
        pauses=pauses,
        advice=advice,
        red_flags=red_flag_rows((e[0], e[4]) for e in entries),
        notes=[DatedText(e[0], e[5]) for e in entries if e[5].strip()] if include_notes else [],
        include_notes=include_notes,
    )
