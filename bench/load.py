# ruff: noqa: S603, S607 - starts our own server, wrk and pg_ctlcluster with fixed arguments
"""Load and fault figures: gunicorn + PostgreSQL under wrk (bench/load.lua).

    make bench-load          # or: .venv/bin/python bench/load.py [--seconds 60] [--fault]

1. Creates a fresh PostgreSQL database heupdagboek_load (127.0.0.1, user
   postgres), migrates it, starts gunicorn (4 workers) on 127.0.0.1.
2. Signs in USERS users through allauth's headless API (session tokens).
3. Runs wrk with 200 connections for each mode in turn, same server, same
   settings: floor (an authenticated constant answer), put (the diary write
   for today or the last week, counted for the advice, whose rules run on
   the next read), backfill (the same write for a day over a year back, not
   even counted), mix (log pain, open
   Vandaag, trends, log an exercise). Prints requests/s,
   p50/p95/p99 and errors, and the put/floor ratios.
4. Checks that every write answered 2xx is in the database.
With --fault it instead runs a mix while PostgreSQL is restarted halfway, and
reports how the app answered during and after the outage.

Only 127.0.0.1 is used; every run is bounded in time and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "heupdagboek_load"
USERS = 200
CONNECTIONS = 200


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment() -> dict:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "load-benchmark-secret-key-not-for-production-0123456789",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        # The per-user limit protects real users; here 200 synthetic users
        # hammer the API on purpose.
        "API_RATE_LIMIT_USER": "1000000/minute",
        "LOG_LEVEL": "error",
    }


def sign_in_users(env: dict) -> list[str]:
    """Creates the users and a session for each, as a login would (allauth's
    app tokens are session keys). Logging 200 users in over HTTP would trip
    allauth's login rate limit per address, which is right in production."""
    script = (
        "from importlib import import_module\n"
        "from django.conf import settings\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from accounts.models import User\n"
        "Store = import_module(settings.SESSION_ENGINE).SessionStore\n"
        f"for n in range({USERS}):\n"
        f"    user = User.objects.create_user(email=f'load{{n}}@example.org', password=None)\n"
        "    session = Store()\n"
        "    session[SESSION_KEY] = str(user.pk)\n"
        "    session[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "    session[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "    session.create()\n"
        "    print(session.session_key)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    tokens = [line for line in result.stdout.split() if len(line) == 32 and line.isalnum()]
    assert len(tokens) == USERS, result.stdout[:500]
    return tokens


def run_wrk(base: str, mode: str, seconds: int, tokens_file: Path, out_dir: Path) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "load.lua"),
            base,
        ],
        env={**os.environ, "MODE": mode, "TOKENS": str(tokens_file), "OUT_DIR": str(out_dir)},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    line = next(line for line in lines if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    timeline = next(line for line in lines if line.startswith("TIMELINE "))
    figures["timeline"] = json.loads(timeline.removeprefix("TIMELINE "))
    return figures


def split_by_window(timeline: dict, start: float, end: float) -> dict:
    """Answers per kind before, inside and after [start, end] (whole seconds)."""
    windows = {name: {"ok": 0, "503": 0, "other": 0} for name in ("before", "inside", "after")}
    for key, count in timeline.items():
        second, kind = key.split(":")
        second = int(second)
        name = "before" if second < int(start) else "inside" if second <= end else "after"
        windows[name][kind] += count
    return windows


def without_timeline(figures: dict) -> dict:
    return {key: value for key, value in figures.items() if key != "timeline"}


def written_keys(out_dir: Path) -> tuple[set[str], set[str]]:
    days, logs = set(), set()
    for path in out_dir.glob("written-*.txt"):
        for line in path.read_text().splitlines():
            kind, key = line.split(" ", 1)
            (days if kind == "day" else logs).add(key)
        path.unlink()
    return days, logs


def count_missing(env: dict, days: set[str], logs: set[str]) -> tuple[int, int]:
    script = (
        "import json, sys\n"
        "from diary.models import DayEntry\n"
        "from exercises.models import ExerciseLog\n"
        "keys = json.load(sys.stdin)\n"
        "rows = DayEntry.objects.filter(note__startswith='load-')"
        ".values_list('user__email', 'date')\n"
        # load{n}@example.org is the user of token n + 1 (wrk counts from 1).
        "have_days = {f\"{int(e[4:e.index('@')]) + 1}:{d.isoformat()}\" for e, d in rows}\n"
        "have_logs = {str(i) for i in ExerciseLog.objects.values_list('id', flat=True)}\n"
        "print('MISSING', len(set(keys['days']) - have_days), len(set(keys['logs']) - have_logs))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        input=json.dumps({"days": sorted(days), "logs": sorted(logs)}),
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("MISSING"))
    _label, missing_days, missing_logs = line.split()
    return int(missing_days), int(missing_logs)


def restart_postgres_after(delay: float, downtime: float, events: list) -> threading.Thread:
    cluster = subprocess.run(["ls", "/etc/postgresql"], capture_output=True, text=True, check=True)
    version = cluster.stdout.split()[0]

    def run():
        time.sleep(delay)
        events.append(("stop", time.time()))
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast"],
            check=True,
        )
        time.sleep(downtime)
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=True
        )
        events.append(("start", time.time()))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL halfway")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    env = environment()
    psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    psql(f"CREATE DATABASE {DB_NAME}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "heupdagboek.wsgi",
            "-w",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    out_dir = Path(tempfile.mkdtemp(prefix="heupdagboek-load-"))
    try:
        for _ in range(100):
            try:
                urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - our own local server
                break
            except (OSError, HTTPError):
                time.sleep(0.2)
        tokens = sign_in_users(env)
        tokens_file = out_dir / "tokens.txt"
        tokens_file.write_text("\n".join(tokens) + "\n")
        print(f"gunicorn 4 workers, PostgreSQL, {USERS} users, {CONNECTIONS} connections, wrk -t2")
        if args.fault:
            events: list = []
            restarter = restart_postgres_after(args.seconds / 3, 5, events)
            result = run_wrk(base, "mix", args.seconds, tokens_file, out_dir)
            restarter.join()
            after = run_wrk(base, "mix", 10, tokens_file, out_dir)
            stopped, started = events[0][1], events[1][1]
            # The fault window: from the stop until the app answers again,
            # which its connection checks allow within a few seconds of the
            # start (the grace is generous on purpose, and reported).
            grace = 5
            windows = split_by_window(result["timeline"], stopped, started + grace)
            print("during (with the restart):", json.dumps(without_timeline(result)))
            print(f"PostgreSQL down for {started - stopped:.1f} s; window = down time + {grace} s")
            for name, counts in windows.items():
                print(
                    f"  {name:>6} the window: {counts['ok']} ok, {counts['503']} x 503, "
                    f"{counts['other']} other errors"
                )
            print("after (10 s):            ", json.dumps(without_timeline(after)))
        else:
            results = {
                mode: run_wrk(base, mode, args.seconds, tokens_file, out_dir)
                for mode in ("floor", "put", "backfill", "mix")
            }
            for mode, result in results.items():
                print(f"{mode:>8}: {json.dumps(without_timeline(result))}")
            floor, put = results["floor"], results["put"]
            print(f"put/floor throughput: {put['rps'] / floor['rps']:.2f} (goal >= 0.6)")
            print(f"put/floor p95:        {put['p95_ms'] / floor['p95_ms']:.2f} (goal <= 2)")
            backfill = results["backfill"]
            print(f"backfill/floor throughput: {backfill['rps'] / floor['rps']:.2f}")
        days, logs = written_keys(out_dir)
        missing_days, missing_logs = count_missing(env, days, logs)
        print(
            f"writes answered 2xx: {len(days)} distinct (user, day), {len(logs)} exercise logs; "
            f"missing from the database: {missing_days} days, {missing_logs} logs"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(out_dir, ignore_errors=True)
        psql(f"DROP DATABASE IF EXISTS {DB_NAME}")


if __name__ == "__main__":
    main()
