"""The exercises part of /api/v1/ (registered on the shared router).

GET  exercises/, exercises/{slug}/      the library, in the Accept-Language language
GET  programs/                          the programmes, each with its slug and items
GET  enrollments/  POST enrollments/    the user's programmes; POST starts one today
GET  plan/?date=YYYY-MM-DD              what is due that day
GET  exercise-logs/?from=&to=&exercise= the user's sessions
GET  PUT DELETE exercise-logs/{uuid}/   one session; PUT with a client-made UUID
                                        creates or replaces it (idempotent)

Every user-owned queryset is filtered on request.user: another user's log is
a 404, whatever the verb, and a PUT on another user's UUID never touches it.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from drf_spectacular.helpers import forced_singular_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program
from exercises.serializers import (
    EnrollmentSerializer,
    ExerciseLogFilterSerializer,
    ExerciseLogSerializer,
    ExerciseSerializer,
    PauseSerializer,
    PlanQuerySerializer,
    PlanSerializer,
    ProgramSerializer,
)
from exercises.services import day_plan
from exercises.signals import want_pauses
from heupdagboek.api import router
from heupdagboek.fields import reject_blank_query_params

UUID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"

SLUG_PARAMETER = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The exercise's slug, for example bridge.",
    pattern=f"^{SLUG_PATTERN}$",
)
LOG_ID_PARAMETER = OpenApiParameter(
    "id",
    OpenApiTypes.UUID,
    OpenApiParameter.PATH,
    description="The session's id: a UUID made by the client.",
)
LANGUAGE_PARAMETER = OpenApiParameter(
    "Accept-Language",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="nl (default) or en: the language of names, steps and messages.",
)
VALIDATION_ERROR = OpenApiResponse(
    description="A message per field, in the language of Accept-Language."
)


class NotFoundInUsersLanguage:
    """DRF turns Django's Http404 into "No ExerciseLog matches the given
    query.", in English whatever the language; NotFound() says "Not found." in
    the request's language and names no model."""

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None


@extend_schema_view(
    list=extend_schema(summary="The exercise library", parameters=[LANGUAGE_PARAMETER]),
    retrieve=extend_schema(summary="One exercise", parameters=[SLUG_PARAMETER, LANGUAGE_PARAMETER]),
)
class ExerciseViewSet(NotFoundInUsersLanguage, viewsets.ReadOnlyModelViewSet):
    serializer_class = ExerciseSerializer
    queryset = Exercise.objects.all()
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


@extend_schema_view(
    list=extend_schema(summary="The programmes", parameters=[LANGUAGE_PARAMETER]),
)
class ProgramViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ProgramSerializer
    queryset = Program.objects.prefetch_related("items__exercise")


@extend_schema_view(
    list=extend_schema(summary="Your programmes, the active one first"),
    create=extend_schema(
        summary="Start a programme today",
        description=(
            "Starts the programme on the user's today and ends the programme "
            "followed before (one active programme per user)."
        ),
        responses={201: EnrollmentSerializer, 400: VALIDATION_ERROR},
    ),
)
class EnrollmentViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = EnrollmentSerializer

    def get_queryset(self):
        return Enrollment.objects.filter(user=self.request.user).select_related("program")

    def perform_create(self, serializer):
        serializer.instance = Enrollment.start(
            self.request.user, serializer.validated_data["program"], self.request.user.today()
        )


class PlanViewSet(viewsets.GenericViewSet):
    serializer_class = PlanSerializer
    pagination_class = None

    def get_queryset(self):  # pragma: no cover - only for schema introspection
        return Enrollment.objects.none()

    @extend_schema(
        summary="What is due on a day",
        parameters=[
            OpenApiParameter(
                "date",
                OpenApiTypes.DATE,
                OpenApiParameter.QUERY,
                description=(
                    "The day (YYYY-MM-DD, from 1970-01-01 to ten years after the "
                    "user's today); default: the user's today."
                ),
            ),
            LANGUAGE_PARAMETER,
        ],
        responses={200: forced_singular_serializer(PlanSerializer), 400: VALIDATION_ERROR},
    )
    def list(self, request):
        reject_blank_query_params(request.query_params, ("date",))
        today = request.user.today()
        query = PlanQuerySerializer(data=request.query_params, context={"today": today})
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("date") or today
        plan = day_plan(request.user, day)
        data = {
            "date": day,
            "program": plan.enrollment.program.slug if plan.enrollment else None,
            "started_on": plan.enrollment.started_on if plan.enrollment else None,
            "week": plan.week,
            "items": [
                {
                    "exercise": entry.exercise.slug,
                    "name": entry.exercise.name,
                    "sets": entry.item.sets,
                    "reps": entry.item.reps,
                    "hold_seconds": entry.item.hold_seconds,
                    "rest_seconds": entry.exercise.rest_seconds,
                    "days_per_week": entry.item.days_per_week,
                    "paused": entry.paused,
                    "paused_since": entry.pause.since if entry.pause else None,
                    "pause_reason": entry.pause.reason_text if entry.pause else "",
                    "logged": entry.logged,
                }
                for entry in plan.entries
            ],
            "next_day": plan.next_day,
        }
        return Response(PlanSerializer(data).data)


