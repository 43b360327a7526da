"""The advice rules as a table of scenarios (plain data, no database).

Each scenario: day scores by day number (today is day 20 = 20 November 2026),
sessions (exercise, day, pain during), red flags and night pain by day, and
what the rules must find: (kind, exercise) pairs, most severe first.
"""

from __future__ import annotations

import datetime

import pytest

from diary.advice import Session, Thresholds, continue_patterns, evaluate, may_resume

TODAY = 20
BRIDGE, SQUEEZE, STRETCH = 1, 2, 3


def d(n: int) -> datetime.date:
    return datetime.date(2026, 11, n)


def calm_week(value: int = 3, start: int = 1, end: int = 13) -> dict[int, int]:
    return {n: value for n in range(start, end + 1)}


# Settled again from day 17 on, so the 7-day mean does not rise by 2 (which
# would add a see_gp advice of its own).
SETTLED = {17: 3, 18: 3, 19: 3, 20: 3}


SCENARIOS = [
    # --- stop_exercise after raised days (seed 002 + pain monitoring model) ---
    dict(
        name="raised two days after the bridge: stop",
        scores={**calm_week(), 14: 3, 15: 6, 16: 6, **SETTLED},
        sessions=[(BRIDGE, 14, 3)],
        expect=[("stop_exercise", BRIDGE)],
    ),
    dict(
        name="soreness only on the first day after: no stop",
        scores={**calm_week(), 14: 3, 15: 6, 16: 3},
        sessions=[(BRIDGE, 14, 3)],
        expect=[],
    ),
    dict(
        name="pain settled on the second day: no stop",
        scores={**calm_week(), 14: 3, 15: 7, 16: 4},
        sessions=[(BRIDGE, 14, 2)],
        expect=[],
    ),
    dict(
        name="two exercises on the same day: both stopped",
        scores={**calm_week(), 14: 3, 15: 6, 16: 5},
        sessions=[(BRIDGE, 14, 2), (SQUEEZE, 14, 2)],
        expect=[("stop_exercise", BRIDGE), ("stop_exercise", SQUEEZE)],
    ),
    dict(
        name="no baseline, both days 6 or more: stop",
        scores={14: 4, 15: 6, 16: 7},
        sessions=[(BRIDGE, 14, 2)],
        expect=[("stop_exercise", BRIDGE)],
    ),
    dict(
        name="no baseline, days at 5: no stop",
        scores={14: 4, 15: 5, 16: 5},
        sessions=[(BRIDGE, 14, 2)],
        expect=[],
    ),
    dict(
        name="a missing day after the session is no evidence",
        scores={**calm_week(), 14: 3, 16: 7, 17: 7, 18: 3, 19: 3, 20: 3},
        sessions=[(BRIDGE, 14, 2)],
        expect=[],
    ),
    dict(
        name="only one day after so far: not yet",
        scores={**calm_week(1, 12), 13: 3, 19: 6},
        sessions=[(BRIDGE, 18, 2)],
        today=19,
        expect=[],
    ),
    dict(
        name="chronically high baseline, small rise: no stop",
        scores={**calm_week(7), 14: 7, 15: 8, 16: 8},
        sessions=[(STRETCH, 14, 4)],
        care_provider_knows=True,
        expect=[],
    ),
    dict(
        name="chronically high baseline, big rise: stop",
        scores={**calm_week(7), 14: 7, 15: 9, 16: 9},
        sessions=[(STRETCH, 14, 4)],
        care_provider_knows=True,
        expect=[("stop_exercise", STRETCH)],
    ),
    dict(
        name="baseline from only two scored days counts as none",
        scores={10: 1, 12: 1, 14: 2, 15: 4, 16: 4},
        sessions=[(BRIDGE, 14, 2)],
        expect=[],  # with a baseline of 1 these would be raised; without, 4 < 6
    ),
    dict(
        name="sessions before the last resume do not count again",
        scores={**calm_week(), 14: 3, 15: 6, 16: 6, **SETTLED},
        sessions=[(BRIDGE, 14, 3)],
        resumed={BRIDGE: 18},
        expect=[],
    ),
    dict(
        name="a session older than four weeks is not looked at",
        scores={n: 6 for n in range(1, 21)},
        sessions=[(BRIDGE, 1, 2)],
        today=30,
        care_provider_knows=True,
        expect=[],
    ),
    # --- pain during the exercise (pain monitoring model) ---
    dict(
        name="pain during above 5 once: reduce load",
        scores=calm_week(),
        sessions=[(SQUEEZE, 15, 6)],
        expect=[("reduce_load", SQUEEZE)],
    ),
    dict(
        name="pain during exactly 5: acceptable",
        scores=calm_week(),
        sessions=[(SQUEEZE, 15, 5)],
        expect=[],
    ),
    dict(
        name="pain during above 5 twice in a row: stop, not reduce",
        scores=calm_week(),
        sessions=[(SQUEEZE, 15, 6), (SQUEEZE, 17, 7)],
        expect=[("stop_exercise", SQUEEZE)],
    ),
    dict(
        name="above 5, then fine, then above 5: not in a row",
        scores=calm_week(),
        sessions=[(SQUEEZE, 14, 6), (SQUEEZE, 16, 3), (SQUEEZE, 18, 6)],
        expect=[("reduce_load", SQUEEZE)],
    ),
    dict(
        name="high once, then fine: the latest session decides, no reduce",
        scores=calm_week(),
        sessions=[(SQUEEZE, 14, 8), (SQUEEZE, 16, 2)],
        expect=[],
    ),
    # --- red flags (seed 000) ---
    dict(
        name="loss of bladder or bowel control: emergency",
        scores={**calm_week(), 20: 5},
        flags={20: {"bladder_bowel_loss"}},
        expect=[("emergency", None)],
    ),
    dict(
        name="fever: urgent",
        scores={**calm_week(), 19: 4},
        flags={19: {"fever"}},
        expect=[("urgent", None)],
    ),
    dict(
        name="a fall with pain 7: urgent",
        scores={**calm_week(), 20: 7},
        flags={20: {"fall_or_injury"}},
        expect=[("urgent", None)],
    ),
    dict(
        name="a fall with pain 4: nothing yet",
        scores={**calm_week(), 20: 4},
        flags={20: {"fall_or_injury"}},
        expect=[],
    ),
    dict(
        name="a red flag on the same day as a stop: both, red flag first",
        scores={**calm_week(), 14: 3, 15: 6, 16: 6, **SETTLED},
        sessions=[(BRIDGE, 14, 3)],
        flags={16: {"hot_red_swollen"}},
        expect=[("urgent", None), ("stop_exercise", BRIDGE)],
    ),
    dict(
        name="red flags older than a week are not new advice",
        scores=calm_week(),
        flags={5: {"fever"}},
        care_provider_knows=True,
        expect=[],
    ),
    dict(
        name="night pain on 3 of the last 7 days: see the GP",
        scores=calm_week(),
        night={15, 17, 19},
        expect=[("see_gp", None)],
    ),
    dict(
        name="night pain on 2 of the last 7 days: nothing",
        scores=calm_week(),
        night={15, 19},
        expect=[],
    ),
    dict(
        name="numbness on 3 of the last 7 days: see the GP",
        scores=calm_week(),
        flags={14: {"numbness_tingling"}, 16: {"numbness_tingling"}, 20: {"numbness_tingling"}},
        care_provider_knows=True,
        expect=[("see_gp", None)],
    ),
    dict(
        name="the week's mean 2 higher than the week before: see the GP",
        scores={**{n: 2 for n in range(7, 14)}, **{n: 4 for n in range(14, 21)}},
        care_provider_knows=True,
        expect=[("see_gp", None)],
    ),
    dict(
        name="raised days that also lift the weekly mean: stop and see the GP",
        scores={**calm_week(), 14: 3, 15: 7, 16: 7, 17: 6},
        sessions=[(BRIDGE, 14, 3)],
        expect=[("see_gp", None), ("stop_exercise", BRIDGE)],
    ),
    dict(
        name="pain most days and no GP or physio knows: see the GP",
        scores={n: 2 for n in range(14, 21)},
        care_provider_knows=False,
        expect=[("see_gp", None)],
    ),
    dict(
        name="pain most days but the GP knows: nothing",
        scores={n: 2 for n in range(14, 21)},
        care_provider_knows=True,
        expect=[],
    ),
    # --- replays (the offline queue sends the same writes again) ---
    # The rules see one session per log id, so a replay is the same data; the
    # database test (tests/test_advice_flow.py) sends these writes twice
    # through the API and checks that nothing is stored twice.
    dict(
        name="the same writes replayed: one stop, one pause, one urgent",
        scores={**calm_week(), 15: 3, 17: 4},
        sessions=[(SQUEEZE, 15, 6), (SQUEEZE, 17, 7)],
        flags={17: {"fever"}},
        replay=True,
        expect=[("urgent", None), ("stop_exercise", SQUEEZE)],
    ),
]


