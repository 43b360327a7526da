"""Deleting an account and everything in it (issue 7, the right to erasure).

Every table that belongs to the user points at accounts.User with
on_delete=CASCADE, so deleting the user deletes their rows everywhere;
tests/test_account_deletion.py walks all installed models to prove it, so a
model added later is covered as well. Sessions are not linked by a foreign
key (the user id sits inside the session data), so they are deleted here:
a phone that is still logged in loses its session too.
"""

from __future__ import annotations

from allauth.core import ratelimit
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SESSION_USER_KEY = "_auth_user_id"


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was deleted."))
        return password


def delete_sessions_of(user) -> int:
    """Deletes every live session of this user; the number deleted.

    Decodes each unexpired session: fine for a self-hosted diary with
    hundreds of sessions, and the only way without a session-to-user link.
    """
    keys = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.get_decoded().get(SESSION_USER_KEY) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)


def relations_to_users():
    """(model, field) of every foreign key or one-to-one to the user model."""
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (
                field.concrete
                and field.is_relation
                and field.related_model is user_model
                and (field.many_to_one or field.one_to_one)
            ):
                yield model, field


def delete_account(user) -> None:
    pk = user.pk
    with transaction.atomic():
        delete_sessions_of(user)
        user.delete()
        # Signal handlers run while the cascade deletes the user's rows: the
        # advice rules re-check after every deleted day and may store new
        # advice or pauses for this very user. Those go too, before the
        # transaction ends (foreign keys are checked at commit, so until then
        # such rows can exist). Repeated until nothing is left, in case a
        # deletion triggers another write.
        for _attempt in range(5):
            leftovers = 0
            for model, field in relations_to_users():
                if field.remote_field.on_delete is models.CASCADE:
                    deleted, _ = model._base_manager.filter(**{field.attname: pk}).delete()
                    leftovers += deleted
            if not leftovers:
                break


@login_required
def delete_account_view(request: HttpRequest) -> HttpResponse:
    # The password check here is a way to test passwords for whoever holds a
    # logged-in phone: it shares allauth's limit for confirming the password
    # again ("reauthenticate", 10 a minute per user).
    if request.method == "POST" and not ratelimit.consume(
        request, action="reauthenticate", user=request.user
    ):
        return ratelimit.respond_429(request)
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        response = render(request, "accounts/deleted.html")
        # The phone forgets this site's caches and storage too (the offline
        # queue may hold diary entries).
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
    return render(
        request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200
    )