def save_log(user, log_id, validated: dict) -> tuple[ExerciseLog, bool]:
    """Creates or replaces the user's log ``log_id``; (log, created).

    Raises NotFound when the id belongs to another user: their log is never
    read or changed. Safe against two identical requests racing: the loser of
    the insert finds the winner's row and updates it.
    """
    for _attempt in range(2):
        existing = ExerciseLog.objects.filter(pk=log_id).first()
        if existing is not None:
            if existing.user_id != user.pk:
                raise NotFound()
            for name, value in validated.items():
                setattr(existing, name, value)
            # Atomic, so the advice's change count (diary/signals.py) and
            # the change commit together.
            with transaction.atomic():
                existing.save(update_fields=[*validated.keys(), "updated_at"])
            return existing, False
        try:
            with transaction.atomic():
                return ExerciseLog.objects.create(id=log_id, user=user, **validated), True
        except IntegrityError:
            continue
    raise NotFound()  # pragma: no cover - the row vanished between tries


def _log_filter_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter("from", OpenApiTypes.DATE, description="First day (inclusive)."),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (inclusive)."),
        OpenApiParameter("exercise", OpenApiTypes.STR, description="An exercise's slug."),
    ]


@extend_schema_view(
    list=extend_schema(
        summary="Your exercise sessions, newest first",
        parameters=_log_filter_parameters(),
        responses={200: ExerciseLogSerializer(many=True), 400: VALIDATION_ERROR},
    ),
    retrieve=extend_schema(summary="One exercise session", parameters=[LOG_ID_PARAMETER]),
    destroy=extend_schema(summary="Delete an exercise session", parameters=[LOG_ID_PARAMETER]),
    update=extend_schema(
        summary="Save an exercise session (create or replace)",
        description=(
            "The client makes the UUID, so sending the same session again (a retry, "
            "an offline queue) changes nothing: one session, one row. 201 when it "
            "was created, 200 when it replaced the earlier version. A UUID that "
            "belongs to another user answers 404 and changes nothing."
        ),
        parameters=[LOG_ID_PARAMETER, LANGUAGE_PARAMETER],
        request=ExerciseLogSerializer,
        responses={
            200: ExerciseLogSerializer,
            201: ExerciseLogSerializer,
            400: VALIDATION_ERROR,
            404: OpenApiResponse(description="The id belongs to another user."),
        },
    ),
)
class ExerciseLogViewSet(
    NotFoundInUsersLanguage,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ExerciseLogSerializer
    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_PATTERN
    http_method_names = ["get", "put", "delete", "head", "options"]

    def get_queryset(self):
        queryset = ExerciseLog.objects.filter(user=self.request.user).select_related("exercise")
        if self.action == "list":
            query = ExerciseLogFilterSerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            filters = query.validated_data
            if "from" in filters:
                queryset = queryset.filter(date__gte=filters["from"])
            if "to" in filters:
                queryset = queryset.filter(date__lte=filters["to"])
            if "exercise" in filters:
                queryset = queryset.filter(exercise=filters["exercise"])
        return queryset

    def update(self, request, *args, **kwargs):
        log_id = kwargs[self.lookup_url_kwarg]
        # Someone else's id is a 404 before anything else, invalid body or not.
        if ExerciseLog.objects.filter(pk=log_id).exclude(user=request.user).exists():
            raise NotFound()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        log, created = save_log(request.user, log_id, serializer.validated_data)
        return Response(
            self.get_serializer(log).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


@extend_schema_view(
    list=extend_schema(summary="Your paused exercises (open ones first)"),
    resume=extend_schema(
        summary="Resume a paused exercise (the user's choice); it is back in the plan",
        request=None,
        responses={
            200: PauseSerializer,
            404: OpenApiResponse(description="No such pause of yours."),
        },
    ),
)
class PauseViewSet(NotFoundInUsersLanguage, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PauseSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        want_pauses(self.request.user)
        return (
            ExercisePause.objects.filter(user=self.request.user)
            .select_related("exercise")
            .order_by(F("resumed_on").desc(nulls_first=True), "-since", "-id")
        )

    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        pause = self.get_object()
        pause.resume(request.user.today())
        return Response(self.get_serializer(pause).data)


router.register("pauses", PauseViewSet, basename="pause")
router.register("exercises", ExerciseViewSet, basename="exercise")
router.register("programs", ProgramViewSet, basename="program")
router.register("enrollments", EnrollmentViewSet, basename="enrollment")
router.register("plan", PlanViewSet, basename="plan")
router.register("exercise-logs", ExerciseLogViewSet, basename="exercise-log")
