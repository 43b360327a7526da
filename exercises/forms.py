"""The no-JavaScript way to log a session: an ordinary form on the player page."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from exercises.models import PAIN_MAX, PAIN_MIN
from exercises.serializers import HOLD_SECONDS_MAX, NOTE_MAX_LENGTH, REPS_MAX, SETS_MAX


def _number(label, maximum: int) -> forms.IntegerField:
    message = format_lazy(_("Give a whole number from 0 to {maximum}."), maximum=maximum)
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=maximum,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class LogForm(forms.Form):
    # Made when the page is drawn, so sending the same form twice (a double
    # tap, the back button) saves one session, as the API does with its UUID.
    log_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    sets = _number(_("Sets"), SETS_MAX)
    reps = _number(_("Repetitions per set"), REPS_MAX)
    hold_seconds = _number(_("Seconds held"), HOLD_SECONDS_MAX)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": format_lazy(
                _("A note can be at most {max_length} characters long."),
                max_length=NOTE_MAX_LENGTH,
            )
        },
    )
    pain_during = forms.TypedChoiceField(
        label=_("How much pain did you have during the exercise?"),
        choices=[(str(n), str(n)) for n in range(PAIN_MIN, PAIN_MAX + 1)],
        coerce=int,
        error_messages={
            "required": _("Choose how much pain you had: a number from 0 to 10."),
            "invalid_choice": _("Choose how much pain you had: a number from 0 to 10."),
        },
    )
