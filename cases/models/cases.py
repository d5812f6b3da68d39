"""The case: one application or request for specific measures, outgoing or incoming."""

import uuid

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convention.vocabulary import ApplicationType, Direction, LegalBasis, SpecificMeasure
from convention.workflow import CaseState


class TransmissionMethod(models.TextChoices):
    """How an application or a form left or reached the Authority (Art 12(2), 13)."""

    POST = "post", _("Post")
    EMAIL = "email", _("E-mail")
    ECODEX = "ecodex", _("e-CODEX")


class CaseReferenceCounter(models.Model):
    """The last number given to a case of a year, per State (its own schema)."""

    year = models.PositiveIntegerField(
        primary_key=True,
    )
    last_number = models.PositiveIntegerField(
        default=0,
    )

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_reference(cls, *, state_code: str, year: int) -> str:
        """``PT-2026-000123``: the next number of the year, safe under concurrency (one upsert
        holds the row lock until the transaction ends)."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608 - table name only
                f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 "
                "RETURNING last_number",
                [year],
            )
            (number,) = cursor.fetchone()
        return f"{state_code}-{year}-{number:06d}"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=CaseState.CLOSED)


class Case(models.Model):
    """An application (Art 10) or a request for specific measures (Art 7), as seen by this
    State's Central Authority: outgoing when this State requests, incoming when it is requested.
    """

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    reference = models.CharField(
        verbose_name=_("reference"),
        max_length=32,
        unique=True,
        help_text=_("This Central Authority's own reference, given when the case is created."),
    )
    partner_reference = models.CharField(
        verbose_name=_("partner's reference"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("The other Central Authority's reference for the case."),
    )
    direction = models.CharField(
        verbose_name=_("direction"),
        max_length=16,
        choices=Direction.choices(),
    )
    legal_basis = models.CharField(
        verbose_name=_("legal basis"),
        max_length=32,
        choices=LegalBasis.choices(),
    )
    application_type = models.CharField(
        verbose_name=_("application type"),
        max_length=32,
        choices=ApplicationType.choices(),
        blank=True,
    )
    specific_measures = models.JSONField(
        verbose_name=_("specific measures"),
        default=list,
        blank=True,
        help_text=_(
            "Art 7 measures requested, as codes (only for a request for specific measures)."
        ),
    )
    requesting_state = models.CharField(
        verbose_name=_("requesting State"),
        max_length=2,
    )
    requested_state = models.CharField(
        verbose_name=_("requested State"),
        max_length=2,
    )
    partner_authority = models.CharField(
        verbose_name=_("partner Central Authority"),
        max_length=200,
        blank=True,
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible caseworker"),
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
    )
    state = models.CharField(
        verbose_name=pgettext_lazy("case", "state"),
        max_length=32,
        choices=CaseState.choices(),
        default=CaseState.NEW.value,
    )
    applicant_consent = models.BooleanField(
        verbose_name=_("applicant's consent to transmission"),
        default=False,
        help_text=_("Art 12(2): the application is transmitted with the applicant's consent."),
    )
    transmission_method = models.CharField(
        verbose_name=_("transmission method"),
        max_length=16,
        choices=TransmissionMethod.choices,
        blank=True,
    )
    transmitted_at = models.DateTimeField(
        verbose_name=_("transmitted at"),
        null=True,
        blank=True,
    )
    received_at = models.DateTimeField(
        verbose_name=_("received at"),
        null=True,
        blank=True,
    )
    acknowledged_at = models.DateTimeField(
        verbose_name=_("acknowledged at"),
        null=True,
        blank=True,
    )
    closed_at = models.DateTimeField(
        verbose_name=_("closed at"),
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        auto_now_add=True,
    )
    updated_at = models.DateTimeField(
        verbose_name=_("updated at"),
        auto_now=True,
    )
    version = models.PositiveIntegerField(
        default=1,
        help_text=_(
            "Incremented by every change, so that a stale form cannot overwrite a newer one."
        ),
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        permissions = [
            (
                "view_restricted_information",
                _("Can see information restricted under Article 40"),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-created_at"], name="case_state_created"),
            models.Index(fields=["responsible", "-created_at"], name="case_responsible_created"),
            models.Index(fields=["-created_at", "id"], name="case_created_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(application_type="") | ~models.Q(specific_measures=[]),
                name="case_is_an_application_or_a_request_for_measures",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def direction_enum(self) -> Direction:
        return Direction(self.direction)

    @property
    def state_enum(self) -> CaseState:
        return CaseState(self.state)

    @property
    def application_type_enum(self) -> ApplicationType | None:
        return ApplicationType(self.application_type) if self.application_type else None

    @property
    def legal_basis_enum(self) -> LegalBasis:
        return LegalBasis(self.legal_basis)

    @property
    def partner_state(self) -> str:
        """The other State of the case."""
        if self.direction == Direction.OUTGOING.value:
            return self.requested_state
        return self.requesting_state

    @property
    def specific_measure_enums(self) -> list[SpecificMeasure]:
        return [SpecificMeasure(code) for code in self.specific_measures]

    @property
    def covering_form(self) -> str:
        """The code of the form an outgoing application leaves with: the Transmittal for an
        Art 10 application (Art 12(2), Annex 1); the Request for Specific Measures for an Art 7
        request, which Annex 1 does not cover."""
        return "transmittal" if self.application_type else "specific_measures"
