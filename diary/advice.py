"""Advice rules: pure, typed functions over plain data, no database.

Each rule names where it comes from. The seeds are the two articles in
shared/reference: seed 000 (the long patient article on hip pain: symptoms,
when to see a doctor) and seed 002 ("six tips to prevent hip pain", with its
"luister naar je lichaam" rule).

* stop_exercise: seed 002 - pain that started with an exercise and lasts
  hours or even days means the joint needs rest: stop that exercise. Made
  measurable with the pain monitoring model (Silbernagel, Thomee et al., Am J
  Sports Med 2007): pain during exercise up to 5/10 is acceptable and must
  settle by the next morning; NEMEX-TJR/GLA:D use the same zones.
* reduce_load: the same model - pain above 5/10 during an exercise is above
  the acceptable zone; do less next time.
* emergency / urgent / see_gp: seed 000, "Wanneer medische hulp
  inschakelen?" and its symptoms: loss of bladder or bowel control with hip
  or back pain is an emergency (cauda equina); fever, a warm, red or swollen
  joint, not being able to bear weight, or a fall with severe pain need a
  doctor the same day; pain that wakes you at night, pain that keeps getting
  worse or lasts, and numbness or tingling need a GP appointment.

The edge that feeds these and stores what they find is diary/advice_store.py.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from statistics import median

# Most severe first; this order is how advice is shown.
SEVERITY = ("emergency", "urgent", "see_gp", "stop_exercise", "reduce_load")
RED_FLAG_KINDS = frozenset({"emergency", "urgent", "see_gp"})

# Named so a reader can find them; the seeds' titles are their own (Dutch).
SOURCE_002 = (
    "Zes handige tips om pijn in de heupen te voorkomen: luister naar je lichaam (seed 002)"
)
SOURCE_PAIN_MODEL = "Silbernagel, Thomeé et al., Am J Sports Med 2007: pain monitoring model"
SOURCE_000 = (
    "Heuppijn of pijn in heup: symptomen, oorzaak en behandeling; "
    "wanneer medische hulp inschakelen (seed 000)"
)

Scores = Mapping[datetime.date, int]


@dataclass(frozen=True)
class Thresholds:
    """The numbers of the rules. settings.ADVICE_THRESHOLDS holds the values
    in use (heupdagboek/settings.py, each overridable as ADVICE_<NAME>);
    these defaults are the clinical ones and the settings repeat them."""

    days_after: int = 2  # N: raised days needed after a session
    baseline_days: int = 7
    baseline_min_scores: int = 3
    raised_above_baseline: int = 2
    raised_without_baseline: int = 6
    pain_during_limit: int = 5  # above this is too much (pain monitoring model)
    urgent_fall_pain: int = 7
    window_days: int = 7  # "the last 7 days" of the red-flag patterns
    night_pain_days: int = 3
    numbness_days: int = 3
    pain_days_unknown_to_gp: int = 5
    rise_in_mean: int = 2
    lookback_days: int = 28  # how far back sessions and flags are looked at


@dataclass(frozen=True)
class Session:
    """One exercise session, in the order it was logged."""

    id: str
    date: datetime.date
    exercise_id: int
    pain_during: int


@dataclass(frozen=True)
class Finding:
    kind: str
    key: str  # stable: the same data always gives the same key
    since: datetime.date
    rule: str  # which part of the rule fired, for the message
    source: str
    exercise_id: int | None = None
    evidence: tuple[tuple[datetime.date, int], ...] = ()
    baseline: float | None = None
    extra: Mapping[str, object] = field(default_factory=dict)
    # A red-flag pattern that held on every day the rules look back at (and
    # the day before): its real first day lies further back than they see,
    # so ``since`` and ``key`` are only the edge of the look-back and move
    # each day. continue_patterns() gives it the key of the advice it
    # continues.
    open_start: bool = False


def severity_rank(kind: str) -> int:
    return SEVERITY.index(kind)


def days_before(day: datetime.date, count: int) -> list[datetime.date]:
    """The ``count`` days before ``day``, oldest first."""
    return [day - datetime.timedelta(days=n) for n in range(count, 0, -1)]


def last_days(today: datetime.date, count: int) -> list[datetime.date]:
    """The ``count`` days ending with ``today``, oldest first."""
    return [today - datetime.timedelta(days=n) for n in range(count - 1, -1, -1)]


# --- stop_exercise and reduce_load --------------------------------------------


def baseline(scores: Scores, day: datetime.date, t: Thresholds) -> float | None:
    """The median day score of the 7 days before ``day``, when at least 3 of
    them have a score; otherwise there is no baseline."""
    values = [scores[d] for d in days_before(day, t.baseline_days) if d in scores]
    if len(values) < t.baseline_min_scores:
        return None
    return float(median(values))


def is_raised(score: int, base: float | None, t: Thresholds) -> bool:
    if base is None:
        return score >= t.raised_without_baseline
    return score >= base + t.raised_above_baseline


def stop_after_raised_days(
    today: datetime.date,
    scores: Scores,
    sessions: Sequence[Session],
    resumed_on: Mapping[int, datetime.date],
    t: Thresholds,
) -> list[Finding]:
    """Seed 002 with the pain monitoring model: exercise X on day d, then each
    of the N days after d has a score and is raised. A day without a score is
    no evidence, so a gap never fires the rule."""
    findings = []
    done_on: set[tuple[int, datetime.date]] = {(s.exercise_id, s.date) for s in sessions}
    for exercise_id, day in sorted(done_on, key=lambda pair: (pair[1], pair[0])):
        if not _counts(day, exercise_id, today, resumed_on, t):
            continue
        after = [day + datetime.timedelta(days=n) for n in range(1, t.days_after + 1)]
        if after[-1] > today or any(d not in scores for d in after):
            continue
        base = baseline(scores, day, t)
        if all(is_raised(scores[d], base, t) for d in after):
            findings.append(
                Finding(
                    kind="stop_exercise",
                    key=f"stop_exercise:{exercise_id}:{day.isoformat()}",
                    since=after[-1],
                    rule="raised_days",
                    source=f"{SOURCE_002}; {SOURCE_PAIN_MODEL}",
                    exercise_id=exercise_id,
                    evidence=tuple((d, scores[d]) for d in after),
                    baseline=base,
                    extra={"session_date": day},
                )
            )
    return findings


def _counts(
    day: datetime.date,
    exercise_id: int,
    today: datetime.date,
    resumed_on: Mapping[int, datetime.date],
    t: Thresholds,
) -> bool:
    """Whether a session on ``day`` may still fire a rule: recent, and done
    after the exercise was last resumed (what came before led to that pause)."""
    if day < today - datetime.timedelta(days=t.lookback_days):
        return False
    resumed = resumed_on.get(exercise_id)
    return resumed is None or day >= resumed


def by_exercise(sessions: Sequence[Session]) -> dict[int, list[Session]]:
    grouped: dict[int, list[Session]] = defaultdict(list)
    for session in sessions:
        grouped[session.exercise_id].append(session)
    return grouped


def pain_during_rules(
    today: datetime.date,
    scores: Scores,
    sessions: Sequence[Session],
    resumed_on: Mapping[int, datetime.date],
    t: Thresholds,
) -> list[Finding]:
    """Pain monitoring model: above 5/10 during an exercise is too much.
    Twice in a row for the same exercise: stop it; once (the latest
    session): do less next time.

    A stop keeps the baseline of the week before the first of the two
    sessions (the pain before the exercise started to hurt), so that "you may
    try again" compares with the user's own level, as after raised days."""
    findings = []
    for exercise_id, own in by_exercise(sessions).items():
        own = [s for s in own if _counts(s.date, exercise_id, today, resumed_on, t)]
        for first, second in pairwise(own):
            if first.pain_during > t.pain_during_limit and second.pain_during > t.pain_during_limit:
                findings.append(
                    Finding(
                        kind="stop_exercise",
                        key=f"stop_exercise:{exercise_id}:during:{second.id}",
                        since=second.date,
                        rule="pain_during_twice",
                        source=SOURCE_PAIN_MODEL,
                        exercise_id=exercise_id,
                        evidence=(
                            (first.date, first.pain_during),
                            (second.date, second.pain_during),
                        ),
                        baseline=baseline(scores, first.date, t),
                    )
                )
        if own and own[-1].pain_during > t.pain_during_limit:
            last = own[-1]
            findings.append(
                Finding(
                    kind="reduce_load",
                    key=f"reduce_load:{exercise_id}:{last.id}",
                    since=last.date,
                    rule="pain_during_once",
                    source=SOURCE_PAIN_MODEL,
                    exercise_id=exercise_id,
                    evidence=((last.date, last.pain_during),),
                )
            )
    return findings


