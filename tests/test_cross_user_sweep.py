"""Every object URL, every verb: another user's object is a 404.

The URLs come from Django's resolver, so an endpoint added later is swept
too; an object URL that is not listed below fails the first test until
someone says how to make its object (or why it is not the user's).
"""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from diary.models import Advice, DayEntry, PainReading
from exercises.models import Exercise, ExerciseLog, ExercisePause

pytestmark = pytest.mark.django_db

# allauth's own pages under accounts/ are swept too (the passkey pages take an
# id); its headless API (_allauth/) addresses no object by id.
SKIP_PREFIXES = ("admin/", "_allauth/", "i18n/", "static/")
KWARG = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def object_routes():
    """(route, name, verbs) of every URL that addresses an object."""
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES):
            continue
        names = [a or b for a, b in KWARG.findall(route)]
        if not names:
            continue
        actions = getattr(pattern.callback, "actions", None)
        verbs = sorted(actions) if actions else ["get", "post"]
        yield route, pattern.name, verbs


# --- the owner's objects, one maker per URL name --------------------------------


def make_entry(user):
    entry = DayEntry.objects.create(user=user, date=user.today(), pain=6, note="van de eigenaar")
    return {
        "date": entry.date.isoformat()
    }, lambda: DayEntry.objects.get(pk=entry.pk).note == "van de eigenaar"


def make_reading(user):
    reading = PainReading.objects.create(
        user=user, taken_at=datetime.datetime.now(datetime.UTC), date=user.today(), pain=6
    )
    return {"id": str(reading.pk)}, lambda: PainReading.objects.get(pk=reading.pk).pain == 6


def make_log(user):
    log = ExerciseLog.objects.create(
        id=uuid.uuid4(),
        user=user,
        exercise=Exercise.objects.get(slug="bridge"),
        date=user.today(),
        pain_during=4,
    )
    return {"id": str(log.pk)}, lambda: ExerciseLog.objects.get(pk=log.pk).pain_during == 4


def make_advice(user):
    advice = Advice.objects.create(
        user=user,
        kind="urgent",
        key=f"urgent:fever:{uuid.uuid4()}",
        rule="fever",
        since=user.today(),
        source="test",
    )
    return {"pk": advice.pk}, lambda: Advice.objects.get(pk=advice.pk).acknowledged_at is None


def make_pause(user):
    pause = ExercisePause.objects.create(
        user=user, exercise=Exercise.objects.get(slug="bridge"), since=user.today()
    )
    return {"pk": pause.pk}, lambda: ExercisePause.objects.get(pk=pause.pk).resumed_on is None


def make_share_link(user):
    from django.utils import timezone

    from diary.models import ShareLink

    link = ShareLink.objects.create(
        user=user,
        token_hash=uuid.uuid4().hex * 2,
        start=user.today() - datetime.timedelta(days=30),
        end=user.today(),
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    return {"pk": link.pk, "id": link.pk}, lambda: ShareLink.objects.filter(
        pk=link.pk, revoked_at__isnull=True
    ).exists()


def make_passkey(user):
    from allauth.mfa.models import Authenticator

    key = Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Telefoon van de eigenaar", "credential": {}},
    )
    return {"pk": key.pk}, lambda: Authenticator.objects.filter(
        pk=key.pk, data__name="Telefoon van de eigenaar"
    ).exists()


# allauth's passkey pages ask for the password again first (reauthentication),
# so the outsider there really logs in and confirms, not a forced session.
ACCOUNT_OWNED = {
    "mfa_edit_webauthn": make_passkey,
    "mfa_remove_webauthn": make_passkey,
}

