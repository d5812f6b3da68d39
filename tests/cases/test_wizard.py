"""The outgoing application wizard, through the test client: each application type asks only
what it needs, the engine's findings show as the caseworker goes, the forms are generated, and
the transmission is recorded only for a complete application; bad input writes nothing, another
State's users get 404 and auditors change nothing."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.roles import StateRole
from audit.models import AuditEntry
from cases import services
from cases.models import ApplicationParticulars, Case, Decision, Document, Party
from convention.deadlines import DeadlineRule, DeadlineSettings, acknowledgement_due
from convention.forms import form_from_xml
from tests.cases.conftest import PDF
from tests.conftest import HOST_A, HOST_B, client_for


def _today() -> datetime.date:
    """Today in Portugal, the State of the tests' caseworkers."""
    return datetime.datetime.now(ZoneInfo("Europe/Lisbon")).date()


def _public():
    connection.set_schema_to_public()


def _date(name: str, day: datetime.date) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def auditor_a(state_a, make_user):
    return make_user(state_a, StateRole.AUDITOR)


@pytest.fixture
def client_a(caseworker_a):
    _public()
    return client_for(HOST_A, caseworker_a)


def _create(client, **data) -> Case:
    response = client.post("/cases/outgoing/new/", data)
    assert response.status_code == 303, response.content.decode()[:2000]
    case_id = response["Location"].split("/")[2]
    assert response["Location"] == f"/cases/{case_id}/application/"
    connection.set_tenant(_state("PT"))
    case = Case.objects.get(pk=case_id)
    _public()
    return case


def _state(code):
    from tenants.models import State

    connection.set_schema_to_public()
    return State.objects.get(code=code)


def _post(client, case, section, data, *, status=303, files=None):
    response = client.post(f"/cases/{case.pk}/application/{section}/", {**data, **(files or {})})
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def _counts(state) -> dict:
    connection.set_tenant(state)
    counts = {
        model.__name__: model.objects.count()
        for model in (Case, Party, Decision, Document, ApplicationParticulars)
    }
    counts["consents"] = Case.objects.filter(applicant_consent=True).count()
    _public()
    return counts


def _fill_establishment(client, case, *, respondent_restricted=False):
    _post(
        client,
        case,
        "applicant",
        {
            "family_name": "Silva",
            "given_names": "Ana",
            **_date("date_of_birth", datetime.date(1985, 3, 2)),
            "address": "Rua Augusta 1, Lisboa",
            "habitual_residence": "PT",
        },
    )
    _post(
        client,
        case,
        "persons",
        {
            "family_name": "Silva",
            "given_names": "Rita",
            **_date("date_of_birth", datetime.date(2016, 7, 9)),
            "habitual_residence": "PT",
        },
    )
    other = {
        "family_name": "Hansen",
        "given_names": "Ola",
        **_date("date_of_birth", datetime.date(1983, 1, 20)),
        "address": "Karl Johans gate 1, Oslo",
        "habitual_residence": "NO",
    }
    if respondent_restricted:
        other["non_disclosure"] = "on"
    _post(client, case, "other_party", other)
    _post(
        client,
        case,
        "grounds",
        {"grounds": "The debtor is the father of Rita.", "maintenance_basis": "parentage"},
    )
    _post(
        client,
        case,
        "payment",
        {"account_holder": "Ana Silva", "account_number": "PT50000201231234567890154"},
    )
    _post(client, case, "authority", {"address": "Avenida da República 1, Lisboa"})
    _post(client, case, "consent", {"consent": "yes"})


# --- The whole flow -------------------------------------------------------------------------------