# --- red flags ------------------------------------------------------------------


def red_flags_of_days(
    today: datetime.date,
    scores: Scores,
    day_flags: Mapping[datetime.date, frozenset[str]],
    t: Thresholds,
) -> list[Finding]:
    """Seed 000: symptoms ticked on a day of the last 7 days."""
    findings = []
    for day in last_days(today, t.window_days):
        flags = day_flags.get(day, frozenset())
        evidence = ((day, scores[day]),) if day in scores else ()
        if "bladder_bowel_loss" in flags:
            findings.append(_flag("emergency", "bladder_bowel_loss", day, evidence))
        for flag in ("fever", "hot_red_swollen", "cannot_bear_weight"):
            if flag in flags:
                findings.append(_flag("urgent", flag, day, evidence))
        if "fall_or_injury" in flags and scores.get(day, 0) >= t.urgent_fall_pain:
            findings.append(_flag("urgent", "fall_or_injury", day, evidence))
    return findings


def _flag(kind: str, flag: str, day: datetime.date, evidence) -> Finding:
    return Finding(
        kind=kind,
        key=f"{kind}:{flag}:{day.isoformat()}",
        since=day,
        rule=flag,
        source=SOURCE_000,
        evidence=evidence,
    )


def _count_in_window(days: set[datetime.date], end: datetime.date, t: Thresholds) -> int:
    return sum(1 for d in last_days(end, t.window_days) if d in days)


