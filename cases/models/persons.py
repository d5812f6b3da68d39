"""People in a State's cases: identifying values encrypted, searchable through blind indexes."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from encryption.fields import (
    BlindIndexField,
    EncryptedDateField,
    EncryptedModel,
    EncryptedTextField,
    normalise_date,
)
from encryption.planning import Population
from encryption.search import EncryptedQuerySet


class PersonQuerySet(EncryptedQuerySet):
    def search(self, *, family_name: str | None = None, date_of_birth=None) -> list["Person"]:
        """People whose family name and/or date of birth equal the given ones, case and accents
        folded. Narrowed in the database through the blind indexes, then confirmed by decrypting
        the few candidates (an index value is shared by several names by design)."""
        return super().search(family_name=family_name, date_of_birth=date_of_birth)


class Person(EncryptedModel):
    """A natural person in a case (creditor, debtor, child, representative...)."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    family_name = EncryptedTextField(
        verbose_name=_("family name"),
    )
    given_names = EncryptedTextField(
        verbose_name=_("given names"),
        blank=True,
    )
    date_of_birth = EncryptedDateField(
        verbose_name=_("date of birth"),
        null=True,
        blank=True,
    )
    address = EncryptedTextField(
        verbose_name=_("address"),
        blank=True,
    )
    email = EncryptedTextField(
        verbose_name=_("e-mail address"),
        blank=True,
    )
    phone = EncryptedTextField(
        verbose_name=_("telephone"),
        blank=True,
    )
    # Widths from encryption.planning, for both indexes together (system check encryption.E003).
    family_name_index = BlindIndexField(
        source="family_name",
        bits=9,
        population=Population(
            "persons of a State",
            rows=300_000,
            basis="100,000 cases, three persons a case: the scale of docs/benchmarks.md",
        ),
        value_space=None,  # free text
    )
    date_of_birth_index = BlindIndexField(
        source="date_of_birth",
        bits=8,
        population=family_name_index.population,  # the same table's rows
        value_space=36_525,  # a day in a century
        normalise=normalise_date,
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        auto_now_add=True,
    )
    updated_at = models.DateTimeField(
        verbose_name=_("updated at"),
        auto_now=True,
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
