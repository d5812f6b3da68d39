"""The tenants of the platform: States (and the Governing Body), their host names and keys.

All of this lives in the public schema. Nothing here is personal data.
"""

import functools
import zoneinfo

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not an IANA time zone."), params={"value": value})


# CLDR region codes that are not ISO 3166-1 countries: unknown, outlying Oceania, EU, eurozone,
# UN, pseudo-regions, exceptionally reserved codes, and Kosovo's user-assigned code.
_NOT_COUNTRIES = {
    "ZZ",
    "QO",
    "EU",
    "EZ",
    "UN",
    "XA",
    "XB",
    "AC",
    "CP",
    "CQ",
    "DG",
    "EA",
    "IC",
    "TA",
    "XK",
}


@functools.cache
def _country_codes() -> frozenset[str]:
    from babel import Locale

    territories = Locale("en").territories
    return frozenset(code for code in territories if len(code) == 2 and code.isalpha()) - (
        _NOT_COUNTRIES
    )


def validate_country_code(value: str) -> None:
    if value not in _country_codes():
        raise ValidationError(
            _("%(value)s is not an ISO 3166-1 alpha-2 country code."), params={"value": value}
        )


validate_language_code = RegexValidator(
    r"^[a-z]{2,3}(-[A-Z]{2})?$", _("Languages must be language codes such as pt or pt-BR.")
)


class StateManager(models.Manager):
    """The tenants that have a schema: every one but the States purged after their offboarding.

    ``State.objects`` is what django-tenants' commands (``migrate_schemas``, ``tenant_command``,
    ``all_tenants_command``), the tenant-aware Celery beat scheduler, ``verify_audit_trail`` and
    the key store go through, and a purged State has no schema left to visit.
    ``State.all_states`` (the default manager: the console, the operator's services) has them
    all."""

    def get_queryset(self):
        return super().get_queryset().filter(purged_at__isnull=True)


class State(TenantMixin):
    """A tenant: a Contracting State's Central Authority, the Governing Body, or the platform.

    The platform's own row (kind "public") owns the public schema, which the Permanent Bureau
    works in. Each State and the Governing Body have a schema of their own, until a State's is
    dropped when its retention period after offboarding has passed (``purged_at``): the row
    stays as the record of it.
    """

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Permanent Bureau (platform)")
        STATE = "state", _("State")
        GOVERNING_BODY = "governing_body", _("Governing Body")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        OFFBOARDED = "offboarded", _("offboarded")

    code = models.CharField(
        verbose_name=_("ISO 3166-1 alpha-2 code"),
        max_length=2,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_country_code],
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
    )
    authority_name = models.CharField(
        verbose_name=_("Central Authority"),
        max_length=200,
        blank=True,
    )
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("IANA time zone in which the Central Authority's deadlines are computed."),
    )
    languages = ArrayField(
        models.CharField(max_length=8, validators=[validate_language_code]),
        verbose_name=_("languages"),
        default=list,
        help_text=_("Languages of the Central Authority, preferred first (BCP 47 codes)."),
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.STATE,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        auto_now_add=True,
    )
    offboarded_at = models.DateTimeField(
        verbose_name=_("offboarded at"),
        null=True,
        blank=True,
    )
    keys_changed_at = models.DateTimeField(
        verbose_name=_("keys changed at"),
        default=timezone.now,
        help_text=_("When the State's keys were last rotated or destroyed."),
    )
    purged_at = models.DateTimeField(
        verbose_name=_("purged at"),
        null=True,
        blank=True,
        help_text=_(
            "When the offboarded State's schema and stored documents were deleted, once its "
            "retention period had passed."
        ),
    )

    all_states = models.Manager()
    objects = StateManager()

    # Schemas are created by the onboarding service, inside its transaction (tenants/services.py).
    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["name"]
        default_manager_name = "all_states"
        constraints = [
            models.CheckConstraint(
                name="state_kind_has_code",
                condition=~models.Q(kind="state") | models.Q(code__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    def save(self, *args, **kwargs):
        if self.pk is not None and self.purged_at is not None:
            # TenantMixin.save() creates (and migrates) the schema of a saved tenant that has
            # none: a purged State's must never come back.
            models.Model.save(self, *args, **kwargs)
            return
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Domain(DomainMixin):
    """A host name that serves one tenant (e.g. pt.example.org for Portugal)."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.domain