def test_establishment_application_from_start_to_transmission_art_12_2(client_a, state_a):
    start = client_a.get("/cases/outgoing/new/", {"requested_state": "NO"}).content.decode()
    assert "2007 Hague Child Support Convention" in start  # the legal basis the engine derives
    assert '<option value="PT"' not in start  # the own State is not offered
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")

    tasks = client_a.get(f"/cases/{case.pk}/application/").content.decode()
    assert tasks.count("<h1") == 1
    assert "govuk-task-list" in tasks and "Not started" in tasks
    assert "/application/decision/" not in tasks  # establishment needs no existing decision
    assert "Cannot start yet" in tasks

    _fill_establishment(client_a, case)
    tasks = client_a.get(f"/cases/{case.pk}/application/").content.decode()
    assert "Not started" not in tasks.split("Documents")[0]

    check = client_a.get(f"/cases/{case.pk}/application/check/").content.decode()
    assert "govuk-error-message" not in check  # no error finding left
    assert "Generate the Transmittal form first" in check

    for code, fmt in (
        ("transmittal", "pdf"),
        ("transmittal", "xml"),
        ("application_establishment", "pdf"),
    ):
        response = client_a.post(
            f"/cases/{case.pk}/forms/generate/",
            {"form_code": code, "language": "en", "fmt": fmt, "return_to": "check"},
        )
        assert response.status_code == 303, response.content.decode()[:3000]
        assert response["Location"] == f"/cases/{case.pk}/application/check/"

    connection.set_tenant(state_a)
    documents = {(d.generated_form, d.content_type): d for d in Document.objects.filter(case=case)}
    _public()
    pdf = client_a.get(
        f"/cases/{case.pk}/documents/{documents[('transmittal', 'application/pdf')].pk}/download/"
    )
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xml = client_a.get(
        f"/cases/{case.pk}/documents/{documents[('transmittal', 'application/xml')].pk}/download/"
    )
    filled = form_from_xml(b"".join(xml.streaming_content), expected_code="transmittal")
    assert filled.get("applicant.family_name") == "Silva"
    assert filled.get("application.application_type") == "art_10_1_c"
    assert filled.get("requesting_authority.reference") == case.reference
    panel = client_a.get(f"/cases/{case.pk}/forms/").content.decode()
    assert f"{case.reference}-transmittal-en.pdf" in panel

    sent_on = _today() - datetime.timedelta(days=1)
    data = {"method": "post", **_date("sent_on", sent_on)}
    interruption = client_a.post(f"/cases/{case.pk}/application/transmit/", data)
    assert interruption.status_code == 200
    assert "This cannot be undone" in interruption.content.decode()
    connection.set_tenant(state_a)
    assert Case.objects.get(pk=case.pk).state == "new"  # nothing recorded before confirming
    _public()

    response = client_a.post(
        f"/cases/{case.pk}/application/transmit/", {**data, "confirmed": "yes"}
    )
    assert response.status_code == 303
    assert response["Location"] == f"/cases/{case.pk}/"

    connection.set_tenant(state_a)
    case.refresh_from_db()
    assert case.state == "transmitted" and case.transmission_method == "post"
    deadline = case.deadlines.get(rule="acknowledgement")
    # Norway's clock starts on the date typed as the day the application was sent.
    expected = acknowledgement_due(sent_on, settings=DeadlineSettings(time_zone="Europe/Oslo"))
    assert (deadline.anchor, deadline.due) == (sent_on, expected.due)
    assert expected.due == sent_on + datetime.timedelta(weeks=6)
    assert deadline.watched and deadline.time_zone == "Europe/Oslo"
    _public()
    detail = client_a.get(f"/cases/{case.pk}/").content.decode()
    assert str(DeadlineRule.ACKNOWLEDGEMENT.label) in detail  # the watched deadline
    assert expected.due.strftime("%Y") in detail
    # The application can no longer change.
    assert client_a.get(f"/cases/{case.pk}/application/applicant/").status_code == 303


def test_recognition_asks_for_the_decision_and_the_article_25_documents(client_a, state_a):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_a")
    tasks = client_a.get(f"/cases/{case.pk}/application/").content.decode()
    assert "/application/decision/" in tasks
    assert "Article 10(1)(a): this application concerns an existing decision" in (
        client_a.get(f"/cases/{case.pk}/application/decision/").content.decode()
    )
    documents_page = client_a.get(f"/cases/{case.pk}/application/documents/").content.decode()
    assert "Documents under Article 25" in documents_page
    assert 'value="financial_circumstances"' not in documents_page  # not an Art 25 document

    _post(
        client_a,
        case,
        "decision",
        {
            "authority": "Tribunal de Família de Lisboa",
            **_date("decision_date", datetime.date(2024, 5, 6)),
            "state_of_origin": "PT",
            "amount": "250.00",
            "currency": "eur",
            "frequency": "monthly",
            **_date("starts_on", datetime.date(2024, 6, 1)),
            "enforceable": "on",
        },
    )
    connection.set_tenant(state_a)
    decision = Decision.objects.get(case=case)
    assert decision.currency == "EUR" and str(decision.amount) == "250.00"
    _public()
    _post(
        client_a,
        case,
        "documents",
        {"kind": "decision_text", "language": "pt"},
        files={"file": SimpleUploadedFile("decision.pdf", PDF, "application/pdf")},
    )
    refused = _post(
        client_a,
        case,
        "documents",
        {"kind": "financial_circumstances", "language": "pt"},
        files={"file": SimpleUploadedFile("means.pdf", PDF, "application/pdf")},
        status=422,
    )
    assert "Unknown kind of document." in refused.content.decode()
    documents_page = client_a.get(f"/cases/{case.pk}/application/documents/").content.decode()
    assert "Added" in documents_page


