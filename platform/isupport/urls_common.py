"""URLs every State and the Governing Body serve on their own host, besides their home page."""

from django.urls import include, path

common_urlpatterns = [
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
