"""The Convention's forms filled in from a case (``cases.convention_forms``): values from the
case's records, the Art 40 split, the language of the requested State, completeness, and the
stored documents."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from accounts.roles import StateRole
from audit.models import AuditEntry
from cases import convention_forms, services
from cases.models import Document
from cases.selectors import case_records_for_user
from convention.forms import build_form, form_from_xml, form_to_xml
from tests.cases.conftest import PDF
from tests.conftest import HOST_A, client_for


def _values(case, form_code, **options):
    """The form's values from the case's records as its responsible caseworker's page loads them."""
    records = case_records_for_user(user=case.responsible, case=case)
    return convention_forms.case_form_values(records, form_code, **options)


def _build(case, form_code, language):
    records = case_records_for_user(user=case.responsible, case=case)
    return convention_forms.case_form_build(records, form_code, language)


def _authority(user, case):
    services.application_particulars_record(
        user=user, case=case, section="authority", values={"address": "Avenida 1, Lisboa"}
    )


@pytest.fixture
def restricted_case(caseworker_a, make_outgoing):
    """An establishment application whose respondent's address is restricted (Art 40)."""
    case = make_outgoing(caseworker_a, parties=False)
    services.party_add(
        user=caseworker_a,
        case=case,
        roles=["creditor"],
        is_applicant=True,
        family_name="Silva",
        given_names="Ana",
        date_of_birth=datetime.date(1985, 3, 2),
        address="Rua Augusta 1, Lisboa",
    )
    services.party_add(
        user=caseworker_a,
        case=case,
        roles=["person_for_whom_maintenance_is_sought"],
        family_name="Silva",
        given_names="Rita",
        date_of_birth=datetime.date(2016, 7, 9),
    )
    services.party_add(
        user=caseworker_a,
        case=case,
        roles=["debtor"],
        family_name="Hansen",
        given_names="Ola",
        address="Secret street 9, Bergen",
        non_disclosure=True,
    )
    _authority(caseworker_a, case)
    services.application_particulars_record(
        user=caseworker_a,
        case=case,
        section="grounds",
        values={"grounds": "Parentage", "maintenance_basis": "parentage"},
    )
    return case


def test_restricted_party_address_goes_to_the_restricted_page_not_the_main_form_art_40(
    restricted_case,
):
    values = _values(restricted_case, "application_establishment")
    assert values["notice"]["non_disclosure_for"] == ["respondent"]
    assert values["respondent"]["address"] == "Secret street 9, Bergen"
    filled = build_form("application_establishment", values)
    documents = form_to_xml(filled)
    assert b"Secret street" not in documents.main
    assert b"Secret street" in documents.restricted
    assert b"Rua Augusta" in documents.main  # the applicant is not covered
    merged = form_from_xml(documents.main, documents.restricted)
    assert merged.get("respondent.address") == "Secret street 9, Bergen"
    assert form_from_xml(documents.main).get("respondent.address") is None


def test_generated_form_stores_the_restricted_page_apart_and_offers_it_only_if_allowed_art_40(
    restricted_case, caseworker_a, state_a, make_user
):
    main = convention_forms.case_form_generate(
        user=caseworker_a,
        case=restricted_case,
        form_code="application_establishment",
        language="en",
        fmt="pdf",
    )
    restricted = Document.objects.get(
        case=restricted_case, generated_form="application_establishment:restricted"
    )
    assert main.generated_form == "application_establishment"
    assert main.content_type == restricted.content_type == "application/pdf"
    supervisor = make_user(state_a, StateRole.SUPERVISOR)
    connection.set_schema_to_public()
    url = f"/cases/{restricted_case.pk}/documents/{restricted.pk}/download/"
    caseworker = client_for(HOST_A, caseworker_a)
    assert caseworker.get(url).status_code == 404
    for page in ("forms", "documents"):
        listed = caseworker.get(f"/cases/{restricted_case.pk}/{page}/").content.decode()
        assert "restricted.pdf" not in listed and restricted.file_name not in listed
    allowed = client_for(HOST_A, supervisor)
    for page in ("forms", "documents"):
        assert (
            restricted.file_name
            in allowed.get(f"/cases/{restricted_case.pk}/{page}/").content.decode()
        )
    response = allowed.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    connection.set_tenant(state_a)
    entries = AuditEntry.objects.filter(object_id=str(restricted.pk))
    audited = set(entries.values_list("action", "actor_id"))
    assert {("download", supervisor.pk), ("view_restricted", supervisor.pk)} <= audited
    assert not entries.filter(actor_id=caseworker_a.pk).exclude(action="create").exists()


def test_restricted_page_is_refused_by_the_service_to_a_caseworker_art_40(
    restricted_case, caseworker_a
):
    convention_forms.case_form_generate(
        user=caseworker_a,
        case=restricted_case,
        form_code="application_establishment",
        language="en",
        fmt="xml",
    )
    restricted = Document.objects.get(generated_form="application_establishment:restricted")
    assert restricted.is_restricted
    with pytest.raises(PermissionDenied):
        services.document_content(user=caseworker_a, document=restricted)


def test_transmittal_carries_no_address_and_ticks_the_art_40_box(restricted_case):
    values = _values(restricted_case, "transmittal")
    assert values["notice"] == {"non_disclosure": True}
    assert "address" not in values["debtor"]
    documents = form_to_xml(build_form("transmittal", values))
    assert b"Secret street" not in documents.main and documents.restricted is None


