from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# Each app registers its viewsets on the shared router when its api module is
# imported; this must happen before router.urls is read below.
import diary.api
from accounts import onboarding
from accounts.api import MeView
from diary.trend_views import trends_api
from heupdagboek import help as help_pages
from heupdagboek import pwa
from heupdagboek.api import router
from heupdagboek.views import healthz, ping

import diary.export_api  # noqa: F401  isort: skip
import exercises.api  # noqa: F401  isort: skip

api_v1 = [
    path("me/", MeView.as_view(), name="api-me"),
    path("ping/", ping, name="api-ping"),
    path("trends/", trends_api, name="api-trends"),
    *router.urls,
]

urlpatterns = [
    path("", include("diary.urls")),
    path("", include("exercises.urls")),
    path("account/", include("accounts.urls")),
    path("welkom/", include("accounts.onboarding_urls")),
    path("hulp/", help_pages.index, name="help"),
    path("hulp/<slug:slug>/", help_pages.page, name="help_page"),
    path("reminders/", include("reminders.urls")),
    # allauth's logout plus Clear-Site-Data; before allauth's own route.
    path("accounts/logout/", pwa.logout),
    # allauth's signup, sending a new user to the welcome steps (accounts/onboarding.py).
    path("accounts/signup/", onboarding.signup),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("admin/", admin.site.urls),
]

handler404 = "heupdagboek.views.not_found"
