"""URLs served on a State's host (its own schema). This URLconf is the project's wiring, above
every app: it names the State's home page, which belongs to the cases app."""

from django.urls import include, path

from cases.views import home
from isupport.urls_common import common_urlpatterns

urlpatterns = [
    path("", home, name="home"),
    *common_urlpatterns,
    path("api/v1/", include("api.urls")),
    path("api-clients/", include("api.urls_admin")),
    path("", include("cases.urls")),
]
