"""The advice runs when it is read: writes only count themselves, and every
path that shows advice or pauses brings them up to date first (issue 9: the
diary write is the hot path; issue 5: what the user sees reflects every
saved entry)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from diary import advice_store
from diary.advice_state import note_change, record_check, unseen_changes
from diary.advice_store import bring_up_to_date
from diary.export.json_export import export_data, import_data
from diary.export.share import create_link
from diary.models import Advice, AdviceState, DayEntry, PainReading
from exercises.models import Enrollment, Exercise, ExercisePause, Program
from tests.test_advice_flow import calm_history, log_session, looks, put_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def stopped_bridge(owner):
    """A bridge session, then two days well above the usual 3: the rules
    would pause the bridge, but nothing has read the advice yet."""
    owner.user.care_provider_knows = True
    owner.user.save()
    Enrollment.start(owner.user, Program.objects.get(slug="gentle-hip-start"), owner.user.today())
    calm_history(owner)
    log_session(owner, "bridge", 2, 3)
    put_day(owner, 2, 3)
    put_day(owner, 1, 6)
    put_day(owner, 0, 7)
    assert not ExercisePause.objects.exists()  # the writes only counted themselves
    return owner


READ_PATHS = [
    # (who asks, url, what the answer shows of the pause or its advice)
    ("token", "/api/v1/advice/", '"kind":"stop_exercise"'),
    ("token", "/api/v1/pauses/", '"exercise":"bridge"'),
    ("token", "/api/v1/plan/", '"paused":true'),
    ("token", "/api/v1/trends/?period=4w", None),
    ("token", "/api/v1/export/json/", '"pauses":[{'),
    ("token", "/api/v1/export/pdf/", None),
    ("page", "/", "advice-stop_exercise"),
    ("page", "/exercises/", "Gepauzeerd sinds"),
    ("page", "/exercises/bridge/do/", "Deze oefening is gepauzeerd sinds"),
    ("page", "/trends/", None),
    ("page", "/export/rapport/", None),
    ("share", "", None),  # the GP's link: the report of the owner's diary
]


@pytest.mark.parametrize(("who", "url", "shows"), READ_PATHS)
def test_every_read_path_brings_the_advice_up_to_date(stopped_bridge, client, who, url, shows):
    owner = stopped_bridge
    if who == "token":
        response = owner.token.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    elif who == "share":
        today = owner.user.today()
        _link, token = create_link(owner.user, today - datetime.timedelta(days=27), today, 14)
        response = client.get(f"/gedeeld/{token}/")
    else:
        client.force_login(owner.user)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    (pause,) = ExercisePause.objects.filter(user=owner.user, resumed_on__isnull=True)
    assert pause.exercise.slug == "bridge"
    if shows is not None:
        assert shows in response.content.decode()


def counting_runs(monkeypatch, during=None) -> list[int]:
    """Counts the runs of the real rules (and does ``during`` in each run,
    after they read the data: a write landing at that moment)."""
    real = advice_store.refresh_advice
    runs: list[int] = []

    def counted(user, today=None):
        real(user, today)
        runs.append(1)
        if during is not None:
            during(user)

    monkeypatch.setattr(advice_store, "refresh_advice", counted)
    return runs


def test_a_burst_of_writes_runs_the_rules_once(stopped_bridge, monkeypatch):
    owner = stopped_bridge
    looks(owner)
    runs = counting_runs(monkeypatch)
    for n in range(12, -1, -1):  # an offline phone catching up
        put_day(owner, n, 7 if n < 2 else 3)
    assert runs == []  # the writes ran nothing
    first = looks(owner)
    assert runs == [1]
    with CaptureQueriesContext(connection) as queries:
        again = looks(owner)
    assert again == first and runs == [1]
    # Only the check: the rules read the diary, this read did not.
    assert not [q for q in queries if "diary_dayentry" in q["sql"]]
    assert unseen_changes(owner.user.pk, owner.user.today()) is None


def test_a_write_while_the_rules_run_is_not_missed(owner, monkeypatch):
    """The count is read before the data: a write that lands after the rules
    read the data raises it past the one recorded, so the next read runs
    them again and sees it."""
    user, today = owner.user, owner.user.today()
    put_day(owner, 0, 3)
    late = []

    def a_write_lands(user):
        if not late:  # once: the phone's next tap
            late.append(1)
            DayEntry.objects.filter(user=user, date=today).update(red_flags=["fever"])
            note_change(user.pk)

    runs = counting_runs(monkeypatch, during=a_write_lands)
    assert looks(owner) == []  # the rules read the day before the fever
    assert unseen_changes(user.pk, today) is not None
    assert [a["kind"] for a in looks(owner)] == ["urgent"]
    assert runs == [1, 1]
    assert unseen_changes(user.pk, today) is None


def test_the_rules_use_the_users_answers_as_they_are_now(owner):
    """The user object of a request is loaded before the count is read; an
    answer changed (and counted) since must still reach the rules."""
    owner.user.care_provider_knows = True
    owner.user.save()
    for n in range(6, -1, -1):
        put_day(owner, n, 4)  # pain every day: lasting pain, but the GP knows
    assert looks(owner) == []
    loaded_earlier = User.objects.get(pk=owner.user.pk)
    elsewhere = User.objects.get(pk=owner.user.pk)
    elsewhere.care_provider_knows = False  # "no, nobody knows yet"
    elsewhere.save(update_fields=["care_provider_knows"])
    bring_up_to_date(loaded_earlier)
    assert Advice.objects.filter(user=owner.user, rule="lasting_pain").exists()


def test_a_reading_moved_to_a_day_long_ago_is_counted(owner):
    looks(owner)
    reading = PainReading.objects.create(
        user=owner.user, taken_at=timezone.now(), date=owner.user.today(), pain=9
    )
    looks(owner)
    reading.taken_at -= datetime.timedelta(days=400)
    reading.date -= datetime.timedelta(days=400)
    reading.save()
    assert unseen_changes(owner.user.pk, owner.user.today()) is not None


def test_a_pause_edited_or_deleted_in_the_admin_is_counted(owner):
    pause = ExercisePause.objects.create(
        user=owner.user, exercise=Exercise.objects.get(slug="bridge"), since=owner.user.today()
    )
    looks(owner)
    assert unseen_changes(owner.user.pk, owner.user.today()) is None  # making one is not
    pause.resumed_on = owner.user.today()
    pause.save()  # the admin's change form saves every field
    assert unseen_changes(owner.user.pk, owner.user.today()) is not None
    looks(owner)
    pause.delete()
    assert unseen_changes(owner.user.pk, owner.user.today()) is not None


def test_an_import_is_looked_at(owner, make_user):
    """bulk_create sends no signals: the import counts itself."""
    put_day(owner, 0, 6, red_flags=["fever"])
    data = export_data(owner.user)  # with the urgent advice it caused
    newcomer = make_user()
    bring_up_to_date(newcomer)
    import_data(newcomer, data)
    assert unseen_changes(newcomer.pk, newcomer.today()) is not None
    bring_up_to_date(newcomer)
    assert list(Advice.objects.filter(user=newcomer).values_list("kind", flat=True)) == [
        "urgent"
    ]  # restored, and not stored a second time


def test_a_new_day_runs_the_rules_again(owner):
    user, today = owner.user, owner.user.today()
    looks(owner)
    state = AdviceState.objects.get(user=user)
    assert (state.checked_on, state.checked_changes) == (today, state.changes)
    record_check(user.pk, state.changes, today - datetime.timedelta(days=1))
    assert unseen_changes(user.pk, today) == state.changes


def test_a_user_never_checked_is_checked(owner):
    AdviceState.objects.filter(user=owner.user).delete()  # as before this table existed
    assert unseen_changes(owner.user.pk, owner.user.today()) == 0
    looks(owner)
    assert unseen_changes(owner.user.pk, owner.user.today()) is None


def test_an_old_day_is_not_counted(owner):
    """A day before anything the rules read (an import, a paper diary typed
    in late) cannot change the advice."""
    looks(owner)
    day = owner.user.today() - datetime.timedelta(days=400)
    owner.token.put(f"/api/v1/entries/{day}/", {"pain": 8}, format="json")
    assert unseen_changes(owner.user.pk, owner.user.today()) is None
    put_day(owner, 0, 8)
    assert unseen_changes(owner.user.pk, owner.user.today()) is not None


def test_a_fault_in_the_rules_costs_neither_the_entry_nor_the_page(owner, client, monkeypatch):
    def broken(user, today=None):
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr("diary.advice_store.refresh_advice", broken)
    put_day(owner, 0, 6)
    client.force_login(owner.user)
    assert client.get("/").status_code == 200
    assert DayEntry.objects.get(user=owner.user).pain == 6
    # Not recorded as checked: the next read tries again.
    assert unseen_changes(owner.user.pk, owner.user.today()) is not None


def test_deleting_accounts_leaves_no_state_behind(owner):
    put_day(owner, 0, 5)
    looks(owner)
    User.objects.filter(pk=owner.user.pk).delete()  # a queryset, as the admin does
    assert not AdviceState.objects.exists()
    assert not DayEntry.objects.exists()
