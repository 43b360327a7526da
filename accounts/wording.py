"""allauth texts that heupdagboek words differently.

Our own catalogue (locale/) wins over allauth's, so listing a msgid here puts
it in our .po files, where the Dutch reads plainer: "Inloggen" instead of the
ambiguous "Aanmelden" (which many read as "register"). Nothing imports this
module; ``makemessages`` reads it.
"""

from django.utils.translation import gettext_noop

ALLAUTH_WORDING = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign in with a passkey"),
    gettext_noop("Sign up using a passkey"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Add Security Key"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
]
