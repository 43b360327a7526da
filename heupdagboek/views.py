"""Project-level views that belong to no app."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 when it does not.

    For load balancers and uptime checks; tells nothing about any user.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def not_found(request: HttpRequest, exception=None):
    """404 as JSON under /api/ (clients parse it), the usual page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return page_not_found(request, exception)


@extend_schema(
    summary="Check that the API answers and the token is valid",
    description=(
        "Returns a constant for a signed-in caller and touches no table: the "
        "floor against which the load benchmark (bench/load.py) measures the "
        "real endpoints."
    ),
    responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description='{"ok": true}')},
)
@api_view(["GET"])
def ping(request):
    return Response({"ok": True})
