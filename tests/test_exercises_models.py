"""Seed content after migrate, the database constraints, and the import direction."""

from __future__ import annotations

import ast
import datetime
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from exercises.models import (
    Enrollment,
    Exercise,
    ExerciseLog,
    ExercisePause,
    Program,
    ProgramItem,
    localized,
)

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def test_the_three_seed_exercises_are_there_after_migrate():
    slugs = set(Exercise.objects.values_list("slug", flat=True))
    assert {"bridge", "ball-squeeze", "bursitis-stretch"} <= slugs


def test_the_bursitis_stretch_holds_30_seconds_once_or_twice():
    stretch = Exercise.objects.get(slug="bursitis-stretch")
    assert stretch.hold_seconds == 30
    assert 1 <= stretch.reps <= 2
    items = ProgramItem.objects.filter(exercise=stretch)
    assert items.exists()
    assert {item.hold_seconds for item in items} == {30}
    assert {item.reps for item in items} <= {1, 2}


def _steps_migration():
    import importlib

    return importlib.import_module("exercises.migrations.0004_bursitis_stretch_steps")


def test_the_bursitis_stretch_says_which_way_in_both_readings_of_the_source():
    # [002] tip 5 says "lean to the side of the hip that hurts" and, as its
    # example, "on your right knee, lean to the left": the steps say both (the
    # hip goes out to the painful side, the upper body leans the other way).
    stretch = Exercise.objects.get(slug="bursitis-stretch")
    nl, en = " ".join(stretch.steps_nl), " ".join(stretch.steps_en)
    assert "Duw je pijnlijke heup langzaam opzij, naar buiten." in nl
    assert "Dan gaat je heup naar rechts en je bovenlijf naar links." in nl
    assert "bovenkant en buitenkant van je pijnlijke heup" in nl
    assert "Slowly push your painful hip out to the side." in en
    assert "your hip goes to the right and your upper body to the left" in en
    assert "Leun dan naar links" not in nl
    # The seed (fresh installs) and the update (older installs) agree.
    migration = _steps_migration()
    assert (stretch.steps_nl, stretch.steps_en) == (
        migration.NEW_STEPS_NL,
        migration.NEW_STEPS_EN,
    )


def test_the_steps_update_changes_only_the_seeded_text():
    from django.apps import apps

    migration = _steps_migration()
    stretch = Exercise.objects.get(slug="bursitis-stretch")
    edited = ["Een eigen tekst van de redactie."]
    stretch.steps_nl, stretch.steps_en = migration.OLD_STEPS_NL, edited
    stretch.save()

    migration.forwards(apps, None)
    stretch.refresh_from_db()
    assert stretch.steps_nl == migration.NEW_STEPS_NL
    assert stretch.steps_en == edited  # an editor's text is kept

    migration.backwards(apps, None)
    stretch.refresh_from_db()
    assert (stretch.steps_nl, stretch.steps_en) == (migration.OLD_STEPS_NL, edited)


@pytest.mark.parametrize("exercise", ["bridge", "ball-squeeze", "bursitis-stretch", "walking"])
def test_every_seed_exercise_is_complete_in_both_languages(exercise):
    row = Exercise.objects.get(slug=exercise)
    for language in ("nl", "en"):
        assert getattr(row, f"name_{language}")
        assert getattr(row, f"purpose_{language}")
        steps = getattr(row, f"steps_{language}")
        assert len(steps) >= 3 and all(isinstance(s, str) and s for s in steps)
        assert getattr(row, f"cautions_{language}")
    assert len(row.steps_nl) == len(row.steps_en)
    assert (ROOT / "static" / row.illustration).is_file()
    assert row.illustration == f"img/exercises/{exercise}.svg"


def test_the_two_programmes_are_seeded_with_their_exercises():
    gentle = Program.objects.get(slug="gentle-hip-start")
    calm = Program.objects.get(slug="calm-bursitis")
    assert gentle.weeks == 6
    assert {i.exercise.slug for i in gentle.items.all()} == {"bridge", "ball-squeeze", "walking"}
    assert {i.exercise.slug for i in calm.items.all()} == {
        "bursitis-stretch",
        "ball-squeeze",
        "walking",
    }
    # Building up: the gentle start asks more of the bridge in week 5 than in week 1.
    bridge = gentle.items.filter(exercise__slug="bridge")
    first = bridge.get(from_week=1)
    last = bridge.get(to_week__isnull=True)
    assert last.sets * last.reps > first.sets * first.reps


