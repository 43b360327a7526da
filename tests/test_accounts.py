"""Accounts through the pages (allauth, restyled) and through the headless API."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.conftest import PASSWORD, page_login

pytestmark = pytest.mark.django_db


def csrf_post(client, url, data):
    """Posts a form the way a browser does: fetch the page, send its CSRF token."""
    page = client.get(url)
    assert page.status_code == 200
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


@pytest.fixture
def browser_client(client):
    client.handler.enforce_csrf_checks = True
    return client


# --- pages -------------------------------------------------------------------


def test_anonymous_home_redirects_to_dutch_login(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert 'class="btn' in html  # restyled, not allauth's bare defaults
    assert "/static/css/app." in html


def test_signup_login_logout_through_pages(browser_client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    response = csrf_post(
        browser_client,
        "/accounts/signup/",
        {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/welkom/"  # a new account starts with onboarding
    user = User.objects.get(email="nieuw@example.org")
    assert user.password.startswith("argon2$")
    # A verification mail goes out (console backend in development).
    assert len(mail.outbox) == 1
    assert "nieuw@example.org" in mail.outbox[0].to

    assert browser_client.get("/").status_code == 200  # logged in after signup

    response = csrf_post(browser_client, "/accounts/logout/", {})
    assert response.status_code == 302
    assert browser_client.get("/").status_code == 302  # logged out

    response = csrf_post(
        browser_client, "/accounts/login/", {"login": "nieuw@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert browser_client.get("/").status_code == 200


def test_wrong_password_shows_a_dutch_error_and_keeps_the_email(browser_client, make_user):
    make_user("bestaand@example.org")
    response = csrf_post(
        browser_client, "/accounts/login/", {"login": "bestaand@example.org", "password": "fout"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "niet correct" in html  # allauth's Dutch message
    assert 'value="bestaand@example.org"' in html


def test_signup_with_short_password_keeps_email(browser_client):
    response = csrf_post(
        browser_client,
        "/accounts/signup/",
        {"email": "kort@example.org", "password1": "abc", "password2": "abc"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="kort@example.org"' in html
    assert "aria-invalid" in html or "errorlist" in html
    assert not User.objects.filter(email="kort@example.org").exists()


def test_mandatory_verification_blocks_login_until_verified(browser_client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = csrf_post(
        browser_client,
        "/accounts/signup/",
        {"email": "check@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert browser_client.get("/").status_code == 302
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    response = csrf_post(browser_client, link.group(1), {})
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="check@example.org").verified


def test_password_reset_sends_a_working_link(browser_client, make_user):
    make_user("vergeten@example.org")
    response = csrf_post(
        browser_client, "/accounts/password/reset/", {"email": "vergeten@example.org"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert path, mail.outbox[0].body
    form_page = browser_client.get(path.group(1), follow=True)
    assert form_page.status_code == 200
    new_password = "Nieuw-wachtwoord-2026"
    response = browser_client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path.group(1),
        {
            "password1": new_password,
            "password2": new_password,
            "csrfmiddlewaretoken": browser_client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="vergeten@example.org").check_password(new_password)


def test_change_password_and_email(browser_client, make_user):
    user = make_user("wissel@example.org")
    browser_client.force_login(user)
    response = csrf_post(
        browser_client,
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Ander-wachtwoord-99",
            "password2": "Ander-wachtwoord-99",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Ander-wachtwoord-99")

    response = csrf_post(
        browser_client, "/accounts/email/", {"action_add": "", "email": "nieuwadres@example.org"}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, email="nieuwadres@example.org").exists()
    assert any("nieuwadres@example.org" in m.to for m in mail.outbox)


def test_account_page_saves_profile_and_keeps_input_on_error(browser_client, make_user):
    user = make_user()
    browser_client.force_login(user)
    response = csrf_post(
        browser_client, "/account/", {"display_name": "Ans de Vries", "time_zone": "Mars/Base"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Ans de Vries"' in html
    assert "Selecteer een geldige keuze" in html
    response = csrf_post(
        browser_client,
        "/account/",
        {"display_name": "Ans de Vries", "time_zone": "Europe/Brussels"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.time_zone) == ("Ans de Vries", "Europe/Brussels")


# --- TOTP with recovery codes ------------------------------------------------


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 code, computed independently of allauth to test it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def test_totp_activation_then_login_needs_a_code(browser_client, make_user):
    user = make_user("tweestaps@example.org")
    browser_client.handler.enforce_csrf_checks = False
    page_login(browser_client, user, reauthenticate=True)
    page = browser_client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = browser_client.post(
        "/accounts/2fa/totp/activate/",
        {"code": totp(secret), "csrfmiddlewaretoken": browser_client.cookies["csrftoken"].value},
    )
    assert response.status_code == 302
    assert user.authenticator_set.filter(type="totp").exists()
    assert user.authenticator_set.filter(type="recovery_codes").exists()

    csrf_post(browser_client, "/accounts/logout/", {})
    response = csrf_post(
        browser_client, "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert browser_client.get("/").status_code == 302  # not in yet

    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes(user.authenticator_set.get(type="recovery_codes")).get_unused_codes()
    response = csrf_post(browser_client, "/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 302
    assert browser_client.get("/").status_code == 200


# --- headless API -------------------------------------------------------------


def test_headless_signup_returns_a_token_the_api_accepts(anonymous):
    response = anonymous.post(
        "/_allauth/app/v1/auth/signup",
        {"email": "app@example.org", "password": PASSWORD},
        format="json",
    )
    assert response.status_code == 200, response.content
    token = response.json()["meta"]["session_token"]
    anonymous.credentials(HTTP_X_SESSION_TOKEN=token)
    me = anonymous.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "app@example.org"


def test_headless_login_and_logout(owner, anonymous):
    assert owner.token.get("/api/v1/me/").json()["email"] == owner.user.email
    response = owner.token.delete("/_allauth/app/v1/auth/session")
    assert response.status_code == 401  # allauth answers "now unauthenticated"
    assert owner.token.get("/api/v1/me/").status_code == 401


def test_wrong_or_missing_token_is_refused(owner, anonymous):
    assert anonymous.get("/api/v1/me/").status_code == 401
    anonymous.credentials(HTTP_X_SESSION_TOKEN="not-a-real-token")
    assert anonymous.get("/api/v1/me/").status_code == 401


def test_session_client_needs_csrf(owner):
    response = owner.session.patch("/api/v1/me/", {"display_name": "Ans"}, format="json")
    assert response.status_code == 200
    owner.session.credentials()  # drop the CSRF header
    response = owner.session.patch("/api/v1/me/", {"display_name": "Piet"}, format="json")
    assert response.status_code == 403
    owner.user.refresh_from_db()
    assert owner.user.display_name == "Ans"


def test_me_validation_is_per_field_and_in_request_language(owner):
    response = owner.token.patch(
        "/api/v1/me/", {"time_zone": "Nowhere/Land"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json() == {"time_zone": ["Unknown time zone: Nowhere/Land"]}
    response = owner.token.patch(
        "/api/v1/me/", {"time_zone": "Nowhere/Land"}, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.json() == {"time_zone": ["Onbekende tijdzone: Nowhere/Land"]}
