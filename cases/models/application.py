"""What an outgoing application says beyond its parties, decision and documents: the grounds
(Art 11(1)(e)), where payments go (Art 11(1)(f)), the reasons of a request for specific
measures (Art 7(1)), the particulars each recommended form asks for, and the requesting Central
Authority's contact details printed on the forms. Encrypted: payment details are personal."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.cases import Case
from encryption.fields import EncryptedJSONField, EncryptedModel


class ApplicationParticulars(EncryptedModel):
    """One per case, written section by section by the outgoing application wizard
    (``services.application_particulars_record``); ``values`` maps a section key to its values
    (text, ISO dates, decimal amounts as strings, codes)."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="particulars",
    )
    values = EncryptedJSONField(
        verbose_name=_("particulars"),
        default=dict,
        blank=True,
    )
    updated_at = models.DateTimeField(
        verbose_name=_("updated at"),
        auto_now=True,
    )

    class Meta:
        verbose_name = _("particulars of the application")
        verbose_name_plural = _("particulars of applications")

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"

    def section(self, key: str) -> dict:
        value = (self.values or {}).get(key)
        return dict(value) if isinstance(value, dict) else {}
