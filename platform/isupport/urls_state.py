"""URLs served on a State's host (its own schema)."""

from django.urls import include, path

from isupport.urls_common import common_urlpatterns

urlpatterns = [
    *common_urlpatterns,
    path("api/v1/", include("api.urls")),
    path("api-clients/", include("api.urls_admin")),
    path("", include("cases.urls")),
]
