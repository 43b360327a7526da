"""The words of the advice, written when shown, in the reader's language.

Facts from the seeds, sentences our own (plain Dutch, B1, "je"). Each text
names the days and scores that led to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TITLES = {
    "emergency": gettext_lazy("Call 112 or the out-of-hours GP service now"),
    "urgent": gettext_lazy("Contact your GP today"),
    "see_gp": gettext_lazy("Make an appointment with your GP"),
    "stop_exercise": gettext_lazy("Stop this exercise for now"),
    "reduce_load": gettext_lazy("Do a little less next time"),
}


@dataclass(frozen=True)
class Action:
    label: str
    href: str


def _day(value) -> str:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return formats.date_format(value, "j F")


def _scores(evidence) -> str:
    """ "6 on 19 November and 7 on 20 November"."""
    parts = [
        _("%(pain)s on %(day)s") % {"pain": e["pain"], "day": _day(e["date"])} for e in evidence
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _number(value: float) -> str:
    return formats.number_format(value, 1)


def exercise_name(advice) -> str:
    return str(advice.exercise) if advice.exercise_id else ""


def explanation(advice) -> str:
    """What happened: the days and scores behind the advice."""
    name = exercise_name(advice)
    if advice.kind == "stop_exercise" and advice.rule == "raised_days":
        text = _(
            "After the exercise “%(exercise)s” on %(day)s your pain stayed high: %(scores)s."
        ) % {
            "exercise": name,
            "day": _day(advice.extra.get("session_date", advice.since)),
            "scores": _scores(advice.evidence),
        }
        if advice.baseline is not None:
            text += " " + _("In the week before it was around %(baseline)s.") % {
                "baseline": _number(advice.baseline)
            }
        return text
    if advice.kind == "stop_exercise":
        return _(
            "During the exercise “%(exercise)s” your pain was above 5 twice in a row: %(scores)s."
        ) % {
            "exercise": name,
            "scores": _scores(advice.evidence),
        }
    if advice.kind == "reduce_load":
        return _(
            "During the exercise “%(exercise)s” your pain was %(scores)s. That is more than 5."
        ) % {
            "exercise": name,
            "scores": _scores(advice.evidence),
        }
    if advice.kind in ("emergency", "urgent"):
        symptom = {
            "bladder_bowel_loss": _(
                "You cannot hold your urine or stool, and you have pain in your hip or back."
            ),
            "fever": _("You have a fever and pain in your hip."),
            "hot_red_swollen": _("Your hip is warm, red or swollen."),
            "cannot_bear_weight": _("You cannot stand on your leg."),
            "fall_or_injury": _("You fell or hurt your hip, and the pain is severe."),
        }[advice.rule]
        return symptom + " " + _("You told us on %(day)s.") % {"day": _day(advice.since)}
    # The flagged days themselves (stored since the count left out days
    # without a score); older advice only has its evidence to go by.
    count = advice.extra.get("days", len(advice.evidence))
    return {
        "night_pain": _("In the last 7 days the pain woke you up %(count)s times."),
        "numbness_tingling": _(
            "In the last 7 days your leg felt numb or tingled on %(count)s days."
        ),
        "lasting_pain": _("You had pain on %(count)s of the last 7 days."),
        "rising_pain": _(
            "Your pain is getting worse: on average %(recent)s this week, "
            "%(earlier)s the week before."
        ),
    }[advice.rule] % {
        "count": count,
        "recent": _number(advice.extra.get("recent_mean", 0)),
        "earlier": _number(advice.extra.get("earlier_mean", 0)),
    }


def what_to_do(advice) -> str:
    if advice.kind == "emergency":
        return _("This needs a doctor straight away. Call 112 now, or the out-of-hours GP service.")
    if advice.kind == "urgent":
        return _(
            "Call your own GP today. During office hours you call the practice; in the "
            "evening, at night and at the weekend you call the out-of-hours GP service "
            "(huisartsenpost)."
        )
    if advice.kind == "see_gp":
        if advice.rule == "lasting_pain":
            return _(
                "Pain that does not go away should be checked. Make an appointment with your GP "
                "or a physiotherapist."
            )
        return _("Make an appointment with your GP and show this diary.")
    if advice.kind == "stop_exercise":
        return _(
            "Your hip needs rest. Leave this exercise for now; your other exercises can go on. "
            "When the pain has settled, we will tell you that you may try again."
        )
    return _("Do fewer repetitions or hold for a shorter time. Stop if it hurts.")


def message(advice) -> str:
    return f"{explanation(advice)} {what_to_do(advice)}"


def actions(advice) -> list[Action]:
    """Phone actions for advice that cannot wait. The out-of-hours GP
    service has a regional number, so it is a button only when the server
    knows it (settings.HUISARTSENPOST_PHONE); the text names it either way."""
    if advice.kind == "emergency":
        return [Action(_("Call 112"), "tel:112")]
    phone = settings.HUISARTSENPOST_PHONE
    if advice.kind == "urgent" and phone:
        # tel: URIs allow "-" as a visual separator but no spaces (RFC 3966).
        return [
            Action(
                _("Call the out-of-hours GP service: %(phone)s") % {"phone": phone},
                "tel:" + phone.replace(" ", ""),
            )
        ]
    return []


def pause_reason(advice) -> str:
    """The reason stored with a pause (shown in the plan and the player)."""
    return explanation(advice)
