"""Help pages: how to log, how the advice works and why, the warning signs,
and privacy. Plain templates with every paragraph translatable."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

PAGES = {
    "logging": _("Filling in your day"),
    "advice": _("Why the app tells you to stop an exercise"),
    "warning-signs": _("Warning signs: when to call a doctor"),
    "privacy": _("Your data and your privacy"),
}


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "help/index.html", {"pages": PAGES.items()})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in PAGES:
        raise Http404
    return render(request, f"help/{slug}.html", {"title": PAGES[slug], "slug": slug})
