"""URLs served on the Governing Body's host: its accounts only; it never reaches a case."""

from django.urls import path

from accounts.views import home
from isupport.urls_common import common_urlpatterns

urlpatterns = [
    path("", home, name="home"),
    *common_urlpatterns,
]
