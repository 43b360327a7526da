"""The bursitis stretch: which way to move, worded so it cannot be misread.

Source [002] tip 5 ("Zes handige tips om pijn in de heupen te voorkomen",
shared/reference/002) says both "lean over to the side of the hip that hurts"
and, as its example, "lean to the left when you kneel on your right knee". The
first steps (0002) followed only the example ("lean to the left"). Both are
true of the same movement: the painful hip moves out towards its own side
while the upper body leans over to the other side, and the stretch is felt on
the top and outside of the painful hip. The new steps say both, and put the
chair on the side that does not hurt, so the hand that holds on is on the side
the body leans to (as the drawing shows). See docs/exercises.md.

Only rows whose steps are still the seeded ones are changed: an editor who
rewrote them in the admin keeps their text. Going back restores the old steps
on rows that have the new ones.
"""

from django.db import migrations

OLD_STEPS_NL = [
    "Zet een stoel of iets anders stevigs naast je.",
    "Ga op de knie zitten aan de kant waar je heup pijn doet. Houd je vast aan de stoel.",
    "Kantel je bekken naar voren en span je billen aan.",
    "Leun opzij tot je rek voelt aan de bovenkant en buitenkant van je pijnlijke "
    "heup. Zit je op je rechterknie? Leun dan naar links.",
    "Houd dit 30 seconden vast.",
    "Kom rustig weer rechtop. Dat is één keer.",
]
OLD_STEPS_EN = [
    "Put a chair or something else stable next to you.",
    "Kneel on the knee on the side where your hip hurts. Hold on to the chair.",
    "Tilt your pelvis forward and tighten your buttocks.",
    "Lean sideways until you feel a stretch at the top and outside of your painful "
    "hip. Kneeling on your right knee? Then lean to the left.",
    "Hold this for 30 seconds.",
    "Slowly come back up. That is one repetition.",
]

# Kept in step with EXERCISES in 0002_seed_content (a fresh install gets these
# from there; this migration then finds nothing to change).
NEW_STEPS_NL = [
    "Zet een stoel of iets anders stevigs naast je, aan de kant die geen pijn doet.",
    "Kniel op de knie aan de kant waar je heup pijn doet. Houd je vast aan de stoel.",
    "Kantel je bekken naar voren en span je billen aan.",
    "Duw je pijnlijke heup langzaam opzij, naar buiten. Je bovenlijf leunt een beetje "
    "naar de stoel. Zit je op je rechterknie? Dan gaat je heup naar rechts en je "
    "bovenlijf naar links.",
    "Ga door tot je rek voelt aan de bovenkant en buitenkant van je pijnlijke heup. "
    "Verder hoeft niet.",
    "Houd dit 30 seconden vast.",
    "Kom rustig weer rechtop. Dat is één keer.",
]
NEW_STEPS_EN = [
    "Put a chair or something else stable next to you, on the side that does not hurt.",
    "Kneel on the knee on the side where your hip hurts. Hold on to the chair.",
    "Tilt your pelvis forward and tighten your buttocks.",
    "Slowly push your painful hip out to the side. Your upper body leans a little "
    "towards the chair. Kneeling on your right knee? Then your hip goes to the right "
    "and your upper body to the left.",
    "Go on until you feel a stretch at the top and outside of your painful hip. "
    "You do not need to go further.",
    "Hold this for 30 seconds.",
    "Slowly come back up. That is one repetition.",
]


def _replace(apps, old_nl, old_en, new_nl, new_en):
    Exercise = apps.get_model("exercises", "Exercise")
    row = Exercise.objects.filter(slug="bursitis-stretch").first()
    if row is None:
        return
    changed = []
    if row.steps_nl == old_nl:
        row.steps_nl = new_nl
        changed.append("steps_nl")
    if row.steps_en == old_en:
        row.steps_en = new_en
        changed.append("steps_en")
    if changed:
        row.save(update_fields=changed)


def forwards(apps, schema_editor):
    _replace(apps, OLD_STEPS_NL, OLD_STEPS_EN, NEW_STEPS_NL, NEW_STEPS_EN)


def backwards(apps, schema_editor):
    _replace(apps, NEW_STEPS_NL, NEW_STEPS_EN, OLD_STEPS_NL, OLD_STEPS_EN)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0003_exercisepause_baseline_exercisepause_may_resume")]

    operations = [migrations.RunPython(forwards, backwards)]