OWNED = {
    "entry-detail": make_entry,
    "reading-detail": make_reading,
    "exercise-log-detail": make_log,
    "advice-acknowledge": make_advice,
    "pause-resume": make_pause,
    "advice_acknowledge": make_advice,
    "advice_care_provider_knows": make_advice,
    "exercise_resume": make_pause,
    "share-link-detail": make_share_link,
    "export_share_revoke": make_share_link,
}
# Object URLs that are not one user's object, and why.
NOT_OWNED = {
    "exercise-detail": "the exercise library is the same for everyone",
    "exercise_detail": "the exercise library is the same for everyone",
    "exercise_player": "the player of a library exercise",
    "day": "addressed by the signed-in user's own date",
    "help_page": "help pages are the same for everyone",
    "onboarding_step": "a step of the signed-in user's own first run",
    "share_page": "public by design: the token is the key (tests/test_share_links.py)",
    "account_confirm_email": "addressed by a signed key from an email, not by an id",
    "account_reset_password_from_key": "addressed by a signed key from an email, not by an id",
}
# Addressed by the date: an outsider writing that date writes their own day.
OWN_UPSERT = {("entry-detail", "put"), ("entry-detail", "patch")}


def test_every_object_url_is_covered():
    names = {name for _route, name, _verbs in object_routes()}
    unknown = names - set(OWNED) - set(ACCOUNT_OWNED) - set(NOT_OWNED)
    assert unknown == set(), f"Add these URLs to the sweep: {sorted(unknown)}"


def fill(route: str, kwargs: dict) -> str:
    path = route.replace("^", "").replace("$", "")
    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", str(value), path)
    return "/" + path


def request(client, verb: str, path: str):
    body = {"pain": 1} if verb in ("put", "patch") else {}
    if verb in ("put", "patch") and "/readings/" in path:
        body = {"taken_at": "2026-11-01T08:00:00Z", "pain": 1}
    if verb in ("put", "patch") and "/exercise-logs/" in path:
        body = {"exercise": "bridge", "date": "2026-11-01", "pain_during": 1}
    return getattr(client, verb)(path, body, format="json")


@pytest.mark.parametrize(
    "route,name,verbs",
    [r for r in object_routes() if r[1] in OWNED],
    ids=lambda value: (
        value if isinstance(value, str) and not value.startswith(("^", "a", "e")) else None
    ),
)
def test_outsider_gets_404_on_every_verb(route, name, verbs, owner, outsider, client):
    kwargs, untouched = OWNED[name](owner.user)
    path = fill(route, kwargs)
    is_api = path.startswith("/api/")
    client.force_login(outsider.user)
    callers = [outsider.token, outsider.session] if is_api else [client]
    not_allowed = []
    for caller in callers:
        # An own upsert by the previous caller must not answer this one's GET.
        DayEntry.objects.filter(user=outsider.user).delete()
        for verb in verbs:
            response = request(caller, verb, path) if is_api else getattr(caller, verb)(path)
            if (name, verb) in OWN_UPSERT:
                assert response.status_code in (200, 201), (verb, path)
            elif response.status_code == 405:
                not_allowed.append(verb)  # checked below: the owner gets 405 too
            else:
                assert response.status_code == 404, (verb, path, response.status_code)
    assert untouched(), f"{path} changed the owner's object"
    # A verb the page does not take at all is 405 for everyone, owner included.
    owner_client = type(client)()
    owner_client.force_login(owner.user)
    for verb in set(not_allowed):
        assert verb == "get", (verb, path)
        assert owner_client.get(path).status_code == 405, path


@pytest.mark.parametrize(
    "route,name,verbs",
    [r for r in object_routes() if r[1] in OWNED],
)
def test_anonymous_is_refused_on_every_verb(route, name, verbs, owner, anonymous, client):
    kwargs, untouched = OWNED[name](owner.user)
    path = fill(route, kwargs)
    for verb in verbs:
        if path.startswith("/api/"):
            assert request(anonymous, verb, path).status_code == 401
        else:
            response = getattr(client, verb)(path)
            assert response.status_code in (302, 405)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/")
    assert untouched()


def test_every_api_list_is_refused_to_anonymous(anonymous):
    for route, _pattern in walk(get_resolver().url_patterns):
        if route.startswith("api/v1/") and not KWARG.findall(route):
            path = "/" + route.replace("^", "").replace("$", "")
            assert anonymous.get(path).status_code == 401, path


