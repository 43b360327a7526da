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

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from diary.advice_text import TITLES, explanation
from diary.charts import ChartBox, pain_chart_svg
from diary.choices import Location, RedFlag, SleepPosition
from diary.dates import short_day_format
from diary.models import Advice, DayEntry, PainReading
from diary.trend_views import UNKNOWN, report_for, summary_sentence, x_labels
from diary.trends import Adherence, DayPoint, TrendReport, monday_of
from exercises.models import ExercisePause

HIGH_PAIN = 7  # "days at 7 or more": the NRS band "severe" starts at 7 (diary/pain.py)

# The chart in the report is wider than on the phone: an A4 page is landscape-ish
# for a chart, and a GP reads it on paper.
REPORT_CHART = ChartBox(width=720, height=210, left=30, right=10, top=10, bottom=26)

# The lists under the chart show at most this many lines each, then "and N
# more": three months of a full diary must stay one A4 page (docs/export.md),
# and the JSON and CSV exports hold every row.
MAX_LINES = 6
# Dates listed on one line (a pause's periods, a warning sign's days).
MAX_DATES = 8
# The most serious advice first: a GP reads the top of a list.
ADVICE_ORDER = ["emergency", "urgent", "see_gp", "stop_exercise", "reduce_load"]


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
    reason: str  # the explanation of the advice that paused it, or ""


@dataclass(frozen=True)
class DatedText:
    date: datetime.date
    text: str


@dataclass(frozen=True)
class Capped:
    """The first items of a list, and how many more there are."""

    items: list
    more: int = 0

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def more_text(self) -> str:
        return ngettext("and %(count)s more", "and %(count)s more", self.more) % {
            "count": self.more
        }


@dataclass(frozen=True)
class PauseGroup:
    """Every pause of one exercise in the period, on one line."""

    exercise: str
    periods: Capped  # (since, resumed_on or None) pairs, oldest first
    reason: str  # why the latest pause came, or ""

    @property
    def still_paused(self) -> bool:
        return any(end is None for _start, end in self.periods.items)


@dataclass(frozen=True)
class AdviceGroup:
    """The same advice (kind, and exercise or rule) given on one or more
    days; the explanation is the latest one's."""

    title: str
    dates: Capped
    reason: str


@dataclass(frozen=True)
class FlagGroup:
    label: str
    dates: Capped


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
    pauses: Capped  # of PauseGroup
    advice: Capped  # of AdviceGroup
    red_flags: Capped  # of FlagGroup
    notes: list[DatedText] = field(default_factory=list)
    include_notes: bool = False
    date_format: str = "j M Y"  # for the dates in the lists (list_date_format)


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


def cap(items: Sequence, limit: int) -> Capped:
    return Capped(list(items[:limit]), max(0, len(items) - limit))


def list_date_format(start: datetime.date, end: datetime.date) -> str:
    """Short dates for the lists: "12 okt" in Dutch (lower case, as Dutch
    writes months), "12 Oct" in English; with the year only when the period
    spans two years, since the heading already says the period."""
    if start.year == end.year:
        return short_day_format()
    # Translators: a Django date format: day, short month and year.
    return _("j M Y")


def group_pauses(pauses: Iterable[PauseRow]) -> Capped:
    """One line per exercise, in the order of its first pause, with the
    reason of its latest pause that has one."""
    periods: dict[str, list] = defaultdict(list)
    reasons: dict[str, str] = {}
    for p in sorted(pauses, key=lambda p: p.since):
        periods[p.exercise].append((p.since, p.resumed_on))
        if p.reason:
            reasons[p.exercise] = p.reason
    return cap(
        [
            PauseGroup(name, cap(spans, MAX_DATES), reasons.get(name, ""))
            for name, spans in periods.items()
        ],
        MAX_LINES,
    )


def group_advice(rows: Iterable[tuple[str, object, datetime.date, str]]) -> Capped:
    """(kind, what it is about, date, explanation) rows, one line per kind
    and subject: most serious first, then by the first date."""
    groups: dict[tuple[str, object], list] = defaultdict(list)
    for kind, subject, day, reason in sorted(rows, key=lambda r: r[2]):
        groups[(kind, subject)].append((day, reason))
    order = {kind: n for n, kind in enumerate(ADVICE_ORDER)}
    lines = [
        AdviceGroup(
            str(TITLES.get(kind, kind)), cap([d for d, _r in items], MAX_DATES), items[-1][1]
        )
        for (kind, _subject), items in sorted(
            groups.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[1][0][0])
        )
    ]
    return cap(lines, MAX_LINES)


def red_flag_rows(flags_per_day: Iterable[tuple[datetime.date, Sequence[str]]]) -> Capped:
    """One line per warning sign with its days, in the order of the
    vocabulary (diary/choices.py), so two reports list them alike."""
    days: dict[str, list[datetime.date]] = defaultdict(list)
    for day, flags in sorted(flags_per_day):
        for slug in flags:
            if not days[slug] or days[slug][-1] != day:  # sorted: a repeat is the last one
                days[slug].append(day)
    labels = dict(RedFlag.choices)
    order = {slug: n for n, slug in enumerate(RedFlag.values)}
    return cap(
        [
            FlagGroup(str(labels.get(slug, slug)), cap(dates, MAX_DATES))
            for slug, dates in sorted(days.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
        ],
        MAX_LINES,
    )


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
    """Twelve queries whatever the period: eight for the trends
    (diary/trend_queries.py), then entries, readings, pauses and advice."""
    trend, names = report_for(user, start, end)
    entries = list(
        DayEntry.objects.filter(user=user, date__range=(start, end))
        .order_by("date")
        .values_list("date", "night_pain", "locations", "sleep_position", "red_flags", "note")
    )
    readings = PainReading.objects.filter(user=user, date__range=(start, end)).count()
    pause_rows = list(
        ExercisePause.objects.filter(user=user, since__lte=end)
        .exclude(resumed_on__lte=start)
        .select_related("exercise")
        .order_by("since", "id")
    )
    pause_ids = {p.pk for p in pause_rows}
    # The advice of the period, and the advice behind each pause shown (it
    # may be older than the period). A pause's own stored reason is in the
    # language of the day it was made; the advice's explanation is made now,
    # in the reader's.
    advice_rows = list(
        Advice.objects.filter(user=user)
        .filter(Q(since__range=(start, end)) | Q(pause_id__in=pause_ids))
        .select_related("exercise")
        .order_by("since", "created_at")
    )
    reasons = {a.pause_id: explanation(a) for a in advice_rows if a.pause_id in pause_ids}
    pauses = [
        PauseRow(p.exercise.name, p.since, p.resumed_on, reasons.get(p.pk, "")) for p in pause_rows
    ]
    # Advice that paused an exercise is told on the pause's line, not twice.
    advice = [
        (a.kind, a.exercise_id or a.rule, a.since, explanation(a))
        for a in advice_rows
        if a.pause_id not in pause_ids and start <= a.since <= end
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
        pauses=group_pauses(pauses),
        advice=group_advice(advice),
        red_flags=red_flag_rows((e[0], e[4]) for e in entries),
        notes=[DatedText(e[0], e[5]) for e in entries if e[5].strip()] if include_notes else [],
        include_notes=include_notes,
        date_format=list_date_format(trend.start, trend.end),
    )
