"""A State's cases and everything in them, in the State's own schema, personal values encrypted
with the State's keys."""

from cases.models.application import ApplicationParticulars
from cases.models.cases import Case, CaseQuerySet, CaseReferenceCounter, TransmissionMethod
from cases.models.persons import Person, PersonQuerySet
from cases.models.records import (
    Deadline,
    Decision,
    Document,
    Note,
    Party,
    PaymentFrequency,
    Task,
    TimelineEvent,
)

__all__ = [
    "ApplicationParticulars",
    "Case",
    "CaseQuerySet",
    "CaseReferenceCounter",
    "Deadline",
    "Decision",
    "Document",
    "Note",
    "Party",
    "PaymentFrequency",
    "Person",
    "PersonQuerySet",
    "Task",
    "TimelineEvent",
    "TransmissionMethod",
]
