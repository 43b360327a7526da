"""The CSV: one row per day with data, UTF-8 with BOM, header in the user's language."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from tests.export_helpers import fill_diary

pytestmark = pytest.mark.django_db


def parse(content: bytes, delimiter: str) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM LibreOffice and Excel look for
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def test_one_row_per_day_in_dutch(owner):
    dates = fill_diary(owner.user, 30)
    response = owner.token.get(
        "/api/v1/export/csv/", {"from": dates[0].isoformat()}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = parse(response.content, ";")
    assert rows[0] == [
        "Datum",
        "Pijn (0-10)",
        "Extra metingen",
        "Nachtpijn",
        "Waar het pijn doet",
        "Slaaphouding",
        "Kussen tussen de knieën",
        "Alarmsignalen",
        "Oefeningen gedaan",
        "Notitie",
    ]
    body = rows[1:]
    assert [r[0] for r in body] == [d.isoformat() for d in dates]
    assert all(len(r) == 10 for r in body)
    first = {r[0]: r for r in body}[dates[0].isoformat()]
    assert first[1] == str((dates[0].toordinal() * 7) % 9 + 1)
    assert first[2] == "07:30 4 (Ochtend)" or first[2].endswith(" 4 (Ochtend)")
    assert first[9] == f"Notitie van {dates[0].isoformat()}; fietsen ging goed"
    fever_day = dates[len(dates) // 2].isoformat()
    assert {r[0]: r for r in body}[fever_day][7] == "Ik heb koorts"
    monday = next(d for d in dates if d.weekday() == 0).isoformat()
    assert {r[0]: r for r in body}[monday][8] == "Bruggetje 2\N{MULTIPLICATION SIGN}10"


def test_english_header_and_comma(owner):
    fill_diary(owner.user, 5)
    response = owner.token.get("/api/v1/export/csv/", HTTP_ACCEPT_LANGUAGE="en")
    rows = parse(response.content, ",")
    assert rows[0][:2] == ["Date", "Pain (0-10)"]
    assert len(rows) == 1 + 5


def test_notes_with_separators_and_new_lines_survive(owner):
    from diary.models import DayEntry

    DayEntry.objects.create(
        user=owner.user, date=owner.user.today(), pain=3, note='Regel 1; "citaat", x\nRegel 2'
    )
    rows = parse(owner.token.get("/api/v1/export/csv/").content, ";")
    assert rows[1][9] == 'Regel 1; "citaat", x\nRegel 2'


def test_only_the_period_and_only_own_data(owner, outsider):
    fill_diary(owner.user, 40)
    fill_diary(outsider.user, 40)
    today = owner.user.today()
    start = today - datetime.timedelta(days=9)
    rows = parse(owner.session.get("/api/v1/export/csv/", {"from": start.isoformat()}).content, ";")
    assert len(rows) == 1 + 10
    assert "outsider" not in owner.session.get("/api/v1/export/csv/").content.decode()


def test_page_download(client, make_user):
    user = make_user()
    fill_diary(user, 3)
    client.force_login(user)
    response = client.get("/export/csv/")
    assert response["Content-Disposition"].startswith('attachment; filename="heupdagboek-')
    assert len(parse(response.content, ";")) == 4
