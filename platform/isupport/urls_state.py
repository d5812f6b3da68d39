"""URLs served on a State's host (its own schema)."""

from isupport.urls_common import common_urlpatterns

urlpatterns = [*common_urlpatterns]
