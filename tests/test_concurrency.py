"""Many writes at once, and an offline queue replayed many times.

Real threads, each with its own database connection, through the real views
(Django's test client) on a real database: on PostgreSQL in CI and, with its
IMMEDIATE transactions and busy timeout, on SQLite too.
"""

from __future__ import annotations

import datetime
import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from diary.models import DayEntry, PainReading

pytestmark = pytest.mark.django_db(transaction=True)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def in_thread(fn):
    """Runs ``fn`` and closes this thread's database connection afterwards."""

    def run(*args):
        try:
            return fn(*args)
        finally:
            connection.close()

    return run


@pytest.fixture(autouse=True)
def _no_api_throttle(settings):
    # A thousand writes from one user in seconds: the per-user limit is not
    # what these tests are about.
    settings.API_RATE_LIMIT_USER = "100000/minute"


def test_twenty_threads_put_the_same_date(make_user):
    user = make_user()
    day = user.today().isoformat()
    start = threading.Barrier(20)

    @in_thread
    def put(pain: int) -> int:
        client = client_for(user)
        start.wait(timeout=10)
        return client.put(f"/api/v1/entries/{day}/", {"pain": pain}, format="json").status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(put, [n % 11 for n in range(20)]))
    assert all(status in (200, 201) for status in statuses), statuses
    assert statuses.count(201) == 1
    assert DayEntry.objects.filter(user=user).count() == 1


def test_offline_queue_replayed_ten_times_out_of_order(make_user):
    """100 queued writes (60 readings, 40 days), each sent 10 times in a
    shuffled order by 8 threads: exactly 100 rows, each with its last value."""
    user = make_user()
    today = user.today()
    readings = {
        str(uuid.uuid4()): {
            "taken_at": f"{today - datetime.timedelta(days=n % 30)}T08:00:00+01:00",
            "pain": n % 11,
            "context": "morning",
        }
        for n in range(60)
    }
    days = {
        (today - datetime.timedelta(days=n)).isoformat(): {"pain": (n * 3) % 11, "note": f"dag {n}"}
        for n in range(40)
    }
    writes = [("reading", key) for key in readings] + [("day", key) for key in days]
    replay = writes * 10
    random.Random(20261122).shuffle(replay)

    @in_thread
    def send(batch) -> list[int]:
        client = client_for(user)
        statuses = []
        for kind, key in batch:
            if kind == "reading":
                response = client.put(f"/api/v1/readings/{key}/", readings[key], format="json")
            else:
                response = client.put(f"/api/v1/entries/{key}/", days[key], format="json")
            statuses.append(response.status_code)
        return statuses

    batches = [replay[i::8] for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [s for batch in pool.map(send, batches) for s in batch]
    assert set(statuses) <= {200, 201}, set(statuses)
    assert statuses.count(201) == 100
    assert PainReading.objects.filter(user=user).count() == 60
    assert DayEntry.objects.filter(user=user).count() == 40
    for key, body in readings.items():
        assert PainReading.objects.get(pk=key).pain == body["pain"]
    for key, body in days.items():
        entry = DayEntry.objects.get(user=user, date=key)
        assert (entry.pain, entry.note) == (body["pain"], body["note"])


def test_later_write_of_the_same_day_wins_when_replayed_in_order(make_user):
    """A queue keeps its order per key: v1 then v2 of the same day, replayed
    again and again, ends with v2."""
    user = make_user()
    client = client_for(user)
    day = user.today().isoformat()
    for _ in range(5):
        client.put(f"/api/v1/entries/{day}/", {"pain": 4, "note": "v1"}, format="json")
        client.put(f"/api/v1/entries/{day}/", {"pain": 6, "note": "v2"}, format="json")
    entry = DayEntry.objects.get(user=user)
    assert (entry.pain, entry.note) == (6, "v2")


def test_an_import_and_a_write_of_the_same_day_do_not_deadlock(make_user, monkeypatch):
    """An import and a diary write both take the day's row before the
    advice's count (diary/export/json_export.py), so neither can wait for
    the other forever. The import is held just after it counted itself
    while the write of the same day starts; before the order was fixed the
    import counted first, the write then wrote the day and waited for the
    count, the import waited for the day, and PostgreSQL broke the deadlock
    with an error (a 500)."""
    from diary import advice_state, signals
    from diary.export.json_export import export_data, import_data
    from diary.services import save_day

    source = make_user()
    save_day(source, source.today(), {"pain": 3}, replace=True)
    data = export_data(source)
    target = make_user()
    real = advice_state.note_change
    write_started = threading.Event()
    results: dict = {}

    def held_after_counting(user_id):
        if threading.current_thread().name == "write":
            write_started.set()  # its day is written, its count next
            real(user_id)
            return
        real(user_id)
        # Keep the import's locks until the write has written its day (or
        # 3 s: with the right order the write waits for the import instead).
        write_started.wait(3)

    monkeypatch.setattr(signals, "note_change", held_after_counting)
    monkeypatch.setattr("diary.export.json_export.note_change", held_after_counting)

    def run(name, fn):
        try:
            results[name] = fn()
        except Exception as error:  # the outcome is what is tested
            results[name] = error
        finally:
            connection.close()

    importer = threading.Thread(
        target=run, name="import", args=("import", lambda: import_data(target, data))
    )
    importer.start()
    writer = threading.Thread(
        target=run,
        name="write",
        args=("write", lambda: save_day(target, target.today(), {"pain": 8}, replace=True)),
    )
    threading.Timer(0.3, writer.start).start()
    importer.join(20)
    writer.join(20)
    assert not any(isinstance(value, Exception) for value in results.values()), results
    assert DayEntry.objects.get(user=target, date=target.today()).pain == 8  # the write came last