def test_request_for_specific_measures_asks_for_the_person_and_the_reasons_art_7(client_a, state_a):
    case = _create(client_a, requested_state="NO", specific_measures=["art_6_2_b", "art_6_2_c"])
    tasks = client_a.get(f"/cases/{case.pk}/application/").content.decode()
    assert "/application/person_concerned/" in tasks
    assert "/application/consent/" not in tasks and "/application/applicant/" not in tasks
    assert client_a.get(f"/cases/{case.pk}/application/applicant/").status_code == 404
    _post(
        client_a,
        case,
        "person_concerned",
        {"concerned_role": "debtor", "family_name": "Hansen", "address": "Oslo"},
    )
    _post(client_a, case, "grounds", {"reasons": "The debtor moved; his address is unknown."})
    _post(client_a, case, "authority", {"address": "Avenida da República 1, Lisboa"})
    response = client_a.post(
        f"/cases/{case.pk}/forms/generate/",
        {"form_code": "specific_measures", "language": "en", "fmt": "xml"},
    )
    assert response.status_code == 303, response.content.decode()[:3000]
    data = {"method": "email", **_date("sent_on", _today()), "confirmed": "yes"}
    assert client_a.post(f"/cases/{case.pk}/application/transmit/", data).status_code == 303
    connection.set_tenant(state_a)
    case.refresh_from_db()
    assert case.state == "transmitted"
    document = Document.objects.get(case=case, generated_form="specific_measures")
    from cases.documents_storage import load

    filled = form_from_xml(load(document), expected_code="specific_measures")
    assert filled.get("measures.measures") == ("art_6_2_b", "art_6_2_c")


# --- Bad input ------------------------------------------------------------------------------------


def test_start_refuses_unknown_values_and_writes_nothing(client_a, state_a):
    before = _counts(state_a)
    for data, message in (
        ({"requested_state": "XX", "application_type": "art_10_1_c"}, "Unknown State"),
        ({"requested_state": "NO", "application_type": "nonsense"}, "Unknown application type."),
        ({"requested_state": "NO", "specific_measures": ["art_6_2_a"]}, "Unknown specific measure"),
        ({"requested_state": "NO"}, "Choose either an application type or one or more"),
        ({"requested_state": "PT", "application_type": "art_10_1_c"}, "Unknown State"),
        ({"application_type": "art_10_1_c"}, "Choose the requested State."),
    ):
        response = client_a.post("/cases/outgoing/new/", data)
        page = response.content.decode()
        assert response.status_code == 422, data
        assert "govuk-error-summary" in page and message in page, data
    assert _counts(state_a) == before


