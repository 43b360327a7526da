"""The daily reminder: the page, the subscription endpoint, and send_reminders.

The command is tested against a real push receiver: a small HTTP server on
127.0.0.1 that takes the request pywebpush sends, checks its VAPID
signature and decrypts the message with the subscription's private key
(RFC 8291, aes128gcm), exactly as a browser's push service and the browser
would. Nothing leaves this machine.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import threading
import zoneinfo
from http.server import BaseHTTPRequestHandler, HTTPServer

import http_ece
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from diary.models import DayEntry, PainReading
from reminders.models import PushSubscription, ReminderSetting
from reminders.services import due_day, send_due_reminders
from tests.test_settings import load_settings


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_pair() -> tuple[ec.EllipticCurvePrivateKey, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return key, b64url(public)


@pytest.fixture
def vapid(settings):
    key, public = key_pair()
    settings.VAPID_PUBLIC_KEY = public
    settings.VAPID_PRIVATE_KEY = b64url(key.private_numbers().private_value.to_bytes(32, "big"))
    settings.VAPID_SUBJECT = "mailto:beheer@example.org"
    settings.REMINDERS_AVAILABLE = True
    return settings


class PushReceiver:
    """A push service on 127.0.0.1: the path decides the answer
    (/ok/... 201, /gone/... 410, /missing/... 404, /broken/... 500)."""

    ANSWERS = {"ok": 201, "gone": 410, "missing": 404, "broken": 500}

    def __init__(self) -> None:
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                    }
                )
                self.send_response(receiver.ANSWERS[self.path.split("/")[1]])
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def subscribe(self, user, answer: str = "ok") -> tuple[PushSubscription, object, bytes]:
        """A subscription as a browser makes it: its own key pair and secret."""
        key, public = key_pair()
        secret = os.urandom(16)
        subscription = PushSubscription.objects.create(
            user=user,
            endpoint=f"{self.origin}/{answer}/{b64url(os.urandom(8))}",
            p256dh=public,
            auth=b64url(secret),
        )
        return subscription, key, secret

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = PushReceiver()
    yield receiver
    receiver.close()


def decrypt(message: dict, key, secret: bytes) -> dict:
    assert message["headers"]["content-encoding"] == "aes128gcm"
    plain = http_ece.decrypt(
        message["body"], private_key=key, auth_secret=secret, version="aes128gcm"
    )
    return json.loads(plain)


def local_now(user) -> datetime.datetime:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(user.time_zone))


def remind_now(user, **extra) -> ReminderSetting:
    """A reminder set for this very minute, so the real clock makes it due."""
    moment = local_now(user).time().replace(second=0, microsecond=0)
    return ReminderSetting.objects.create(user=user, enabled=True, time=moment, **extra)


# --- sending -------------------------------------------------------------------


def test_command_sends_an_encrypted_reminder_the_receiver_can_read(
    vapid, receiver, make_user, capsys
):
    user = make_user()
    remind_now(user, language="nl")
    _subscription, key, secret = receiver.subscribe(user)

    call_command("send_reminders")

    assert len(receiver.received) == 1
    message = receiver.received[0]
    assert decrypt(message, key, secret) == {
        "title": "Heupdagboek",
        "body": "Hoe gaat het vandaag met je heup? Tik hier om je pijn te noteren.",
        "url": "/",
        "lang": "nl",
    }
    # Signed with our VAPID key, for this push service, by our contact.
    scheme, _, params = message["headers"]["authorization"].partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert fields["k"] == vapid.VAPID_PUBLIC_KEY
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(fields["k"]))
    claims = jwt.decode(fields["t"], public, algorithms=["ES256"], audience=receiver.origin)
    assert claims["sub"] == "mailto:beheer@example.org"
    assert int(message["headers"]["ttl"]) > 0
    assert message["headers"]["topic"] == "daily-reminder"
    assert "sent 1" in capsys.readouterr().out


def test_reminder_speaks_the_language_the_person_chose(vapid, receiver, make_user):
    user = make_user()
    remind_now(user, language="en")
    _subscription, key, secret = receiver.subscribe(user)
    send_due_reminders()
    body = decrypt(receiver.received[0], key, secret)["body"]
    assert body == "How is your hip today? Tap here to note your pain."


def test_at_most_one_a_day_even_when_run_every_minute(vapid, receiver, make_user):
    user = make_user()
    setting = remind_now(user)
    receiver.subscribe(user)
    receiver.subscribe(user)  # a phone and a tablet: one reminder on each

    call_command("send_reminders")
    call_command("send_reminders")
    call_command("send_reminders")

    assert len(receiver.received) == 2
    setting.refresh_from_db()
    assert setting.last_sent_on == user.today()


@pytest.mark.parametrize("logged", ["score", "reading"])
def test_no_reminder_after_logging_today(vapid, receiver, make_user, logged):
    user = make_user()
    remind_now(user)
    receiver.subscribe(user)
    if logged == "score":
        DayEntry.objects.create(user=user, date=user.today(), pain=3)
    else:
        PainReading.objects.create(user=user, taken_at=timezone.now(), date=user.today(), pain=4)

    summary = send_due_reminders()

    assert receiver.received == []
    assert summary.already_logged == 1
    assert ReminderSetting.objects.get(user=user).last_sent_on is None


def test_a_day_with_details_but_no_score_still_gets_the_reminder(vapid, receiver, make_user):
    user = make_user()
    remind_now(user)
    receiver.subscribe(user)
    DayEntry.objects.create(user=user, date=user.today(), note="alleen een notitie")
    assert send_due_reminders().sent == 1


def test_yesterdays_score_does_not_count(vapid, receiver, make_user):
    user = make_user()
    remind_now(user)
    receiver.subscribe(user)
    DayEntry.objects.create(user=user, date=user.today() - datetime.timedelta(days=1), pain=2)
    assert send_due_reminders().sent == 1


@pytest.mark.parametrize("answer", ["gone", "missing"])
def test_subscriptions_the_push_service_calls_gone_are_removed(vapid, receiver, make_user, answer):
    user = make_user()
    remind_now(user)
    gone, _key, _secret = receiver.subscribe(user, answer)
    kept, _key, _secret = receiver.subscribe(user, "ok")

    summary = send_due_reminders()

    assert (summary.sent, summary.removed) == (1, 1)
    assert list(PushSubscription.objects.filter(user=user)) == [kept]
    assert not PushSubscription.objects.filter(pk=gone.pk).exists()


def test_a_failing_push_service_keeps_the_subscription(vapid, receiver, make_user):
    user = make_user()
    remind_now(user)
    broken, _key, _secret = receiver.subscribe(user, "broken")
    summary = send_due_reminders()
    assert (summary.sent, summary.failed) == (0, 1)
    assert PushSubscription.objects.filter(pk=broken.pk).exists()


def test_switched_off_or_without_device_nothing_is_sent(vapid, receiver, make_user):
    off = make_user()
    remind_now(off).__class__.objects.filter(user=off).update(enabled=False)
    receiver.subscribe(off)
    no_device = make_user()
    remind_now(no_device)
    assert send_due_reminders().sent == 0
    assert receiver.received == []


def test_due_only_from_the_chosen_time_in_the_users_time_zone(make_user):
    user = make_user(time_zone="America/New_York")
    setting = ReminderSetting.objects.create(user=user, enabled=True, time=datetime.time(20, 0))
    new_york = zoneinfo.ZoneInfo("America/New_York")

    def at(hour, minute=0):
        return datetime.datetime(2026, 11, 20, hour, minute, tzinfo=new_york)

    assert due_day(setting, at(19, 59)) is None
    assert due_day(setting, at(20, 0)) == datetime.date(2026, 11, 20)
    assert due_day(setting, at(22, 59)) == datetime.date(2026, 11, 20)
    # A run missed for hours does not wake anyone at midnight.
    assert due_day(setting, at(23, 0)) is None
    setting.last_sent_on = datetime.date(2026, 11, 20)
    assert due_day(setting, at(20, 30)) is None
    # The same moment in UTC: 01:00 the next day there, 20:00 in New York.
    setting.last_sent_on = None
    assert due_day(setting, at(20, 0).astimezone(datetime.UTC)) == datetime.date(2026, 11, 20)


def test_command_refuses_without_vapid_keys(settings):
    settings.REMINDERS_AVAILABLE = False
    with pytest.raises(CommandError, match="VAPID"):
        call_command("send_reminders")


# --- the page and the subscription endpoint -----------------------------------------


@pytest.fixture
def browser_client(make_user):
    user = make_user("herinnering@example.org")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/reminders/")  # sets the CSRF cookie, as a visit does
    client.user = user
    return client


def csrf(client) -> dict:
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def test_account_page_links_to_the_reminder(browser_client):
    assert 'href="/reminders/"' in browser_client.get("/account/").content.decode()


def test_page_saves_time_and_switch(vapid, browser_client):
    page = browser_client.get("/reminders/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dagelijkse herinnering" in html
    assert f'data-public-key="{vapid.VAPID_PUBLIC_KEY}"' in html

    response = browser_client.post(
        "/reminders/",
        {
            "enabled": "on",
            "time": "07:45",
            "csrfmiddlewaretoken": browser_client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302
    setting = ReminderSetting.objects.get(user=browser_client.user)
    assert (setting.enabled, setting.time, setting.language) == (True, datetime.time(7, 45), "nl")


def test_page_shows_a_bad_time_in_dutch(vapid, browser_client):
    response = browser_client.post(
        "/reminders/",
        {
            "enabled": "on",
            "time": "25:99",
            "csrfmiddlewaretoken": browser_client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 400
    assert "Voer een geldige tijd in." in response.content.decode()


def test_without_vapid_keys_the_page_says_reminders_are_unavailable(settings, browser_client):
    settings.REMINDERS_AVAILABLE = False
    html = browser_client.get("/reminders/").content.decode()
    assert "Herinneringen zijn niet beschikbaar op deze server" in html
    assert "data-reminder-form" not in html


def subscription_body(endpoint="https://push.example.net/send/abc") -> dict:
    _key, public = key_pair()
    return {"endpoint": endpoint, "keys": {"p256dh": public, "auth": b64url(os.urandom(16))}}


def test_browser_hands_over_its_subscription(vapid, browser_client):
    body = subscription_body()
    response = browser_client.post(
        "/reminders/subscription/", body, content_type="application/json", **csrf(browser_client)
    )
    assert response.status_code == 201
    stored = PushSubscription.objects.get()
    assert (stored.user, stored.endpoint, stored.p256dh) == (
        browser_client.user,
        body["endpoint"],
        body["keys"]["p256dh"],
    )
    again = browser_client.post(
        "/reminders/subscription/", body, content_type="application/json", **csrf(browser_client)
    )
    assert again.status_code == 200
    assert PushSubscription.objects.count() == 1

    gone = browser_client.delete(
        "/reminders/subscription/",
        {"endpoint": body["endpoint"]},
        content_type="application/json",
        **csrf(browser_client),
    )
    assert gone.status_code == 200
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.net/send/abc",  # not https
        "https://127.0.0.1/send/abc",  # this server's own network
        "https://[::1]/send/abc",
        "https://localhost/send/abc",
        "https://10.0.0.8/send/abc",
        "not a url",
    ],
)
def test_only_public_https_push_services_are_accepted(vapid, browser_client, endpoint):
    response = browser_client.post(
        "/reminders/subscription/",
        subscription_body(endpoint),
        content_type="application/json",
        **csrf(browser_client),
    )
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_bad_keys_are_refused(vapid, browser_client):
    body = subscription_body()
    body["keys"]["auth"] = "short"
    response = browser_client.post(
        "/reminders/subscription/", body, content_type="application/json", **csrf(browser_client)
    )
    assert response.status_code == 400
    assert "sleutels" in response.json()["detail"]


def test_subscription_needs_login_and_csrf(vapid, browser_client):
    anonymous = Client()
    response = anonymous.post(
        "/reminders/subscription/", subscription_body(), content_type="application/json"
    )
    assert response.status_code == 302
    no_token = browser_client.post(
        "/reminders/subscription/", subscription_body(), content_type="application/json"
    )
    assert no_token.status_code == 403
    assert not PushSubscription.objects.exists()


# --- settings ---------------------------------------------------------------------


def test_make_vapid_keys_prints_keys_the_settings_accept(capsys):
    call_command("make_vapid_keys")
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    result = load_settings(
        VAPID_PUBLIC_KEY=lines["VAPID_PUBLIC_KEY"],
        VAPID_PRIVATE_KEY=lines["VAPID_PRIVATE_KEY"],
        VAPID_SUBJECT="mailto:beheer@example.org",
    )
    assert result.returncode == 0, result.stderr


def test_app_starts_without_vapid_keys():
    result = load_settings(VAPID_PUBLIC_KEY="", VAPID_PRIVATE_KEY="", VAPID_SUBJECT="")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"VAPID_PUBLIC_KEY": b64url(b"\x04" + b"x" * 64)}, "Set all three VAPID variables"),
        (
            {
                "VAPID_PUBLIC_KEY": b64url(b"\x04" + b"x" * 64),
                "VAPID_PRIVATE_KEY": b64url(b"k" * 32),
                "VAPID_SUBJECT": "beheer@example.org",
            },
            "VAPID_SUBJECT must start with",
        ),
        (
            {
                "VAPID_PUBLIC_KEY": b64url(b"too short"),
                "VAPID_PRIVATE_KEY": b64url(b"k" * 32),
                "VAPID_SUBJECT": "mailto:a@example.org",
            },
            "65-byte",
        ),
    ],
)
def test_bad_vapid_settings_stop_the_app(overrides, message):
    result = load_settings(**overrides)
    assert result.returncode != 0
    assert message in result.stderr