def run(scenario):
    today = d(scenario.get("today", TODAY))
    sessions = [
        Session(id=f"s{i}", date=d(day), exercise_id=exercise, pain_during=pain)
        for i, (exercise, day, pain) in enumerate(scenario.get("sessions", []))
    ]
    return evaluate(
        today=today,
        scores={d(n): v for n, v in scenario["scores"].items() if n <= today.day},
        day_flags={d(n): frozenset(f) for n, f in scenario.get("flags", {}).items()},
        night_pain_days={d(n) for n in scenario.get("night", set())},
        sessions=sessions,
        resumed_on={ex: d(n) for ex, n in scenario.get("resumed", {}).items()},
        care_provider_knows=scenario.get("care_provider_knows", True),
        t=Thresholds(),
    )


def test_there_are_at_least_twenty_scenarios():
    assert len(SCENARIOS) >= 20


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(scenario):
    found = [(f.kind, f.exercise_id) for f in run(scenario)]
    assert found == scenario["expect"]


def test_same_data_gives_the_same_keys():
    scenario = SCENARIOS[0]
    assert [f.key for f in run(scenario)] == [f.key for f in run(scenario)]


def test_stop_names_the_days_scores_and_baseline():
    (finding,) = run(SCENARIOS[0])
    assert finding.since == d(16)
    assert finding.evidence == ((d(15), 6), (d(16), 6))
    assert finding.baseline == 3
    assert "002" in finding.source and "Silbernagel" in finding.source


