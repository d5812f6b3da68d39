"""URLs every State and the Governing Body serve on their own host."""

from django.urls import include, path

from tenants.views import home

common_urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
