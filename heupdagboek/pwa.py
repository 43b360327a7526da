"""The installable app: web app manifest, service worker, offline page, logout.

The service worker is served by a view, not as a static file, for three
reasons: it must live at ``/sw.js`` to control the whole site (a worker's
scope is the folder it is served from), it must never be cached by the
browser's HTTP cache (so a new release is picked up at once), and it must
know the hashed names of the shell files, which exist only after
collectstatic. The view puts those names and a version into the worker's
source (``static/js/sw.js``); the version changes whenever any static file
changes, so every release installs a fresh worker with fresh caches.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from allauth.account.views import logout as allauth_logout
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

THEME_COLOUR = "#0b5d8c"
BACKGROUND_COLOUR = "#f7f5f0"

# What the worker stores at install, so the app opens without a network:
# the styles, the scripts, the icons and the exercise drawings (the player
# shows them). Pages are added as they are visited.
SHELL_STATIC = [
    "css/app.css",
    "css/exercises.css",
    "js/pwa.js",
    "js/queue.js",
    "js/today.js",
    "js/player.js",
    "js/reminders.js",
    "img/icon.svg",
    "img/icons/icon-192.png",
    "img/icons/icon-512.png",
    "img/icons/maskable-192.png",
    "img/icons/maskable-512.png",
    "img/icons/apple-touch-icon-180.png",
    "img/exercises/ball-squeeze.svg",
    "img/exercises/bridge.svg",
    "img/exercises/bursitis-stretch.svg",
    "img/exercises/walking.svg",
]

SW_SOURCE = "js/sw.js"


@require_safe
@cache_control(max_age=86400)
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest (what an installed Heupdagboek is called and looks like)."""
    icons = [
        {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("img/icons/maskable-192.png"),
            "sizes": "192x192",
            "type": "image/png",
            "purpose": "maskable",
        },
        {
            "src": static("img/icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    small_icon = [icons[0]]
    data = {
        "id": "/",
        "name": "Heupdagboek",
        "short_name": "Heupdagboek",
        "description": _("A diary for hip pain and home exercises."),
        "lang": get_language(),
        "dir": "ltr",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["health", "medical"],
        "icons": icons,
        "shortcuts": [
            {"name": _("Log pain"), "url": reverse("home"), "icons": small_icon},
            {
                "name": _("Exercises today"),
                "url": reverse("exercises_today"),
                "icons": small_icon,
            },
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/manifest+json"
    return response


def _read_static(name: str) -> bytes:
    """A static file's content: from STATIC_ROOT after collectstatic, else
    from the source folders (development without collectstatic)."""
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    path = finders.find(name)
    if path is None:
        raise FileNotFoundError(name)
    with open(path, "rb") as handle:
        return handle.read()


def static_version() -> str:
    """A short hash that changes whenever a static file changes.

    After collectstatic the manifest storage keeps a hash of its whole
    manifest; in development (no manifest) the shell files' contents are
    hashed instead.
    """
    manifest_hash = getattr(staticfiles_storage, "manifest_hash", "")
    if manifest_hash and not settings.DEBUG:
        return manifest_hash[:12]
    digest = hashlib.sha256()
    for name in [*SHELL_STATIC, SW_SOURCE]:
        digest.update(_read_static(name))
    return digest.hexdigest()[:12]


@lru_cache(maxsize=4)
def _worker_source(version: str, language: str) -> str:
    """The worker's source with its configuration in front. Cached per
    version: it only changes with the static files (and the offline page's
    language, which is part of the precached shell)."""
    config = {
        "version": version,
        "shell": [static(name) for name in SHELL_STATIC],
        "offlineUrl": reverse("offline"),
        "queueUrl": static("js/queue.js"),
        "staticPrefix": settings.STATIC_URL,
        "icon": static("img/icons/icon-192.png"),
    }
    source = _read_static(SW_SOURCE).decode("utf-8")
    header = (
        "// Generated by heupdagboek.pwa.service_worker from static/js/sw.js.\n"
        f"const CONFIG = {json.dumps(config, indent=1)};\n"
    )
    return header + source


@require_safe
@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    source = _worker_source(static_version(), get_language())
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    # Allowed anyway at /sw.js; said explicitly so a move behind a prefix
    # does not silently shrink the scope.
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the worker when a page is not on the phone and there is no
    network. Precached, so it must not depend on who is logged in."""
    return render(request, "offline.html")


def logout(request: HttpRequest) -> HttpResponse:
    """allauth's logout, plus an instruction to the browser to forget this
    site's caches and storage (service worker caches, the IndexedDB queue)
    on this device. pwa.js also clears them before the form is sent, for
    browsers that ignore Clear-Site-Data."""
    response = allauth_logout(request)
    if request.method == "POST":
        response["Clear-Site-Data"] = '"cache", "storage"'
    return response
