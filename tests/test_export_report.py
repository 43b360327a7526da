"""The GP report: its content (pure functions), the one-page PDF, the HTML
page, the Export page and the fixed number of queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation

from diary.advice_store import bring_up_to_date
from diary.export.pdf import render_pdf
from diary.export.report import (
    MAX_DATES,
    MAX_LINES,
    PauseRow,
    count_locations,
    exercise_weeks,
    group_advice,
    group_pauses,
    list_date_format,
    load_gp_report,
    red_flag_rows,
    summarize,
)
from diary.trends import Adherence, DayPoint
from tests.conftest import page_login
from tests.export_helpers import fill_dense_diary, fill_diary, pdf_pages, pdf_text

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


def test_pauses_are_one_line_per_exercise_with_the_latest_reason():
    rows = [
        PauseRow("Bridge", D(2026, 10, 20), None, "second"),
        PauseRow("Ball", D(2026, 9, 1), D(2026, 9, 8), ""),
        PauseRow("Bridge", D(2026, 9, 12), D(2026, 9, 21), "first"),
    ]
    groups = group_pauses(rows)
    assert [(g.exercise, g.periods.items, g.reason) for g in groups] == [
        ("Ball", [(D(2026, 9, 1), D(2026, 9, 8))], ""),
        ("Bridge", [(D(2026, 9, 12), D(2026, 9, 21)), (D(2026, 10, 20), None)], "second"),
    ]
    assert [g.still_paused for g in groups] == [False, True]
    assert groups.more == 0


def test_advice_is_grouped_most_serious_first_and_capped():
    rows = [
        ("reduce_load", 1, D(2026, 9, 1), "less"),
        ("stop_exercise", 2, D(2026, 9, 3), "old reason"),
        ("urgent", "fever", D(2026, 9, 20), "fever"),
        ("stop_exercise", 2, D(2026, 10, 3), "new reason"),
    ]
    with translation.override("en"):
        groups = group_advice(rows)
    assert [(g.title, g.dates.items, g.reason) for g in groups] == [
        ("Contact your GP today", [D(2026, 9, 20)], "fever"),
        ("Stop this exercise for now", [D(2026, 9, 3), D(2026, 10, 3)], "new reason"),
        ("Do a little less next time", [D(2026, 9, 1)], "less"),
    ]
    many = [("see_gp", f"rule{n}", D(2026, 9, 1 + n), "") for n in range(MAX_LINES + 3)]
    capped = group_advice(many)
    assert (len(capped), capped.more) == (MAX_LINES, 3)
    with translation.override("nl"):
        assert capped.more_text == "en nog 3"


def test_warning_signs_are_one_line_per_sign_with_capped_dates():
    days = [(D(2026, 9, n), ["fever"]) for n in range(1, MAX_DATES + 3)]
    days.append((D(2026, 9, 5), ["numbness_tingling", "fever"]))
    with translation.override("en"):
        groups = red_flag_rows(days)
    assert [g.label for g in groups] == ["I have a fever", "My leg feels numb or tingles"]
    fever = groups.items[0].dates
    assert (len(fever), fever.more) == (MAX_DATES, 2)  # 5 September counted once
    assert groups.items[1].dates.items == [D(2026, 9, 5)]


def test_list_dates_are_short_lower_case_in_dutch_with_a_year_only_when_needed():
    with translation.override("nl"):
        same_year = formats.date_format(
            D(2026, 10, 12), list_date_format(D(2026, 9, 1), D(2026, 12, 1))
        )
        two_years = formats.date_format(
            D(2025, 12, 12), list_date_format(D(2025, 11, 1), D(2026, 1, 31))
        )
    with translation.override("en"):
        english = formats.date_format(
            D(2026, 10, 12), list_date_format(D(2026, 9, 1), D(2026, 12, 1))
        )
    assert (same_year, two_years, english) == ("12 okt", "12 dec 2025", "12 Oct")


# --- the report from the database ----------------------------------------------


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_period(make_user):
    short, long = make_user(), make_user()
    fill_diary(short, 30)
    fill_diary(long, 365)
    counts = []
    for user, days in ((short, 30), (long, 365)):
        start = user.today() - datetime.timedelta(days=days - 1)
        bring_up_to_date(user)  # the rules' run after the fill is not the report's cost
        with CaptureQueriesContext(connection) as queries:
            load_gp_report(user, start, user.today(), include_notes=True)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12


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


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.django_db
def test_a_full_three_months_is_one_page_without_notes(make_user, language):
    """Daily entries, readings, four exercises, six pauses, seven advice and
    five days with warning signs: the lists are grouped and capped, so it
    stays one A4 page. Notes, when chosen, may add pages (docs/export.md)."""
    user = make_user(display_name="Ans de Vries")
    dates = fill_dense_diary(user, 91, with_notes=True)
    with translation.override(language):
        report = load_gp_report(user, dates[0], dates[-1])
        pdf = render_pdf(report, user.today())
        with_notes = render_pdf(
            load_gp_report(user, dates[0], dates[-1], include_notes=True), user.today()
        )
        paused = formats.date_format(dates[80], report.date_format)
    assert pdf_pages(pdf) == 1
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert ("Wandelen" if language == "nl" else "Walking") in text  # all four exercises
    assert f"{paused} (" in text  # the pause still open, with its date
    assert "Notitie van" not in text
    # Every note is there when chosen, on the pages after.
    assert pdf_pages(with_notes) > 1
    assert f"Notitie van {dates[-1].isoformat()}" in pdf_text(with_notes)
    if language == "nl":
        assert re.search(r"Mijn been voelt doof of tintelt: \d+ [a-z]{3}, \d+ [a-z]{3}", text)


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
