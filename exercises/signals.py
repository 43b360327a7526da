"""Signals the exercises app sends for apps that build on it.

The exercises app may not import the diary, yet pauses are made by the
diary's advice rules, which run when someone looks (diary/signals.py).
"""

from django.dispatch import Signal

# Sent with ``user`` just before that user's pauses are read (the plan, the
# player, /api/v1/pauses/), so that they reflect every saved write.
pauses_wanted = Signal()


def want_pauses(user) -> None:
    pauses_wanted.send(sender=None, user=user)
