"""/api/v1/entries/ (addressed by date) and /api/v1/readings/ (by client UUID)."""

from __future__ import annotations

import datetime
import uuid

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from diary.advice_store import acknowledge, current_advice
from diary.dates import parse_iso_date, too_early, too_early_message
from diary.day_body import day_as_json, well_formed_day
from diary.models import Advice, PainReading
from diary.serializers import AdviceSerializer, DayEntrySerializer, PainReadingSerializer
from diary.services import (
    NotYours,
    entries_with_scores,
    save_day,
    save_reading,
    with_highest_reading,
)
from heupdagboek.api import router
from heupdagboek.fields import reject_blank_query_params

DATE_IN_PATH = OpenApiParameter(
    "date", OpenApiTypes.DATE, OpenApiParameter.PATH, description="The day, YYYY-MM-DD."
)
UUID_IN_PATH = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="A UUID made by the client."
)
FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Which field is wrong and why: {field: [message, ...]}, in the request's language.",
)
NOT_FOUND = OpenApiResponse(description="No such object of yours.")
NOT_LOGGED_IN = OpenApiResponse(description="No valid session token or session.")
RANGE = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (inclusive)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (inclusive)."),
]


def parse_date(value: str, field: str) -> datetime.date:
    try:
        return parse_iso_date(value)
    except ValueError:
        raise ValidationError({field: [_("Use a date like 2026-11-22.")]}) from None


def date_range(request: Request) -> tuple[datetime.date | None, datetime.date | None]:
    reject_blank_query_params(request.query_params, ("from", "to"))
    start = request.query_params.get("from")
    end = request.query_params.get("to")
    start_date = parse_date(start, "from") if start else None
    end_date = parse_date(end, "to") if end else None
    if start_date and end_date and start_date > end_date:
        raise ValidationError({"to": [_("The end date is before the start date.")]})
    return start_date, end_date


def check_writable(request: Request, day: datetime.date) -> None:
    """A day may be written from the diary's floor up to the user's today."""
    if day > request.user.today():
        raise ValidationError({"date": [_("You cannot fill in a day that has not come yet.")]})
    if too_early(day):
        raise ValidationError({"date": [too_early_message()]})


