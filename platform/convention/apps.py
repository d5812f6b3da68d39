from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionConfig(AppConfig):
    """Installed only so that Django finds the message catalogue in ``convention/locale``."""

    name = "convention"
    verbose_name = _("Hague Convention rules")