@pytest.mark.parametrize(
    "route,name,verbs",
    [r for r in object_routes() if r[1] in ACCOUNT_OWNED],
)
def test_outsider_gets_404_on_the_owners_passkey_pages(route, name, verbs, owner, outsider):
    from django.test import Client

    from tests.conftest import PASSWORD

    kwargs, untouched = ACCOUNT_OWNED[name](owner.user)
    path = fill(route, kwargs)
    client = Client()
    login = client.post("/accounts/login/", {"login": outsider.user.email, "password": PASSWORD})
    assert login.status_code == 302, "the outsider could not log in"
    again = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert again.status_code == 302, "the outsider could not confirm the password"
    # The outsider's own passkey page opens (so a 404 below means "not yours",
    # not "this page never works").
    own_kwargs, _ = ACCOUNT_OWNED[name](outsider.user)
    assert client.get(fill(route, own_kwargs)).status_code == 200
    for verb in verbs:
        response = getattr(client, verb)(path, {"name": "van de buitenstaander"})
        assert response.status_code == 404, (verb, path, response.status_code)
    assert untouched(), f"{path} changed the owner's passkey"


def owners_markers(owner) -> list[str]:
    """Fills the owner's diary with one of everything and returns strings
    that only the owner's data contains."""
    make_entry(owner.user)
    DayEntry.objects.filter(user=owner.user).update(note="geheim-van-de-eigenaar")
    reading_kwargs, _ = make_reading(owner.user)
    log_kwargs, _ = make_log(owner.user)
    from diary.models import ShareLink

    make_advice(owner.user)
    Advice.objects.filter(user=owner.user).update(source="bron-van-de-eigenaar")
    make_pause(owner.user)
    ExercisePause.objects.filter(user=owner.user).update(reason="reden-van-de-eigenaar")
    make_share_link(owner.user)
    ShareLink.objects.filter(user=owner.user).update(open_count=987654)
    return [
        owner.user.email,
        "geheim-van-de-eigenaar",
        reading_kwargs["id"],
        log_kwargs["id"],
        "bron-van-de-eigenaar",
        "reden-van-de-eigenaar",
        "987654",
    ]


def test_outsider_lists_hold_none_of_the_owners_data(owner, outsider):
    """Every list, export and summary under /api/v1/, found by the resolver:
    what the outsider gets never carries the owner's data."""
    markers = owners_markers(owner)
    outsider.token.get("/api/v1/entries/")  # the outsider exists and has a session
    checked = 0
    owner_sees = ""
    for route, pattern in walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/") or KWARG.findall(route):
            continue
        actions = getattr(pattern.callback, "actions", None)
        if actions is not None and "get" not in actions:
            continue  # write-only (import): nothing to read back
        path = "/" + route.replace("^", "").replace("$", "")
        response = outsider.token.get(path)
        assert response.status_code == 200, (path, response.status_code)
        body = response.content.decode("utf-8", errors="replace")
        for marker in markers:
            assert marker not in body, f"{path} shows the owner's {marker}"
        owner_sees += owner.token.get(path).content.decode("utf-8", errors="replace")
        checked += 1
    assert checked >= 15, checked
    # The markers are real: the owner's own lists do show every one of them.
    assert [m for m in markers if m not in owner_sees] == []


def test_every_api_list_refuses_anonymous_on_every_verb(anonymous):
    for route, pattern in walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/") or KWARG.findall(route):
            continue
        path = "/" + route.replace("^", "").replace("$", "")
        actions = getattr(pattern.callback, "actions", None)
        verbs = sorted(actions) if actions else ["get", "post", "put", "patch", "delete"]
        for verb in verbs:
            response = getattr(anonymous, verb)(path, {}, format="json")
            assert response.status_code in (401, 405), (verb, path, response.status_code)
            if response.status_code == 405:
                # A verb the endpoint never takes; the login comes first for the rest.
                assert verb not in (actions or {}), (verb, path)
