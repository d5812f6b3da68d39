"""Checks before a case leaves the requesting Central Authority."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from convention_builders import SPOUSAL_EXTENSION, make_state

from convention.states import DeclaredRequirement, ScopeExtension, StateRegistry
from convention.validation import (
    ApplicantCharge,
    Decision,
    OutgoingCase,
    Party,
    age_on,
    has_errors,
    legal_assistance_regime,
    validate_case,
)
from convention.vocabulary import (
    ApplicationType,
    Article18Exception,
    ChargeKind,
    DocumentKind,
    LegalAssistanceRegime,
    LegalBasis,
    MaintenanceObligation,
    PartyRole,
    RecognitionBasis,
    RefusalGround,
    Severity,
    SpecificMeasure,
)

TODAY = date(2025, 3, 1)
CHILD_SUPPORT = frozenset({MaintenanceObligation.CHILD_SUPPORT})
SPOUSAL = frozenset({MaintenanceObligation.SPOUSAL_SUPPORT})

MOTHER = Party(
    key="mother",
    roles=frozenset({PartyRole.CREDITOR}),
    family_name="Silva",
    given_names="Ana",
    date_of_birth=date(1988, 4, 2),
    address="Rua das Flores 12, Porto",
    habitual_residence="XA",
    is_applicant=True,
)
CHILD = Party(
    key="child",
    roles=frozenset({PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT}),
    family_name="Silva",
    given_names="Rita",
    date_of_birth=date(2015, 9, 1),
    habitual_residence="XA",
)
FATHER = Party(
    key="father",
    roles=frozenset({PartyRole.DEBTOR}),
    family_name="Berg",
    given_names="Ole",
    date_of_birth=date(1985, 1, 20),
    address="Storgata 1, Oslo",
    habitual_residence="XB",
)

ESTABLISHMENT = OutgoingCase(
    legal_basis=LegalBasis.HAGUE_2007,
    requesting_state="XA",
    requested_state="XB",
    application_type=ApplicationType.CREDITOR_ESTABLISHMENT,
    maintenance=CHILD_SUPPORT,
    parties=(MOTHER, CHILD, FATHER),
    documents=frozenset({DocumentKind.FINANCIAL_CIRCUMSTANCES}),
    grounds="Parentage acknowledged; no decision exists.",
    payment_details="IBAN PT50 0000 0000 0000 0000 0000 0",
    responsible_person="International unit, desk 3",
    applicant_consents=True,
)
RECOGNITION = replace(
    ESTABLISHMENT,
    application_type=ApplicationType.CREDITOR_RECOGNITION,
    decision=Decision(state_of_origin="XA", recognition_basis=RecognitionBasis.CREDITOR_RESIDENCE),
    documents=frozenset({DocumentKind.DECISION_TEXT, DocumentKind.STATEMENT_OF_ENFORCEABILITY}),
)
DEBTOR_MODIFICATION = replace(
    ESTABLISHMENT,
    application_type=ApplicationType.DEBTOR_MODIFICATION_ELSEWHERE,
    parties=(
        replace(FATHER, is_applicant=True, habitual_residence="XA"),
        replace(MOTHER, is_applicant=False, habitual_residence="XC"),
        CHILD,
    ),
    decision=Decision(state_of_origin="XC"),
    requesting_state="XA",
    requested_state="XB",
    payment_details="",
)
SPECIFIC_MEASURES = OutgoingCase(
    legal_basis=LegalBasis.HAGUE_2007,
    requesting_state="XA",
    requested_state="XB",
    specific_measures=frozenset({SpecificMeasure.LOCATE}),
    maintenance=CHILD_SUPPORT,
    parties=(MOTHER, CHILD, FATHER),
    reasons="The debtor has moved; an application depends on his address.",
)


def codes(case: OutgoingCase, registry: StateRegistry, on: date = TODAY) -> set[str]:
    return {f.code for f in validate_case(case, on=on, registry=registry)}


def finding(case: OutgoingCase, registry: StateRegistry, code: str):
    matches = [f for f in validate_case(case, on=TODAY, registry=registry) if f.code == code]
    assert matches, f"no finding {code}"
    return matches[0]


# --- complete cases pass -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "case",
    [ESTABLISHMENT, RECOGNITION, SPECIFIC_MEASURES],
    ids=["establishment", "recognition", "specific_measures"],
)
def test_a_complete_case_has_no_findings(case, registry):
    assert validate_case(case, on=TODAY, registry=registry) == []


# --- legal basis ---------------------------------------------------------------------------------
def test_convention_must_be_in_force_between_the_states_art_56_1(registry):
    before = date(2014, 7, 31)
    assert "legal_basis.not_applicable" in codes(ESTABLISHMENT, registry, on=before)
    assert finding_on(ESTABLISHMENT, registry, before).article == "56(1)"


def finding_on(case, registry, on):
    return next(f for f in validate_case(case, on=on, registry=registry))


def test_between_member_states_the_regulation_governs_art_51_4(registry):
    case = replace(ESTABLISHMENT, requesting_state="XC", requested_state="XD")
    result = finding(case, registry, "legal_basis.not_applicable")
    assert result.article == "51(4)"
    regulation_case = replace(case, legal_basis=LegalBasis.EU_REGULATION_4_2009)
    assert codes(regulation_case, registry) == {"regulation.not_checked"}


def test_no_central_authority_cooperation_with_denmark_under_the_regulation_art_51_4(registry):
    case = replace(
        ESTABLISHMENT,
        legal_basis=LegalBasis.EU_REGULATION_4_2009,
        requesting_state="XE",
        requested_state="XC",
    )
    assert codes(case, registry) == {"legal_basis.no_central_authority_cooperation"}


def test_the_convention_replaces_the_1956_new_york_convention_art_49(registry):
    case = replace(ESTABLISHMENT, legal_basis=LegalBasis.UN_NEW_YORK_1956)
    assert codes(case, registry) == {"legal_basis.replaced_by_convention"}


def test_another_instrument_only_where_more_effective_art_52(registry):
    case = replace(ESTABLISHMENT, legal_basis=LegalBasis.BILATERAL_OR_RECIPROCITY)
    assert finding(case, registry, "legal_basis.convention_available").severity is Severity.WARNING


def test_unknown_state_is_reported(registry):
    assert codes(replace(ESTABLISHMENT, requested_state="ZZ"), registry) == {"state.unknown"}


# --- scope (Art 2) -------------------------------------------------------------------------------
def test_establishment_for_a_person_aged_21_is_outside_the_convention_art_2_1_a(registry):
    adult = replace(CHILD, date_of_birth=date(2004, 2, 28))
    case = replace(ESTABLISHMENT, parties=(MOTHER, adult, FATHER))
    assert finding(case, registry, "art_2_1_a.age_limit").severity is Severity.ERROR


def test_recognition_for_a_person_aged_21_only_warns_for_arrears_art_2_1_a(registry):
    adult = replace(CHILD, date_of_birth=date(2004, 2, 28))
    case = replace(RECOGNITION, parties=(MOTHER, adult, FATHER))
    assert finding(case, registry, "art_2_1_a.age_limit").severity is Severity.WARNING


def test_age_is_counted_on_the_date_of_transmission_art_2_1_a(registry):
    turns_21 = replace(CHILD, date_of_birth=date(2004, 3, 2))
    case = replace(ESTABLISHMENT, parties=(MOTHER, turns_21, FATHER))
    assert "art_2_1_a.age_limit" not in codes(case, registry)
    assert age_on(date(2004, 3, 2), TODAY) == 20


@pytest.mark.parametrize("reserving", ["XA", "XB"])
def test_under_18_reservation_works_both_ways_art_2_2(reserving):
    registry = StateRegistry(
        [make_state(code, age_limit=18 if code == reserving else 21) for code in ("XA", "XB")]
    )
    nineteen = replace(CHILD, date_of_birth=date(2006, 1, 1))
    case = replace(ESTABLISHMENT, parties=(MOTHER, nineteen, FATHER))
    result = finding(case, registry, "art_2_2.under_18_reservation")
    assert result.severity is Severity.ERROR
    seventeen = replace(CHILD, date_of_birth=date(2008, 1, 1))
    assert "art_2_2.under_18_reservation" not in codes(
        replace(case, parties=(MOTHER, seventeen, FATHER)), registry
    )


def test_spousal_support_alone_is_outside_central_authority_chapters_art_2_1_c(registry):
    case = replace(ESTABLISHMENT, maintenance=SPOUSAL)
    assert finding(case, registry, "art_2_1_c.spousal_support").severity is Severity.ERROR


def test_spousal_support_with_a_child_claim_for_recognition_is_in_scope_art_2_1_b(registry):
    case = replace(RECOGNITION, maintenance=CHILD_SUPPORT | SPOUSAL)
    assert "art_2_1_c.spousal_support" not in codes(case, registry)
    # ... but not for establishment, which 2(1)(b) does not cover.
    establishment = replace(ESTABLISHMENT, maintenance=CHILD_SUPPORT | SPOUSAL)
    assert "art_2_1_c.spousal_support" in codes(establishment, registry)


def test_spousal_support_when_both_states_extended_chapters_2_and_3_art_2_3():
    both = StateRegistry(
        [make_state(c, scope_extensions=(SPOUSAL_EXTENSION,)) for c in ("XA", "XB")]
    )
    one = StateRegistry([make_state("XA", scope_extensions=(SPOUSAL_EXTENSION,)), make_state("XB")])
    case = replace(ESTABLISHMENT, maintenance=SPOUSAL)
    assert "art_2_1_c.spousal_support" not in codes(case, both)
    assert "art_2_1_c.spousal_support" in codes(case, one)


def test_other_family_maintenance_needs_both_declarations_art_2_3(registry):
    case = replace(ESTABLISHMENT, maintenance=frozenset({MaintenanceObligation.VULNERABLE_PERSON}))
    assert finding(case, registry, "art_2_3.not_extended").severity is Severity.ERROR
    vulnerable = ScopeExtension(MaintenanceObligation.VULNERABLE_PERSON, frozenset({"all"}))
    extended = StateRegistry([make_state(c, scope_extensions=(vulnerable,)) for c in ("XA", "XB")])
    assert "art_2_3.not_extended" not in codes(case, extended)


def test_unconfirmed_reference_data_turns_errors_into_warnings():
    registry = StateRegistry(
        [make_state("XA"), make_state("XB", unconfirmed=frozenset({"scope_extensions"}))]
    )
    result = finding(
        replace(ESTABLISHMENT, maintenance=SPOUSAL), registry, "art_2_1_c.spousal_support"
    )
    assert result.severity is Severity.WARNING
    assert result.unconfirmed_data
    assert "could not be confirmed" in result.message


# --- Art 7 requests for specific measures --------------------------------------------------------
def test_specific_measures_need_reasons_art_7_1(registry):
    case = replace(SPECIFIC_MEASURES, reasons=" ")
    assert finding(case, registry, "art_7_1.reasons").severity is Severity.ERROR


def test_no_specific_measures_request_while_an_application_is_pending_art_7_1(registry):
    case = replace(SPECIFIC_MEASURES, article_10_application_pending=True)
    assert "art_7_1.application_pending" in codes(case, registry)


def test_specific_measures_for_a_case_pending_in_the_requesting_state_art_7_2(registry):
    case = replace(
        SPECIFIC_MEASURES,
        article_10_application_pending=True,
        case_pending_in_requesting_state=True,
    )
    assert codes(case, registry) == set()


def test_specific_measures_are_not_mixed_with_an_application_art_7_1(registry):
    case = replace(ESTABLISHMENT, specific_measures=frozenset({SpecificMeasure.LOCATE}))
    assert "art_7_1.with_application" in codes(case, registry)


def test_specific_measures_for_spousal_support_alone_are_outside_chapter_2_art_2_1_c(registry):
    case = replace(SPECIFIC_MEASURES, maintenance=SPOUSAL)
    assert "art_2_1_c.spousal_support" in codes(case, registry)


# --- Art 9, 10, 12(2), 36 ------------------------------------------------------------------------
def test_transmission_needs_the_applicant_consent_art_12_2(registry):
    case = replace(ESTABLISHMENT, applicant_consents=False)
    assert codes(case, registry) == {"art_12_2.consent"}


def test_applicant_must_reside_in_the_requesting_state_art_9(registry):
    abroad = replace(MOTHER, habitual_residence="XB")
    case = replace(ESTABLISHMENT, parties=(abroad, CHILD, FATHER))
    assert "art_9.applicant_residence" in codes(case, registry)


def test_a_debtor_cannot_make_a_creditor_application_art_10_1(registry):
    case = replace(
        ESTABLISHMENT,
        parties=(replace(MOTHER, is_applicant=False), CHILD, replace(FATHER, is_applicant=True)),
    )
    result = finding(case, registry, "art_10.applicant_role")
    assert result.article == "10(1)"


def test_a_representative_applies_for_the_creditor_art_10_1(registry):
    aunt = Party(
        key="aunt",
        roles=frozenset({PartyRole.REPRESENTATIVE}),
        family_name="Costa",
        date_of_birth=date(1970, 1, 1),
        address="Porto",
        habitual_residence="XA",
        is_applicant=True,
        represents="child",
    )
    adult_child = replace(CHILD, roles=CHILD.roles | {PartyRole.CREDITOR})
    case = replace(ESTABLISHMENT, parties=(aunt, adult_child, FATHER))
    assert codes(case, registry) == set()


def test_a_public_body_applies_only_for_recognition_or_enforcement_art_36_1(registry):
    agency = Party(
        key="agency",
        roles=frozenset({PartyRole.PUBLIC_BODY, PartyRole.CREDITOR}),
        organisation_name="Youth Welfare Office",
        address="Bonn",
        habitual_residence="XA",
        is_applicant=True,
    )
    assert codes(replace(RECOGNITION, parties=(agency, CHILD, FATHER)), registry) == set()
    establishment = replace(ESTABLISHMENT, parties=(agency, CHILD, FATHER))
    assert "art_36_1.public_body_application" in codes(establishment, registry)


def test_existing_decision_required_art_10_1_a(registry):
    assert "art_10.decision_missing" in codes(replace(RECOGNITION, decision=None), registry)


def test_establishment_where_a_decision_exists_warns_art_10_1_c(registry):
    case = replace(ESTABLISHMENT, decision=Decision(state_of_origin="XA"))
    assert finding(case, registry, "art_10_1_c.decision_exists").severity is Severity.WARNING


def test_establishment_after_refusal_needs_a_qualifying_refusal_art_10_1_d(registry):
    case = replace(
        ESTABLISHMENT,
        application_type=ApplicationType.CREDITOR_ESTABLISHMENT_AFTER_REFUSAL,
        decision=Decision(state_of_origin="XA", recognition_refused_on=RefusalGround.PUBLIC_POLICY),
    )
    assert "art_10_1_d.no_refusal" in codes(case, registry)
    fraud = replace(
        case, decision=replace(case.decision, recognition_refused_on=RefusalGround.FRAUD)
    )
    assert "art_10_1_d.no_refusal" not in codes(fraud, registry)
    no_basis = replace(case, decision=Decision(state_of_origin="XA", no_basis_for_recognition=True))
    assert "art_10_1_d.no_refusal" not in codes(no_basis, registry)


def test_enforcement_is_for_a_decision_made_or_recognised_in_the_requested_state_art_10_1_b(
    registry,
):
    case = replace(
        ESTABLISHMENT,
        application_type=ApplicationType.CREDITOR_ENFORCEMENT,
        decision=Decision(state_of_origin="XA"),
    )
    assert "art_10_1_b.not_made_or_recognised" in codes(case, registry)
    made_there = replace(case, decision=Decision(state_of_origin="XB"))
    assert "art_10_1_b.not_made_or_recognised" not in codes(made_there, registry)


def test_modification_type_follows_where_the_decision_was_made_art_10_1_e(registry):
    case = replace(
        ESTABLISHMENT,
        application_type=ApplicationType.CREDITOR_MODIFICATION_IN_REQUESTED_STATE,
        decision=Decision(state_of_origin="XA"),
    )
    assert "art_10.modification_state_of_origin" in codes(case, registry)
    elsewhere = replace(case, application_type=ApplicationType.CREDITOR_MODIFICATION_ELSEWHERE)
    assert "art_10.modification_state_of_origin" not in codes(elsewhere, registry)


# --- Art 11 contents -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            {"parties": (replace(MOTHER, family_name=""), CHILD, FATHER)},
            "art_11_1_b.applicant_name",
        ),
        ({"parties": (replace(MOTHER, address=""), CHILD, FATHER)}, "art_11_1_b.applicant_address"),
        ({"parties": (MOTHER, CHILD)}, "art_11_1_c.respondent"),
        (
            {"parties": (MOTHER, CHILD, replace(FATHER, family_name=""))},
            "art_11_1_c.respondent_name",
        ),
        ({"parties": (MOTHER, FATHER)}, "art_11_1_d.persons"),
        ({"parties": (MOTHER, replace(CHILD, family_name=""), FATHER)}, "art_11_1_d.name"),
        ({"grounds": ""}, "art_11_1_e.grounds"),
        ({"payment_details": ""}, "art_11_1_f.payment_details"),
        ({"responsible_person": ""}, "art_11_1_h.responsible_person"),
        ({"parties": (replace(MOTHER, is_applicant=False), CHILD, FATHER)}, "art_11_1_b.applicant"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_minimum_contents_art_11_1(registry, change, code):
    findings = validate_case(replace(ESTABLISHMENT, **change), on=TODAY, registry=registry)
    assert code in {f.code for f in findings}
    assert next(f for f in findings if f.code == code).severity is Severity.ERROR


def test_applicant_date_of_birth_required_art_11_1_b(registry):
    case = replace(ESTABLISHMENT, parties=(replace(MOTHER, date_of_birth=None), CHILD, FATHER))
    result = finding(case, registry, "art_11_1_b.applicant_date_of_birth")
    assert result.article == "11(1)(b)"
    assert result.field == "parties.mother.date_of_birth"


def test_respondent_address_and_birth_date_only_if_known_art_11_1_c(registry):
    unknown = replace(FATHER, address="", date_of_birth=None)
    findings = validate_case(
        replace(ESTABLISHMENT, parties=(MOTHER, CHILD, unknown)), on=TODAY, registry=registry
    )
    assert {f.severity for f in findings} == {Severity.WARNING}
    assert {f.code for f in findings} == {
        "art_11_1_c.respondent_address",
        "art_11_1_c.respondent_date_of_birth",
    }


def test_birth_date_of_each_person_for_whom_maintenance_is_sought_art_11_1_d(registry):
    case = replace(ESTABLISHMENT, parties=(MOTHER, replace(CHILD, date_of_birth=None), FATHER))
    assert "art_11_1_d.date_of_birth" in codes(case, registry)


def test_debtor_application_needs_no_payment_details_art_11_1_f(registry):
    assert "art_11_1_f.payment_details" not in codes(DEBTOR_MODIFICATION, registry)


def test_requested_state_declared_requirements_art_11_1_g():
    requirement = DeclaredRequirement("birth_certificate", "Child's birth certificate")
    registry = StateRegistry(
        [make_state("XA"), make_state("XB", declared_requirements=(requirement,))]
    )
    assert "art_11_1_g.declared_requirement" in codes(ESTABLISHMENT, registry)
    met = replace(ESTABLISHMENT, declared_requirements_met=frozenset({"birth_certificate"}))
    assert "art_11_1_g.declared_requirement" not in codes(met, registry)
    # Not for recognition under 10(1)(a).
    assert "art_11_1_g.declared_requirement" not in codes(RECOGNITION, registry)


def test_unconfirmed_declared_requirements_ask_to_check_the_country_profile_art_11_1_g():
    registry = StateRegistry(
        [make_state("XA"), make_state("XB", unconfirmed=frozenset({"declared_requirements"}))]
    )
    result = finding(ESTABLISHMENT, registry, "art_11_1_g.requirements_unconfirmed")
    assert result.severity is Severity.WARNING


def test_recognition_carries_only_article_25_documents_art_11_3(registry):
    case = replace(
        RECOGNITION, documents=RECOGNITION.documents | {DocumentKind.FINANCIAL_CIRCUMSTANCES}
    )
    assert "art_11_3.only_article_25_documents" in codes(case, registry)


# --- Art 20, 25, 30 ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("decision_change", "missing_document", "code"),
    [
        ({}, DocumentKind.DECISION_TEXT, "art_25_1_a.decision_text"),
        ({}, DocumentKind.STATEMENT_OF_ENFORCEABILITY, "art_25_1_b.enforceability"),
        ({"respondent_appeared": False}, None, "art_25_1_c.proper_notice"),
        ({"arrears_claimed": True}, None, "art_25_1_d.arrears"),
        ({"automatic_indexation": True}, None, "art_25_1_e.indexation"),
    ],
    ids=["art_25_1_a", "art_25_1_b", "art_25_1_c", "art_25_1_d", "art_25_1_e"],
)
def test_recognition_documents_art_25_1(registry, decision_change, missing_document, code):
    case = replace(
        RECOGNITION,
        decision=replace(RECOGNITION.decision, **decision_change),
        documents=RECOGNITION.documents - {missing_document},
    )
    assert finding(case, registry, code).severity is Severity.ERROR


def test_administrative_decision_statement_art_25_1_b_and_19_3(registry):
    case = replace(
        RECOGNITION, decision=replace(RECOGNITION.decision, by_administrative_authority=True)
    )
    assert finding(case, registry, "art_25_1_b.article_19_3").severity is Severity.WARNING


def test_abstract_instead_of_full_text_only_where_accepted_art_25_3_b():
    documents = frozenset(
        {DocumentKind.DECISION_ABSTRACT, DocumentKind.STATEMENT_OF_ENFORCEABILITY}
    )
    case = replace(RECOGNITION, documents=documents)
    accepting = StateRegistry([make_state("XA"), make_state("XB", accepts_abstract=True)])
    unknown = StateRegistry([make_state("XA"), make_state("XB", accepts_abstract=None)])
    assert codes(case, accepting) == set()
    assert "art_25_3_b.abstract" in codes(case, unknown)


def test_maintenance_arrangement_documents_art_30_3(registry):
    case = replace(
        RECOGNITION,
        decision=Decision(state_of_origin="XA", is_maintenance_arrangement=True),
        documents=frozenset({DocumentKind.ARRANGEMENT_TEXT}),
    )
    assert codes(case, registry) == {"art_30_3_b.arrangement_enforceability"}


def test_reservation_against_maintenance_arrangements_art_30_8():
    registry = StateRegistry(
        [make_state("XA"), make_state("XB", reserves_against_arrangements=True)]
    )
    case = replace(
        RECOGNITION,
        decision=Decision(state_of_origin="XA", is_maintenance_arrangement=True),
        documents=frozenset(
            {DocumentKind.ARRANGEMENT_TEXT, DocumentKind.ARRANGEMENT_ENFORCEABILITY}
        ),
    )
    assert codes(case, registry) == {"art_30_8.arrangements_reserved"}


def test_jurisdiction_agreement_is_no_basis_for_child_support_art_20_1_e(registry):
    decision = replace(
        RECOGNITION.decision, recognition_basis=RecognitionBasis.WRITTEN_JURISDICTION_AGREEMENT
    )
    assert "art_20_1_e.child_support" in codes(replace(RECOGNITION, decision=decision), registry)


def test_basis_reserved_by_the_requested_state_warns_art_20_2():
    registry = StateRegistry(
        [
            make_state("XA"),
            make_state(
                "XB",
                recognition_basis_reservations=frozenset({RecognitionBasis.CREDITOR_RESIDENCE}),
            ),
        ]
    )
    assert finding(RECOGNITION, registry, "art_20_2.basis_reserved").severity is Severity.WARNING


# --- Art 18 --------------------------------------------------------------------------------------
def test_debtor_modification_while_creditor_lives_in_state_of_origin_warns_art_18_1(registry):
    result = finding(DEBTOR_MODIFICATION, registry, "art_18_1.creditor_in_state_of_origin")
    assert result.severity is Severity.WARNING
    assert result.article == "18(1)"


def test_creditor_who_moved_away_lifts_the_limit_art_18_1(registry):
    moved = replace(DEBTOR_MODIFICATION.parties[1], habitual_residence="XB")
    case = replace(DEBTOR_MODIFICATION, parties=(*DEBTOR_MODIFICATION.parties[:1], moved, CHILD))
    assert "art_18_1.creditor_in_state_of_origin" not in codes(case, registry)


def test_recorded_exception_lifts_the_limit_art_18_2(registry):
    case = replace(DEBTOR_MODIFICATION, article_18_exception=Article18Exception.CREDITOR_SUBMITS)
    assert "art_18_1.creditor_in_state_of_origin" not in codes(case, registry)


def test_jurisdiction_agreement_exception_not_for_child_support_art_18_2_a(registry):
    case = replace(DEBTOR_MODIFICATION, article_18_exception=Article18Exception.WRITTEN_AGREEMENT)
    assert "art_18_2_a.child_support" in codes(case, registry)


# --- legal assistance (Art 15 to 17) -------------------------------------------------------------
def test_child_support_recognition_gets_free_legal_assistance_art_15_1(registry):
    regime = legal_assistance_regime(RECOGNITION, on=TODAY, registry=registry)
    assert regime is LegalAssistanceRegime.FREE


def test_child_support_establishment_may_be_refused_if_manifestly_unfounded_art_15_2(registry):
    regime = legal_assistance_regime(ESTABLISHMENT, on=TODAY, registry=registry)
    assert regime is LegalAssistanceRegime.FREE_UNLESS_MANIFESTLY_UNFOUNDED


def test_child_means_test_needs_the_applicant_attestation_art_16_3():
    registry = StateRegistry([make_state("XA"), make_state("XB", child_means_test=True)])
    assert legal_assistance_regime(ESTABLISHMENT, on=TODAY, registry=registry) is (
        LegalAssistanceRegime.CHILD_MEANS_TEST
    )
    assert finding(ESTABLISHMENT, registry, "art_16_3.attestation").severity is Severity.ERROR
    attested = replace(
        ESTABLISHMENT, documents=ESTABLISHMENT.documents | {DocumentKind.CHILD_MEANS_ATTESTATION}
    )
    assert codes(attested, registry) == set()
    # Never for recognition or enforcement (Art 16(1) excludes 10(1)(a) and (b)).
    assert legal_assistance_regime(RECOGNITION, on=TODAY, registry=registry) is (
        LegalAssistanceRegime.FREE
    )


def test_debtor_applications_may_be_means_or_merits_tested_art_17_a(registry):
    assert legal_assistance_regime(DEBTOR_MODIFICATION, on=TODAY, registry=registry) is (
        LegalAssistanceRegime.MEANS_OR_MERITS_TEST
    )
    result = finding(DEBTOR_MODIFICATION, registry, "art_17_a.entitlement_documentation")
    assert result.severity is Severity.WARNING


def test_legal_assistance_received_in_the_state_of_origin_carries_over_art_17_b(registry):
    case = replace(RECOGNITION, legal_assistance_in_state_of_origin=True)
    assert "art_17_b.legal_assistance_in_origin" in codes(case, registry)
    documented = replace(case, documents=case.documents | {DocumentKind.LEGAL_ASSISTANCE_IN_ORIGIN})
    assert "art_17_b.legal_assistance_in_origin" not in codes(documented, registry)


def test_specific_measures_are_outside_legal_assistance_art_8(registry):
    assert legal_assistance_regime(SPECIFIC_MEASURES, on=TODAY, registry=registry) is (
        LegalAssistanceRegime.NOT_APPLICABLE
    )


# --- costs (Art 8, 14(5), 45(3)) -----------------------------------------------------------------
def test_no_charge_for_central_authority_services_art_8_2(registry):
    case = replace(ESTABLISHMENT, charges=(ApplicantCharge(ChargeKind.CENTRAL_AUTHORITY_SERVICE),))
    assert finding(case, registry, "art_8_2.charge").field == "charges.0"


def test_exceptional_costs_only_for_specific_measures_art_8_2(registry):
    charge = ApplicantCharge(ChargeKind.EXCEPTIONAL_COST, consented_in_advance=True)
    assert "art_8_2.exceptional_cost" in codes(replace(ESTABLISHMENT, charges=(charge,)), registry)
    assert codes(replace(SPECIFIC_MEASURES, charges=(charge,)), registry) == set()


def test_exceptional_costs_need_prior_consent_art_8_3(registry):
    charge = ApplicantCharge(ChargeKind.EXCEPTIONAL_COST)
    assert codes(replace(SPECIFIC_MEASURES, charges=(charge,)), registry) == {"art_8_3.consent"}


def test_no_security_for_costs_art_14_5(registry):
    case = replace(ESTABLISHMENT, charges=(ApplicantCharge(ChargeKind.SECURITY_FOR_COSTS),))
    assert codes(case, registry) == {"art_14_5.security"}


def test_translation_costs_only_when_not_covered_by_legal_assistance_art_45_3(registry):
    paid = ApplicantCharge(ChargeKind.TRANSLATION)
    covered = ApplicantCharge(ChargeKind.TRANSLATION, covered_by_legal_assistance=True)
    assert codes(replace(ESTABLISHMENT, charges=(paid,)), registry) == set()
    assert codes(replace(ESTABLISHMENT, charges=(covered,)), registry) == {"art_45_3.translation"}


# --- languages (Art 44) --------------------------------------------------------------------------
def test_documents_need_a_language_the_requested_state_accepts_art_44_1():
    registry = StateRegistry([make_state("XA"), make_state("XB", official_languages=("de",))])
    case = replace(ESTABLISHMENT, document_languages=frozenset({"pt"}))
    assert "art_44_1.translation" in codes(case, registry)
    translated = replace(case, document_languages=frozenset({"pt", "de"}))
    assert "art_44_1.translation" not in codes(translated, registry)


# --- findings ------------------------------------------------------------------------------------
def test_every_message_names_its_article(registry):
    broken = replace(
        ESTABLISHMENT,
        parties=(replace(MOTHER, address="", date_of_birth=None), replace(CHILD, family_name="")),
        grounds="",
        payment_details="",
        responsible_person="",
        applicant_consents=False,
        maintenance=CHILD_SUPPORT | SPOUSAL,
        charges=(ApplicantCharge(ChargeKind.SECURITY_FOR_COSTS),),
    )
    findings = validate_case(broken, on=TODAY, registry=registry)
    assert has_errors(findings)
    assert len(findings) >= 9
    for result in findings:
        first_number = result.article.split(",")[0].split("(")[0].strip()
        assert "Article" in result.message, result.code
        assert first_number in result.message, result.code


def test_seed_data_case_between_real_states_runs():
    """Germany to the United States under the Convention, with the shipped reference data."""
    case = replace(ESTABLISHMENT, requesting_state="DE", requested_state="US")
    parties = tuple(
        replace(p, habitual_residence={"XA": "DE", "XB": "US"}[p.habitual_residence])
        for p in case.parties
    )
    findings = validate_case(replace(case, parties=parties), on=TODAY)
    assert not has_errors(findings)
    # The US declarations in the seed are unconfirmed: the caseworker is told to check.
    assert "art_11_1_g.requirements_unconfirmed" in {f.code for f in findings}
