from django.apps import AppConfig


class ConventionFormsConfig(AppConfig):
    """Installed so that Django loads the forms' own catalogue from ``convention/forms/locale``."""

    name = "convention.forms"
    label = "convention_forms"
    verbose_name = "Convention forms catalogue"
