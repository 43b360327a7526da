"""The Export page, the downloads, the HTML report, share links and the
public page a share link opens."""

from __future__ import annotations

import json

from allauth.core.internal import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from rest_framework.exceptions import ValidationError

from diary.export import csv_export, fhir, json_export, share
from diary.export.pdf import filename, render_pdf
from diary.export.period import PeriodError, default_period, parse_period
from diary.export.report import load_gp_report
from diary.models import ShareLink

EXPIRY_CHOICES = (7, 14, 30, 90)
NEW_LINK_KEY = "export_new_share_link"


def _flag(params, name: str) -> bool:
    return params.get(name) in ("1", "on", "true", "yes")


def download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Health data: never kept by a shared cache or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    return response


def export_context(request: HttpRequest, errors: dict | None = None) -> dict:
    user = request.user
    start, end = default_period(user.today())
    params = request.POST if request.method == "POST" else request.GET
    links = list(ShareLink.objects.filter(user=user))
    return {
        "start": params.get("from") or start.isoformat(),
        "end": params.get("to") or end.isoformat(),
        "today": user.today().isoformat(),
        "include_notes": _flag(params, "notes"),
        "errors": errors or {},
        "links": [(link, share.status(link)) for link in links],
        "new_link": request.session.pop(NEW_LINK_KEY, None),
        "expiry_choices": EXPIRY_CHOICES,
        "default_expiry": share.DEFAULT_DAYS,
        "account_empty": json_export.account_is_empty(user),
    }


@login_required
@require_safe
def export_page(request: HttpRequest) -> HttpResponse:
    return render(request, "export/index.html", export_context(request))


def _period_or_page(request: HttpRequest, *, everything_by_default: bool = False):
    """(start, end) of ?from=&to=, or the Export page with the error (400)."""
    try:
        period = parse_period(
            request.GET, request.user.today(), everything_by_default=everything_by_default
        )
        return period, None
    except PeriodError as exc:
        page = render(
            request, "export/index.html", export_context(request, {exc.field: str(exc)}), status=400
        )
        return None, page


@login_required
@require_safe
def report_page(request: HttpRequest) -> HttpResponse:
    period, error_page = _period_or_page(request)
    if error_page:
        return error_page
    report = load_gp_report(request.user, *period, include_notes=_flag(request.GET, "notes"))
    response = render(
        request,
        "export/report_page.html",
        {"report": report, "made_on": request.user.today(), "shared": False},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def download_pdf(request: HttpRequest) -> HttpResponse:
    period, error_page = _period_or_page(request)
    if error_page:
        return error_page
    report = load_gp_report(request.user, *period, include_notes=_flag(request.GET, "notes"))
    return download(
        render_pdf(report, request.user.today()), "application/pdf", filename(report, "pdf")
    )


@login_required
@require_safe
def download_csv(request: HttpRequest) -> HttpResponse:
    period, error_page = _period_or_page(request)
    if error_page:
        return error_page
    start, end = period
    return download(
        csv_export.render_csv(request.user, start, end),
        "text/csv; charset=utf-8",
        f"heupdagboek-{start}-{end}.csv",
    )


@login_required
@require_safe
def download_json(request: HttpRequest) -> HttpResponse:
    """Everything (the page's button), or a period when from/to are given."""
    period, error_page = _period_or_page(request, everything_by_default=True)
    if error_page:
        return error_page
    start, end = period
    data = json_export.export_data(request.user, start, end)
    name = f"heupdagboek-{start}-{end}.json" if start else _("heupdagboek-all.json")
    body = json.dumps(data, ensure_ascii=False, indent=1).encode()
    return download(body, "application/json", name)


@login_required
@require_safe
def download_fhir(request: HttpRequest) -> HttpResponse:
    period, error_page = _period_or_page(request)
    if error_page:
        return error_page
    start, end = period
    body = json.dumps(fhir.export_fhir(request.user, start, end), ensure_ascii=False).encode()
    return download(body, "application/fhir+json", f"heupdagboek-fhir-{start}-{end}.json")


@login_required
@require_POST
def share_create(request: HttpRequest) -> HttpResponse:
    try:
        start, end, days = share.parse_share_request(request.POST, request.user.today())
    except PeriodError as exc:
        # Keyed apart from the report form's errors: both forms have from/to.
        errors = {f"share_{exc.field}": str(exc)}
        return render(request, "export/index.html", export_context(request, errors), status=400)
    link, token = share.create_link(
        request.user, start, end, days, include_notes=_flag(request.POST, "notes")
    )
    # Shown once on the next page: only the hash is stored.
    request.session[NEW_LINK_KEY] = {
        "id": link.pk,
        "url": request.build_absolute_uri(reverse("share_page", args=[token])),
    }
    return redirect(reverse("export") + "#share")


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(ShareLink, pk=pk, user=request.user)
    share.revoke(link)
    messages.success(request, _("The link no longer works."))
    return redirect(reverse("export") + "#share")


@login_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    error = None
    if upload is None:
        error = _("Choose the file you exported before.")
    else:
        try:
            json_export.import_data(request.user, json.loads(upload.read().decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            error = _("This file is not a JSON export of Heupdagboek.")
        except json_export.AccountNotEmpty:
            error = _("Your account already has data. Import only works into an empty account.")
        except ValidationError as exc:
            error = _("The file could not be imported: %(reason)s") % {
                "reason": first_message(exc.detail)
            }
    if error:
        return render(
            request, "export/index.html", export_context(request, {"import": error}), status=400
        )
    messages.success(request, _("Your diary is imported."))
    return redirect("home")


def first_message(detail) -> str:
    """The first message in DRF's nested errors, with where it is."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            inner = first_message(value)
            if inner:
                return inner if key == "non_field_errors" else f"{key}: {inner}"
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            inner = first_message(value)
            if inner:
                return f"{index + 1}. {inner}" if isinstance(value, dict) else inner
    elif detail:
        return str(detail)
    return ""


@never_cache
@require_safe
def share_page(request: HttpRequest, token: str) -> HttpResponse:
    """The report a share link opens: no login, nothing else of the app."""
    # Counted per IP address before the token is looked at, so guessing
    # tokens and opening real ones share one limit (ACCOUNT_RATE_LIMITS).
    # allauth's public helper leaves GET requests alone; its internal one
    # (allauth is pinned, and tests/test_share_links.py proves the limit)
    # counts them when asked to.
    if not ratelimit.consume(request, app="allauth.account", action="share_open", limit_get=True):
        return ratelimit.respond_429(request)
    link = share.open_link(token)
    if link is None:
        raise Http404
    with translation.override(link.language):
        report = load_gp_report(link.user, link.start, link.end, include_notes=link.include_notes)
        response = render(
            request,
            "export/report_page.html",
            {"report": report, "made_on": link.user.today(), "shared": True},
        )
    # Neither search engines nor the sites the GP goes to next learn the link.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
