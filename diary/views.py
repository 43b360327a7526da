"""Pages of the diary: Vandaag (and any past day), and the list of days.

They work as plain forms without JavaScript; static/js/today.js saves the
same forms through the API without a page reload.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diary import advice_text
from diary.advice_store import acknowledge, current_advice
from diary.dates import EARLIEST_DATE, parse_iso_date, too_early
from diary.forms import DetailsForm, PainForm, ReadingForm
from diary.models import Advice, DayEntry, PainReading
from diary.pain import PAIN_SCALE, day_score, pain_word
from diary.services import entries_with_scores, save_day, save_reading
from diary.tips import DayFacts, tip_for

DAYS_PER_PAGE = 30


def day_url(user, day: datetime.date) -> str:
    if day == user.today():
        return reverse("home")
    return reverse("day", args=[day.isoformat()])


@login_required
def today(request: HttpRequest) -> HttpResponse:
    return day_page(request, request.user.today())


@login_required
def day(request: HttpRequest, date: str) -> HttpResponse:
    try:
        chosen = parse_iso_date(date)
    except ValueError:
        raise Http404 from None
    if chosen > request.user.today():
        raise Http404  # the future cannot be filled in
    if too_early(chosen):
        raise Http404  # before the diary's floor (diary/dates.py)
    if chosen == request.user.today():
        return redirect("home")
    return day_page(request, chosen)


def day_page(request: HttpRequest, chosen: datetime.date) -> HttpResponse:
    user = request.user
    entry = DayEntry.objects.filter(user=user, date=chosen).first()
    pain_form = PainForm()
    details_form = DetailsForm(instance=entry)
    reading_form = ReadingForm()
    details_open = False

    if request.method == "POST":
        action = request.POST.get("form")
        if action == "pain":
            pain_form = PainForm(request.POST)
            if pain_form.is_valid():
                score = pain_form.cleaned_data["pain"]
                save_day(user, chosen, {"pain": score}, replace=False)
                messages.success(
                    request,
                    _("Saved: %(score)s (%(word)s).") % {"score": score, "word": pain_word(score)},
                )
                return redirect(day_url(user, chosen))
        elif action == "details":
            details_form = DetailsForm(request.POST, instance=entry)
            if details_form.is_valid():
                fields = {name: details_form.cleaned_data[name] for name in DetailsForm.Meta.fields}
                save_day(user, chosen, fields, replace=False)
                messages.success(request, _("Your details are saved."))
                return redirect(day_url(user, chosen))
            details_open = True
        elif action == "reading":
            reading_form = ReadingForm(request.POST)
            if reading_form.is_valid():
                save_reading(
                    user,
                    uuid.uuid4(),
                    {
                        "taken_at": reading_time(user, chosen),
                        "pain": reading_form.cleaned_data["pain"],
                        "context": reading_form.cleaned_data["context"],
                    },
                )
                messages.success(request, _("Reading saved."))
                return redirect(day_url(user, chosen))
            details_open = True

    readings = list(PainReading.objects.filter(user=user, date=chosen))
    yesterday = chosen - datetime.timedelta(days=1)
    yesterday_entry = DayEntry.objects.filter(user=user, date=yesterday).first()
    yesterday_score = day_score(
        yesterday_entry.pain if yesterday_entry else None,
        PainReading.objects.filter(user=user, date=yesterday).values_list("pain", flat=True),
    )
    facts = (
        DayFacts(
            pain=entry.pain,
            locations=tuple(entry.locations),
            sleep_position=entry.sleep_position,
            pillow_between_knees=entry.pillow_between_knees,
            night_pain=entry.night_pain,
        )
        if entry
        else None
    )
    is_today = chosen == user.today()
    context = {
        "chosen": chosen,
        "is_today": is_today,
        "entry": entry,
        "score": day_score(entry.pain if entry else None, [r.pain for r in readings]),
        "scale": [(n, pain_word(n)) for n in PAIN_SCALE],
        "pain_form": pain_form,
        "details_form": details_form,
        "reading_form": reading_form,
        "details_open": details_open,
        "readings": readings,
        "yesterday": yesterday,
        "yesterday_score": yesterday_score,
        "yesterday_word": pain_word(yesterday_score) if yesterday_score is not None else "",
        "tip": tip_for(facts),
        # None on the floor itself: no link to a day that is a 404.
        "previous_day": None if chosen == EARLIEST_DATE else yesterday,
        "next_day": None if is_today else chosen + datetime.timedelta(days=1),
        "page_url": day_url(user, chosen),
        "advice_items": advice_items(user),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "diary/day.html", context, status=status)


def reading_time(user, chosen: datetime.date) -> datetime.datetime:
    """Now, for today; noon of that day when a reading is added to a past day."""
    if chosen == user.today():
        return timezone.now()
    return datetime.datetime.combine(
        chosen, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(user.time_zone)
    )


@login_required
def days(request: HttpRequest) -> HttpResponse:
    entries = entries_with_scores(request.user).order_by("-date")
    page = Paginator(entries, DAYS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": entry,
            "score": day_score(
                entry.pain, [] if entry.highest_reading is None else [entry.highest_reading]
            ),
            "url": day_url(request.user, entry.date),
        }
        for entry in page
    ]
    for row in rows:
        row["word"] = pain_word(row["score"]) if row["score"] is not None else ""
    return render(request, "diary/days.html", {"page": page, "rows": rows})


def advice_items(user) -> list[dict]:
    return [
        {
            "advice": advice,
            "title": advice_text.TITLES[advice.kind],
            "explanation": advice_text.explanation(advice),
            "todo": advice_text.what_to_do(advice),
            "actions": advice_text.actions(advice),
        }
        for advice in current_advice(user)
    ]


def _back(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("home")
    return redirect(next_url)


@login_required
@require_POST
def acknowledge_advice(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        acknowledge(request.user, pk)
    except Advice.DoesNotExist:
        raise Http404 from None
    return _back(request)


@login_required
@require_POST
def care_provider_knows(request: HttpRequest, pk: int) -> HttpResponse:
    """ "My GP or physiotherapist already knows": remembered, and this advice
    is acknowledged (the lasting-pain rule no longer applies)."""
    try:
        acknowledge(request.user, pk)
    except Advice.DoesNotExist:
        raise Http404 from None
    request.user.care_provider_knows = True
    with transaction.atomic():  # with the advice's count of it (signals.py)
        request.user.save(update_fields=["care_provider_knows"])
    messages.success(request, _("Noted: your GP or physiotherapist knows about your hip."))
    return _back(request)
