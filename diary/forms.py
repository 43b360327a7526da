from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from diary.choices import Location, ReadingContext, RedFlag, SleepPosition
from diary.models import NOTE_MAX_LENGTH, DayEntry
from diary.pain import PAIN_SCALE

PAIN_CHOICES = [(score, str(score)) for score in PAIN_SCALE]
PAIN_ERROR = _("Choose a number from 0 to 10.")


class PainForm(forms.Form):
    """The one-tap form: each of the eleven buttons submits its number."""

    pain = forms.TypedChoiceField(
        choices=PAIN_CHOICES,
        coerce=int,
        error_messages={"required": PAIN_ERROR, "invalid_choice": PAIN_ERROR},
    )


class DetailsForm(forms.ModelForm):
    """Everything about the day except the score, all optional."""

    locations = forms.MultipleChoiceField(
        label=_("Where does it hurt?"),
        choices=Location.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sleep_position = forms.ChoiceField(
        label=_("How did you sleep last night?"),
        choices=[("", _("Not filled in")), *SleepPosition.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    red_flags = forms.MultipleChoiceField(
        label=_("Do you have any of these?"),
        choices=RedFlag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")  # no colon after checkbox labels
        super().__init__(*args, **kwargs)

    class Meta:
        model = DayEntry
        fields = [
            "locations",
            "night_pain",
            "sleep_position",
            "pillow_between_knees",
            "red_flags",
            "note",
        ]
        labels = {
            "night_pain": _("The pain woke me up last night"),
            "pillow_between_knees": _("I slept with a pillow between my knees"),
        }


class ReadingForm(forms.Form):
    """An extra reading, for example morning stiffness or evening pain."""

    context = forms.ChoiceField(
        label=_("When"), choices=ReadingContext.choices, initial=ReadingContext.EVENING
    )
    pain = forms.TypedChoiceField(
        label=_("Pain"),
        choices=PAIN_CHOICES,
        coerce=int,
        error_messages={"required": PAIN_ERROR, "invalid_choice": PAIN_ERROR},
    )
