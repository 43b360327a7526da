from django.urls import path

from reminders import views

urlpatterns = [
    path("", views.reminder_page, name="reminders"),
    path("subscription/", views.subscription, name="reminder_subscription"),
]
