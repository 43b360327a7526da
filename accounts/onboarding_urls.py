from django.urls import path

from accounts import onboarding

urlpatterns = [
    path("", onboarding.start, name="onboarding"),
    path("<slug:step>/", onboarding.step_view, name="onboarding_step"),
]
