"""First run: a few short steps after signup, each saved on its own.

Skippable (every step, or all of them), resumable (the next step is stored on
the user, and Vandaag offers to go on), and short: a new user reaches a
logged day and a chosen programme in under a minute.
"""

from __future__ import annotations

from allauth.account import views as allauth_views
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from exercises.models import Enrollment, Program

STEPS = ["welcome", "complaint", "care", "programme", "reminder"]

LOCATION_CHOICES = [
    # The same places as the diary's (diary.choices.Location); repeated here
    # because accounts must not depend on the diary app.
    ("groin", _("Groin or front of the hip")),
    ("outer_hip", _("Outside of the hip")),
    ("buttock", _("Buttock")),
    ("thigh", _("Thigh")),
    ("knee", _("Knee")),
    ("lower_back", _("Lower back")),
]


class ComplaintForm(forms.Form):
    usual_locations = forms.MultipleChoiceField(
        label=_("Where does your hip usually hurt?"),
        choices=LOCATION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    complaint_since = forms.ChoiceField(
        label=_("Since when?"),
        choices=[
            ("days", _("A few days")),
            ("weeks", _("A few weeks")),
            ("months", _("A few months")),
            ("year", _("Longer than a year")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )


class CareForm(forms.Form):
    care_provider_knows = forms.TypedChoiceField(
        label=_("Does a GP or physiotherapist know about your hip complaint?"),
        choices=[("yes", _("Yes")), ("no", _("No, not yet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class ProgrammeForm(forms.Form):
    programme = forms.ChoiceField(
        label=_("Which programme do you want to follow?"), widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [
            *[(p.slug, p.name) for p in Program.objects.all()],
            ("", _("No programme for now")),
        ]
        self.fields["programme"].required = False


FORMS = {"complaint": ComplaintForm, "care": CareForm, "programme": ProgrammeForm}


def next_step(step: str) -> str | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def initial_for(user, step: str) -> dict:
    if step == "complaint":
        return {"usual_locations": user.usual_locations, "complaint_since": user.complaint_since}
    if step == "care":
        return {"care_provider_knows": "yes" if user.care_provider_knows else "no"}
    return {}


def save_step(user, step: str, data: dict) -> None:
    if step == "complaint":
        user.usual_locations = data["usual_locations"]
        user.complaint_since = data["complaint_since"]
        user.save(update_fields=["usual_locations", "complaint_since"])
    elif step == "care":
        user.care_provider_knows = data["care_provider_knows"]
        user.save(update_fields=["care_provider_knows"])
    elif step == "programme" and data["programme"]:
        Enrollment.start(user, Program.objects.get(slug=data["programme"]), user.today())


@login_required
def start(request: HttpRequest) -> HttpResponse:
    step = request.user.onboarding_step or STEPS[0]
    return redirect("onboarding_step", step=step)


def reminders_available() -> bool:
    # The reminders app is optional, and without VAPID keys it cannot send.
    return apps.is_installed("reminders") and settings.REMINDERS_AVAILABLE


def reminder_form(user, data=None):
    """The reminder page's own form, so the step saves the same setting."""
    from reminders.forms import ReminderForm
    from reminders.models import ReminderSetting

    setting = ReminderSetting.objects.filter(user=user).first() or ReminderSetting(user=user)
    return ReminderForm(data, instance=setting)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def step_view(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    user = request.user
    with_reminder = step == "reminder" and reminders_available()
    form_class = FORMS.get(step)
    if with_reminder:
        form = reminder_form(user)
    else:
        form = form_class(initial=initial_for(user, step)) if form_class else None
    if request.method == "POST":
        action = request.POST.get("action", "next")
        if action == "later":  # stop for now; Vandaag offers to go on
            user.onboarding_step = step
            user.save(update_fields=["onboarding_step"])
            return redirect("home")
        if action == "next" and with_reminder:
            form = reminder_form(user, request.POST)
            if not form.is_valid():
                return render(request, "accounts/onboarding.html", context(step, form), status=400)
            setting = form.save(commit=False)
            setting.language = request.LANGUAGE_CODE  # the reminder speaks it
            setting.save()
            if setting.enabled:
                messages.success(request, gettext("Your reminder is saved."))
        elif action == "next" and form_class:
            form = form_class(request.POST)
            if not form.is_valid():
                return render(request, "accounts/onboarding.html", context(step, form), status=400)
            save_step(user, step, form.cleaned_data)
        following = next_step(step)
        user.onboarding_step = following or ""
        user.save(update_fields=["onboarding_step"])
        if following is None:
            return redirect("home")
        return redirect("onboarding_step", step=following)
    return render(request, "accounts/onboarding.html", context(step, form))


def context(step: str, form) -> dict:
    available = step == "reminder" and reminders_available()
    return {
        "step": step,
        "number": STEPS.index(step) + 1,
        "total": len(STEPS),
        "form": form,
        "reminders_available": available,
        # Only the reminder step uses these: the reminder page's script signs
        # this browser up for push messages when the switch is on.
        "reminders_url": reverse("reminders") if available else "",
        "public_key": settings.VAPID_PUBLIC_KEY if available else "",
    }


class SignupView(allauth_views.SignupView):
    """allauth's signup, but a new user starts with the welcome steps.

    allauth prefers ``?next=`` over ACCOUNT_SIGNUP_REDIRECT_URL, and most
    people arrive at Vandaag, are sent to the login page with ``next=/`` and
    follow its "create an account" link with it: they would skip the welcome
    (with its when-to-call-a-doctor card). A ``next`` to any other page is
    still honoured; Vandaag then offers to finish the steps.
    """

    def get_success_url(self) -> str:
        next_url = self.get_next_url()
        if next_url and next_url not in ("/", reverse("home")):
            return next_url
        return reverse("onboarding")


signup = SignupView.as_view()
