from django.urls import path

from exercises import views

urlpatterns = [
    path("exercises/", views.today, name="exercises_today"),
    path("exercises/programmes/", views.programs, name="exercise_programs"),
    path("exercises/library/", views.library, name="exercise_library"),
    path("exercises/library/<slug:slug>/", views.detail, name="exercise_detail"),
    path("exercises/<slug:slug>/do/", views.player, name="exercise_player"),
    path("exercises/pauses/<int:pk>/resume/", views.resume_pause, name="exercise_resume"),
]
