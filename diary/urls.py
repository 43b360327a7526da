from django.urls import path

from diary import trend_views, views
from diary.export import views as export_views

urlpatterns = [
    path("", views.today, name="home"),
    path("dag/<str:date>/", views.day, name="day"),
    path("dagen/", views.days, name="days"),
    path("trends/", trend_views.trends_page, name="trends"),
    path("advies/<int:pk>/gelezen/", views.acknowledge_advice, name="advice_acknowledge"),
    path(
        "advies/<int:pk>/huisarts-weet-het/",
        views.care_provider_knows,
        name="advice_care_provider_knows",
    ),
    # Export (issue 7)
    path("export/", export_views.export_page, name="export"),
    path("export/rapport/", export_views.report_page, name="export_report"),
    path("export/pdf/", export_views.download_pdf, name="export_pdf"),
    path("export/csv/", export_views.download_csv, name="export_csv"),
    path("export/json/", export_views.download_json, name="export_json"),
    path("export/fhir/", export_views.download_fhir, name="export_fhir"),
    path("export/importeren/", export_views.import_upload, name="export_import"),
    path("export/links/", export_views.share_create, name="export_share_create"),
    path("export/links/<int:pk>/intrekken/", export_views.share_revoke, name="export_share_revoke"),
    path("gedeeld/<str:token>/", export_views.share_page, name="share_page"),
]
