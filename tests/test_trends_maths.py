"""Trends maths against hand-computed fixtures (no database)."""

from __future__ import annotations

import datetime
import re

import pytest

from diary.charts import ChartBox, bar_chart_svg, pain_chart_svg
from diary.dates import MAX_PERIOD_DAYS
from diary.trends import (
    Night,
    daily_series,
    earliest_start,
    exercise_comparison,
    merge_day_scores,
    period_start,
    pillow_means,
    rolling_mean,
    sleep_position_means,
    weekly_summaries,
)

D = datetime.date


def day(n: int) -> datetime.date:
    """Day n of November 2026 (the 2nd is a Monday)."""
    return D(2026, 11, n)


def test_rolling_mean_needs_four_of_seven_days():
    scores = {day(1): 2, day(3): 4, day(5): 6}
    assert rolling_mean(scores, day(7)) is None  # three scores only
    scores[day(7)] = 8
    assert rolling_mean(scores, day(7)) == pytest.approx((2 + 4 + 6 + 8) / 4)
    # Day 1 falls out of the window ending on day 8 (2..8): three left.
    assert rolling_mean(scores, day(8)) is None


def test_rolling_mean_skips_gaps_instead_of_counting_zero():
    scores = {day(1): 5, day(2): 5, day(4): 5, day(6): 5, day(7): 5}
    assert rolling_mean(scores, day(7)) == 5


def test_daily_series_keeps_gaps_and_uses_days_before_the_period():
    scores = {day(1): 1, day(2): 2, day(3): 3, day(4): 4, day(6): 6}
    series = daily_series(scores, day(4), day(6))
    assert [p.date for p in series] == [day(4), day(5), day(6)]
    assert [p.score for p in series] == [4, None, 6]
    assert series[0].rolling_mean == pytest.approx(2.5)  # 1,2,3,4 from before the period
    assert series[1].rolling_mean == pytest.approx(2.5)  # a gap day still has a mean
    assert series[2].rolling_mean == pytest.approx((1 + 2 + 3 + 4 + 6) / 5)


def test_weeks_mean_lowest_highest_and_night_pain():
    scores = {day(2): 2, day(3): 6, day(5): 4, day(9): 7}
    weeks = weekly_summaries(scores, [day(3), day(4), day(10)], day(2), day(10))
    assert [(w.monday, w.iso_week) for w in weeks] == [(day(2), 45), (day(9), 46)]
    first, second = weeks
    assert (first.mean, first.lowest, first.highest, first.days_scored) == (4, 2, 6, 3)
    assert first.night_pain_nights == 2
    assert (second.mean, second.lowest, second.highest, second.night_pain_nights) == (7, 7, 7, 1)


def test_weeks_across_a_year_boundary():
    # 2026-12-28 (Mon) .. 2027-01-03 (Sun) is ISO week 53 of 2026.
    scores = {D(2026, 12, 31): 4, D(2027, 1, 1): 6, D(2027, 1, 4): 2}
    weeks = weekly_summaries(scores, [], D(2026, 12, 30), D(2027, 1, 5))
    assert [(w.iso_year, w.iso_week, w.mean) for w in weeks] == [(2026, 53, 5), (2027, 1, 2)]
    assert weeks[0].monday == D(2026, 12, 28)


# Daylight-saving changes: tests/test_trends_views.py sends readings near
# midnight on those days through the API (the local day is decided there).


def test_series_and_means_at_the_start_of_the_calendar():
    """Old data can sit on 1 January of year 1: no day before it is looked up."""
    first = D(1, 1, 1)
    scores = {first + datetime.timedelta(days=n): n for n in range(5)}
    series = daily_series(scores, first, D(1, 1, 8))
    assert [p.score for p in series] == [0, 1, 2, 3, 4, None, None, None]
    assert [p.rolling_mean for p in series] == [None, None, None, 1.5, 2, 2, 2, 2.5]
    assert rolling_mean(scores, first) is None
    result = exercise_comparison(scores, [first], first, D(1, 1, 5))
    assert (result.after_exercise_days, result.after_rest_days) == (1, 4)
    weeks = weekly_summaries(scores, [], first, D(1, 1, 8))
    assert [(w.monday, w.days_scored) for w in weeks] == [(first, 5), (D(1, 1, 8), 0)]


def test_sleep_position_means_leave_out_rare_positions():
    scores = {day(n): n for n in range(1, 10)}
    nights = [
        Night(day(1), "left_side", True),
        Night(day(2), "left_side", False),
        Night(day(3), "left_side", True),
        Night(day(4), "back", False),
        Night(day(5), "back", False),
        Night(day(6), "back", True),
        Night(day(7), "back", False),
        Night(day(8), "belly", False),  # only two belly nights: left out
        Night(day(9), "belly", False),
        Night(day(20), "back", False),  # no score that day: not counted
        Night(day(6), "", True),  # position not filled in: not counted
    ]
    means = sleep_position_means(nights, scores)
    assert [(g.key, g.nights, g.mean) for g in means] == [
        ("back", 4, pytest.approx((4 + 5 + 6 + 7) / 4)),
        ("left_side", 3, pytest.approx(2)),
    ]
    pillow = {g.key: (g.nights, g.mean) for g in pillow_means(nights, scores)}
    assert pillow == {
        "with_pillow": (3, pytest.approx((1 + 3 + 6) / 3)),
        "without_pillow": (6, pytest.approx((2 + 4 + 5 + 7 + 8 + 9) / 6)),
    }


