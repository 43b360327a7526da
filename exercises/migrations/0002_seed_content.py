"""Seed the exercise library and the two starter programmes, in Dutch and English.

The content is kept in this migration (not imported from the app), so that it
stays exactly as it was when the migration ran. Running it again updates the
rows by slug and adds nothing twice; editors change the content in the admin
afterwards.

Sources (both in shared/reference, facts only; every sentence here is new):
  [000] "Heuppijn of pijn in heup: symptomen, oorzaak en behandeling"
  [002] "Zes handige tips om pijn in de heupen te voorkomen"
Where a number is not in a source (repetitions of the bridge, minutes of
walking, days per week), it is the app's own cautious starting dose, built up
slowly as [000] advises ("bouw het rustig op"), and the comment says so.
"""

from django.db import migrations

EXERCISES = [
    {
        "slug": "bridge",
        "order": 10,
        # [002] tip 3: the bridge exercise ("brugoefening"), done in the morning,
        # makes the muscles work. [000] tip "Versterk je spieren": bridges for
        # the buttock and thigh muscles, "maar bouw het rustig op".
        "name_nl": "Bruggetje",
        "name_en": "Bridge",
        "purpose_nl": (
            "Maakt je bil- en bovenbeenspieren sterker. Sterke spieren geven je heup "
            "steun. Het bruggetje is fijn om 's ochtends te doen."
        ),
        "purpose_en": (
            "Makes the muscles of your buttocks and thighs stronger. Strong muscles "
            "support your hip. The bridge is a good exercise for the morning."
        ),
        # [002]/[000] name the bridge: lying on the back and lifting the pelvis.
        "steps_nl": [
            "Ga op je rug liggen, op een mat of op je bed.",
            "Buig je knieën en zet je voeten plat neer.",
            "Span je billen aan en til je bekken langzaam op.",
            "Houd je bekken stil omhoog zolang de klok loopt.",
            "Laat je bekken rustig weer zakken. Dat is één keer.",
        ],
        "steps_en": [
            "Lie on your back, on a mat or on your bed.",
            "Bend your knees and put your feet flat down.",
            "Tighten your buttocks and slowly lift your pelvis.",
            "Keep your pelvis up and still while the clock runs.",
            "Slowly lower your pelvis again. That is one repetition.",
        ],
        "cautions_nl": [
            # [000] "bouw het rustig op"
            "Begin met weinig herhalingen en doe er langzaam meer.",
            # [002] tip 6: stop when an exercise causes discomfort
            "Stop als de oefening pijn doet.",
        ],
        "cautions_en": [
            "Start with a few repetitions and slowly do more.",
            "Stop if the exercise hurts.",
        ],
        # Dose: the app's own cautious start (no numbers in the sources).
        "hold_seconds": 3,
        "reps": 10,
        "sets": 2,
        "rest_seconds": 30,
        "illustration": "img/exercises/bridge.svg",
    },
    {
        "slug": "ball-squeeze",
        "order": 20,
        # [002] tip 4: the inner-thigh muscles support the hips; lie on your
        # back, put a ball between the knees and squeeze; a football or a
        # similar ball that is not too elastic.
        "name_nl": "Bal tussen je knieën",
        "name_en": "Ball squeeze",
        "purpose_nl": (
            "Traint de spieren aan de binnenkant van je bovenbenen. Die spieren helpen "
            "je heup te steunen."
        ),
        "purpose_en": (
            "Trains the muscles on the inside of your thighs. These muscles help to "
            "support your hip."
        ),
        "steps_nl": [
            "Pak een stevige bal die niet veel meegeeft, zoals een voetbal.",
            "Ga op je rug liggen. Buig je knieën en zet je voeten plat neer.",
            "Leg de bal tussen je knieën.",
            "Knijp met je knieën in de bal en houd dat vast zolang de klok loopt.",
            "Ontspan weer, zonder dat de bal valt. Dat is één keer.",
        ],
        "steps_en": [
            "Take a firm ball that does not give much, such as a football.",
            "Lie on your back. Bend your knees and put your feet flat down.",
            "Put the ball between your knees.",
            "Squeeze the ball with your knees and hold it while the clock runs.",
            "Relax again without letting the ball fall. That is one repetition.",
        ],
        "cautions_nl": [
            # [002] tip 4: a ball that is not too elastic
            "Een zachte of erg veerkrachtige bal werkt minder goed.",
            # [002] tip 6
            "Stop als de oefening pijn doet.",
        ],
        "cautions_en": [
            "A soft or very bouncy ball works less well.",
            "Stop if the exercise hurts.",
        ],
        # Dose: "reps with a short hold"; the numbers are the app's own start.
        "hold_seconds": 5,
        "reps": 10,
        "sets": 2,
        "rest_seconds": 30,
        "illustration": "img/exercises/ball-squeeze.svg",
    },
    {
        "slug": "bursitis-stretch",
        "order": 30,
        # [002] tip 5: stretching the hip muscles can ease bursitis pain. Kneel
        # on the leg that hurts, hold on to something stable, tilt the pelvis
        # forward while tightening the buttocks, lean over "to the side of the
        # hip that hurts" (the source's own example: kneeling on the right
        # knee, lean to the left) until you feel a stretch from the top of the
        # hip bone; hold 30 seconds; repeat once or twice. The two readings are
        # one movement: the painful hip moves out to its side, the upper body
        # leans the other way.
        "name_nl": "Rekoefening bij slijmbeursontsteking",
        "name_en": "Bursitis stretch",
        "purpose_nl": (
            "Rekt de spieren rond je heup. Dat kan de pijn van een slijmbeursontsteking "
            "(bursitis) aan de buitenkant van je heup minder maken."
        ),
        "purpose_en": (
            "Stretches the muscles around your hip. This can ease the pain of bursitis "
            "on the outside of your hip."
        ),
        # Which way to move: see 0004_bursitis_stretch_steps, which gave the
        # rows seeded before it these same steps.
        "steps_nl": [
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
        ],
        "steps_en": [
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
        ],
        "cautions_nl": [
            # [002] tip 5: hold on to something stable so you keep your balance
            "Houd je goed vast, zodat je je evenwicht niet verliest.",
            # [000] myths: too much stretching can irritate a bursitis further
            "Rek rustig. Te hard of te vaak rekken kan een slijmbeursontsteking erger maken.",
            # [002] tip 6
            "Stop als de oefening pijn doet.",
        ],
        "cautions_en": [
            "Hold on well, so you do not lose your balance.",
            "Stretch gently. Stretching too hard or too often can make bursitis worse.",
            "Stop if the exercise hurts.",
        ],
        # [002] tip 5: hold 30 seconds, repeat one or two times.
        "hold_seconds": 30,
        "reps": 2,
        "sets": 1,
        "rest_seconds": 0,
        "illustration": "img/exercises/bursitis-stretch.svg",
    },
    {
        "slug": "walking",
        "order": 40,
        # [000] tip "Blijf in beweging": a walk every day keeps the joints
        # supple without overloading them; "Welke oefeningen helpen": walk
        # regularly. [002] tip 3: with arthritis or bursitis avoid high impact
        # (running, jumping) and choose walking. [000] tip: good shoes with
        # cushioning and support.
        "name_nl": "Wandelen",
        "name_en": "Walking",
        "purpose_nl": (
            "Houdt je heup soepel zonder hem zwaar te belasten. Bij artrose of een "
            "slijmbeursontsteking is wandelen beter dan hardlopen of springen."
        ),
        "purpose_en": (
            "Keeps your hip supple without a heavy load. With arthritis or bursitis, "
            "walking is better than running or jumping."
        ),
        "steps_nl": [
            "Trek schoenen aan die goed zitten en zacht veren.",
            "Wandel in een rustig tempo.",
            "Loop zo lang als de tijd aangeeft. Korter mag ook.",
        ],
        "steps_en": [
            "Put on shoes that fit well and have soft soles.",
            "Walk at an easy pace.",
            "Walk for as long as the time shows. Shorter is fine too.",
        ],
        "cautions_nl": [
            # [002] tip 3
            "Kies wandelen, niet hardlopen of springen.",
            # [000] tip "Pas op met overbelasting"
            "Maak je wandeling langzaam langer, niet in één keer.",
            # [002] tip 6
            "Stop als je heup pijn gaat doen.",
        ],
        "cautions_en": [
            "Choose walking, not running or jumping.",
            "Make your walk longer step by step, not all at once.",
            "Stop if your hip starts to hurt.",
        ],
        # Duration: the app's own gentle start of 10 minutes.
        "hold_seconds": 600,
        "reps": 1,
        "sets": 1,
        "rest_seconds": 0,
        "illustration": "img/exercises/walking.svg",
    },
]

