"""The caseworker pages: each renders for the roles that may read it, refuses changes to those
that may not, never shows another State's case, and turns bad input into a translated error
that writes nothing."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import StateRole
from audit.models import AuditEntry
from cases import services
from cases.models import Case, Document, Note, Task
from tests.cases.conftest import PDF, add_pdf
from tests.conftest import HOST_A, HOST_B, client_for

SECTIONS = ("", "parties/", "documents/", "deadlines/", "timeline/", "forms/", "notes/", "tasks/")


def _public():
    connection.set_schema_to_public()


@pytest.fixture
def auditor_a(state_a, make_user):
    return make_user(state_a, StateRole.AUDITOR)


@pytest.fixture
def supervisor_a(state_a, make_user):
    return make_user(state_a, StateRole.SUPERVISOR)


@pytest.fixture
def incoming(caseworker_a, make_incoming):
    case = make_incoming(caseworker_a)
    _public()
    return case


@pytest.fixture
def full_case(caseworker_a, make_outgoing, in_state, state_a):
    """An outgoing case with a document, a note and a task."""
    case = make_outgoing(caseworker_a)
    document = add_pdf(caseworker_a, case)
    services.note_add(user=caseworker_a, case=case, text="Called the partner authority.")
    task = services.task_add(user=caseworker_a, case=case, title="Check the address")
    _public()
    return {"case": case, "document": document, "task": task}


def _urls(case, document, task) -> list[tuple[str, str]]:
    """Every page and action URL of a case, with its method."""
    base = f"/cases/{case.pk}/"
    urls = [("get", base + section) for section in SECTIONS]
    urls += [
        ("post", base + "documents/"),
        ("get", base + f"documents/{document.pk}/download/"),
        ("post", base + "notes/"),
        ("post", base + "tasks/"),
        ("post", base + f"tasks/{task.pk}/done/"),
        ("get", base + "reassign/"),
        ("post", base + "reassign/"),
        ("get", base + "actions/close/"),
        ("post", base + "actions/close/"),
        ("post", base + "actions/acknowledge/"),
    ]
    return urls


# --- Pages render --------------------------------------------------------------------------------


@pytest.mark.parametrize("section", SECTIONS)
def test_every_case_section_renders_for_a_caseworker_with_the_case_header(
    caseworker_a, full_case, section
):
    case = full_case["case"]
    response = client_for(HOST_A, caseworker_a).get(f"/cases/{case.pk}/{section}")
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<bdi>{case.reference}</bdi>" in page
    assert page.count("<h1") == 1
    assert "Portugal → Norway" in page
    assert 'aria-current="page"' in page
    assert response["Cache-Control"] == "no-store"


def test_case_sections_show_their_records(caseworker_a, full_case):
    case = full_case["case"]
    client = client_for(HOST_A, caseworker_a)
    assert "Ola" in client.get(f"/cases/{case.pk}/parties/").content.decode()
    documents = client.get(f"/cases/{case.pk}/documents/").content.decode()
    assert "decision.pdf" in documents
    assert full_case["document"].sha256[:12] in documents
    assert (
        "Called the partner authority." in client.get(f"/cases/{case.pk}/notes/").content.decode()
    )
    assert "Check the address" in client.get(f"/cases/{case.pk}/tasks/").content.decode()
    timeline = client.get(f"/cases/{case.pk}/timeline/").content.decode()
    assert "moj-timeline" in timeline and "Party added" in timeline


def test_every_case_page_view_is_audited(caseworker_a, full_case, in_state, state_a):
    case = full_case["case"]
    client_for(HOST_A, caseworker_a).get(f"/cases/{case.pk}/deadlines/")
    in_state(state_a)
    assert AuditEntry.objects.filter(case_id=case.pk, action="view").count() == 1


def test_deadlines_page_shows_the_stored_due_date_and_article(
    caseworker_a, incoming, in_state, state_a
):
    page = client_for(HOST_A, caseworker_a).get(f"/cases/{incoming.pk}/deadlines/")
    in_state(state_a)
    deadline = incoming.deadlines.get()
    text = page.content.decode()
    assert "Acknowledgement of receipt" in text
    assert "Art <bdi>12(3)</bdi>" in text
    assert f'datetime="{deadline.due:%Y-%m-%d}"' in text
    assert "Europe/Lisbon" in text


def test_dates_and_amounts_follow_the_interface_language(caseworker_a, make_outgoing, in_state):
    case = make_outgoing(caseworker_a, application_type="art_10_1_a")
    services.decision_record(
        user=caseworker_a,
        case=case,
        authority="Tribunal de Família",
        decision_date=datetime.date(2024, 12, 3),
        state_of_origin="PT",
        amount=1234.5,
        currency="EUR",
        frequency="monthly",
        starts_on=datetime.date(2025, 1, 1),
    )
    _public()
    client = client_for(HOST_A, caseworker_a)
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "1.234,50\xa0€" in page
    assert "3. Dezember 2024" in page
    assert "Portugal → Norwegen" in page


def test_dashboard_shows_overdue_deadlines_and_my_cases(caseworker_a, make_incoming):
    old = make_incoming(
        caseworker_a, received_on=datetime.date.today() - datetime.timedelta(days=60)
    )
    _public()
    response = client_for(HOST_A, caseworker_a).get("/dashboard/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<bdi>{old.reference}</bdi>" in page
    assert "Overdue" in page and "Acknowledgement of receipt (Art <bdi>12(3)</bdi>)" in page
    assert "Team workload" not in page


def test_supervisors_see_the_team_workload(supervisor_a, caseworker_a, make_incoming):
    make_incoming(caseworker_a)
    _public()
    page = client_for(HOST_A, supervisor_a).get("/dashboard/").content.decode()
    assert "Team workload" in page
    assert caseworker_a.email in page


def test_signed_in_state_user_lands_on_the_dashboard(caseworker_a):
    _public()
    response = client_for(HOST_A, caseworker_a).get("/")
    assert response.status_code == 302 and response["Location"] == "/dashboard/"


# --- Case list -----------------------------------------------------------------------------------


def test_case_list_filters_come_from_the_query_string(caseworker_a, make_incoming, make_outgoing):
    incoming = make_incoming(caseworker_a)
    outgoing = make_outgoing(caseworker_a, parties=False)
    _public()
    client = client_for(HOST_A, caseworker_a)
    page = client.get("/cases/", {"direction": "incoming"}).content.decode()
    assert incoming.reference in page and outgoing.reference not in page
    page = client.get("/cases/", {"partner_reference": "NO-REF-1"}).content.decode()
    assert incoming.reference in page and outgoing.reference not in page
    page = client.get("/cases/", {"partner_state": "NO", "state": "new"}).content.decode()
    assert outgoing.reference in page and incoming.reference not in page
    assert "Norway" in page


def test_case_list_refuses_an_unknown_filter_value_with_a_translated_error(caseworker_a):
    _public()
    client = client_for(HOST_A, caseworker_a)
    response = client.get("/cases/", {"state": "bogus"}, HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Sélectionnez un choix valide" in page


def test_case_list_search_by_name_is_posted_and_never_in_the_url(
    caseworker_a, make_outgoing, make_incoming
):
    with_silva = make_outgoing(caseworker_a)
    without = make_incoming(caseworker_a)
    _public()
    client = client_for(HOST_A, caseworker_a)
    response = client.post("/cases/", {"family_name": "silva", "query": "direction=outgoing"})
    assert response.status_code == 303
    assert "silva" not in response["Location"].lower()
    page = client.get(response["Location"]).content.decode()
    assert with_silva.reference in page and without.reference not in page
    response = client.post("/cases/", {"clear_person_search": "1", "query": ""})
    page = client.get(response["Location"]).content.decode()
    assert without.reference in page


def test_case_list_search_by_name_refuses_a_malformed_date(caseworker_a):
    _public()
    client = client_for(HOST_A, caseworker_a)
    response = client.post(
        "/cases/",
        {"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "x"},
    )
    assert response.status_code == 422
    assert "Enter a real date" in response.content.decode()
    assert "cases_list_person_search" not in client.session


def test_case_list_query_count_does_not_grow_with_the_number_of_cases(
    caseworker_a, make_incoming, make_outgoing
):
    make_incoming(caseworker_a)
    _public()
    client = client_for(HOST_A, caseworker_a)

    def count() -> int:
        _public()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cases/").status_code == 200
        return len(queries)

    few = count()
    for _ in range(6):
        make_outgoing(caseworker_a)
        make_incoming(caseworker_a)
    assert count() == few


def test_case_list_paginates_25_per_page(caseworker_a, make_outgoing):
    for _ in range(26):
        make_outgoing(caseworker_a, parties=False)
    _public()
    client = client_for(HOST_A, caseworker_a)
    first = client.get("/cases/").content.decode()
    assert "govuk-pagination" in first and "26 cases" in first
    second = client.get("/cases/", {"page": 2}).content.decode()
    assert second.count('class="govuk-table__row"') == 2  # the header row and one case


def test_htmx_request_gets_only_the_results_with_vary(caseworker_a, make_incoming):
    case = make_incoming(caseworker_a)
    _public()
    client = client_for(HOST_A, caseworker_a)
    response = client.get("/cases/", {"direction": "incoming"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results"')
    assert "<html" not in page and "moj-filter" not in page
    assert case.reference in page
    assert "HX-Request" in response["Vary"]
    assert "HX-Request" in client.get("/cases/")["Vary"]


# --- Tenant isolation and permissions ------------------------------------------------------------


def test_every_case_url_is_404_for_a_user_of_another_state(full_case, caseworker_b):
    _public()
    client = client_for(HOST_B, caseworker_b)
    for method, url in _urls(**full_case):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert full_case["case"].reference not in response.content.decode()


def test_every_case_url_is_404_for_an_unknown_case(full_case, caseworker_a):
    _public()
    client = client_for(HOST_A, caseworker_a)
    unknown = uuid.uuid4()
    for method, url in _urls(**full_case):
        response = getattr(client, method)(url.replace(str(full_case["case"].pk), str(unknown)))
        assert response.status_code == 404, (method, url)


def test_unknown_document_task_and_event_are_404(full_case, caseworker_a):
    _public()
    client = client_for(HOST_A, caseworker_a)
    base = f"/cases/{full_case['case'].pk}/"
    assert client.get(base + f"documents/{uuid.uuid4()}/download/").status_code == 404
    assert client.post(base + f"tasks/{uuid.uuid4()}/done/").status_code == 404
    assert client.get(base + "actions/no_such_event/").status_code == 404
    assert client.get(base + "actions/transmit/").status_code == 404
    # Allowed by the engine only in another state: not offered.
    assert client.get(base + "actions/challenge/").status_code == 404


def test_other_states_case_never_appears_in_the_list_or_dashboard(full_case, caseworker_b):
    _public()
    client = client_for(HOST_B, caseworker_b)
    assert full_case["case"].reference not in client.get("/cases/").content.decode()
    assert full_case["case"].reference not in client.get("/dashboard/").content.decode()


def test_auditors_read_every_page_but_change_nothing(full_case, auditor_a, in_state, state_a):
    case = full_case["case"]
    client = client_for(HOST_A, auditor_a)
    for section in SECTIONS:
        response = client.get(f"/cases/{case.pk}/{section}")
        assert response.status_code == 200
        assert '<form method="post" action="/cases/' not in response.content.decode()
    for method, url in _urls(**full_case):
        if method == "post":
            assert client.post(url, {"text": "x", "title": "x"}).status_code == 403, url
    assert client.get(f"/cases/{case.pk}/actions/close/").status_code == 403
    assert client.get("/cases/incoming/new/").status_code == 403
    in_state(state_a)
    assert Note.objects.filter(case=case).count() == 1
    assert Task.objects.get(pk=full_case["task"].pk).done_at is None


def test_anonymous_visitor_is_sent_to_sign_in(full_case):
    _public()
    response = client_for(HOST_A).get(f"/cases/{full_case['case'].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Art 40 ---------------------------------------------------------------------------------------


@pytest.fixture
def restricted_case(caseworker_a, make_outgoing):
    case = make_outgoing(caseworker_a, parties=False)
    party = services.party_add(
        user=caseworker_a,
        case=case,
        roles=["creditor"],
        is_applicant=True,
        family_name="Moreira",
        address="Rua Secreta 9, Braga",
        email="hidden@example.org",
        non_disclosure=True,
    )
    _public()
    return case, party


def test_restricted_address_is_hidden_from_a_caseworker_without_permission_art_40(
    restricted_case, caseworker_a, in_state, state_a
):
    case, _party = restricted_case
    client = client_for(HOST_A, caseworker_a)
    page = client.get(f"/cases/{case.pk}/parties/").content.decode()
    assert "Rua Secreta" not in page and "hidden@example.org" not in page
    assert "Restricted (Art 40)" in page
    assert "Restricted information (Art 40)" in page  # the case header's badge
    in_state(state_a)
    assert not AuditEntry.objects.filter(action="view_restricted").exists()


def test_supervisor_sees_the_restricted_address_and_the_view_is_audited_art_40(
    restricted_case, supervisor_a, in_state, state_a
):
    case, party = restricted_case
    page = client_for(HOST_A, supervisor_a).get(f"/cases/{case.pk}/parties/").content.decode()
    assert "Rua Secreta 9, Braga" in page and "hidden@example.org" in page
    in_state(state_a)
    entry = AuditEntry.objects.get(action="view_restricted")
    assert (entry.object_id, entry.case_id, entry.actor_id) == (
        str(party.pk),
        case.pk,
        supervisor_a.pk,
    )


def test_caseworker_granted_the_permission_sees_restricted_information_art_40(
    restricted_case, state_a, make_user
):
    from django.contrib.auth.models import Permission

    case, _party = restricted_case
    user = make_user(state_a, StateRole.CASEWORKER)
    user.user_permissions.add(Permission.objects.get(codename="view_restricted_information"))
    _public()
    page = client_for(HOST_A, user).get(f"/cases/{case.pk}/parties/").content.decode()
    assert "Rua Secreta 9, Braga" in page


# --- Documents ------------------------------------------------------------------------------------


def test_document_download_is_an_uncached_attachment_and_audited(
    full_case, caseworker_a, in_state, state_a
):
    document = full_case["document"]
    response = client_for(HOST_A, caseworker_a).get(
        f"/cases/{full_case['case'].pk}/documents/{document.pk}/download/"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="decision.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/pdf"
    in_state(state_a)
    assert AuditEntry.objects.filter(action="download", object_id=str(document.pk)).exists()


def test_document_upload_stores_the_file(full_case, caseworker_a, in_state, state_a):
    case = full_case["case"]
    response = client_for(HOST_A, caseworker_a).post(
        f"/cases/{case.pk}/documents/",
        {
            "file": SimpleUploadedFile("traducao.pdf", PDF, "application/pdf"),
            "kind": "decision_text",
            "language": "en",
            "translation_of": str(full_case["document"].pk),
            "certified": "on",
        },
    )
    assert response.status_code == 302
    in_state(state_a)
    added = Document.objects.exclude(pk=full_case["document"].pk).get(case=case)
    assert added.file_name == "traducao.pdf"
    assert added.translation_of_id == full_case["document"].pk and added.certified


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.exe", b"MZ\x90\x00 not a document", "application/pdf"), "Only PDF"),
        (SimpleUploadedFile("empty.pdf", b"", "application/pdf"), "The file is empty."),
        (None, "Choose a file."),
    ],
)
def test_document_upload_refuses_bad_files_and_writes_nothing(
    full_case, caseworker_a, in_state, state_a, upload, message
):
    case = full_case["case"]
    data = {"kind": "decision_text", "language": "en"}
    if upload is not None:
        data["file"] = upload
    response = client_for(HOST_A, caseworker_a).post(f"/cases/{case.pk}/documents/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    in_state(state_a)
    assert Document.objects.filter(case=case).count() == 1


def test_document_upload_refuses_an_oversized_file(full_case, caseworker_a, settings):
    settings.ISUPPORT_MAX_DOCUMENT_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    response = client_for(HOST_A, caseworker_a).post(
        f"/cases/{full_case['case'].pk}/documents/",
        {
            "file": SimpleUploadedFile("big.pdf", big, "application/pdf"),
            "kind": "decision_text",
            "language": "en",
        },
    )
    assert response.status_code == 422
    assert "larger than 1 MB" in response.content.decode()


def test_document_upload_refuses_an_unknown_kind_in_french(full_case, caseworker_a):
    response = client_for(HOST_A, caseworker_a).post(
        f"/cases/{full_case['case'].pk}/documents/",
        {
            "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
            "kind": "bogus",
            "language": "en",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422
    assert "Sélectionnez un choix valide" in response.content.decode()


# --- Notes, tasks, reassignment ------------------------------------------------------------------


def test_notes_and_tasks_are_added_and_tasks_marked_done(
    full_case, caseworker_a, in_state, state_a
):
    case = full_case["case"]
    client = client_for(HOST_A, caseworker_a)
    assert client.post(f"/cases/{case.pk}/notes/", {"text": "Second note"}).status_code == 302
    response = client.post(
        f"/cases/{case.pk}/tasks/",
        {"title": "Ring back", "due_day": "1", "due_month": "1", "due_year": "2030"},
    )
    assert response.status_code == 302
    task = full_case["task"]
    assert client.post(f"/cases/{case.pk}/tasks/{task.pk}/done/").status_code == 302
    in_state(state_a)
    assert Note.objects.filter(case=case).count() == 2
    assert Task.objects.get(case=case, due=datetime.date(2030, 1, 1))
    assert Task.objects.get(pk=task.pk).done_at is not None


def test_empty_note_and_malformed_task_date_are_refused(full_case, caseworker_a, in_state, state_a):
    case = full_case["case"]
    client = client_for(HOST_A, caseworker_a)
    response = client.post(f"/cases/{case.pk}/notes/", {"text": "  "})
    assert response.status_code == 422 and "Write the note first." in response.content.decode()
    response = client.post(
        f"/cases/{case.pk}/tasks/",
        {"title": "Ring back", "due_day": "31", "due_month": "2", "due_year": "2030"},
    )
    assert response.status_code == 422 and "Enter a real date" in response.content.decode()
    in_state(state_a)
    assert Task.objects.filter(case=case).count() == 1


def test_supervisor_reassigns_a_case_and_a_caseworker_may_not(
    full_case, supervisor_a, caseworker_a, state_a, make_user, in_state
):
    other = make_user(state_a, StateRole.CASEWORKER)
    _public()
    case = full_case["case"]
    assert client_for(HOST_A, caseworker_a).get(f"/cases/{case.pk}/reassign/").status_code == 403
    client = client_for(HOST_A, supervisor_a)
    assert "Reassign" in client.get(f"/cases/{case.pk}/").content.decode()
    response = client.post(f"/cases/{case.pk}/reassign/", {"responsible": str(other.pk)})
    assert response.status_code == 302
    response = client.post(f"/cases/{case.pk}/reassign/", {"responsible": str(uuid.uuid4())})
    assert response.status_code == 422
    in_state(state_a)
    assert Case.objects.get(pk=case.pk).responsible == other