def _mean_rise(scores: Scores, end: datetime.date, t: Thresholds) -> tuple[float, float] | None:
    """(previous mean, recent mean) when each 7-day window has at least 3
    scores; a mean of one or two days says too little."""
    recent = [scores[d] for d in last_days(end, t.window_days) if d in scores]
    earlier_end = end - datetime.timedelta(days=t.window_days)
    earlier = [scores[d] for d in last_days(earlier_end, t.window_days) if d in scores]
    if len(recent) < t.baseline_min_scores or len(earlier) < t.baseline_min_scores:
        return None
    return sum(earlier) / len(earlier), sum(recent) / len(recent)


def see_gp_patterns(
    today: datetime.date,
    scores: Scores,
    day_flags: Mapping[datetime.date, frozenset[str]],
    night_pain_days: set[datetime.date],
    care_provider_knows: bool,
    t: Thresholds,
) -> list[Finding]:
    """Seed 000, when to see the GP: pain that wakes you at night, pain that
    keeps getting worse, numbness or tingling, pain that does not go away
    (and no GP or physiotherapist knows yet).

    A pattern that holds today is keyed by the first day of its current run,
    so it is one advice for as long as it lasts (and is acknowledged once).
    The run is looked for back to the look-back (28 days); a run that began
    before it is marked ``open_start`` (see continue_patterns).
    """
    numb_days = {d for d, flags in day_flags.items() if "numbness_tingling" in flags}
    pain_days = {d for d, score in scores.items() if score >= 1}

    def rise(end: datetime.date) -> bool:
        means = _mean_rise(scores, end, t)
        return means is not None and means[1] - means[0] >= t.rise_in_mean

    patterns = {
        "night_pain": lambda end: _count_in_window(night_pain_days, end, t) >= t.night_pain_days,
        "rising_pain": rise,
        "numbness_tingling": lambda end: _count_in_window(numb_days, end, t) >= t.numbness_days,
        "lasting_pain": lambda end: (
            not care_provider_knows
            and _count_in_window(pain_days, end, t) >= t.pain_days_unknown_to_gp
        ),
    }
    flagged_days = {
        "night_pain": night_pain_days,
        "numbness_tingling": numb_days,
        "lasting_pain": pain_days,
        "rising_pain": set(scores),
    }
    first_seen = today - datetime.timedelta(days=t.lookback_days)
    findings = []
    for rule, holds in patterns.items():
        if not holds(today):
            continue
        start = today
        while start > first_seen and holds(start - datetime.timedelta(days=1)):
            start -= datetime.timedelta(days=1)
        open_start = start == first_seen and holds(start - datetime.timedelta(days=1))
        window = last_days(today, t.window_days)
        days = [d for d in window if d in flagged_days[rule]]
        # The message counts the flagged days (a night-pain day need not have
        # a score); the evidence lists the scores of those that have one.
        extra: dict[str, object] = {"days": len(days)}
        if rule == "rising_pain":
            earlier, recent = _mean_rise(scores, today, t) or (0.0, 0.0)
            extra = {"earlier_mean": earlier, "recent_mean": recent}
        findings.append(
            Finding(
                kind="see_gp",
                key=f"see_gp:{rule}:{start.isoformat()}",
                since=start,
                rule=rule,
                source=SOURCE_000,
                evidence=tuple((d, scores[d]) for d in days if d in scores),
                extra=extra,
                open_start=open_start,
            )
        )
    return findings


