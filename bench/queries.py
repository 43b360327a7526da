"""SQL queries per request for every /api/v1/ endpoint and the main pages,
for a diary of 1 row and of 1,000 rows.

Run from the project root (make bench-queries does this):
    DEBUG=false SECRET_KEY=... .venv/bin/python bench/queries.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heupdagboek_queries ... bench/queries.py

It creates a throw-away test database (like the test suite does) and fills
two users over the same 3 years: one with a single day entry, reading,
exercise session, programme, pause, advice and share link; one with 1,000
day entries, 1,000 readings and 1,000 exercise sessions (--rows) plus 25
programmes followed, pauses, advice and share links, so that a short list
with a query per row shows up too. Then, through Django's test client
logged in with the session cookie (the full stack: middleware, auth,
throttling, the view, the signals of a write), it counts the queries of one
request to every /api/v1/ URL and verb the resolver knows, like
tests/test_cross_user_sweep.py, and of the main HTML pages. Every GET is
made once before it is counted (a page may make what it needs on the first
visit), and the whole sweep runs once on a spare diary first, so that no
count includes a per-process cache filling up. Writes run after the reads,
deletes last, then one more read of the advice right after a write (the
read that runs the rules); the writes send what today already holds, and the weeks the advice
rules read are calm in both diaries, so a write finds no new advice to store
at either size. Prints two Markdown tables, then every count that differs
between the sizes (--sql: with the SQL of both, on stderr).

The exports, trends and the report ask for the whole 3 years (exports
from=<3 years ago>&to=<today>, trends ?period=all), so that all rows are in
them. An endpoint added later that this script does not know how to call
stops it with a message saying which one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import sys
import uuid
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heupdagboek.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver, reverse  # noqa: E402

SPAN = 3 * 365  # days the data is spread over, today included
EXTRA = 25  # programmes followed, pauses, advice and share links in the big diary
API_PREFIX = "api/v1/"
KWARG = re.compile(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>")
# Reads first, then writes, deletes last: a read sees the diary as filled.
PHASE = {"get": 0, "patch": 1, "put": 1, "post": 1, "delete": 2}
# Today's day, reading and session, as filled in and as the writes send them
# again: a write that changes nothing makes the advice rules find nothing new,
# so its count does not depend on what random data happens to trigger.
DAY = {
    "pain": 4,
    "night_pain": False,
    "locations": ["groin", "outer_hip"],
    "sleep_position": "back",
    "pillow_between_knees": True,
    "red_flags": [],
    "note": "Rustige dag.",
}
READING = {"pain": 5, "context": "morning"}
SESSION = {"sets": 2, "reps": 10, "hold_seconds": 5, "pain_during": 3, "note": ""}


# --- the diaries -------------------------------------------------------------


@dataclass
class Diary:
    user: object
    first_day: datetime.date  # 3 years ago: the period of the exports
    today: datetime.date
    empty_day: datetime.date  # yesterday, without an entry: PUT creates it
    reading_id: uuid.UUID
    reading_taken_at: datetime.datetime
    log_id: uuid.UUID
    advice_id: int  # open advice: the POST acknowledges it
    pause_id: int  # open pause: the POST resumes it
    link_id: int  # share link: the DELETE revokes it
    token: str  # that link's token, for the public page
    export: bytes  # this diary as a JSON export: the import's body
    newcomer: object  # an empty account that imports it


def make_user(email: str):
    from accounts.models import User

    user = User.objects.create_user(email=email, password=None, display_name="Bench")
    user.onboarding_step = ""  # done with the first run
    user.care_provider_knows = True  # see calm() below
    user.save(update_fields=["onboarding_step", "care_provider_knows"])
    return user


def fill(label: str, rows: int, extra: int) -> Diary:
    """A user with ``rows`` day entries, readings and exercise sessions over
    the last 3 years (today's always among them), and ``extra`` of each of
    the small tables."""
    from diary.advice_store import history_start, refresh_advice, thresholds
    from diary.export import share
    from diary.models import Advice, DayEntry, PainReading
    from exercises.models import Enrollment, Exercise, ExerciseLog, ExercisePause, Program

    user = make_user(f"bench-{label}@example.org")
    zone = zoneinfo.ZoneInfo(user.time_zone)
    rng = random.Random(f"{label}-{rows}")
    today = user.today()
    first_day = today - datetime.timedelta(days=SPAN - 1)
    # Yesterday and the day before are empty in every diary, so the day pages
    # and the PUT that creates yesterday ask the same questions at every size.
    days = [today] + [
        today - datetime.timedelta(days=n) for n in rng.sample(range(3, SPAN), rows - 1)
    ]
    # The weeks the advice rules read are calm (pain 4 every day, sessions
    # at 3, no warning signs, and the GP knows): a write then finds nothing
    # new at any size, so its count is the rules' reading, not the luck of
    # whether random data happens to make a finding worth storing.
    rules_start = history_start(today, thresholds())

    def calm(d: datetime.date) -> bool:
        return d >= rules_start

    DayEntry.objects.create(user=user, date=today, **DAY)
    DayEntry.objects.bulk_create(
        (
            DayEntry(
                user=user,
                date=d,
                pain=DAY["pain"] if calm(d) else rng.choice([None, *range(11)]),
                night_pain=not calm(d) and rng.random() < 0.1,
                locations=rng.sample(["groin", "outer_hip", "buttock", "thigh"], rng.randint(0, 2)),
                sleep_position=rng.choice(["", "back", "left_side", "right_side", "mixed"]),
                pillow_between_knees=rng.random() < 0.5,
                note=rng.choice(["", "Fietsen ging goed.", "Lang gestaan op het werk."]),
            )
            for d in days[1:]
        ),
        batch_size=500,
    )
    reading_taken_at = datetime.datetime.combine(today, datetime.time(0, 30), tzinfo=zone)
    moments = [
        datetime.datetime.combine(
            rng.choice(days), datetime.time(rng.randint(6, 22), rng.choice([0, 30])), tzinfo=zone
        )
        for _ in range(rows - 1)
    ]
    readings = [
        PainReading(id=uuid.uuid4(), user=user, taken_at=reading_taken_at, date=today, **READING)
    ] + [
        PainReading(
            id=uuid.uuid4(),
            user=user,
            taken_at=moment,
            date=moment.date(),
            pain=DAY["pain"] if calm(moment.date()) else rng.randint(0, 10),
            context=rng.choice(["", "morning", "after_exercise", "evening", "night"]),
        )
        for moment in moments
    ]
    PainReading.objects.bulk_create(readings, batch_size=500)
    exercises = list(Exercise.objects.order_by("order", "slug"))
    bridge = Exercise.objects.get(slug="bridge")
    log_days = [rng.choice(days) for _ in range(rows - 1)]
    logs = [ExerciseLog(id=uuid.uuid4(), user=user, exercise=bridge, date=today, **SESSION)] + [
        ExerciseLog(
            id=uuid.uuid4(),
            user=user,
            exercise=rng.choice(exercises),
            date=d,
            sets=2,
            reps=10,
            hold_seconds=5,
            pain_during=SESSION["pain_during"] if calm(d) else rng.randint(0, 8),
        )
        for d in log_days
    ]
    ExerciseLog.objects.bulk_create(logs, batch_size=500)

    programs = list(Program.objects.order_by("order", "slug"))
    for n in range(extra):
        started = today - datetime.timedelta(days=40 * (extra - n))
        last = n == extra - 1
        Enrollment.objects.create(
            user=user,
            program=programs[n % len(programs)],
            started_on=started,
            ended_on=None if last else started + datetime.timedelta(days=40),
            active=last,
        )
    pauses = []
    for n in range(extra):
        since = today - datetime.timedelta(days=30 * n + 3)
        open_ = n < len(exercises)  # at most one open pause per exercise
        pauses.append(
            ExercisePause.objects.create(
                user=user,
                exercise=exercises[n % len(exercises)],
                since=since,
                resumed_on=None if open_ else since + datetime.timedelta(days=10),
                baseline=3.0,
                reason="Na de oefening bleef je pijn hoog.",
            )
        )
    kinds = ["urgent", "see_gp", "stop_exercise", "reduce_load", "urgent"]
    advice_ids = []
    for n in range(extra):
        kind = kinds[n % len(kinds)]
        since = today - datetime.timedelta(days=7 * n)
        evidence = [{"date": since.isoformat(), "pain": 7}, {"date": since.isoformat(), "pain": 8}]
        for_exercise = kind in ("stop_exercise", "reduce_load")
        exercise = exercises[n % len(exercises)] if for_exercise else None
        advice = Advice.objects.create(
            user=user,
            kind=kind,
            key=f"bench:{kind}:{n}",
            rule={
                "urgent": "fever",
                "see_gp": "night_pain",
                "stop_exercise": "pain_during_twice",
                "reduce_load": "pain_during_once",
            }[kind],
            exercise=exercise,
            since=since,
            evidence=evidence,
            source="bench",
            pause=pauses[n] if kind == "stop_exercise" else None,
            # Every fifth one was read already; the first one stays open.
            acknowledged_at=None
            if n % len(kinds) != len(kinds) - 1
            else datetime.datetime.now(datetime.UTC),
        )
        advice_ids.append(advice.pk)
    links = [share.create_link(user, first_day, today, 14) for _ in range(extra)]
    # What the signals would have stored had the rows been written one by one.
    refresh_advice(user)

    client = Client()
    client.force_login(user)
    response = client.get("/api/v1/export/json/")
    assert response.status_code == 200, response.content
    exported = json.loads(response.content)
    for name in ("entries", "readings", "exercise_logs"):
        assert len(exported[name]) == rows, (name, len(exported[name]))
    return Diary(
        user=user,
        first_day=first_day,
        today=today,
        empty_day=today - datetime.timedelta(days=1),
        reading_id=readings[0].id,
        reading_taken_at=reading_taken_at,
        log_id=logs[0].id,
        advice_id=advice_ids[0],
        pause_id=pauses[0].pk,
        link_id=links[0][0].pk,
        token=links[0][1],
        export=response.content,
        newcomer=make_user(f"bench-{label}-import@example.org"),
    )


# --- what to ask ------------------------------------------------------------


class Call(NamedTuple):
    variant: str  # "" or what tells two calls of one verb apart
    kwargs: dict  # the URL's arguments
    query: dict | None = None
    body: object = None  # JSON for writes
    as_newcomer: bool = False
    anonymous: bool = False


def api_calls(d: Diary) -> dict[tuple[str, str], list[Call]]:
    """How to call every (URL name, verb) of /api/v1/ with a valid request."""
    today = d.today.isoformat()
    period = {"from": d.first_day.isoformat(), "to": today}
    reading = {"taken_at": d.reading_taken_at.isoformat(), **READING}
    session = {"exercise": "bridge", "date": today, **SESSION}
    new_reading, new_log = str(uuid.uuid4()), str(uuid.uuid4())
    return {
        ("api-me", "get"): [Call("", {})],
        ("api-me", "patch"): [Call("", {}, body={"display_name": "Ans"})],
        ("api-ping", "get"): [Call("", {})],
        ("api-trends", "get"): [Call("", {}, {"period": "all"})],
        ("advice-list", "get"): [Call("", {})],
        ("advice-acknowledge", "post"): [Call("", {"pk": d.advice_id})],
        ("entry-list", "get"): [Call("", {})],
        ("entry-detail", "get"): [Call("", {"date": today})],
        ("entry-detail", "put"): [
            Call("create", {"date": d.empty_day.isoformat()}, body=DAY),
            Call("replace", {"date": today}, body=DAY),
        ],
        ("entry-detail", "patch"): [Call("", {"date": today}, body={"pain": DAY["pain"]})],
        ("entry-detail", "delete"): [Call("", {"date": today})],
        ("reading-list", "get"): [Call("", {})],
        ("reading-detail", "get"): [Call("", {"id": d.reading_id})],
        ("reading-detail", "put"): [
            Call("create", {"id": new_reading}, body=reading),
            Call("replace", {"id": d.reading_id}, body=reading),
        ],
        ("reading-detail", "delete"): [Call("", {"id": d.reading_id})],
        ("export-api-csv", "get"): [Call("", {}, period)],
        ("export-api-fhir", "get"): [Call("", {}, period)],
        ("export-api-json-export", "get"): [Call("everything", {})],
        ("export-api-pdf", "get"): [Call("", {}, {**period, "notes": "1"})],
        ("import-list", "post"): [Call("into a new account", {}, body=d.export, as_newcomer=True)],
        ("share-link-list", "get"): [Call("", {})],
        ("share-link-list", "post"): [
            Call("", {}, body={**period, "expires_in_days": 14, "include_notes": False})
        ],
        ("share-link-detail", "delete"): [Call("", {"pk": d.link_id})],
        ("pause-list", "get"): [Call("", {})],
        ("pause-resume", "post"): [Call("", {"pk": d.pause_id})],
        ("exercise-list", "get"): [Call("", {})],
        ("exercise-detail", "get"): [Call("", {"slug": "bridge"})],
        ("program-list", "get"): [Call("", {})],
        ("enrollment-list", "get"): [Call("", {})],
        ("enrollment-list", "post"): [Call("", {}, body={"program": "calm-bursitis"})],
        ("plan-list", "get"): [Call("", {})],
        ("exercise-log-list", "get"): [Call("", {})],
        ("exercise-log-detail", "get"): [Call("", {"id": d.log_id})],
        ("exercise-log-detail", "put"): [
            Call("create", {"id": new_log}, body=session),
            Call("replace", {"id": d.log_id}, body=session),
        ],
        ("exercise-log-detail", "delete"): [Call("", {"id": d.log_id})],
    }


def page_calls(d: Diary) -> list[tuple[str, Call]]:
    """The main HTML pages, by URL name (GET only)."""
    yesterday = (d.today - datetime.timedelta(days=1)).isoformat()
    period = {"from": d.first_day.isoformat(), "to": d.today.isoformat()}
    return [
        ("home", Call("", {})),
        ("day", Call("", {"date": yesterday})),
        ("days", Call("", {})),
        ("trends", Call("", {}, {"period": "all"})),
        ("exercises_today", Call("", {})),
        ("exercise_programs", Call("", {})),
        ("exercise_library", Call("", {})),
        ("exercise_detail", Call("", {"slug": "bridge"})),
        ("exercise_player", Call("", {"slug": "bridge"})),
        ("export", Call("", {})),
        ("export_report", Call("", {}, {**period, "notes": "1"})),
        ("share_page", Call("no login", {"token": d.token}, anonymous=True)),
        ("account_home", Call("", {})),
        ("reminders", Call("", {})),
        ("help", Call("", {})),
    ]


# --- the URLs, from the resolver -----------------------------------------------


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def verbs_of(pattern: URLPattern) -> list[str]:
    """The verbs a URL answers, without HEAD and OPTIONS."""
    actions = getattr(pattern.callback, "actions", None)
    if actions:
        return [verb for verb in actions if verb not in ("head", "options")]
    view = getattr(pattern.callback, "cls", None) or getattr(pattern.callback, "view_class", None)
    if view is None:
        return ["get"]
    return [
        verb
        for verb in ("get", "put", "patch", "post", "delete")
        if verb in view.http_method_names and hasattr(view, verb)
    ]


def template(route: str) -> str:
    """/api/v1/entries/{date}/ from the resolver's route."""
    path = route.replace("^", "").replace("$", "")
    return "/" + KWARG.sub(lambda m: "{" + (m.group(1) or m.group(2)) + "}", path)


def api_routes() -> list[tuple[str, str, list[str]]]:
    """(path template, URL name, verbs) of every /api/v1/ URL."""
    return [
        (template(route), pattern.name, verbs_of(pattern))
        for route, pattern in walk(get_resolver().url_patterns)
        if route.startswith(API_PREFIX)
    ]


def check_known(routes, calls) -> None:
    wanted = {(name, verb) for _path, name, verbs in routes for verb in verbs}
    unknown, stale = wanted - set(calls), set(calls) - wanted
    if unknown or stale:
        sys.exit(
            "bench/queries.py: say in api_calls() how to call "
            f"{sorted(unknown)}; no longer there: {sorted(stale)}"
        )


# --- counting -------------------------------------------------------------------


class Row(NamedTuple):
    order: int
    endpoint: str
    method: str


def request(clients: dict, verb: str, path: str, call: Call):
    client = clients["anonymous" if call.anonymous else "newcomer" if call.as_newcomer else "user"]
    if verb == "get":
        return client.get(path, call.query or {})
    body = call.body if isinstance(call.body, bytes) else json.dumps(call.body or {})
    return client.generic(verb.upper(), path, body, content_type="application/json")


def count(clients: dict, verb: str, path: str, call: Call) -> tuple[int, list[str]]:
    if verb == "get":
        request(clients, verb, path, call)  # warm up: a first visit may make things
    with CaptureQueriesContext(connection) as queries:
        response = request(clients, verb, path, call)
    if not 200 <= response.status_code < 300:
        raise SystemExit(f"{verb.upper()} {path}: {response.status_code} {response.content[:500]}")
    return len(queries), [q["sql"] for q in queries.captured_queries]


def sweep(d: Diary) -> tuple[dict, dict]:
    """{Row: (queries, sql)} for the API and for the pages."""
    clients = {"user": Client(), "newcomer": Client(), "anonymous": Client()}
    clients["user"].force_login(d.user)
    clients["newcomer"].force_login(d.newcomer)
    routes = api_routes()
    calls = api_calls(d)
    check_known(routes, calls)
    planned = []  # (phase, Row, verb, path, call)
    for path_template, name, verbs in routes:
        for verb in verbs:
            for call in calls[(name, verb)]:
                method = verb.upper() + (f" ({call.variant})" if call.variant else "")
                row = Row(len(planned), path_template, method)
                path = path_template.format(**call.kwargs)
                planned.append((PHASE[verb], row, verb, path, call))
    templates = {p.name: template(r) for r, p in walk(get_resolver().url_patterns)}
    pages = {}
    for name, call in page_calls(d):
        method = "GET" + (f" ({call.variant})" if call.variant else "")
        row = Row(len(pages), templates[name], method)
        pages[row] = count(clients, "get", reverse(name, kwargs=call.kwargs), call)
    api = {}
    for _phase, row, verb, path, call in sorted(planned, key=lambda p: (p[0], p[1].order)):
        api[row] = count(clients, verb, path, call)
    # Writes only count themselves for the advice (diary/advice_state.py):
    # the read after a write runs the rules, so count that too.
    request(clients, "put", f"/api/v1/entries/{d.today.isoformat()}/", Call("", {}, body=DAY))
    with CaptureQueriesContext(connection) as queries:
        response = request(clients, "get", "/api/v1/advice/", Call("", {}))
    assert response.status_code == 200, response.content[:500]
    row = Row(len(planned), "/api/v1/advice/", "GET (right after a PUT)")
    api[row] = len(queries), [q["sql"] for q in queries.captured_queries]
    return api, pages


def table(title: str, small: dict, big: dict, rows: int) -> list[str]:
    lines = [
        f"| {title} | method | queries (1 row) | queries ({rows:,} rows) |",
        "| --- | --- | ---: | ---: |",
    ]
    for row in sorted(small, key=lambda r: r.order):
        lines.append(f"| `{row.endpoint}` | {row.method} | {small[row][0]} | {big[row][0]} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, default=1000, help="day entries, readings and sessions (default 1000)"
    )
    parser.add_argument(
        "--sql", action="store_true", help="print the SQL of every count that differs (stderr)"
    )
    args = parser.parse_args()
    if not 2 <= args.rows < SPAN:
        parser.error(f"--rows must be from 2 to {SPAN - 1}")

    setup_test_environment()
    old_config = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        sweep(fill("warm-up", 1, 1))  # fills the per-process caches; not counted
        small_api, small_pages = sweep(fill("small", 1, 1))
        big_api, big_pages = sweep(fill("big", args.rows, EXTRA))
    finally:
        connection.creation.destroy_test_db(old_config, verbosity=0)

    print(
        f"database: {connection.vendor}; 1 row of each, against {args.rows:,} day entries, "
        f"readings and exercise sessions over {SPAN // 365} years plus {EXTRA} programmes "
        "followed, pauses, advice and share links"
    )
    print()
    print("\n".join(table("endpoint", small_api, big_api, args.rows)))
    print()
    print("\n".join(table("page", small_pages, big_pages, args.rows)))
    print()
    differs = [
        (row, small[row], big[row])
        for small, big in ((small_api, big_api), (small_pages, big_pages))
        for row in small
        if small[row][0] != big[row][0]
    ]
    if not differs:
        print("No count depends on the number of rows.")
    for row, (few, few_sql), (many, many_sql) in differs:
        print(f"Differs: {row.method} {row.endpoint}: {few} -> {many} queries")
        if args.sql:
            for label, sql in (("1 row", few_sql), (f"{args.rows:,} rows", many_sql)):
                print(f"--- {row.method} {row.endpoint}, {label}", file=sys.stderr)
                for statement in sql:
                    print(f"  {statement}", file=sys.stderr)


if __name__ == "__main__":
    main()
