from django.urls import path

from accounts import views
from accounts.deletion import delete_account_view

urlpatterns = [
    path("", views.account_home, name="account_home"),
    path("verwijderen/", delete_account_view, name="account_delete"),
]
