"""The full JSON export and its import: export → import → export is the same."""

from __future__ import annotations

import copy
import datetime
import json

import pytest

from diary.export.json_export import FORMAT, VERSION
from diary.models import Advice, DayEntry, PainReading
from exercises.models import Enrollment, ExerciseLog, ExercisePause
from reminders.models import ReminderSetting
from tests.conftest import make_party
from tests.export_helpers import fill_diary

pytestmark = pytest.mark.django_db

# What a new account cannot keep (docs/export.md): its own email address,
# new ids for readings and sessions, and the times rows were written.
NOT_RESTORED = {"id", "created_at", "updated_at", "exported_at", "email"}


def comparable(data):
    if isinstance(data, dict):
        return {k: comparable(v) for k, v in data.items() if k not in NOT_RESTORED}
    if isinstance(data, list):
        return [comparable(v) for v in data]
    return data


def prepare(user):
    user.display_name = "Ans"
    user.time_zone = "Europe/Brussels"
    user.care_provider_knows = True
    user.usual_locations = ["groin", "knee"]
    user.complaint_since = "months"
    user.save()
    ReminderSetting.objects.create(
        user=user, enabled=True, time=datetime.time(7, 45), language="en"
    )
    fill_diary(user, 60)
    # A pause still open, with its advice, and advice without a pause.
    ExercisePause.objects.create(
        user=user,
        exercise_id=ExercisePause.objects.filter(user=user).first().exercise_id,
        since=user.today(),
        may_resume=True,
    )


def test_export_holds_everything_with_a_format_version(owner):
    prepare(owner.user)
    response = owner.token.get("/api/v1/export/json/")
    assert response.status_code == 200
    data = response.json()
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    assert data["from"] is None and data["to"] is None
    assert len(data["entries"]) == DayEntry.objects.filter(user=owner.user).count() == 60
    assert len(data["readings"]) == PainReading.objects.filter(user=owner.user).count()
    assert len(data["exercise_logs"]) == ExerciseLog.objects.filter(user=owner.user).count()
    assert len(data["enrollments"]) == 1
    assert len(data["pauses"]) == 2
    assert len(data["advice"]) == 2
    acknowledged = [a for a in data["advice"] if a["acknowledged_at"]]
    assert acknowledged[0]["pause"] == 1  # the ref of the first pause in the file
    assert data["profile"]["time_zone"] == "Europe/Brussels"
    assert data["profile"]["usual_locations"] == ["groin", "knee"]
    assert data["reminder"] == {"enabled": True, "time": "07:45", "language": "en"}