def test_incomplete_form_names_the_missing_items_without_personal_values(
    caseworker_a, make_outgoing
):
    case = make_outgoing(caseworker_a)
    with pytest.raises(services.CaseError) as error:
        convention_forms.case_form_generate(
            user=caseworker_a, case=case, form_code="transmittal", language="en", fmt="xml"
        )
    assert error.value.code == "form_incomplete"
    assert "Requesting Central Authority: Address" in error.value.message
    assert "Silva" not in error.value.message and "Hansen" not in error.value.message
    assert not case.documents.exists()


def test_establishment_form_needs_the_basis_of_the_claim(caseworker_a, make_outgoing):
    case = make_outgoing(caseworker_a)
    _authority(caseworker_a, case)
    with pytest.raises(services.CaseError) as error:
        _build(case, "application_establishment", "en")
    assert "Maintenance is sought on the basis of" in error.value.message


def test_form_language_is_the_requested_states_when_the_forms_exist_in_it_art_44(
    caseworker_a, make_outgoing
):
    to_france = make_outgoing(caseworker_a, to="FR", parties=False)
    assert convention_forms.default_form_language(to_france) == "fr"
    assert convention_forms.form_languages(to_france)[0] == "fr"
    assert "en" in convention_forms.form_languages(to_france)
    to_norway = make_outgoing(caseworker_a, parties=False)
    assert convention_forms.default_form_language(to_norway) == "en"
    with pytest.raises(services.CaseError) as error:
        convention_forms.case_form_generate(
            user=caseworker_a, case=to_norway, form_code="transmittal", language="de", fmt="pdf"
        )
    assert error.value.field == "language"


def test_form_in_another_language_keeps_the_values(caseworker_a, make_outgoing):
    case = make_outgoing(caseworker_a, to="FR")
    _authority(caseworker_a, case)
    document = convention_forms.case_form_generate(
        user=caseworker_a, case=case, form_code="transmittal", language="fr", fmt="xml"
    )
    assert document.language == "fr"
    from cases.documents_storage import load

    content = load(document)
    assert content.startswith(b"<?xml")
    filled = form_from_xml(content, expected_code="transmittal")
    assert filled.language == "fr"
    assert filled.get("requested_authority.name") == "France"
    assert filled.get("debtor.family_name") == "Hansen"


def test_recognition_forms_carry_the_decision_and_the_article_25_documents(
    caseworker_a, make_outgoing
):
    case = make_outgoing(caseworker_a, application_type="art_10_1_a")
    services.decision_record(
        user=caseworker_a,
        case=case,
        authority="Tribunal de Lisboa",
        decision_date=datetime.date(2024, 5, 6),
        state_of_origin="PT",
        amount=Decimal("1200.00"),
        currency="EUR",
        frequency="yearly",
        starts_on=datetime.date(2024, 6, 1),
    )
    for kind in ("decision_text", "statement_of_enforceability", "financial_circumstances"):
        services.document_add(
            user=caseworker_a,
            case=case,
            content=PDF,
            file_name=f"{kind}.pdf",
            content_type="application/pdf",
            kind=kind,
            language="pt",
        )
    transmittal = _values(case, "transmittal")
    assert transmittal["documents"]["article_25"] == [
        "decision_text",
        "statement_of_enforceability",
    ]
    assert transmittal["documents"]["other_documents"] is True
    application = _values(case, "application_recognition")
    assert application["decision"]["frequency"] == "annually"
    assert str(application["decision"]["maintenance_amount"].amount) == "1200.00"
    assert application["decision"]["state_of_origin"] == "Portugal"
    assert application["applicant"]["applicant_is"] == "creditor"


def test_acknowledgement_form_of_an_incoming_case_carries_family_names_only_annex_2(
    caseworker_a, make_incoming
):
    case = make_incoming(caseworker_a)
    assert "acknowledgement" not in convention_forms.applicable_form_codes(case)
    for roles, family, given in (
        (["creditor"], "Nilsen", "Kari"),
        (["person_for_whom_maintenance_is_sought"], "Nilsen", "Emma"),
        (["debtor"], "Costa", "Rui"),
    ):
        services.party_add(
            user=caseworker_a,
            case=case,
            roles=roles,
            is_applicant=roles == ["creditor"],
            family_name=family,
            given_names=given,
        )
    _authority(caseworker_a, case)
    services.case_acknowledge(
        user=caseworker_a,
        case=case,
        outcome="documents_requested",
        documents_requested=["decision_text"],
    )
    case.refresh_from_db()
    assert convention_forms.applicable_form_codes(case) == ["acknowledgement", "status_report"]
    values = _values(case, "acknowledgement")
    receipt = values["receipt"]
    assert receipt["transmittal_reference"] == "NO-REF-1"
    assert receipt["applicant_family_names"] == "Nilsen"
    assert receipt["persons_family_names"] == ["Nilsen"]
    assert receipt["debtor_family_names"] == "Costa"
    assert values["initial_steps"]["step"] == "information_requested"
    document = convention_forms.case_form_generate(
        user=caseworker_a, case=case, form_code="acknowledgement", language="en", fmt="xml"
    )
    from cases.documents_storage import load

    content = load(document)
    for given in (b"Kari", b"Emma", b"Rui"):
        assert given not in content
    report = convention_forms.case_form_generate(
        user=caseworker_a, case=case, form_code="status_report", language="en", fmt="pdf"
    )
    assert report.generated_form == "status_report"
    assert _values(case, "status_report")["report"]["kind"] == "subsequent"


def test_only_caseworkers_generate_forms(state_a, make_user, caseworker_a, make_outgoing):
    case = make_outgoing(caseworker_a)
    auditor = make_user(state_a, StateRole.AUDITOR)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        convention_forms.case_form_generate(
            user=auditor, case=case, form_code="transmittal", language="en", fmt="pdf"
        )
