"""The API's request parser.

Its own module, not heupdagboek/api.py: DRF imports DEFAULT_PARSER_CLASSES
while rest_framework.views is still loading, and api.py imports the router,
which imports rest_framework.views (a circular import).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser


class JSONParser(DRFJSONParser):
    """DRF's JSON parser, but a body that is not one JSON object gets a
    message in the request's language under the field "body", like every
    other 400 here.
    DRF would answer "JSON parse error - ..." in English with the decoder's
    own text, which a person cannot act on."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except ParseError:
            raise ParseError({"body": [_("This is not valid JSON.")]}) from None
        except RecursionError:
            # Lists in lists a thousand deep: Python's decoder gives up with
            # a RecursionError, which DRF does not catch (it would be a 500).
            raise ParseError({"body": [_("This JSON is nested too deeply.")]}) from None
        # Every body the API takes is one object; DRF would answer a list or
        # null with "Expected a dictionary" or "No data provided" (English).
        if not isinstance(data, dict):
            raise ParseError({"body": [_("This must be a JSON object.")]})
        return data
