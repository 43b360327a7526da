"""Export API (issue 7): the exports, the import and the share links.

GET /api/v1/export/{pdf|csv|json|fhir}/?from=&to=, POST /api/v1/import/,
GET/POST /api/v1/share-links/, DELETE /api/v1/share-links/{id}/. Registered
on the shared router when heupdagboek/urls.py imports this module.
"""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response

from diary.export import csv_export, fhir, json_export, share
from diary.export.pdf import filename, render_pdf
from diary.export.period import PeriodError, parse_period
from diary.export.report import load_gp_report
from diary.export.views import download
from diary.models import ShareLink
from heupdagboek.api import router

FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Which field is wrong and why: {field: [message, ...]}, in the request's language.",
)
NOT_LOGGED_IN = OpenApiResponse(description="No valid session token or session.")
NOT_FOUND = OpenApiResponse(description="No such link of yours.")
PERIOD = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day; default 3 months ago."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day; default today."),
]
NOTES = OpenApiParameter(
    "notes", OpenApiTypes.BOOL, description="Add the day notes to the report (default no)."
)


class AnyAccept(BaseContentNegotiation):
    """The downloads answer with their file whatever the client's Accept
    says (a client asking for application/pdf must not get 406); errors
    are always JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def period_of(request: Request, *, everything_by_default: bool = False):
    try:
        return parse_period(
            request.query_params, request.user.today(), everything_by_default=everything_by_default
        )
    except PeriodError as exc:
        raise ValidationError({exc.field: [str(exc)]}) from None


def wants_notes(request: Request) -> bool:
    value = request.query_params.get("notes", "false")
    if value not in ("true", "false", "1", "0"):
        raise ValidationError({"notes": [_("Must be true or false.")]})
    return value in ("true", "1")


class ExportViewSet(viewsets.ViewSet):
    """Downloads of your own data."""

    content_negotiation_class = AnyAccept

    @extend_schema(
        summary="The GP report as one A4 PDF",
        parameters=[*PERIOD, NOTES],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
        },
    )
    @action(detail=False, methods=["get"])
    def pdf(self, request: Request) -> HttpResponse:
        start, end = period_of(request)
        report = load_gp_report(request.user, start, end, include_notes=wants_notes(request))
        return download(
            render_pdf(report, request.user.today()), "application/pdf", filename(report, "pdf")
        )

    @extend_schema(
        summary="One row per day with data, for a spreadsheet",
        description="UTF-8 with a byte order mark; header in the request's language; "
        "separator ';' in Dutch and ',' in English.",
        parameters=PERIOD,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV"),
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
        },
    )
    @action(detail=False, methods=["get"])
    def csv(self, request: Request) -> HttpResponse:
        start, end = period_of(request)
        return download(
            csv_export.render_csv(request.user, start, end),
            "text/csv; charset=utf-8",
            f"heupdagboek-{start}-{end}.csv",
        )

    @extend_schema(
        summary="Everything you have, as JSON (format heupdagboek-export, version 2)",
        description="Without from/to: everything. See docs/export.md for the format.",
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day; default all."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day; default all."),
        ],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The export."),
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
        },
    )
    @action(detail=False, methods=["get"], url_path="json")
    def json_export(self, request: Request) -> Response:
        start, end = period_of(request, everything_by_default=True)
        response = Response(json_export.export_data(request.user, start, end))
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="A FHIR R4 Bundle (collection) of Observations",
        description="Day scores and readings with LOINC 72514-3, exercise sessions with "
        "LOINC 73985-4 (sets, repetitions and pain during as components).",
        parameters=PERIOD,
        responses={
            (200, "application/fhir+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="FHIR Bundle"
            ),
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
        },
    )
    @action(detail=False, methods=["get"])
    def fhir(self, request: Request) -> HttpResponse:
        start, end = period_of(request)
        body = json.dumps(fhir.export_fhir(request.user, start, end), ensure_ascii=False)
        return download(
            body.encode(), "application/fhir+json", f"heupdagboek-fhir-{start}-{end}.json"
        )


class ImportResultSerializer(serializers.Serializer):
    entries = serializers.IntegerField()
    readings = serializers.IntegerField()
    exercise_logs = serializers.IntegerField()


class ImportViewSet(viewsets.ViewSet):
    @extend_schema(
        summary="Restore a JSON export into your empty account",
        description="All or nothing. Refused (400) when the account already has days, "
        "readings, programmes, sessions, pauses or advice, or when the file's format or "
        "version is not this server's.",
        request=OpenApiTypes.OBJECT,
        responses={201: ImportResultSerializer, 400: FIELD_ERRORS, 401: NOT_LOGGED_IN},
    )
    def create(self, request: Request) -> Response:
        try:
            counts = json_export.import_data(request.user, request.data)
        except json_export.AccountNotEmpty:
            raise ValidationError(
                {
                    "non_field_errors": [
                        _("Your account already has data. Import only works into an empty account.")
                    ]
                }
            ) from None
        return Response(counts, status=status.HTTP_201_CREATED)


class ShareLinkSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    from_ = serializers.DateField(source="start", read_only=True)
    to = serializers.DateField(source="end", read_only=True)

    class Meta:
        model = ShareLink
        fields = [
            "id",
            "from_",
            "to",
            "include_notes",
            "created_at",
            "expires_at",
            "revoked_at",
            "status",
            "open_count",
            "last_opened_at",
        ]
        read_only_fields = fields

    def get_status(self, link: ShareLink) -> str:
        """active, expired or revoked."""
        return share.status(link)

    def get_fields(self):
        # "from" is a Python keyword, so the field is declared as from_.
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class ShareLinkCreateSerializer(serializers.Serializer):
    """For the schema; the values are checked by diary.export.share."""

    from_ = serializers.DateField(required=False, help_text="Default 3 months ago.")
    to = serializers.DateField(required=False, help_text="Default today.")
    expires_in_days = serializers.IntegerField(
        required=False, min_value=1, max_value=share.MAX_DAYS, help_text="Default 14."
    )
    include_notes = serializers.BooleanField(required=False, default=False)

    def get_fields(self):
        # "from" is a Python keyword, so the field is declared as from_.
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class ShareLinkCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField(help_text="Shown this once: only its hash is stored.")
    expires_at = serializers.DateTimeField()


def check_types(data: dict) -> None:
    """JSON types as the schema says: dates as non-empty text, the days as a
    whole number, include_notes as true or false (the page's form sends
    text for all of them and goes straight to diary.export.share)."""
    errors = {}
    for field in ("from", "to"):
        if field in data and not (isinstance(data[field], str) and data[field]):
            errors[field] = [_("Use a date like 2026-11-22.")]
    days = data.get("expires_in_days", 0)
    if isinstance(days, bool) or not isinstance(days, int):
        errors["expires_in_days"] = [
            _("Choose a number of days from 1 to %(max)s.") % {"max": share.MAX_DAYS}
        ]
    if not isinstance(data.get("include_notes", False), bool):
        errors["include_notes"] = [_("Must be true or false.")]
    if errors:
        raise ValidationError(errors)


@extend_schema_view(
    list=extend_schema(
        summary="Your share links, newest first, with how often each was opened",
        responses={200: ShareLinkSerializer(many=True), 401: NOT_LOGGED_IN},
    ),
    create=extend_schema(
        summary="Make a read-only link to the GP report of a period",
        request=ShareLinkCreateSerializer,
        responses={201: ShareLinkCreatedSerializer, 400: FIELD_ERRORS, 401: NOT_LOGGED_IN},
    ),
    destroy=extend_schema(
        summary="Stop a link (it is kept in the list as revoked)",
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The link.")
        ],
        responses={204: None, 401: NOT_LOGGED_IN, 404: NOT_FOUND},
    ),
)
class ShareLinkViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = ShareLinkSerializer

    def get_queryset(self):
        return ShareLink.objects.filter(user=self.request.user)

    def create(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": [_("Send one JSON object.")]})
        data = request.data
        check_types(data)
        try:
            start, end, days = share.parse_share_request(
                {k: str(data[k]) for k in ("from", "to", "expires_in_days") if k in data},
                request.user.today(),
            )
        except PeriodError as exc:
            raise ValidationError({exc.field: [str(exc)]}) from None
        notes = data.get("include_notes", False)
        link, token = share.create_link(request.user, start, end, days, include_notes=notes)
        return Response(
            {
                "id": link.pk,
                "url": request.build_absolute_uri(reverse("share_page", args=[token])),
                "expires_at": serializers.DateTimeField().to_representation(link.expires_at),
            },
            status=status.HTTP_201_CREATED,
        )

    def perform_destroy(self, instance: ShareLink) -> None:
        share.revoke(instance)


router.register("export", ExportViewSet, basename="export-api")
router.register("import", ImportViewSet, basename="import")
router.register("share-links", ShareLinkViewSet, basename="share-link")