def test_exercise_comparison_looks_at_the_day_after():
    scores = {day(2): 3, day(3): 6, day(4): 5, day(5): 2, day(7): 4}
    result = exercise_comparison(scores, [day(2), day(4), day(6)], day(2), day(7))
    # After exercise: day 3 (6), day 5 (2), day 7 (4); after rest: day 2 (3), day 4 (5).
    assert (result.after_exercise_mean, result.after_exercise_days) == (4, 3)
    assert (result.after_rest_mean, result.after_rest_days) == (4, 2)


def test_merge_prefers_the_entry_then_the_highest_reading():
    merged = merge_day_scores({day(1): 3, day(2): None}, {day(1): 9, day(2): 7, day(3): 5})
    assert merged == {day(1): 3, day(2): 7, day(3): 5}


def test_period_start():
    assert period_start(day(28), "4w", None) == day(1)
    assert period_start(day(28), "all", day(3)) == day(3)
    assert period_start(day(28), "all", None) == day(28)


def test_everything_is_at_most_the_longest_period():
    today = day(28)
    longest = today - datetime.timedelta(days=MAX_PERIOD_DAYS - 1)
    assert earliest_start(today) == longest
    for first_day in (D(1900, 1, 1), D(1, 1, 2), longest - datetime.timedelta(days=1)):
        assert period_start(today, "all", first_day) == longest
    assert period_start(today, "all", longest) == longest
    assert earliest_start(D(1, 1, 5)) == D(1, 1, 1)


def test_svg_has_one_dot_per_scored_day_and_a_broken_mean_line():
    scores = {day(n): n % 11 for n in range(1, 29) if n not in (10, 11, 12, 13)}
    series = daily_series(scores, day(1), day(28))
    svg = pain_chart_svg(series, title="Pijn <test>", description="Uitleg & meer")
    assert svg.count("<circle") == len(scores)
    assert '<title id="pain-chart-title">Pijn &lt;test&gt;</title>' in svg
    assert "Uitleg &amp; meer" in svg
    # The mean line restarts (a second "M") after the four-day gap.
    path = re.search(r'class="chart-mean" d="([^"]+)"', svg).group(1)
    assert path.count("M") == 2
    assert "style=" not in svg  # the CSP forbids inline styles


def test_svg_with_no_scores_has_no_dots():
    series = daily_series({}, day(1), day(7))
    svg = pain_chart_svg(series, title="t", description="d")
    assert "<circle" not in svg and "chart-mean" not in svg


def test_sliding_series_equals_the_definition():
    """The one-pass series gives the same means as rolling_mean day by day."""
    import random

    rng = random.Random(7)
    scores = {
        day(1) + datetime.timedelta(days=n): rng.randint(0, 10)
        for n in range(200)
        if rng.random() < 0.7
    }
    start, end = day(1) + datetime.timedelta(days=10), day(1) + datetime.timedelta(days=190)
    for point in daily_series(scores, start, end):
        expected = rolling_mean(scores, point.date)
        assert point.rolling_mean == (pytest.approx(expected) if expected is not None else None)


def test_weekly_adherence_counts_planned_and_done_and_skips_pauses():
    from diary.trends import EnrollmentSpan, PauseSpan, weekly_adherence
    from exercises.plan import PlanItem

    # Started Monday 2 Nov: exercise 1 three days a week (days 0, 2, 4 of the
    # programme week: Mon, Wed, Fri), exercise 2 daily.
    enrollment = EnrollmentSpan(day(2), None, (PlanItem(1, 3), PlanItem(2, 7)))
    pause = PauseSpan(2, day(5), day(7))  # exercise 2 paused Thu 5 and Fri 6
    sessions = [(day(2), 1), (day(4), 1), (day(2), 2), (day(3), 2), (day(9), 1)]
    rows = weekly_adherence([enrollment], [pause], sessions, day(2), day(10))
    table = {(r.monday, r.exercise_id): (r.planned, r.done, r.percent) for r in rows}
    assert table == {
        (day(2), 1): (3, 2, 67),
        (day(2), 2): (5, 2, 40),  # 7 days minus the 2 paused
        (day(9), 1): (1, 1, 100),  # Mon 9 and Tue 10 are in the period
        (day(9), 2): (2, 0, 0),
    }