def test_a_pattern_keeps_its_key_while_it_lasts():
    """Night pain from day 14 on: the advice found on day 18 and on day 20
    is the same one (keyed by the start of the run), so it is shown once."""
    night = {14, 15, 16, 17, 18, 19, 20}
    keys = []
    for today in (18, 20):
        findings = evaluate(
            d(today), calm_week(), {}, {d(n) for n in night if n <= today}, [], {}, True
        )
        keys.append([f.key for f in findings])
    assert keys[0] == keys[1]


def test_thresholds_are_settings():
    scenario = dict(scores={**calm_week(), 14: 3, 15: 6}, sessions=[(BRIDGE, 14, 3)])
    one_day = Thresholds(days_after=1)
    findings = evaluate(
        d(TODAY),
        {d(n): v for n, v in scenario["scores"].items()},
        {},
        set(),
        [Session("s", d(14), BRIDGE, 3)],
        {},
        True,
        one_day,
    )
    assert [(f.kind, f.since) for f in findings] == [("stop_exercise", d(15))]


@pytest.mark.parametrize(
    ("scores", "base", "expected"),
    [
        ({17: 3, 18: 3}, 3.0, True),
        ({17: 3, 18: 4}, 3.0, False),
        ({18: 2}, 3.0, False),  # one score since the pause is not enough
        ({14: 1, 15: 1}, 3.0, False),  # before the pause: does not count
        ({17: 5, 19: 4}, None, True),  # no baseline: no longer raised (< 6)
        ({17: 6, 19: 4}, None, False),
    ],
)
def test_may_resume(scores, base, expected):
    assert (
        may_resume({d(n): v for n, v in scores.items()}, d(16), base, d(20), Thresholds())
        is expected
    )


def scenario_named(start: str) -> dict:
    return next(s for s in SCENARIOS if s["name"].startswith(start))


def test_a_stop_for_pain_during_keeps_the_baseline():
    """Without it "you may try again" would fall back to "below 6" and let
    a user with a usual pain of 3 start again at 5."""
    (finding,) = run(scenario_named("pain during above 5 twice"))
    assert finding.rule == "pain_during_twice"
    assert finding.baseline == 3  # the week before the first of the two sessions


