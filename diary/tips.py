"""A short self-care tip for the day: a pure function over plain data.

Every tip states a fact from seed article 000 (the long patient article in
shared/reference), reworded for the app; the code names the section.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SIDE_POSITIONS = {"left_side", "right_side"}


@dataclass(frozen=True)
class DayFacts:
    pain: int | None
    locations: tuple[str, ...] = ()
    sleep_position: str = ""
    pillow_between_knees: bool = False
    night_pain: bool = False


def tip_for(day: DayFacts | None):
    """The most relevant tip for what the user told us today (lazy string)."""
    if day is None:
        # 000, self-care tips: keep moving, get up from sitting every hour.
        return _(
            "Keep moving a little. Sitting for a long time? Stand up and walk for a bit every hour."
        )
    if day.sleep_position in SIDE_POSITIONS and "outer_hip" in day.locations:
        # 000, bursitis: lying on the painful side makes it worse.
        return _(
            "Pain on the outside of the hip often gets worse when you lie on that side. "
            "Try sleeping on your other side or on your back."
        )
    if day.sleep_position in SIDE_POSITIONS and not day.pillow_between_knees:
        # 000, self-care tips: side sleepers, a pillow between the knees.
        return _(
            "Do you sleep on your side? A pillow between your knees keeps your hips "
            "level and can ease the pain."
        )
    if day.night_pain:
        # 000, when to see the GP: pain that wakes you at night.
        return _("Does the pain wake you up more often? Then it is wise to tell your GP.")
    if day.pain is not None and day.pain >= 7:
        # 000, self-care tips: warmth for stiffness, cold for an overloaded hip.
        return _(
            "A lot of pain today. Warmth helps against stiffness; a cold pack (in a "
            "towel) helps when the hip feels overloaded or swollen."
        )
    return _(
        "Keep moving a little. Sitting for a long time? Stand up and walk for a bit every hour."
    )
