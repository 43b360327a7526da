"""The GP report: its content (pure functions), the one-page PDF, the HTML
page, the Export page and the fixed number of queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation

from diary.export.pdf import render_pdf
from diary.export.report import (
    count_locations,
    exercise_weeks,
    load_gp_report,
    summarize,
)
from diary.trends import Adherence, DayPoint
from tests.conftest import page_login
from tests.export_helpers import fill_diary, pdf_pages, pdf_text

D = datetime.date


# --- pure functions -------------------------------------------------------------


def test_summary_counts_scores_not_gaps():
    days = [
        DayPoint(D(2026, 11, 1), 4, None),
        DayPoint(D(2026, 11, 2), None, None),  # a gap: not a zero
        DayPoint(D(2026, 11, 3), 8, None),
        DayPoint(D(2026, 11, 4), 7, None),
    ]
    summary = summarize(days, [D(2026, 11, 3), D(2026, 11, 3)], readings=5)
    assert summary.days_in_period == 4
    assert summary.scored_days == 3
    assert summary.mean == pytest.approx(19 / 3)
    assert summary.highest == 8
    assert summary.high_days == 2  # 7 and 8
    assert summary.night_pain_nights == 1
    assert summary.readings == 5


def test_summary_of_an_empty_period():
    summary = summarize([DayPoint(D(2026, 11, 1), None, None)], [], readings=0)
    assert (summary.mean, summary.highest, summary.high_days) == (None, None, 0)


def test_locations_counted_once_per_day_most_first():
    with translation.override("en"):
        rows = count_locations([["groin", "groin", "knee"], ["knee"], ["knee", "buttock"]])
    assert [(r.label, r.count) for r in rows] == [
        ("Knee", 3),
        ("Groin or front of the hip", 1),
        ("Buttock", 1),
    ]


def test_exercise_weeks_cover_every_week_of_the_period():
    monday = D(2026, 11, 2)
    adherence = [
        Adherence(monday, 1, planned=3, done=2),
        Adherence(monday, 2, planned=2, done=2),
        Adherence(monday + datetime.timedelta(days=14), 1, planned=3, done=0),
    ]
    weeks = exercise_weeks(adherence, monday + datetime.timedelta(days=3), D(2026, 11, 22))
    assert [(w.iso_week, w.done, w.planned) for w in weeks] == [(45, 4, 5), (46, 0, 0), (47, 0, 3)]


# --- the report from the database ----------------------------------------------


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_period(make_user):
    short, long = make_user(), make_user()
    fill_diary(short, 30)
    fill_diary(long, 365)
    counts = []
    for user, days in ((short, 30), (long, 365)):
        start = user.today() - datetime.timedelta(days=days - 1)
        with CaptureQueriesContext(connection) as queries:
            load_gp_report(user, start, user.today(), include_notes=True)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 11


@pytest.mark.django_db
def test_pdf_is_one_a4_page_for_three_months_with_period_and_mean(make_user):
    user = make_user(display_name="Ans de Vries")
    dates = fill_diary(user, 91)
    with translation.override("nl"):
        report = load_gp_report(user, dates[0], dates[-1])
        pdf = render_pdf(report, user.today())
        mean = formats.number_format(report.summary.mean, 1)
        start = formats.date_format(dates[0], "j F Y")
        end = formats.date_format(dates[-1], "j F Y")
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages(pdf) == 1
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert f"Periode: {start} tot en met {end}" in text
    assert f"Gemiddelde pijn {mean}" in text
    assert "," in mean  # Dutch decimal comma
    assert "Ans de Vries" in text
    assert "Bruggetje" in text  # the paused exercise, by its Dutch name
    assert "Ik heb koorts" in text  # the warning sign, with its date
    assert "Notitie van" not in text  # notes only when chosen


@pytest.mark.django_db
def test_pdf_in_english_with_notes_when_chosen(make_user):
    user = make_user()
    dates = fill_diary(user, 28)
    with translation.override("en"):
        report = load_gp_report(user, dates[0], dates[-1], include_notes=True)
        text = re.sub(r"\s+", " ", pdf_text(render_pdf(report, user.today())))
    assert "Average pain" in text
    assert "Gemiddelde" not in text
    assert f"Notitie van {dates[-1].isoformat()}" in text


@pytest.mark.django_db
def test_pdf_download_from_the_page(client, make_user):
    user = make_user()
    fill_diary(user, 20)
    client.force_login(user)
    response = client.get("/export/pdf/", {"from": "2020-01-01"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="heupdagboek-2020-01-01'
    )
    assert "no-store" in response["Cache-Control"]
    assert pdf_pages(response.content) >= 1


@pytest.mark.django_db
def test_html_report_has_the_same_content_and_no_inline_styles(client, make_user):
    user = make_user(display_name="Ans")
    dates = fill_diary(user, 91)
    client.force_login(user)
    response = client.get("/export/rapport/", {"notes": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gemiddelde pijn" in html
    assert f"Notitie van {dates[-1].isoformat()}" in html
    assert "/static/css/export" in html  # its own stylesheet
    assert "<style" not in html and " style=" not in html  # the CSP forbids them
    assert "<script" not in html
    assert 'class="bottom-nav"' not in html  # print-friendly: no app menu


@pytest.mark.django_db
def test_export_page_defaults_to_the_last_three_months(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.get("/export/")
    assert response.status_code == 200
    today = user.today()
    html = response.content.decode()
    assert f'value="{(today - datetime.timedelta(days=90)).isoformat()}"' in html
    assert f'value="{today.isoformat()}"' in html
    for url in (
        "/export/pdf/",
        "/export/rapport/",
        "/export/csv/",
        "/export/fhir/",
        "/export/json/",
    ):
        assert url in html
    assert "/account/verwijderen/" in html


@pytest.mark.parametrize(
    "params,field",
    [
        ({"from": "22-11-2026"}, "from"),
        ({"to": "gisteren"}, "to"),
        ({"from": "2026-02-30"}, "from"),
    ],
)
@pytest.mark.django_db
def test_bad_dates_show_the_page_with_a_message(client, make_user, params, field):
    client.force_login(make_user())
    response = client.get("/export/pdf/", params)
    assert response.status_code == 400
    assert "Gebruik een datum" in response.content.decode()
    assert f'id="export-{field}-error"' in response.content.decode()


@pytest.mark.django_db
def test_start_after_end_is_refused(client, make_user):
    client.force_login(make_user())
    response = client.get("/export/rapport/", {"from": "2026-03-02", "to": "2026-03-01"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_export_pages_need_a_login(client):
    for url in ("/export/", "/export/pdf/", "/export/rapport/", "/export/csv/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_bottom_nav_shows_export(client, make_user):
    user = make_user()
    page_login(client, user)
    html = client.get("/export/").content.decode()
    assert 'href="/export/" aria-current="page"' in html