def test_night_pain_counts_the_nights_not_the_scored_days():
    """Nights of pain on days 15, 17 and 19, none of which has a day score:
    the message must say 3, not the 0 scored days."""
    (finding,) = run(scenario_named("night pain on 3"))
    assert finding.extra["days"] == 3
    assert finding.evidence == ()


def test_numbness_counts_the_flagged_days():
    numb = {d(n): frozenset({"numbness_tingling"}) for n in (15, 17, 19)}
    (finding,) = evaluate(d(20), {d(17): 4}, numb, set(), [], {}, True)
    assert (finding.rule, finding.extra["days"]) == ("numbness_tingling", 3)
    assert finding.evidence == ((d(17), 4),)


def replay_day_by_day(first: datetime.date, days: int, night: set[datetime.date]):
    """Runs the rules once a day, as the refresh after each day's entry does,
    with a store of what was found: key -> since, as in the Advice table, and
    the last day each was found (its last_seen)."""
    stored: dict[str, datetime.date] = {}
    last_seen: dict[str, datetime.date] = {}
    scores: dict[datetime.date, int] = {}
    for n in range(days):
        today = first + datetime.timedelta(days=n)
        scores[today] = 3
        newest: dict[str, tuple[str, datetime.date, datetime.date]] = {}
        for key, seen_on in sorted(last_seen.items(), key=lambda item: item[1]):
            newest[key.split(":")[1]] = (key, stored[key], seen_on)
        seen = {day for day in night if day <= today}
        found = continue_patterns(evaluate(today, scores, {}, seen, [], {}, False), newest)
        for finding in found:
            stored.setdefault(finding.key, finding.since)
            last_seen[finding.key] = today
    return stored


def test_a_pattern_of_forty_days_is_one_advice():
    """Pain every day for 40 days, every night too, and no GP knows: one
    lasting-pain and one night-pain advice, not a new one every day once the
    run is longer than the 28 days the rules look back."""
    first = datetime.date(2026, 10, 1)
    every_night = {first + datetime.timedelta(days=n) for n in range(40)}
    stored = replay_day_by_day(first, 40, every_night)
    assert sorted(key.split(":")[1] for key in stored) == ["lasting_pain", "night_pain"]


def test_a_pattern_that_stopped_and_came_back_is_new_advice():
    """Nights of pain for 35 days, then 10 quiet nights, then again: the
    second run is a new advice (its start is in view again)."""
    first = datetime.date(2026, 10, 1)
    nights = {first + datetime.timedelta(days=n) for n in (*range(35), *range(45, 50))}
    stored = replay_day_by_day(first, 50, nights)
    assert sorted(key for key in stored if ":night_pain:" in key) == [
        "see_gp:night_pain:2026-10-03",
        "see_gp:night_pain:2026-11-17",
    ]


def test_an_open_pattern_without_stored_advice_keeps_its_own_key():
    first = datetime.date(2026, 10, 1)
    today = first + datetime.timedelta(days=39)
    nights = {first + datetime.timedelta(days=n) for n in range(40)}
    found = evaluate(today, {}, {}, nights, [], {}, True)
    (finding,) = found
    assert finding.open_start and finding.since == today - datetime.timedelta(days=28)
    assert continue_patterns(found, {}) == found
    # Advice last seen before the day the current run is known to cover (the
    # day before the first day in view) belongs to an earlier, separate run.
    covered_from = finding.since - datetime.timedelta(days=1)
    earlier_run = (
        "see_gp:night_pain:2026-08-01",
        datetime.date(2026, 8, 1),
        covered_from - datetime.timedelta(days=1),
    )
    assert continue_patterns(found, {"night_pain": earlier_run}) == found
    # Advice last seen on a covered day is this run, also when it started
    # inside the view (earlier days were filled in later): it is continued.
    this_run = ("see_gp:night_pain:2026-11-01", datetime.date(2026, 11, 1), covered_from)
    (continued,) = continue_patterns(found, {"night_pain": this_run})
    assert (continued.key, continued.since) == ("see_gp:night_pain:2026-11-01", finding.since)
