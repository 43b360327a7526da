"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """Text that must arrive as text: DRF would turn 0 or true into "0" and
    "True", so a client bug would be stored silently instead of refused."""

    default_error_messages = {"invalid": _("Give text here.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """true or false, nothing else: DRF would also take 0, 1, "yes" and "on"."""

    default_error_messages = {"invalid": _("Give true or false here.")}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


def reject_blank_query_params(params, names) -> None:
    """?from= (present but empty) is a mistake, not "no filter"."""
    errors = {
        name: [_("Leave this out, or give a value.")]
        for name in names
        if params.get(name, None) == ""
    }
    if errors:
        raise serializers.ValidationError(errors)
