"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

import re

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


class StrictIntegerField(serializers.IntegerField):
    """A JSON whole number, nothing else: DRF would also take "2", 2.0 and
    true, so a client that sends the wrong type is told instead of guessed at."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


# YYYY-MM-DD only: Python's date.fromisoformat (which DRF uses) also takes
# "20261122" and week dates such as "2026-W47-7".
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class StrictDateField(serializers.DateField):
    """A date written as YYYY-MM-DD, in a body or a query string."""

    def to_internal_value(self, value):
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


def reject_blank_query_params(params, names) -> None:
    """?from= (present but empty) is a mistake, not "no filter"."""
    errors = {
        name: [_("Leave this out, or give a value.")]
        for name in names
        if params.get(name, None) == ""
    }
    if errors:
        raise serializers.ValidationError(errors)
