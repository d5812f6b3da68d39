"""The roles of a State's users, as Django groups created in each State's schema."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateRole(models.TextChoices):
    STATE_ADMINISTRATOR = "state administrator", _("State administrator")
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUDITOR = "auditor", _("Auditor")


def state_roles_ensure() -> None:
    """Create the role groups in the current schema (idempotent)."""
    for role in StateRole:
        Group.objects.get_or_create(name=role.value)
