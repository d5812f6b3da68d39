"""The audit of what users read: every case page or API response that shows a case, every person
page and person search, and each Art 40 restricted value they disclose. Entries name records by
their identifiers and searches by the fields searched, never by a personal value."""

from collections.abc import Sequence

from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from cases.models import Case, Party, Person


def record_view(*, user, case: Case, restricted_parties: Sequence[Party] = ()) -> None:
    """Audit that the user viewed the case, and each party's Art 40 restricted information the
    page or response disclosed to them."""
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            object_type="case",
            object_id=case.pk,
            case_id=case.pk,
        )
        for party in restricted_parties:
            audit_record(
                actor=user,
                action=AuditAction.VIEW_RESTRICTED,
                object_type="party",
                object_id=party.pk,
                case_id=case.pk,
            )


def person_view_record(*, user, person: Person, restricted_parties: Sequence[Party] = ()) -> None:
    """Audit that the user viewed the person's page, and each party whose Art 40 restricted
    information (the person's address and contact details) the page disclosed to them; each of
    those entries names the party's case, as a case page's disclosure does."""
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            object_type="person",
            object_id=person.pk,
        )
        for party in restricted_parties:
            audit_record(
                actor=user,
                action=AuditAction.VIEW_RESTRICTED,
                object_type="party",
                object_id=party.pk,
                case_id=party.case_id,
            )


def person_search_record(
    *, user, fields: Sequence[str], found: int, shown: Sequence[Person]
) -> None:
    """Audit one search for persons: the names of the fields searched (never what was searched
    for), how many persons matched and the identifiers of those shown."""
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type="person_search",
        object_id="",
        details={
            "fields": sorted(fields),
            "found": found,
            "shown": [str(person.pk) for person in shown],
        },
    )


def case_search_record(*, user, fields: Sequence[str], shown: Sequence[Case]) -> None:
    """Audit one search for cases by a party's name or date of birth: the names of the fields
    searched (never what was searched for) and the identifiers of the cases shown."""
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type="case_search",
        object_id="",
        details={"fields": sorted(fields), "shown": [str(case.pk) for case in shown]},
    )
