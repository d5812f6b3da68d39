"""URLs served on a State's host (its own schema)."""

from django.urls import include, path

from isupport.urls_common import common_urlpatterns

urlpatterns = [
    *common_urlpatterns,
    path("", include("cases.urls")),
]