@extend_schema_view(
    list=extend_schema(
        summary="Your days, oldest first",
        parameters=RANGE,
        responses={200: DayEntrySerializer(many=True), 400: FIELD_ERRORS, 401: NOT_LOGGED_IN},
    ),
    retrieve=extend_schema(
        summary="One day",
        parameters=[DATE_IN_PATH],
        responses={200: DayEntrySerializer, 400: FIELD_ERRORS, 401: NOT_LOGGED_IN, 404: NOT_FOUND},
    ),
    update=extend_schema(
        summary="Create or replace a day (idempotent)",
        description="Fields left out get their empty value. Answers 201 when the day is new.",
        parameters=[DATE_IN_PATH],
        responses={
            200: DayEntrySerializer,
            201: DayEntrySerializer,
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
        },
    ),
    partial_update=extend_schema(
        summary="Change some fields of a day, creating it if needed (idempotent)",
        parameters=[DATE_IN_PATH],
        responses={
            200: DayEntrySerializer,
            201: DayEntrySerializer,
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
        },
    ),
    destroy=extend_schema(
        summary="Delete a day",
        parameters=[DATE_IN_PATH],
        responses={204: None, 400: FIELD_ERRORS, 401: NOT_LOGGED_IN, 404: NOT_FOUND},
    ),
)
class DayEntryViewSet(viewsets.GenericViewSet):
    serializer_class = DayEntrySerializer
    lookup_field = "date"
    # Any text reaches the view, so a malformed date is a 400 that says why,
    # not a 404.
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return entries_with_scores(self.request.user).order_by("date")

    def get_day(self) -> datetime.date:
        return parse_date(self.kwargs["date"], "date")

    def get_object(self):
        entry = self.get_queryset().filter(date=self.get_day()).first()
        if entry is None:
            raise Http404
        return entry

    def list(self, request: Request) -> Response:
        start, end = date_range(request)
        entries = self.get_queryset()
        if start:
            entries = entries.filter(date__gte=start)
        if end:
            entries = entries.filter(date__lte=end)
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, date: str) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def update(self, request: Request, date: str) -> Response:
        return self._write(request, replace=True)

    def partial_update(self, request: Request, date: str) -> Response:
        return self._write(request, replace=False)

    def _write(self, request: Request, *, replace: bool) -> Response:
        day = self.get_day()
        # Only writes are held to the floor: a day stored before it existed
        # can still be read and deleted.
        check_writable(request, day)
        # The usual body skips the serializer (diary/day_body.py); anything
        # else gets it, and its message naming the field.
        values = well_formed_day(request.data)
        if values is None:
            serializer = self.get_serializer(data=request.data, partial=not replace)
            serializer.is_valid(raise_exception=True)
            values = serializer.validated_data
        entry, created = save_day(request.user, day, values, replace=replace)
        with_highest_reading(entry)
        return Response(
            day_as_json(entry),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def destroy(self, request: Request, date: str) -> Response:
        self.get_object().delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Your extra readings, oldest first",
        parameters=RANGE,
        responses={200: PainReadingSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_LOGGED_IN},
    ),
    retrieve=extend_schema(
        summary="One reading",
        parameters=[UUID_IN_PATH],
        responses={
            200: PainReadingSerializer,
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
            404: NOT_FOUND,
        },
    ),
    update=extend_schema(
        summary="Create or replace a reading by its client-made UUID (idempotent)",
        parameters=[UUID_IN_PATH],
        responses={
            200: PainReadingSerializer,
            201: PainReadingSerializer,
            400: FIELD_ERRORS,
            401: NOT_LOGGED_IN,
            404: OpenApiResponse(description="This id belongs to someone else's reading."),
        },
    ),
    destroy=extend_schema(
        summary="Delete a reading",
        parameters=[UUID_IN_PATH],
        responses={204: None, 400: FIELD_ERRORS, 401: NOT_LOGGED_IN, 404: NOT_FOUND},
    ),
)
class PainReadingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PainReadingSerializer
    lookup_field = "id"
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "put", "delete", "head", "options"]

    def get_queryset(self):
        queryset = PainReading.objects.filter(user=self.request.user).order_by("taken_at")
        if self.action == "list":
            start, end = date_range(self.request)
            if start:
                queryset = queryset.filter(date__gte=start)
            if end:
                queryset = queryset.filter(date__lte=end)
        return queryset

    def get_id(self) -> uuid.UUID:
        try:
            return uuid.UUID(self.kwargs["id"])
        except ValueError:
            raise ValidationError({"id": [_("This is not a valid UUID.")]}) from None

    def get_object(self):
        reading = self.get_queryset().filter(id=self.get_id()).first()
        if reading is None:
            raise Http404
        return reading

    def retrieve(self, request: Request, id: str) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def update(self, request: Request, id: str) -> Response:
        reading_id = self.get_id()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            reading, created = save_reading(request.user, reading_id, serializer.validated_data)
        except NotYours:
            raise Http404 from None
        return Response(
            self.get_serializer(reading).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def destroy(self, request: Request, id: str) -> Response:
        self.get_object().delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Current advice, most severe first",
        description=(
            "Red flags (emergency, urgent, see_gp) stay until acknowledged; a stop "
            "stays while its pause lasts; reduce_load until a later session goes well."
        ),
        responses={200: AdviceSerializer(many=True), 401: NOT_LOGGED_IN},
    ),
    acknowledge=extend_schema(
        summary="Acknowledge advice (for red flags: the only way they go away)",
        request=None,
        responses={200: AdviceSerializer, 401: NOT_LOGGED_IN, 404: NOT_FOUND},
    ),
)
class AdviceViewSet(viewsets.GenericViewSet):
    serializer_class = AdviceSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return Advice.objects.filter(user=self.request.user)

    def list(self, request: Request) -> Response:
        return Response(self.get_serializer(current_advice(request.user), many=True).data)

    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str) -> Response:
        try:
            advice = acknowledge(request.user, int(pk))
        except Advice.DoesNotExist:
            raise Http404 from None
        return Response(self.get_serializer(advice).data)


router.register("advice", AdviceViewSet, basename="advice")
router.register("entries", DayEntryViewSet, basename="entry")
router.register("readings", PainReadingViewSet, basename="reading")
