"""Deleting an account leaves no row of the user in any table.

The check walks every model Django knows (django.apps), including the
automatic many-to-many tables, and every foreign key to the user model, so
a model added later is covered without changing this test.
"""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.test import Client

from diary.export.share import create_link
from tests.conftest import PASSWORD, headless_login, page_login
from tests.export_helpers import fill_diary

pytestmark = pytest.mark.django_db


def user_links():
    """(model, field name) of every relation from any table to the user."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.related_model is user_model
                and (field.many_to_one or field.one_to_one)
            ):
                yield model, field.name


def rows_of(user_pk: int) -> dict[str, int]:
    counts = {}
    for model, name in user_links():
        count = model._default_manager.filter(**{f"{name}_id": user_pk}).count()
        if count:
            counts[f"{model._meta.label}.{name}"] = count
    sessions = sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_pk)
    )
    if sessions:
        counts["sessions"] = sessions
    return counts


def give_everything(user) -> None:
    """A row in every table that can hold one of the user's, as far as the
    apps we know offer a way to make it."""
    fill_diary(user, 20)
    create_link(user, user.today(), user.today(), 14)
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
        object_repr="x",
        action_flag=ADDITION,
    )
    user.groups.create(name=f"group-{uuid.uuid4()}")
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.RECOVERY_CODES, data={})
    if apps.is_installed("reminders"):
        from reminders.models import PushSubscription, ReminderSetting

        ReminderSetting.objects.create(user=user, enabled=True)
        PushSubscription.objects.create(
            user=user, endpoint=f"https://push.invalid/{uuid.uuid4()}", p256dh="k", auth="a"
        )


def test_the_walk_finds_the_known_tables():
    """Guards the guard: if the walk found nothing, the test below would pass
    vacuously."""
    labels = {f"{m._meta.label}.{n}" for m, n in user_links()}
    assert {
        "diary.DayEntry.user",
        "diary.PainReading.user",
        "diary.ShareLink.user",
        "exercises.ExerciseLog.user",
        "account.EmailAddress.user",
        "accounts.User_groups.user",
    } <= labels


def test_deletion_with_the_password_leaves_no_row(make_user):
    user = make_user()
    give_everything(user)
    other = make_user()
    fill_diary(other, 5)
    before = rows_of(user.pk)
    assert len(before) >= 10, before  # the data really was there
    # A second device: a phone app logged in with a session token.
    headless_login(user.email, PASSWORD)
    browser = Client()
    page_login(browser, user)
    assert "/account/verwijderen/" in browser.get("/account/").content.decode()
    response = browser.post("/account/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 200
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "Je account is verwijderd" in response.content.decode()
    assert rows_of(user.pk) == {}
    assert not apps.get_model(settings.AUTH_USER_MODEL).objects.filter(pk=user.pk).exists()
    # Someone else's data is untouched.
    assert rows_of(other.pk)["diary.DayEntry.user"] == 5
    # The browser is logged out.
    assert browser.get("/export/").status_code == 302


def test_wrong_password_deletes_nothing(make_user):
    user = make_user()
    fill_diary(user, 3)
    browser = Client()
    browser.force_login(user)
    response = browser.post("/account/verwijderen/", {"password": "not-my-password"})
    assert response.status_code == 400
    assert "Dat is niet je wachtwoord" in response.content.decode()
    assert rows_of(user.pk)["diary.DayEntry.user"] == 3


def test_the_page_asks_for_the_password_and_offers_the_export(client, make_user):
    client.force_login(make_user())
    html = client.get("/account/verwijderen/").content.decode()
    assert 'type="password"' in html
    assert 'href="/export/"' in html


def test_anonymous_is_sent_to_login(client):
    response = client.post("/account/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_shared_links_stop_working(make_user):
    user = make_user()
    _link, token = create_link(user, datetime.date(2026, 1, 1), user.today(), 14)
    assert Client().get(f"/gedeeld/{token}/").status_code == 200
    browser = Client()
    browser.force_login(user)
    browser.post("/account/verwijderen/", {"password": PASSWORD})
    assert Client().get(f"/gedeeld/{token}/").status_code == 404


def test_guessing_the_password_here_is_limited(make_user):
    """A logged-in phone in the wrong hands cannot try passwords here without
    end: after allauth's 10 a minute even the right one waits."""
    user = make_user()
    fill_diary(user, 3)
    browser = Client()
    browser.force_login(user)
    for _ in range(10):
        assert browser.post("/account/verwijderen/", {"password": "raden"}).status_code == 400
    response = browser.post("/account/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 429
    assert rows_of(user.pk)["diary.DayEntry.user"] == 3
