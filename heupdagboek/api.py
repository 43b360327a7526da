"""The /api/v1/ router and the API's shared pieces. Apps register their
viewsets in their own api.py."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import DefaultRouter


class Pagination(PageNumberPagination):
    """Page numbers, strictly: a page or page size that is not a whole number
    in range is a 400 that says so (DRF would quietly use the default)."""

    page_size_query_param = "page_size"
    max_page_size = 400

    def paginate_queryset(self, queryset, request, view=None):
        params = request.query_params
        errors = {}
        for name, maximum in (("page", None), (self.page_size_query_param, self.max_page_size)):
            if name not in params:
                continue
            value = params.getlist(name)
            if len(value) != 1 or not value[0].isdigit() or int(value[0]) < 1:
                errors[name] = [_("Give a whole number of 1 or more.")]
            elif maximum is not None and int(value[0]) > maximum:
                errors[name] = [_("At most %(maximum)s.") % {"maximum": maximum}]
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


router = DefaultRouter(trailing_slash=True)
# The browsable root view lists every route to anyone; the schema at
# /api/schema/ already documents them, so no root view.
router.include_root_view = False
# One URL per resource: no ".json" suffix variants (JSON is the only format).
router.include_format_suffixes = False
