from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import ReminderSetting


class ReminderForm(forms.ModelForm):
    class Meta:
        model = ReminderSetting
        fields = ["enabled", "time"]
        labels = {"enabled": _("Remind me every day"), "time": _("At what time?")}
        help_texts = {
            "time": _("You get no reminder on a day when you already noted your pain."),
        }
        widgets = {
            "time": forms.TimeInput(
                attrs={"type": "time", "aria-describedby": "id_time_help"}, format="%H:%M"
            )
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # "Hoe laat?" needs no colon
        super().__init__(*args, **kwargs)
