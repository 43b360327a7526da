"""The exercise pages: today's plan, programmes, the library and the player.

Server-rendered and usable without JavaScript; the player's timer and counter
are a small ES module (static/js/player.js) on top of an ordinary form.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.exceptions import NotFound

from exercises.api import save_log
from exercises.forms import LogForm
from exercises.models import Enrollment, Exercise, ExercisePause, Program
from exercises.services import active_enrollment, day_plan, dose_for, open_pauses


@login_required
@require_http_methods(["GET", "HEAD"])
def today(request: HttpRequest) -> HttpResponse:
    plan = day_plan(request.user, request.user.today())
    context = {"plan": plan}
    if plan.enrollment is None:
        context["programs"] = Program.objects.prefetch_related("items__exercise")
    return render(request, "exercises/today.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def programs(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        program = Program.objects.filter(slug=request.POST.get("program", "")).first()
        if program is None:
            messages.error(request, _("Choose one of the programmes below."))
            return redirect("exercise_programs")
        Enrollment.start(request.user, program, request.user.today())
        messages.success(
            request,
            _("You started “%(program)s”. These are your exercises for today.")
            % {"program": program.name},
        )
        return redirect("exercises_today")
    return render(
        request,
        "exercises/programs.html",
        {
            "programs": Program.objects.prefetch_related("items__exercise"),
            "enrollment": active_enrollment(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def library(request: HttpRequest) -> HttpResponse:
    return render(request, "exercises/library.html", {"exercises": Exercise.objects.all()})


@login_required
@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = get_object_or_404(Exercise, slug=slug)
    return render(request, "exercises/detail.html", {"exercise": exercise})


def _player_config(exercise: Exercise, dose, day) -> dict:
    """Everything the player module needs, strings already translated."""
    return {
        "exercise": exercise.slug,
        "today": day.isoformat(),
        "steps": exercise.steps,
        "sets": dose.sets,
        "reps": dose.reps,
        "holdSeconds": dose.hold_seconds,
        "restSeconds": dose.rest_seconds,
        "apiUrl": "/api/v1/exercise-logs/",
        "todayUrl": reverse("exercises_today"),
        "text": {
            "step": _("Step {n} of {total}"),
            "start": _("Start"),
            "pause": _("Pause"),
            "resume": _("Continue"),
            "hold": _("Hold"),
            "rest": _("Rest"),
            "timeUp": _("Time is up."),
            "restOver": _("Rest is over. Next set."),
            "rep": _("Repetition {n} of {total}"),
            "set": _("Set {n} of {total}"),
            "setDone": _("Set done."),
            "allDone": _("All done. Press Done to save."),
            "painMissing": _("Choose how much pain you had: a number from 0 to 10."),
            "saving": _("Saving…"),
            "saved": _("Saved. Well done!"),
            "offline": _("Not saved: there is no connection. Try again in a moment."),
            "failed": _("Not saved. Please try again."),
        },
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def player(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = get_object_or_404(Exercise, slug=slug)
    day = request.user.today()
    dose = dose_for(request.user, exercise, day)
    if request.method == "POST":
        form = LogForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                save_log(
                    request.user,
                    data["log_id"],
                    {
                        "exercise": exercise,
                        "date": day,
                        "sets": data["sets"],
                        "reps": data["reps"],
                        "hold_seconds": data["hold_seconds"],
                        "pain_during": data["pain_during"],
                        "note": data["note"],
                    },
                )
            except NotFound:
                raise Http404 from None
            messages.success(
                request,
                _("Saved: %(exercise)s, pain %(pain)s out of 10. Well done!")
                % {"exercise": exercise.name, "pain": data["pain_during"]},
            )
            return redirect("exercises_today")
    else:
        form = LogForm(
            initial={"sets": dose.sets, "reps": dose.reps, "hold_seconds": dose.hold_seconds}
        )
    pause: ExercisePause | None = open_pauses(request.user, day).get(exercise.pk)
    # A rejected form is a 400 (as the API answers), drawn again with what was typed.
    status = 400 if form.is_bound else 200
    return render(
        request,
        "exercises/player.html",
        {
            "exercise": exercise,
            "dose": dose,
            "form": form,
            "pause": pause,
            "pain_scores": range(0, 11),
            "player_config": _player_config(exercise, dose, day),
        },
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def resume_pause(request: HttpRequest, pk: int) -> HttpResponse:
    """The user chooses to start a paused exercise again."""
    pause = get_object_or_404(ExercisePause, pk=pk, user=request.user)
    pause.resume(request.user.today())
    text = _("%(exercise)s is back in your plan. Start gently.")
    messages.success(request, text % {"exercise": pause.exercise})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("exercises_today")
    return redirect(next_url)
