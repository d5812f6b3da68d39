"""URLs served on the Permanent Bureau's host (public schema): the administration console."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from accounts.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm
admin.site.site_header = _("iSupport platform: Permanent Bureau")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index"), name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
