"""Small template helpers for the exercise pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exercises.serializers import illustration_url

register = template.Library()


@register.simple_tag
def dose(sets: int, reps: int, hold_seconds: int) -> str:
    """ "2 sets of 10 · hold 3 seconds", or "10 minutes" for an activity."""
    if sets == 1 and reps == 1 and hold_seconds >= 60 and hold_seconds % 60 == 0:
        minutes = hold_seconds // 60
        return ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": minutes}
    if sets > 1:
        parts = [_("%(sets)s sets of %(reps)s") % {"sets": sets, "reps": reps}]
    else:
        parts = [ngettext("%(reps)s time", "%(reps)s times", reps) % {"reps": reps}]
    if hold_seconds:
        parts.append(
            ngettext("hold %(seconds)s second", "hold %(seconds)s seconds", hold_seconds)
            % {"seconds": hold_seconds}
        )
    return " · ".join(parts)


@register.filter
def illustration(exercise) -> str | None:
    return illustration_url(exercise)
