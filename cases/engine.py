"""The bridge between a State's case records and the Convention engine (``convention``), which
takes and returns plain values: the case as an ``OutgoingCase``, the Authority's deadline
settings, the legal basis between two States."""

import datetime
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone

from cases.models import Case
from convention.deadlines import DeadlineRule, DeadlineSettings
from convention.states import GoverningInstrument, default_registry, governing_instrument
from convention.validation import Decision as DecisionValues
from convention.validation import Finding, OutgoingCase, validate_case
from convention.validation import Party as PartyValues
from convention.vocabulary import (
    ApplicationType,
    Direction,
    DocumentKind,
    LegalBasis,
    PartyRole,
    SpecificMeasure,
)

if TYPE_CHECKING:  # the selectors read the State's today here
    from cases.selectors import CaseRecords


def current_state():
    """The State whose schema the connection is on (a ``tenants.State``)."""
    return connection.tenant


def state_today() -> datetime.date:
    """Today in the State's own time zone: the day its deadlines are counted on."""
    return timezone.localdate(timezone=_zone(current_state().time_zone))


def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def legal_basis_between(
    requesting: str, requested: str, *, on: datetime.date
) -> GoverningInstrument:
    return governing_instrument(requesting, requested, on=on)


def deadline_settings_for(case: Case) -> DeadlineSettings:
    """The deadlines of a case are the requested Authority's (Art 12(3), 12(4), 12(9)): this
    State's own for an incoming case, the partner's for an outgoing one, which the requesting
    Authority only watches."""
    if case.direction == Direction.INCOMING.value:
        return DeadlineSettings(time_zone=current_state().time_zone)
    registry = default_registry()
    partner = registry.get(case.requested_state)
    return DeadlineSettings(time_zone=partner.time_zone if partner else "UTC")


def deadline_is_watched(case: Case, rule: DeadlineRule) -> bool:
    """Whether the partner Authority, not this one, must act by the deadline. The requested
    Authority acknowledges and reports (Art 12(3), 12(4)); the requesting one supplies the
    documents asked for (Art 12(9)), which turns that period round."""
    outgoing = case.direction == Direction.OUTGOING.value
    return not outgoing if rule is DeadlineRule.MISSING_DOCUMENTS else outgoing


def outgoing_case_values(records: "CaseRecords") -> OutgoingCase:
    """The case as the Convention engine's ``OutgoingCase``, for ``validate_case``, from the
    records its page loaded (``selectors.case_records_for_user``)."""
    case = records.case
    parties = []
    for party in records.parties:
        person = party.person
        parties.append(
            PartyValues(
                key=str(party.pk),
                roles=frozenset(PartyRole(role) for role in party.roles),
                family_name=person.family_name if person else "",
                given_names=person.given_names if person else "",
                organisation_name=party.organisation_name,
                date_of_birth=person.date_of_birth if person else None,
                address=person.address if person else "",
                habitual_residence=party.habitual_residence or None,
                is_applicant=party.is_applicant,
                represents=str(party.represents_id) if party.represents_id else None,
            )
        )
    decision = records.decision
    documents = records.documents
    kinds = {
        DocumentKind(document.kind)
        for document in documents
        if document.kind in DocumentKind._value2member_map_
    }
    return OutgoingCase(
        legal_basis=LegalBasis(case.legal_basis),
        requesting_state=case.requesting_state,
        requested_state=case.requested_state,
        application_type=ApplicationType(case.application_type) if case.application_type else None,
        specific_measures=frozenset(SpecificMeasure(code) for code in case.specific_measures),
        parties=tuple(parties),
        decision=(
            DecisionValues(
                state_of_origin=decision.state_of_origin,
                is_maintenance_arrangement=decision.is_maintenance_arrangement,
                by_administrative_authority=decision.by_administrative_authority,
                automatic_indexation=bool(decision.indexation_clause),
            )
            if decision
            else None
        ),
        documents=frozenset(kinds),
        document_languages=frozenset(document.language for document in documents),
        responsible_person=case.responsible.email if case.responsible_id else "",
        applicant_consents=case.applicant_consent,
        **_particulars_values(records),
    )


def _particulars_values(records: "CaseRecords") -> dict:
    """The grounds (11(1)(e)), payment details (11(1)(f)) and Art 7 reasons the wizard records."""
    if records.particulars is None:
        return {}
    grounds = records.section("grounds")
    payment = records.section("payment")
    return {
        "grounds": grounds.get("grounds", ""),
        "reasons": grounds.get("reasons", ""),
        "payment_details": " ".join(str(value) for value in payment.values() if value),
        "article_10_application_pending": bool(grounds.get("article_10_application_pending")),
        "case_pending_in_requesting_state": bool(grounds.get("proceedings_pending")),
    }


def case_findings(records: "CaseRecords", *, on: datetime.date | None = None) -> list[Finding]:
    """What the Convention engine says of an outgoing case today (errors block transmission)."""
    return validate_case(outgoing_case_values(records), on=on or state_today())
