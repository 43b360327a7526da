import zoneinfo

from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

# The zones people in the Netherlands and Belgium (and travellers) pick most
# come first; all others follow alphabetically.
_COMMON_ZONES = ["Europe/Amsterdam", "Europe/Brussels", "Europe/London", "UTC"]


def _time_zone_choices() -> list[tuple[str, str]]:
    rest = sorted(zoneinfo.available_timezones() - set(_COMMON_ZONES))
    return [(zone, zone.replace("_", " ")) for zone in [*_COMMON_ZONES, *rest]]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zone_choices)

    class Meta:
        model = User
        fields = ["display_name", "time_zone"]
        labels = {"display_name": _("Your name (optional)")}


class AddPasskeyForm(AddWebAuthnForm):
    """allauth's form, with a translated, explained label for the key's name."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of this passkey")
        self.fields["name"].help_text = _("So you can recognise it later, e.g. 'my phone'.")
