"""Seconds to render the GP report PDF of one year of daily entries.

Run from the project root (make bench-pdf does this):
    DEBUG=false SECRET_KEY=... .venv/bin/python bench/pdf.py

It creates a throw-away test database, fills one user with a year of daily
entries, a reading every third day, three exercise sessions a week, a pause
and its advice (tests/export_helpers.py), then times the whole report:
the queries, the maths, the template and WeasyPrint. Median of 7 runs after
one warm-up. Goal (issue 7): at most 1 second.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heupdagboek.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import translation  # noqa: E402

RUNS = 7


def main() -> None:
    from accounts.models import User
    from diary.export.pdf import render_pdf
    from diary.export.report import load_gp_report
    from tests.export_helpers import fill_diary

    setup_test_environment()
    old_config = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        user = User.objects.create_user(email="bench-pdf@example.org", display_name="Bench")
        dates = fill_diary(user, 365)

        def render() -> bytes:
            with translation.override("nl"):
                report = load_gp_report(user, dates[0], dates[-1], include_notes=False)
                return render_pdf(report, user.today())

        pdf = render()  # warm up: templates, fonts
        timings, cpu = [], []
        for _ in range(RUNS):
            started, started_cpu = time.perf_counter(), time.process_time()
            render()
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        # CPU time too: on a busy machine the wall clock also counts waiting
        # for a core, which says nothing about the code.
        print(
            f"database: {connection.vendor}; one year ({len(dates)} days), {RUNS} runs: "
            f"median {statistics.median(timings):.3f} s (min {min(timings):.3f} s), "
            f"CPU median {statistics.median(cpu):.3f} s; PDF {len(pdf) // 1024} KiB"
        )
    finally:
        connection.creation.destroy_test_db(old_config, verbosity=0)


if __name__ == "__main__":
    main()