def test_export_import_export_is_the_same(owner, make_user):
    prepare(owner.user)
    first = owner.token.get("/api/v1/export/json/").json()
    newcomer = make_party(make_user())
    response = newcomer.token.post("/api/v1/import/", first, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["entries"] == 60
    second = newcomer.token.get("/api/v1/export/json/").json()
    assert comparable(second) == comparable(first)
    assert second["reminder"] == {"enabled": True, "time": "07:45", "language": "en"}
    # The restored diary does not start the welcome steps again.
    newcomer.user.refresh_from_db()
    assert newcomer.user.onboarding_step == ""
    # The new account's rows are its own; the old account keeps its own.
    assert DayEntry.objects.filter(user=owner.user).count() == 60
    old_ids = {r["id"] for r in first["readings"]}
    assert old_ids.isdisjoint({r["id"] for r in second["readings"]})
    advice = Advice.objects.get(user=newcomer.user, acknowledged_at__isnull=False)
    assert advice.pause.user == newcomer.user


def test_import_does_not_run_the_advice_rules(owner, make_user):
    """Restoring must not add advice the original account did not have."""
    prepare(owner.user)
    data = owner.token.get("/api/v1/export/json/").json()
    newcomer = make_party(make_user())
    newcomer.token.post("/api/v1/import/", data, format="json")
    assert Advice.objects.filter(user=newcomer.user).count() == len(data["advice"])


def test_import_into_a_non_empty_account_is_refused(owner):
    prepare(owner.user)
    data = owner.token.get("/api/v1/export/json/").json()
    before = DayEntry.objects.filter(user=owner.user).count()
    response = owner.token.post("/api/v1/import/", data, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "empty account" in response.json()["non_field_errors"][0]
    assert DayEntry.objects.filter(user=owner.user).count() == before


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "change,field",
    [
        (lambda d: d.update(version=VERSION + 1), "version"),
        (lambda d: d.update(version=0), "version"),
        (lambda d: d["reminder"].update(time="25:00"), "reminder"),
        (lambda d: d["reminder"].update(language="fr"), "reminder"),
        # PostgreSQL stores no NUL character in text or jsonb (it was a 500 there).
        (lambda d: d["advice"][0].update(evidence=["a\x00b"]), "advice"),
        (lambda d: d["advice"][0]["extra"].update(why="a\x00b"), "advice"),
        (lambda d: d["entries"][3].update(note="fietsen\x00"), "entries"),
        (lambda d: d["exercise_logs"][0].update(note="\x00"), "exercise_logs"),
        (lambda d: d["pauses"][0].update(reason="te veel\x00"), "pauses"),
        (lambda d: d["profile"].update(display_name="Ans\x00"), "profile"),
        (lambda d: d.update(format="something-else"), "format"),
        (lambda d: d["entries"][0].update(pain=11), "entries"),
        (lambda d: d["entries"].append(copy.deepcopy(d["entries"][0])), "entries"),
        (lambda d: d["exercise_logs"][0].update(exercise="no-such-exercise"), "exercise_logs"),
        (lambda d: d["readings"][0].update(taken_at="yesterday"), "readings"),
        (lambda d: d["advice"][0].update(pause=99), "advice"),
        (lambda d: d["profile"].update(time_zone="Mars/Olympus"), "profile"),
        (lambda d: d.pop("profile"), "profile"),
        # Deeper than the checks can recurse (it was a 500).
        (lambda d: d["advice"][0].update(evidence=nested(600)), "non_field_errors"),
    ],
)
def test_bad_files_are_400_with_the_field_and_import_nothing(owner, make_user, change, field):
    prepare(owner.user)
    data = owner.token.get("/api/v1/export/json/").json()
    change(data)
    newcomer = make_party(make_user())
    response = newcomer.token.post("/api/v1/import/", data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    for model in (DayEntry, PainReading, ExerciseLog, Enrollment, ExercisePause, Advice):
        assert not model.objects.filter(user=newcomer.user).exists()
    assert not ReminderSetting.objects.filter(user=newcomer.user).exists()
    newcomer.user.refresh_from_db()
    assert newcomer.user.onboarding_step == "welcome"


def test_a_nul_character_is_named_on_its_field(owner, make_user):
    prepare(owner.user)
    data = owner.token.get("/api/v1/export/json/").json()
    data["advice"][1]["evidence"] = [{"date": "2026-01-01", "pain": 7, "why": "a\x00b"}]
    data["entries"][2]["note"] = "\x00"
    newcomer = make_party(make_user())
    response = newcomer.token.post(
        "/api/v1/import/", data, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400, response.content
    message = "This text holds an invisible NUL character, which cannot be saved."
    errors = response.json()
    assert errors["advice"] == [{}, {"evidence": [{"why": [message]}]}]
    assert errors["entries"][2] == {"note": [message]}
    assert errors["entries"][0] == {}


def test_page_import_of_a_file_with_a_nul_character(client, owner, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    prepare(owner.user)
    data = owner.token.get("/api/v1/export/json/").json()
    data["advice"][0]["evidence"] = ["a\x00b"]
    newcomer = make_user()
    client.force_login(newcomer)
    upload = SimpleUploadedFile("export.json", json.dumps(data).encode(), "application/json")
    response = client.post("/export/importeren/", {"file": upload})
    assert response.status_code == 400
    assert "onzichtbaar NUL-teken" in response.content.decode()
    assert not DayEntry.objects.filter(user=newcomer).exists()


def test_a_version_1_file_still_imports(owner, make_user):
    """Version 1 had no reminder: the new account's own setting stays."""
    prepare(owner.user)
    data = owner.token.get("/api/v1/export/json/").json()
    data["version"] = 1
    del data["reminder"]
    newcomer = make_party(make_user())
    ReminderSetting.objects.create(user=newcomer.user, enabled=False, time=datetime.time(21, 0))
    response = newcomer.token.post("/api/v1/import/", data, format="json")
    assert response.status_code == 201, response.content
    setting = ReminderSetting.objects.get(user=newcomer.user)
    assert (setting.enabled, setting.time) == (False, datetime.time(21, 0))
    assert DayEntry.objects.filter(user=newcomer.user).count() == 60


def test_an_export_without_a_reminder_imports_without_one(owner, make_user):
    fill_diary(owner.user, 5)
    data = owner.token.get("/api/v1/export/json/").json()
    assert data["reminder"] is None
    newcomer = make_party(make_user())
    assert newcomer.token.post("/api/v1/import/", data, format="json").status_code == 201
    assert not ReminderSetting.objects.filter(user=newcomer.user).exists()


def test_import_of_a_list_is_400(owner):
    response = owner.token.post("/api/v1/import/", [1, 2], format="json")
    assert response.status_code == 400


def test_version_message_is_clear(owner):
    response = owner.token.post(
        "/api/v1/import/",
        {"format": FORMAT, "version": 7, "profile": {"time_zone": "UTC"}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.json()["version"] == [
        "Deze export heeft formaatversie 7; deze server leest versie 1 tot en met 2."
    ]


def test_period_export_and_page_download(client, owner):
    dates = fill_diary(owner.user, 30)
    start = dates[10].isoformat()
    data = owner.token.get("/api/v1/export/json/", {"from": start}).json()
    assert data["from"] == start
    assert [e["date"] for e in data["entries"]] == [d.isoformat() for d in dates[10:]]
    client.force_login(owner.user)
    response = client.get("/export/json/")
    assert response["Content-Disposition"] == 'attachment; filename="heupdagboek-alles.json"'
    assert len(json.loads(response.content)["entries"]) == 30
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/export/json/")
    assert response["Content-Disposition"] == 'attachment; filename="heupdagboek-all.json"'


@pytest.mark.parametrize(
    "params,field",
    [({"from": "garbage"}, "from"), ({"to": "gisteren"}, "to"), ({"from": ""}, "from")],
)
def test_page_download_with_a_bad_date_is_400_on_its_field(client, make_user, params, field):
    """As the API does: a wrong date is not "everything"."""
    user = make_user()
    fill_diary(user, 5)
    client.force_login(user)
    response = client.get("/export/json/", params)
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    html = response.content.decode()
    assert f'id="export-{field}-error"' in html
    assert "Gebruik een datum" in html
    if params[field]:
        assert f'value="{params[field]}"' in html  # what was typed is kept


def test_import_through_the_page(client, owner, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fill_diary(owner.user, 10)
    data = owner.token.get("/api/v1/export/json/").json()
    newcomer = make_user()
    client.force_login(newcomer)
    assert "/export/importeren/" in client.get("/export/").content.decode()
    upload = SimpleUploadedFile("export.json", json.dumps(data).encode(), "application/json")
    response = client.post("/export/importeren/", {"file": upload})
    assert response.status_code == 302
    assert DayEntry.objects.filter(user=newcomer).count() == 10
    # Now the account has data: no import form, and a second import is refused.
    assert "/export/importeren/" not in client.get("/export/").content.decode()
    upload = SimpleUploadedFile("export.json", json.dumps(data).encode(), "application/json")
    response = client.post("/export/importeren/", {"file": upload})
    assert response.status_code == 400
    assert "leeg account" in response.content.decode()


def test_page_import_of_a_broken_file(client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user())
    upload = SimpleUploadedFile("x.json", b"\xff\xfe not json", "application/json")
    response = client.post("/export/importeren/", {"file": upload})
    assert response.status_code == 400
    assert "geen JSON-export" in response.content.decode()


def test_exports_hold_only_own_data(owner, outsider):
    fill_diary(owner.user, 5)
    assert owner.token.get("/api/v1/export/json/").json()["entries"]
    data = outsider.token.get("/api/v1/export/json/").json()
    assert data["entries"] == [] and data["readings"] == [] and data["advice"] == []
    assert data["profile"]["email"] == outsider.user.email


def test_reading_dates_follow_the_imported_time_zone(owner, make_user):
    moment = datetime.datetime(2026, 6, 1, 23, 30, tzinfo=datetime.UTC)  # 2 June in Brussels
    data = {
        "format": FORMAT,
        "version": VERSION,
        "profile": {"time_zone": "Europe/Brussels"},
        "readings": [{"taken_at": moment.isoformat(), "pain": 5}],
    }
    response = owner.token.post("/api/v1/import/", data, format="json")
    assert response.status_code == 201, response.content
    assert PainReading.objects.get(user=owner.user).date == datetime.date(2026, 6, 2)