def test_localized_picks_the_active_language_and_falls_back_to_dutch():
    bridge = Exercise.objects.get(slug="bridge")
    with translation.override("en"):
        assert bridge.name == "Bridge"
        assert localized(bridge, "steps")[0].startswith("Lie on your back")
    with translation.override("nl"):
        assert bridge.name == "Bruggetje"
    with translation.override("de"):
        assert bridge.name == "Bruggetje"
    bridge.name_en = ""
    with translation.override("en"):
        assert bridge.name == "Bruggetje"


def test_a_user_has_one_active_enrollment_at_most(make_user):
    user = make_user()
    program = Program.objects.first()
    Enrollment.objects.create(user=user, program=program, started_on=datetime.date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(user=user, program=program, started_on=datetime.date(2026, 2, 1))
    # Inactive ones may pile up.
    Enrollment.objects.create(
        user=user, program=program, started_on=datetime.date(2025, 1, 1), active=False
    )


def test_starting_a_programme_ends_the_old_one(make_user):
    user = make_user()
    gentle = Program.objects.get(slug="gentle-hip-start")
    calm = Program.objects.get(slug="calm-bursitis")
    old = Enrollment.start(user, gentle, datetime.date(2026, 3, 1))
    new = Enrollment.start(user, calm, datetime.date(2026, 3, 10))
    old.refresh_from_db()
    assert (old.active, old.ended_on) == (False, datetime.date(2026, 3, 10))
    assert new.active and new.program == calm
    assert Enrollment.objects.filter(user=user, active=True).count() == 1


@pytest.mark.parametrize(("pain", "ok"), [(-1, False), (0, True), (10, True), (11, False)])
def test_pain_during_is_checked_by_the_database(make_user, pain, ok):
    user = make_user()
    bridge = Exercise.objects.get(slug="bridge")

    def create():
        with transaction.atomic():
            ExerciseLog.objects.create(
                id=uuid.uuid4(),
                user=user,
                exercise=bridge,
                date=datetime.date(2026, 1, 1),
                pain_during=pain,
            )

    if ok:
        create()
    else:
        with pytest.raises(IntegrityError):
            create()


def test_one_open_pause_per_exercise(make_user):
    user = make_user()
    bridge = Exercise.objects.get(slug="bridge")
    ExercisePause.objects.create(user=user, exercise=bridge, since=datetime.date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ExercisePause.objects.create(user=user, exercise=bridge, since=datetime.date(2026, 1, 2))


def test_open_pauses_by_day(make_user):
    user = make_user()
    bridge = Exercise.objects.get(slug="bridge")
    ExercisePause.objects.create(
        user=user,
        exercise=bridge,
        since=datetime.date(2026, 1, 10),
        resumed_on=datetime.date(2026, 1, 20),
    )
    open_on = ExercisePause.objects.open_on
    assert not open_on(datetime.date(2026, 1, 9)).exists()
    assert open_on(datetime.date(2026, 1, 10)).exists()
    assert open_on(datetime.date(2026, 1, 19)).exists()
    assert not open_on(datetime.date(2026, 1, 20)).exists()


def test_program_item_weeks_are_checked(make_user):
    program = Program.objects.first()
    bridge = Exercise.objects.get(slug="bridge")
    for bad in ({"days_per_week": 8}, {"days_per_week": 0}, {"from_week": 3, "to_week": 2}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProgramItem.objects.create(program=program, exercise=bridge, **bad)


def test_exercises_never_imports_diary():
    for path in (ROOT / "exercises").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "diary" or n.startswith("diary.") for n in names), path


def test_the_admin_edits_steps_one_per_line(client, make_user):
    """An editor types steps and cautions one per line; they are stored as
    the list the player reads, and shown again one per line."""
    admin_user = make_user("beheer@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    exercise = Exercise.objects.get(slug="bridge")
    url = f"/admin/exercises/exercise/{exercise.pk}/change/"
    page = client.get(url).content.decode()
    assert exercise.steps_nl[0] in page and '["' not in page.split('name="steps_nl"')[1][:200]
    form = {
        "slug": "bridge",
        "order": exercise.order,
        "illustration": exercise.illustration,
        "name_nl": exercise.name_nl,
        "purpose_nl": exercise.purpose_nl,
        "steps_nl": "Ga op je rug liggen.\r\n\r\n  Til je billen op.  \r\n",
        "cautions_nl": "",
        "name_en": exercise.name_en,
        "purpose_en": exercise.purpose_en,
        "steps_en": "Lie on your back.\nLift your bottom.",
        "cautions_en": "",
        "hold_seconds": exercise.hold_seconds,
        "reps": exercise.reps,
        "sets": exercise.sets,
        "rest_seconds": exercise.rest_seconds,
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    exercise.refresh_from_db()
    assert exercise.steps_nl == ["Ga op je rug liggen.", "Til je billen op."]
    assert exercise.steps_en == ["Lie on your back.", "Lift your bottom."]
    assert exercise.cautions_nl == []
