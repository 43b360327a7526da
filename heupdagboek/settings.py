"""The one settings module of heupdagboek.

Everything that differs between machines comes from the environment, read by
the strict helpers in ``heupdagboek.env`` (a bad value stops the app at once).
``.env.example`` documents every variable.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from heupdagboek.env import env_bool, env_choice, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", required=not DEBUG) or "insecure-development-only-key"
if not DEBUG and len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entry {_origin!r} must start with http:// or https://"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "csp",
    "heupdagboek",
    "accounts",
    "exercises",
    "diary",
    "reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "heupdagboek.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "heupdagboek.middleware.LanguageMiddleware",
    "heupdagboek.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "heupdagboek.urls"
WSGI_APPLICATION = "heupdagboek.wsgi.application"
ASGI_APPLICATION = "heupdagboek.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

_default_db_url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    _db = dj_database_url.parse(env_str("DATABASE_URL", _default_db_url), conn_max_age=60)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not usable: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # WAL lets readers and one writer work at once; IMMEDIATE takes the
        # write lock at the start of a transaction so concurrent writers wait
        # (busy timeout) instead of failing with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not memory, so they run with WAL like production and
    # the live-server browser tests share the database with the test.
    # Named after the database, so two checkouts never share one; two runs
    # at once in one checkout do, so give the second its own DATABASE_URL.
    _db_path = Path(_db["NAME"]) if _db["NAME"] != ":memory:" else BASE_DIR / "db.sqlite3"
    _db["TEST"] = {"NAME": str(_db_path.with_name(f"test-{_db_path.name}"))}
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # Reused connections are checked before use, so the app recovers by
    # itself after a database restart; a database that does not answer makes
    # a request fail after a few seconds (503) instead of hanging.
    _db["CONN_HEALTH_CHECKS"] = True
    _db.setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3, minimum=1
    )
else:
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------

# The cache holds allauth's rate limits (login, signup, password reset) and
# DRF's per-user API throttle; nothing in it is needed to read the diary.
# With several app processes (gunicorn workers, several servers) it must be
# shared, or every process counts on its own and each limit is multiplied by
# the number of processes: set REDIS_URL. Without it each process keeps its
# own cache in memory (LocMem), which is right for one process (`runserver`,
# gunicorn with one worker) and for the tests.
REDIS_URL = env_url("REDIS_URL", ["redis", "rediss", "unix"])
if REDIS_URL.lower().startswith(("redis://", "rediss://")):
    _redis_db = urlsplit(REDIS_URL).path.strip("/")
    if _redis_db and not _redis_db.isdigit():
        raise ImproperlyConfigured(
            "REDIS_URL's path must be a database number, e.g. redis://127.0.0.1:6379/0"
        )
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer makes a request fail after a few
            # seconds instead of hanging, as for the database.
            "OPTIONS": {"socket_connect_timeout": 3, "socket_timeout": 3},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions stay in the database even with Redis (Django's default, spelled
# out): a Redis restart or eviction must not log everyone out, and the
# database is backed up while the cache is not.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Accounts (django-allauth) ----------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
# A new account starts with a few short questions (accounts/onboarding.py).
ACCOUNT_SIGNUP_REDIRECT_URL = "/welkom/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_choice(
    "ACCOUNT_EMAIL_VERIFICATION", "optional", ["none", "optional", "mandatory"]
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = True
# allauth's own limits (login, signup, password reset) keep their defaults;
# one is added: opening a GP share link, per address, because that page needs
# no login. A GP opens a link a few times; guessing tokens needs millions.
ACCOUNT_RATE_LIMITS = {"share_open": "30/m/ip"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Heupdagboek] "

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_FORMS = {"add_webauthn": "accounts.forms.AddPasskeyForm"}
MFA_TOTP_ISSUER = "Heupdagboek"
# Accept the code of the neighbouring 30-second window too: phones' clocks
# drift, and people who type slowly should not be refused a valid code.
MFA_TOTP_TOLERANCE = 1
# Browsers only allow passkeys on https or on localhost; during development
# (DEBUG) allauth must accept the plain-http localhost origin.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

HEADLESS_CLIENTS = ("app", "browser")
HEADLESS_ONLY = False

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 30, minimum=300)

# --- Email ------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "heupdagboek@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = "nl"
# Each language is named in itself in the switcher, so never translated.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(f"TIME_ZONE={TIME_ZONE!r} is not a known time zone.") from None
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files (whitenoise) ----------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- API --------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "heupdagboek.api_auth.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["heupdagboek.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "heupdagboek.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "heupdagboek.throttling.PerUserThrottle",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Generous for people (an offline phone may replay a few hundred writes at
# once), tight enough to slow down a script. Format: "<n>/<second|minute|hour|day>".
API_RATE_LIMIT_USER = env_str("API_RATE_LIMIT_USER", "600/minute")
_count, _, _period = API_RATE_LIMIT_USER.partition("/")
if not _count.isdigit() or _period not in ("second", "minute", "hour", "day"):
    raise ImproperlyConfigured(
        f"API_RATE_LIMIT_USER={API_RATE_LIMIT_USER!r} must look like 600/minute."
    )

SPECTACULAR_SETTINGS = {
    "TITLE": "Heupdagboek API",
    "DESCRIPTION": (
        "The API of heupdagboek, a hip pain and exercise diary. Authenticate with "
        "the session token from /_allauth/app/v1/auth/login in the X-Session-Token "
        "header, or with the browser session and CSRF token."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "heupdagboek.schema.document_error_responses",
    ],
}

# --- Security ---------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    # The proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The rate limits per address (logins, signups, share links) need the
# visitor's address, not the proxy's: behind one proxy that appends it to
# X-Forwarded-For (nginx: $proxy_add_x_forwarded_for) it is the last entry.
# Without this, every visitor would share the proxy's one counter.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int(
    "TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0, minimum=0
)

# No page loads anything from another host and no script is inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "screen-wake-lock=(self), publickey-credentials-get=(self), "
    "publickey-credentials-create=(self)"
)

# --- Daily reminders (Web Push) ----------------------------------------------

# The VAPID key pair identifies this server to the browsers' push services.
# Make one with `python manage.py make_vapid_keys`. Without the keys the app
# runs as usual and the reminder page says reminders are not available.
VAPID_PUBLIC_KEY = env_str("VAPID_PUBLIC_KEY", "")
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY", "")
# Who to contact about this server's pushes: mailto:... or https://...
VAPID_SUBJECT = env_str("VAPID_SUBJECT", "")
_vapid = {
    "VAPID_PUBLIC_KEY": VAPID_PUBLIC_KEY,
    "VAPID_PRIVATE_KEY": VAPID_PRIVATE_KEY,
    "VAPID_SUBJECT": VAPID_SUBJECT,
}
if any(_vapid.values()) and not all(_vapid.values()):
    _missing = ", ".join(name for name, value in _vapid.items() if not value)
    raise ImproperlyConfigured(f"Set all three VAPID variables or none; missing: {_missing}.")
if VAPID_SUBJECT and not VAPID_SUBJECT.startswith(("mailto:", "https://")):
    raise ImproperlyConfigured("VAPID_SUBJECT must start with mailto: or https://")
if VAPID_PUBLIC_KEY:
    import base64
    import binascii

    def _b64url_length(name: str, value: str) -> int:
        try:
            return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        except (binascii.Error, ValueError):
            raise ImproperlyConfigured(f"{name} is not base64url text.") from None

    # The public key is an uncompressed P-256 point (65 bytes), the private
    # key its 32-byte secret, both base64url as make_vapid_keys prints them.
    if _b64url_length("VAPID_PUBLIC_KEY", VAPID_PUBLIC_KEY) != 65:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY must be a 65-byte P-256 public key.")
    if _b64url_length("VAPID_PRIVATE_KEY", VAPID_PRIVATE_KEY) != 32:
        raise ImproperlyConfigured("VAPID_PRIVATE_KEY must be a 32-byte P-256 private key.")
REMINDERS_AVAILABLE = bool(VAPID_PUBLIC_KEY)

# --- Advice -------------------------------------------------------------------

# The numbers of the advice rules (diary/advice.py Thresholds, where each
# rule names its source). These defaults are the clinical ones; change one
# only on a clinician's word. Each is read from ADVICE_<NAME>, e.g.
# ADVICE_DAYS_AFTER=3.
_ADVICE_DEFAULTS = {
    "days_after": 2,  # raised days after a session that stop its exercise
    "baseline_days": 7,  # the baseline is the median of this many days before
    "baseline_min_scores": 3,  # ... when at least this many have a score
    "raised_above_baseline": 2,  # raised: this much above the baseline
    "raised_without_baseline": 6,  # raised without a baseline: this or more
    "pain_during_limit": 5,  # pain during an exercise above this is too much
    "urgent_fall_pain": 7,  # a fall with this much pain is urgent
    "window_days": 7,  # the "last 7 days" of the see-your-GP patterns
    "night_pain_days": 3,  # nights of pain in that window
    "numbness_days": 3,  # days of numbness or tingling in that window
    "pain_days_unknown_to_gp": 5,  # days of pain, no GP or physio knows
    "rise_in_mean": 2,  # the week's mean this much above the week before
    "lookback_days": 28,  # how far back sessions and patterns are looked at
}
ADVICE_THRESHOLDS = {
    _name: env_int(f"ADVICE_{_name.upper()}", _default, minimum=1)
    for _name, _default in _ADVICE_DEFAULTS.items()
}
for _name in ("raised_without_baseline", "pain_during_limit", "urgent_fall_pain"):
    if ADVICE_THRESHOLDS[_name] > 10:
        raise ImproperlyConfigured(f"ADVICE_{_name.upper()} is a pain score: at most 10.")
if ADVICE_THRESHOLDS["baseline_min_scores"] > ADVICE_THRESHOLDS["baseline_days"]:
    raise ImproperlyConfigured("ADVICE_BASELINE_MIN_SCORES cannot exceed ADVICE_BASELINE_DAYS.")

# The out-of-hours GP service (huisartsenpost) of the region this server
# serves. Set, urgent advice gets a button that calls it; empty, the advice
# only says to call it (the number differs per region).
HUISARTSENPOST_PHONE = env_str("HUISARTSENPOST_PHONE", "").strip()
if HUISARTSENPOST_PHONE and (
    set(HUISARTSENPOST_PHONE) - set("0123456789 +-")
    or sum(c.isdigit() for c in HUISARTSENPOST_PHONE) < 3
    or "+" in HUISARTSENPOST_PHONE[1:]
):
    raise ImproperlyConfigured(
        "HUISARTSENPOST_PHONE must be a phone number: digits, spaces, - and a leading +."
    )

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "info", ["debug", "info", "warning", "error"]).upper(),
    },
}