def test_start_refuses_a_pair_without_central_authority_cooperation(client_a, state_a):
    # Switzerland is not a Contracting State (reference data): no legal basis with Portugal.
    response = client_a.post(
        "/cases/outgoing/new/", {"requested_state": "CH", "application_type": "art_10_1_c"}
    )
    assert response.status_code == 422
    assert "govuk-error-summary" in response.content.decode()
    page = client_a.get("/cases/outgoing/new/", {"requested_state": "CH"}).content.decode()
    assert "No cooperation through Central Authorities" in page


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        ("applicant", {"given_names": "Ana"}, "Give the family name."),
        (
            "applicant",
            {
                "family_name": "Silva",
                "date_of_birth_day": "31",
                "date_of_birth_month": "2",
                "date_of_birth_year": "2020",
            },
            "Enter a real date",
        ),
        (
            "persons",
            {
                "family_name": "Silva",
                **_date("date_of_birth", datetime.date.today() + datetime.timedelta(days=30)),
            },
            "cannot be in the future",
        ),
        ("other_party", {"family_name": "Hansen", "habitual_residence": "XX"}, "valid choice"),
        ("grounds", {"grounds": ""}, "State the grounds of the application."),
        ("grounds", {"grounds": "x", "maintenance_basis": "magic"}, "Choose one of the options."),
        ("payment", {"account_holder": "Ana Silva"}, "Give the account number or IBAN."),
        ("authority", {"telephone": "1"}, "Give the address of the Central Authority."),
        ("consent", {"consent": "maybe"}, "Say whether the applicant has consented."),
        ("documents", {"kind": "decision_text", "language": "pt"}, "Choose a file."),
        ("documents", {"kind": "nonsense", "language": "pt"}, "Unknown kind of document."),
    ],
)
def test_bad_input_in_a_section_gives_an_error_and_writes_nothing(
    client_a, state_a, caseworker_a, section, data, message
):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    before = _counts(state_a)
    response = _post(client_a, case, section, data, status=422)
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert _counts(state_a) == before


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"plain text", "text/plain"), "type"),
        (SimpleUploadedFile("empty.pdf", b"", "application/pdf"), "The file is empty."),
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"), ""),
    ],
)
def test_wrong_or_empty_upload_is_refused_and_writes_nothing(client_a, state_a, file, message):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    before = _counts(state_a)
    response = _post(
        client_a,
        case,
        "documents",
        {"kind": "decision_text", "language": "pt"},
        files={"file": file},
        status=422,
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert _counts(state_a) == before


def test_decision_refuses_malformed_dates_and_bad_amounts(client_a, state_a):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_b")
    before = _counts(state_a)
    response = _post(
        client_a,
        case,
        "decision",
        {
            "authority": "Court",
            "decision_date_day": "aa",
            "decision_date_month": "5",
            "decision_date_year": "2024",
            "state_of_origin": "PT",
            "amount": "-3",
            "currency": "EURO",
            "frequency": "sometimes",
            **_date("starts_on", datetime.date(2024, 6, 1)),
        },
        status=422,
    )
    page = response.content.decode()
    for message in (
        "Enter a real date",
        "The amount cannot be negative.",
        "three-letter code",
        "Unknown frequency.",
    ):
        assert message in page
    assert _counts(state_a) == before


def test_errors_follow_the_interface_language(client_a):
    response = client_a.post(
        "/cases/outgoing/new/", {"requested_state": "NO"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert 'lang="fr"' in page
    assert "Il y a un problème" in page


def test_transmission_date_must_be_real_and_not_in_the_future(client_a, state_a):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    for data, message in (
        (
            {"method": "post", **_date("sent_on", _today() + datetime.timedelta(days=2))},
            "The date sent cannot be in the future.",
        ),
        (
            {"method": "post", "sent_on_day": "40", "sent_on_month": "1", "sent_on_year": "2026"},
            "Enter a real date",
        ),
        ({"method": "pigeon", **_date("sent_on", _today())}, "Unknown transmission method."),
    ):
        response = client_a.post(
            f"/cases/{case.pk}/application/transmit/", {**data, "confirmed": "yes"}
        )
        assert response.status_code == 422
        assert message in response.content.decode()
    connection.set_tenant(state_a)
    assert Case.objects.get(pk=case.pk).state == "new"


def test_transmission_is_refused_while_the_engine_reports_errors(client_a, state_a):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    _fill_establishment(client_a, case)
    client_a.post(
        f"/cases/{case.pk}/forms/generate/",
        {"form_code": "transmittal", "language": "en", "fmt": "pdf"},
    )
    _post(client_a, case, "consent", {"consent": "no"})  # Art 12(2): no consent, an error
    check = client_a.get(f"/cases/{case.pk}/application/check/").content.decode()
    assert "record the consent" in check
    response = client_a.post(
        f"/cases/{case.pk}/application/transmit/",
        {"method": "post", **_date("sent_on", _today()), "confirmed": "yes"},
    )
    assert response.status_code == 422
    assert "correct the errors listed first" in response.content.decode()
    connection.set_tenant(state_a)
    case.refresh_from_db()
    assert case.state == "new" and not case.deadlines.exists()


def test_incomplete_form_is_not_generated_and_names_what_is_missing(client_a, state_a):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    before = _counts(state_a)
    response = client_a.post(
        f"/cases/{case.pk}/forms/generate/",
        {"form_code": "transmittal", "language": "en", "fmt": "pdf"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "The form is not complete. Missing:" in page
    assert "Requesting Central Authority: Address" in page
    for bad in (
        {"form_code": "acknowledgement", "language": "en", "fmt": "pdf"},
        {"form_code": "transmittal", "language": "ja", "fmt": "pdf"},
        {"form_code": "transmittal", "language": "en", "fmt": "docx"},
    ):
        assert client_a.post(f"/cases/{case.pk}/forms/generate/", bad).status_code == 422
    assert _counts(state_a) == before


# --- Isolation and permissions --------------------------------------------------------------------


def _wizard_urls(case, party, document) -> list[tuple[str, str]]:
    base = f"/cases/{case.pk}/"
    urls = [("get", base + "application/"), ("get", base + "application/check/")]
    for section in (
        "applicant",
        "persons",
        "other_party",
        "grounds",
        "payment",
        "documents",
        "authority",
        "consent",
    ):
        urls += [
            ("get", base + f"application/{section}/"),
            ("post", base + f"application/{section}/"),
        ]
    urls += [
        ("post", base + "application/transmit/"),
        ("post", base + f"application/parties/{party.pk}/remove/"),
        ("post", base + "forms/generate/"),
        ("get", base + f"documents/{document.pk}/download/"),
    ]
    return urls


@pytest.fixture
def prepared_case(caseworker_a, make_outgoing, state_a):
    case = make_outgoing(caseworker_a)
    services.application_particulars_record(
        user=caseworker_a, case=case, section="authority", values={"address": "Lisboa"}
    )
    from cases.convention_forms import case_form_generate

    document = case_form_generate(
        user=caseworker_a, case=case, form_code="transmittal", language="en", fmt="pdf"
    )
    party = case.parties.first()
    _public()
    return {"case": case, "party": party, "document": document}


def test_every_wizard_url_is_404_for_a_user_of_another_state(prepared_case, caseworker_b):
    _public()
    client = client_for(HOST_B, caseworker_b)
    for method, url in _wizard_urls(**prepared_case):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert prepared_case["case"].reference not in response.content.decode()


def test_auditor_reads_the_wizard_but_cannot_post(prepared_case, auditor_a, state_a):
    _public()
    client = client_for(HOST_A, auditor_a)
    connection.set_tenant(state_a)
    before = AuditEntry.objects.exclude(action__in=["view", "view_restricted", "download"]).count()
    _public()
    for method, url in _wizard_urls(**prepared_case):
        response = getattr(client, method)(url)
        if method == "get":
            assert response.status_code in (200, 303), url
        else:
            assert response.status_code == 403, url
    assert client.get("/cases/outgoing/new/").status_code == 200
    assert (
        client.post(
            "/cases/outgoing/new/", {"requested_state": "NO", "application_type": "art_10_1_c"}
        ).status_code
        == 403
    )
    forms_page = client.get(f"/cases/{prepared_case['case'].pk}/forms/").content.decode()
    assert "/forms/generate/" not in forms_page  # no generation form offered
    connection.set_tenant(state_a)
    after = AuditEntry.objects.exclude(action__in=["view", "view_restricted", "download"]).count()
    assert after == before


def test_unknown_section_and_incoming_case_are_404(client_a, caseworker_a, make_incoming):
    incoming = make_incoming(caseworker_a)
    _public()
    assert client_a.get(f"/cases/{incoming.pk}/application/").status_code == 404
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    assert client_a.get(f"/cases/{case.pk}/application/nonsense/").status_code == 404
    assert client_a.get(f"/cases/{uuid.uuid4()}/application/").status_code == 404


def test_a_party_entered_by_mistake_is_removed_with_its_person(client_a, state_a):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    _post(client_a, case, "persons", {"family_name": "Wrong"})
    connection.set_tenant(state_a)
    party = Party.objects.get(case=case)
    person_id = party.person_id
    _public()
    response = client_a.post(
        f"/cases/{case.pk}/application/parties/{party.pk}/remove/", {"section": "persons"}
    )
    assert response.status_code == 303
    connection.set_tenant(state_a)
    assert not Party.objects.filter(case=case).exists()
    from cases.models import Person

    assert not Person.objects.filter(pk=person_id).exists()
    assert AuditEntry.objects.filter(action="delete", object_type="party").exists()


def test_section_pages_show_the_findings_about_them(client_a, state_a):
    case = _create(client_a, requested_state="NO", application_type="art_10_1_c")
    page = client_a.get(f"/cases/{case.pk}/application/applicant/").content.decode()
    assert "Article 11(1)(b): the application must name exactly one applicant." in page
    assert "govuk-error-message" in page
    page = client_a.get(f"/cases/{case.pk}/application/payment/").content.decode()
    assert "Article 11(1)(f)" in page
    _post(client_a, case, "other_party", {"family_name": "Hansen"})
    page = client_a.get(f"/cases/{case.pk}/application/other_party/").content.decode()
    assert "give the respondent&#x27;s address if it is known" in page  # a warning
    assert "govuk-warning-text" in page
