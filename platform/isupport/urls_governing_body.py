"""URLs served on the Governing Body's host: its accounts only; it never reaches a case."""

from isupport.urls_common import common_urlpatterns

urlpatterns = [*common_urlpatterns]
