"""Accounts in a real browser on a phone-sized screen, passkeys included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_signup_on_a_phone_starts_with_the_welcome_and_can_go_straight_to_today(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("link", name="Maak er eerst een").click()
    page.get_by_label("E-mail").fill("telefoon@example.org")
    page.get_by_label(re.compile(r"^Wachtwoord:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Wachtwoord \(bevestigen\)")).fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    # Also when they came in through Vandaag (next=/), a new user is welcomed.
    expect(page.get_by_role("heading", name="Welkom bij Heupdagboek")).to_be_visible()
    page.get_by_role("button", name="Later").click()
    expect(page.get_by_role("heading", name="Hoeveel pijn heb je vandaag?")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Maak het instellen af"))).to_be_visible()
    # Big enough to tap: every button and link in the bottom menu is >= 48 px.
    for box in page.locator(".bottom-nav a").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    ):
        assert box >= 48
    # Body text is at least 18 px.
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 18


def test_register_a_passkey_and_log_in_with_it(page, context, make_user, settings):
    # Passkeys need a secure origin; the live server is plain-http localhost.
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    user = make_user("sleutel@example.org")
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    login(page, user.email, PASSWORD)
    page.goto("/accounts/2fa/webauthn/add/?passwordless")
    # allauth asks for the password again before a security change.
    page.get_by_label(re.compile(r"^Wachtwoord:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    page.get_by_label("Naam van deze passkey").fill("Mijn telefoon")
    page.get_by_label("Wachtwoordloos").check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/add/" not in url)
    assert user.authenticator_set.filter(type="webauthn").count() == 1

    page.goto("/account/")
    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/accounts/login/")
    page.locator("#passkey_login").click()
    expect(page.get_by_role("heading", name="Hoeveel pijn heb je vandaag?")).to_be_visible()