def continue_patterns(
    findings: Sequence[Finding],
    newest: Mapping[str, tuple[str, datetime.date, datetime.date | None]],
) -> list[Finding]:
    """A pattern that has held for longer than the rules look back continues
    the stored see_gp advice of its rule that was seen last (``newest``:
    rule -> (key, since, last_seen)), but only when that advice was seen on
    a day the current run covers: ``open_start`` means the pattern held on
    every day from the day before ``since`` through today, so an advice last
    seen on one of those days belongs to this run. Then it stays one advice,
    acknowledged once, instead of a new one every day. An advice of an
    earlier, separate run (last seen before the gap) is never continued: the
    new run is new advice. Without a match the finding keeps its own key."""
    continued = []
    for finding in findings:
        known = newest.get(finding.rule) if finding.open_start else None
        if known is not None:
            key, since, last_seen = known
            if last_seen is not None and last_seen >= finding.since - datetime.timedelta(days=1):
                finding = replace(finding, key=key, since=min(since, finding.since))
        continued.append(finding)
    return continued


# --- all rules together ---------------------------------------------------------------


def evaluate(
    today: datetime.date,
    scores: Scores,
    day_flags: Mapping[datetime.date, frozenset[str]],
    night_pain_days: set[datetime.date],
    sessions: Sequence[Session],
    resumed_on: Mapping[int, datetime.date],
    care_provider_knows: bool,
    t: Thresholds = Thresholds(),
) -> list[Finding]:
    """Everything the rules find today, most severe first. Sessions must be
    in the order they were logged. reduce_load is left out for an exercise
    that the same data stops."""
    stops = stop_after_raised_days(today, scores, sessions, resumed_on, t)
    during = pain_during_rules(today, scores, sessions, resumed_on, t)
    stops += [f for f in during if f.kind == "stop_exercise"]
    stopped = {f.exercise_id for f in stops}
    reduce = [f for f in during if f.kind == "reduce_load" and f.exercise_id not in stopped]
    findings = (
        red_flags_of_days(today, scores, day_flags, t)
        + see_gp_patterns(today, scores, day_flags, night_pain_days, care_provider_knows, t)
        + stops
        + reduce
    )
    return sorted(findings, key=lambda f: (severity_rank(f.kind), f.since, f.key))


def may_resume(
    scores: Scores,
    pause_since: datetime.date,
    base: float | None,
    today: datetime.date,
    t: Thresholds,
) -> bool:
    """ "You may try again": the last 2 day scores since the pause are back at
    or below the baseline of the pause (without a baseline: no longer raised)."""
    recent = [scores[d] for d in sorted(scores, reverse=True) if pause_since < d <= today][:2]
    if len(recent) < 2:
        return False
    if base is None:
        return all(score < t.raised_without_baseline for score in recent)
    return all(score <= base for score in recent)
