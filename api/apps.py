"""The REST API (Django REST Framework) served at /api/v1/ on each State's host: the same
services and selectors as the web UI, for a State's integration clients."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the OpenAPI extension describing the Bearer token scheme.
        from api import schema  # noqa: F401
        from api.services import api_clients_revoke_all
        from isupport.signals import state_offboarding

        state_offboarding.connect(api_clients_revoke_all, dispatch_uid="api_clients_revoke_all")
