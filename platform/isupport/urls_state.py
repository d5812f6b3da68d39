"""URLs served on a State's host (its own schema)."""

from django.urls import include, path

from isupport.urls_common import common_urlpatterns

urlpatterns = [
    *common_urlpatterns,
    path("api/v1/", include("api.urls")),
    path("", include("cases.urls")),
]
