"""The fixed vocabularies of the diary: slugs for the API, plain words for people."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Location(models.TextChoices):
    # Where it hurts hints at the cause (seed 000, "Waar zit de pijn?").
    GROIN = "groin", _("Groin or front of the hip")
    OUTER_HIP = "outer_hip", _("Outside of the hip")
    BUTTOCK = "buttock", _("Buttock")
    THIGH = "thigh", _("Thigh")
    KNEE = "knee", _("Knee")
    LOWER_BACK = "lower_back", _("Lower back")


class SleepPosition(models.TextChoices):
    BACK = "back", _("On my back")
    LEFT_SIDE = "left_side", _("On my left side")
    RIGHT_SIDE = "right_side", _("On my right side")
    BELLY = "belly", _("On my belly")
    MIXED = "mixed", _("Changing, or I don't know")


class RedFlag(models.TextChoices):
    # Symptoms that need a doctor (seed 000, "Wanneer medische hulp
    # inschakelen?"); the advice rules act on them.
    FEVER = "fever", _("I have a fever")
    HOT_RED_SWOLLEN = "hot_red_swollen", _("My hip is warm, red or swollen")
    CANNOT_BEAR_WEIGHT = "cannot_bear_weight", _("I cannot stand on my leg")
    FALL_OR_INJURY = "fall_or_injury", _("I fell or hurt my hip")
    NUMBNESS_TINGLING = "numbness_tingling", _("My leg feels numb or tingles")
    BLADDER_BOWEL_LOSS = "bladder_bowel_loss", _("I cannot hold my urine or stool")


class ReadingContext(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTER_EXERCISE = "after_exercise", _("After exercising")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")