def test_adherence_before_and_after_a_programme():
    from diary.trends import EnrollmentSpan, weekly_adherence
    from exercises.plan import PlanItem

    ended = EnrollmentSpan(day(2), day(9), (PlanItem(1, 7),))  # followed 2..8
    rows = weekly_adherence([ended], [], [(day(12), 1)], day(2), day(15))
    table = {(r.monday, r.exercise_id): (r.planned, r.done, r.percent) for r in rows}
    assert table == {(day(2), 1): (7, 0, 0), (day(9), 1): (0, 1, None)}


def test_weekly_adherence_equals_the_plan_day_by_day():
    """The shortcut (one plan per programme week and weekday, the same weeks
    from steady_week on) counts what plan_for_day says for every single day."""
    import random
    from collections import Counter

    from diary.trends import EnrollmentSpan, PauseSpan, monday_of, weekly_adherence
    from exercises.plan import PlanItem, plan_for_day

    rng = random.Random(11)
    first = D(2026, 1, 7)  # a Wednesday: programme weeks do not start on Monday
    items = (
        PlanItem(1, 3, 1, 2),
        PlanItem(1, 5, 3, None),
        PlanItem(2, 2, 2, 12),  # ends after the last item starts
        PlanItem(3, 7),
        PlanItem(4, 1, 9, None),
    )
    enrollments = [
        EnrollmentSpan(first, first + datetime.timedelta(days=120), items),
        EnrollmentSpan(first + datetime.timedelta(days=150), None, items[1:]),
    ]
    pauses = []
    for _ in range(8):
        since = first + datetime.timedelta(days=rng.randrange(330))
        resumed = since + datetime.timedelta(days=rng.randrange(1, 30))
        pauses.append(PauseSpan(rng.randint(1, 4), since, resumed if rng.random() < 0.8 else None))
    start, end = first - datetime.timedelta(days=5), first + datetime.timedelta(days=330)
    expected = Counter()
    for n in range((end - start).days + 1):
        today = start + datetime.timedelta(days=n)
        enrollment = next((e for e in enrollments if e.covers(today)), None)
        if enrollment is None:
            continue
        paused = {p.exercise_id for p in pauses if p.covers(today)}
        for entry in plan_for_day(enrollment.started_on, today, enrollment.items, paused):
            if entry.due:
                expected[(monday_of(today), entry.item.exercise_id)] += 1
    rows = weekly_adherence(enrollments, pauses, [], start, end)
    assert {(r.monday, r.exercise_id): r.planned for r in rows if r.planned} == dict(expected)
    assert {ex for (_monday, ex) in expected} == {1, 2, 3, 4}


def test_svg_marks_paused_periods():
    series = daily_series({day(n): 4 for n in range(1, 15)}, day(1), day(14))
    svg = pain_chart_svg(
        series,
        title="t",
        description="d",
        bands=[(day(5), day(8), "Bruggetje"), (day(20), None, "x")],
    )
    assert svg.count('class="chart-pause"') == 1
    assert "<title>Bruggetje</title>" in svg


def test_week_bars_one_per_week_with_a_mean_and_scaled_to_ten():
    box = ChartBox(height=180)
    bars = [(day(2), 5.0, "Week 45 <a>"), (day(9), None, "empty"), (day(16), 10.0, "w47")]
    svg = bar_chart_svg(bars, title="Per week", description="d", box=box)
    rects = re.findall(
        r'<rect class="chart-bar" x="([\d.]+)" y="([\d.]+)" '
        r'width="([\d.]+)" height="([\d.]+)"',
        svg,
    )
    assert len(rects) == 2  # the week without a mean has no bar, not a zero bar
    (x1, y1, _w1, h1), (x3, y3, w3, h3) = [[float(v) for v in r] for r in rects]
    assert h3 == pytest.approx(box.plot_height, abs=0.1)  # 10 fills the plot
    assert h1 == pytest.approx(box.plot_height / 2, abs=0.1)
    assert y1 + h1 == pytest.approx(y3 + h3)  # both stand on the 0 line
    assert x3 - x1 == pytest.approx(2 * box.plot_width / 3, abs=0.1)  # the empty slot
    assert x1 >= box.left and x3 + w3 <= box.width - box.right
    assert "<title>Week 45 &lt;a&gt;</title>" in svg and "empty" not in svg
    assert 'aria-labelledby="week-chart-title week-chart-desc"' in svg
    assert "style=" not in svg


def test_week_bars_for_ten_years_stay_inside_a_phone_wide_chart():
    weeks = [(day(2) + datetime.timedelta(weeks=n), n % 11, f"w{n}") for n in range(522)]
    box = ChartBox()
    svg = bar_chart_svg(weeks, title="t", description="d", box=box)
    xs = [float(x) for x in re.findall(r'class="chart-bar" x="([\d.]+)"', svg)]
    widths = [float(w) for w in re.findall(r'class="chart-bar" [^>]*width="([\d.]+)"', svg)]
    assert len(xs) == 522 and min(widths) >= 1
    assert min(xs) >= box.left and max(xs) + max(widths) <= box.width - box.right + 1
    assert 'viewBox="0 0 360 ' in svg
