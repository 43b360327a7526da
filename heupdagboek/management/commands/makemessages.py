"""Django's makemessages without fuzzy matching.

msgmerge otherwise guesses a translation for a new text from a similar old
one and marks it fuzzy (it once proposed "Today" for "day"); a guess is
worse than an empty entry, which the catalogue test reports.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