# (exercise slug, sets, reps, hold_seconds, days_per_week, from_week, to_week)
PROGRAMS = [
    {
        "slug": "gentle-hip-start",
        "order": 10,
        "weeks": 6,
        "name_nl": "Rustig beginnen met je heup",
        "name_en": "Gentle hip start",
        "description_nl": (
            "Zes weken om rustig te beginnen. Je doet het bruggetje en de bal tussen je "
            "knieën drie keer per week. Je wandelt elke dag. Om de twee weken wordt het "
            "een beetje meer."
        ),
        "description_en": (
            "Six weeks to start gently. You do the bridge and the ball squeeze three "
            "times a week. You walk every day. Every two weeks it gets a little more."
        ),
        # Building up every two weeks: [000] "bouw het rustig op". The walk
        # every day: [000] "Maak elke dag een wandeling". The numbers are the
        # app's own.
        "items": [
            ("bridge", 2, 8, 3, 3, 1, 2),
            ("bridge", 2, 10, 3, 3, 3, 4),
            ("bridge", 3, 10, 3, 3, 5, None),
            ("ball-squeeze", 2, 8, 5, 3, 1, 2),
            ("ball-squeeze", 2, 10, 5, 3, 3, 4),
            ("ball-squeeze", 3, 10, 5, 3, 5, None),
            ("walking", 1, 1, 600, 7, 1, 2),
            ("walking", 1, 1, 900, 7, 3, 4),
            ("walking", 1, 1, 1200, 7, 5, None),
        ],
    },
    {
        "slug": "calm-bursitis",
        "order": 20,
        "weeks": 6,
        "name_nl": "Rustig bij slijmbeursontsteking",
        "name_en": "Calm programme for bursitis",
        "description_nl": (
            "Voor een slijmbeursontsteking aan je heup. Rustige oefeningen, zonder "
            "springen of hardlopen: de rekoefening, de bal tussen je knieën en elke dag "
            "een korte wandeling."
        ),
        "description_en": (
            "For bursitis of the hip. Calm exercises without jumping or running: the "
            "stretch, the ball squeeze and a short walk every day."
        ),
        # [002] tip 5: the stretch, 30 seconds, 1 then 2 repetitions. [002] tip
        # 3: no high impact with bursitis, walking instead. [002] tip 4: the
        # ball squeeze. Days per week and minutes are the app's own.
        "items": [
            ("bursitis-stretch", 1, 1, 30, 5, 1, 2),
            ("bursitis-stretch", 1, 2, 30, 5, 3, None),
            ("ball-squeeze", 2, 8, 5, 3, 1, 3),
            ("ball-squeeze", 2, 10, 5, 3, 4, None),
            ("walking", 1, 1, 600, 7, 1, 3),
            ("walking", 1, 1, 900, 7, 4, None),
        ],
    },
]


def seed(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    Program = apps.get_model("exercises", "Program")
    ProgramItem = apps.get_model("exercises", "ProgramItem")

    exercises = {}
    for data in EXERCISES:
        fields = dict(data)
        slug = fields.pop("slug")
        exercises[slug], _ = Exercise.objects.update_or_create(slug=slug, defaults=fields)

    for data in PROGRAMS:
        fields = dict(data)
        slug = fields.pop("slug")
        items = fields.pop("items")
        program, _ = Program.objects.update_or_create(slug=slug, defaults=fields)
        program.items.all().delete()
        for order, (exercise, sets, reps, hold, days, from_week, to_week) in enumerate(items):
            ProgramItem.objects.create(
                program=program,
                exercise=exercises[exercise],
                order=order,
                sets=sets,
                reps=reps,
                hold_seconds=hold,
                days_per_week=days,
                from_week=from_week,
                to_week=to_week,
            )


class Migration(migrations.Migration):
    dependencies = [("exercises", "0001_initial")]

    # Going back leaves the content: logs may point at it (PROTECT).
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
