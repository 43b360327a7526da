"""The database edge of the advice rules: load plain data, store findings.

refresh_advice() runs the rules and stores what they find. It runs when
advice or pauses are read and a write since the last run could have changed
them (bring_up_to_date; the writes only count themselves, see
diary/advice_state.py and diary/signals.py), so the page or answer that
shows the advice always reflects every saved entry. It is idempotent: a
finding's key is unique per user, so running it again stores nothing twice,
and a stop never opens a second pause for the same exercise.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import fields

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation

from diary.advice import (
    RED_FLAG_KINDS,
    Finding,
    Session,
    Thresholds,
    continue_patterns,
    evaluate,
    may_resume,
    severity_rank,
)
from diary.advice_state import record_check, unseen_changes
from diary.advice_text import pause_reason
from diary.models import Advice, DayEntry, PainReading
from diary.trends import merge_day_scores
from exercises.models import ExerciseLog, ExercisePause

logger = logging.getLogger(__name__)


def thresholds() -> Thresholds:
    """The numbers in settings.ADVICE_THRESHOLDS (declared with the clinical
    defaults in heupdagboek/settings.py); a name Thresholds does not know is
    a mistake, not something to ignore."""
    overrides = settings.ADVICE_THRESHOLDS
    known = {f.name for f in fields(Thresholds)}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(f"Unknown ADVICE_THRESHOLDS: {sorted(unknown)}")
    return Thresholds(**overrides)


def history_start(today: datetime.date, t: Thresholds) -> datetime.date:
    # Far enough back for the oldest session's baseline and for the
    # red-flag patterns' runs (two 7-day windows before the look-back).
    return today - datetime.timedelta(days=t.lookback_days + 2 * t.window_days + t.baseline_days)


def day_scores(user, since: datetime.date, until: datetime.date) -> tuple[dict, list]:
    """Day scores by date, and the entry rows (date, red_flags, night_pain)."""
    rows = list(
        DayEntry.objects.filter(user=user, date__range=(since, until)).values_list(
            "date", "pain", "red_flags", "night_pain"
        )
    )
    highest = dict(
        PainReading.objects.filter(user=user, date__range=(since, until))
        .values("date")
        .annotate(highest=Max("pain"))
        .values_list("date", "highest")
    )
    return merge_day_scores({r[0]: r[1] for r in rows}, highest), rows


def find(
    user, today: datetime.date | None = None, pauses: list[ExercisePause] | None = None
) -> tuple[list[Finding], dict]:
    """What the rules find for this user today, and the day scores used.

    ``pauses`` are all the user's pauses when the caller already has them.
    """
    today = today or user.today()
    t = thresholds()
    scores, rows = day_scores(user, history_start(today, t), today)
    sessions = [
        Session(id=str(pk), date=day, exercise_id=exercise_id, pain_during=pain)
        for pk, day, exercise_id, pain in ExerciseLog.objects.filter(
            user=user,
            date__range=(today - datetime.timedelta(days=t.lookback_days), today),
        )
        .order_by("date", "created_at")
        .values_list("id", "date", "exercise_id", "pain_during")
    ]
    if pauses is None:
        pauses = list(ExercisePause.objects.filter(user=user))
    findings = evaluate(
        today=today,
        scores=scores,
        day_flags={r[0]: frozenset(r[2]) for r in rows if r[2]},
        night_pain_days={r[0] for r in rows if r[3]},
        sessions=sessions,
        resumed_on=last_resumed(pauses),
        care_provider_knows=user.care_provider_knows,
        t=t,
    )
    if any(finding.open_start for finding in findings):
        findings = continue_patterns(findings, newest_patterns(user))
    return findings, scores


def newest_patterns(user) -> dict[str, tuple[str, datetime.date, datetime.date | None]]:
    """Per see_gp rule, the key, first day and last day seen of the advice
    seen most recently. Only asked for when a pattern has held for the whole
    look-back, so an ordinary refresh keeps its five queries."""
    newest: dict[str, tuple[str, datetime.date, datetime.date | None]] = {}
    rows = (
        Advice.objects.filter(user=user, kind="see_gp", last_seen__isnull=False)
        .order_by("-last_seen", "-since", "-created_at")
        .values_list("rule", "key", "since", "last_seen")
    )
    for rule, key, since, last_seen in rows:
        newest.setdefault(rule, (key, since, last_seen))
    return newest


def last_resumed(pauses: list[ExercisePause]) -> dict[int, datetime.date]:
    """Per exercise, the last day a pause of it ended."""
    resumed: dict[int, datetime.date] = {}
    for pause in pauses:
        if pause.resumed_on and pause.resumed_on > resumed.get(
            pause.exercise_id, datetime.date.min
        ):
            resumed[pause.exercise_id] = pause.resumed_on
    return resumed


def can_change_advice(user, day: datetime.date) -> bool:
    """Whether a write for ``day`` can change what refresh_advice finds: the
    rules read nothing before history_start (sessions, flags, baselines and
    the days a pause may end on all lie after it), so a late entry for a
    day long ago, or an imported year, needs no new look."""
    return day >= history_start(user.today(), thresholds())


def bring_up_to_date(user) -> None:
    """Runs the rules when a write since their last run, or a new day, may
    have changed what they find; otherwise one query. Everything that shows
    advice or pauses calls this first."""
    changes = unseen_changes(user.pk, user.today())  # before the data: see advice_state
    if changes is None:
        return
    # The user object was loaded before the count was read: the answers the
    # rules use may have changed since (and been counted), so read them again.
    user.refresh_from_db(fields=["care_provider_knows", "time_zone"])
    today = user.today()
    # A fault in the rules must never cost the user the page: what was
    # stored before is shown, the fault is logged, and the next read tries
    # again (the check is not recorded).
    try:
        with transaction.atomic():
            refresh_advice(user, today)
            record_check(user.pk, changes, today)
    except Exception:
        logger.exception("Advice refresh failed for user %s", user.pk)


def refresh_advice(user, today: datetime.date | None = None) -> None:
    """Runs the rules and stores what is new: five queries when nothing
    changed (day scores, readings, sessions, pauses, open advice)."""
    today = today or user.today()
    # A user has few pauses (one per stopped exercise): one query for them
    # all serves both the rules and the "you may try again" flags below.
    pauses = list(ExercisePause.objects.filter(user=user))
    findings, scores = find(user, today, pauses)
    keys = {f.key for f in findings}
    rows = Advice.objects.filter(user=user).filter(
        Q(key__in=keys)
        | Q(kind="reduce_load", resolved_at__isnull=True, acknowledged_at__isnull=True)
    )
    stored_rows = list(rows.values_list("key", "kind", "last_seen"))
    stored = {key: kind for key, kind, _seen in stored_rows}
    new = [finding for finding in findings if finding.key not in stored]
    for finding in new:
        store(user, finding, today)
    # A see_gp pattern still holding: note the day, so that it can be told
    # apart from a later, separate run (continue_patterns). One UPDATE, and
    # only on the first refresh of a day.
    seen_before = [
        key
        for key, kind, last_seen in stored_rows
        if kind == "see_gp" and key in keys and last_seen != today
    ]
    if seen_before:
        Advice.objects.filter(user=user, key__in=seen_before).update(last_seen=today)
    if any(finding.kind == "stop_exercise" for finding in new):
        pauses = list(ExercisePause.objects.filter(user=user))  # one may be new
    # "Do less next time" is done once a later session of that exercise went well.
    done = [key for key, kind in stored.items() if kind == "reduce_load" and key not in keys]
    if done:
        Advice.objects.filter(user=user, key__in=done, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
    update_may_resume(pauses, scores, today)


def store(user, finding: Finding, today: datetime.date) -> Advice | None:
    try:
        with transaction.atomic():
            advice = Advice.objects.create(
                user=user,
                kind=finding.kind,
                key=finding.key,
                rule=finding.rule,
                exercise_id=finding.exercise_id,
                since=finding.since,
                last_seen=today if finding.kind == "see_gp" else None,
                evidence=[{"date": d.isoformat(), "pain": p} for d, p in finding.evidence],
                baseline=finding.baseline,
                extra={k: _json(v) for k, v in finding.extra.items()},
                source=finding.source,
            )
            if finding.kind == "stop_exercise":
                advice.pause = pause_exercise(user, advice)
                advice.save(update_fields=["pause"])
            return advice
    except IntegrityError:
        # The same finding stored by a concurrent request: nothing to add.
        return None


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def pause_exercise(user, advice: Advice) -> ExercisePause:
    """The open pause of that exercise, or a new one."""
    existing = ExercisePause.objects.filter(
        user=user, exercise_id=advice.exercise_id, resumed_on__isnull=True
    ).first()
    if existing:
        return existing
    reasons = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reasons[language] = pause_reason(advice)
    return ExercisePause.objects.create(
        user=user,
        exercise_id=advice.exercise_id,
        since=advice.since,
        baseline=advice.baseline,
        reason=pause_reason(advice),
        reasons=reasons,
    )


def update_may_resume(pauses: list[ExercisePause], scores: dict, today: datetime.date) -> None:
    t = thresholds()
    for pause in pauses:
        if pause.resumed_on is not None:
            continue
        flag = may_resume(scores, pause.since, pause.baseline, today, t)
        if flag != pause.may_resume:
            pause.may_resume = flag
            pause.save(update_fields=["may_resume"])


def current_advice(user) -> list[Advice]:
    """What to show now, most severe first: red flags until acknowledged, a
    stop while its pause lasts (once per exercise), "do less" until done.
    Brought up to date with every saved write first."""
    bring_up_to_date(user)
    rows = (
        Advice.objects.filter(user=user, acknowledged_at__isnull=True, resolved_at__isnull=True)
        .select_related("exercise", "pause")
        .order_by("-since", "-created_at")
    )
    paused = set(
        ExercisePause.objects.filter(user=user, resumed_on__isnull=True).values_list(
            "exercise_id", flat=True
        )
    )
    shown, stopped = [], set()
    for advice in rows:
        if advice.kind in RED_FLAG_KINDS:
            shown.append(advice)
        elif advice.kind == "stop_exercise":
            if (
                advice.pause
                and advice.pause.resumed_on is None
                and advice.exercise_id not in stopped
            ):
                stopped.add(advice.exercise_id)
                shown.append(advice)
        elif advice.exercise_id not in paused:
            shown.append(advice)
    return sorted(shown, key=lambda a: severity_rank(a.kind))


def acknowledge(user, advice_id: int) -> Advice:
    advice = Advice.objects.get(user=user, pk=advice_id)
    if advice.acknowledged_at is None:
        advice.acknowledged_at = timezone.now()
        advice.save(update_fields=["acknowledged_at"])
    return advice
