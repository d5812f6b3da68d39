"""A case's records through the API: parties (Art 40), decision, documents, deadlines,
timeline, notes and tasks."""

import datetime

import pytest
from django.db import connection

from accounts.roles import StateRole
from audit.models import AuditEntry
from cases import services
from cases.models import Document, Note, Party, Task
from tests.api.conftest import PDF, token_client
from tests.cases.conftest import add_pdf
from tests.conftest import HOST_A

JSON = "application/json"


@pytest.fixture
def restricted_case(user_a, make_outgoing):
    """A's case with a debtor under an Art 40 non-disclosure determination."""
    case = make_outgoing(user_a, parties=False)
    services.party_add(
        user=user_a,
        case=case,
        roles=["debtor"],
        family_name="Hansen",
        address="Karl Johans gate 1, Oslo",
        email="ola@example.org",
        phone="+47 22 00 00 00",
        non_disclosure=True,
    )
    return case


def test_parties_withhold_restricted_fields_from_a_caseworker_art_40(
    api_a, restricted_case, in_state, state_a
):
    response = api_a.get(f"/api/v1/cases/{restricted_case.pk}/parties/")
    assert response.status_code == 200
    [party] = response.json()
    assert party["restricted"] is True and party["non_disclosure"] is True
    assert (party["address"], party["email"], party["phone"]) == (None, None, None)
    assert party["family_name"] == "Hansen"
    assert "Karl Johans" not in response.content.decode()
    in_state(state_a)
    assert not AuditEntry.objects.filter(action="view_restricted").exists()
    assert AuditEntry.objects.filter(case_id=restricted_case.pk, action="view").exists()


def test_restricted_party_read_by_a_supervisor_is_disclosed_and_audited_art_40(
    state_a, make_api_client, restricted_case, in_state
):
    _client, token = make_api_client(state_a, StateRole.SUPERVISOR)
    response = token_client(HOST_A, token).get(f"/api/v1/cases/{restricted_case.pk}/parties/")
    [party] = response.json()
    assert party["restricted"] is False
    assert party["address"] == "Karl Johans gate 1, Oslo"
    in_state(state_a)
    entry = AuditEntry.objects.get(action="view_restricted")
    assert entry.object_id == party["id"] and entry.actor_kind == "api_client"


def test_add_party(api_a, user_a, make_outgoing, in_state, state_a):
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/parties/",
        {
            "roles": ["creditor"],
            "is_applicant": True,
            "family_name": "Silva",
            "given_names": "Ana",
            "date_of_birth": "1985-03-02",
            "address": "Rua Augusta 1",
            "habitual_residence": "pt",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["family_name"] == "Silva" and body["habitual_residence"] == "PT"
    representative = api_a.post(
        f"/api/v1/cases/{case.pk}/parties/",
        {"roles": ["representative"], "family_name": "Costa", "represents": body["id"]},
        content_type=JSON,
    )
    assert representative.status_code == 201
    assert representative.json()["represents"] == body["id"]
    in_state(state_a)
    assert Party.objects.filter(case=case).count() == 2


@pytest.mark.parametrize(
    "body",
    [
        {"roles": [], "family_name": "Silva"},
        {"roles": ["king"], "family_name": "Silva"},
        {"roles": ["creditor"]},
        {"roles": ["creditor"], "family_name": "Silva", "date_of_birth": "2-3-1985"},
        {"roles": ["creditor"], "family_name": "Silva", "date_of_birth": "2999-01-01"},
        {"roles": ["creditor"], "family_name": "Silva", "email": "not an address"},
        {
            "roles": ["creditor"],
            "family_name": "Silva",
            "represents": "00000000-0000-4000-8000-000000000000",
        },
        {"roles": "creditor", "family_name": "Silva"},
    ],
)
def test_add_party_refuses_bad_input_and_writes_nothing(
    api_a, user_a, make_outgoing, in_state, state_a, body
):
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(f"/api/v1/cases/{case.pk}/parties/", body, content_type=JSON)
    assert response.status_code in (400, 422), response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert "not an address" not in response.content.decode()
    in_state(state_a)
    assert Party.objects.filter(case=case).count() == 0


DECISION = {
    "authority": "Tribunal de Família de Lisboa",
    "decision_date": "2024-05-02",
    "state_of_origin": "PT",
    "amount": "250.00",
    "currency": "eur",
    "frequency": "monthly",
    "starts_on": "2024-06-01",
}


def test_decision_put_and_get(api_a, user_a, make_outgoing):
    case = make_outgoing(user_a, application_type="art_10_1_a", parties=False)
    assert api_a.get(f"/api/v1/cases/{case.pk}/decision/").status_code == 404
    response = api_a.put(f"/api/v1/cases/{case.pk}/decision/", DECISION, content_type=JSON)
    assert response.status_code == 200, response.json()
    assert response.json()["currency"] == "EUR"
    got = api_a.get(f"/api/v1/cases/{case.pk}/decision/").json()
    assert got["amount"] == "250.00" and got["frequency"] == "monthly"


@pytest.mark.parametrize(
    "change",
    [
        {"amount": "-1"},
        {"amount": "lots"},
        {"currency": "EURO"},
        {"frequency": "hourly"},
        {"decision_date": "02/05/2024"},
        {"ends_on": "2024-01-01"},
        {"state_of_origin": "XX"},
    ],
)
def test_decision_refuses_bad_input_and_writes_nothing(
    api_a, user_a, make_outgoing, in_state, state_a, change
):
    case = make_outgoing(user_a, application_type="art_10_1_a", parties=False)
    response = api_a.put(
        f"/api/v1/cases/{case.pk}/decision/", {**DECISION, **change}, content_type=JSON
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"
    in_state(state_a)
    case.refresh_from_db()
    assert not hasattr(case, "decision") or case.decision is None


def test_document_upload_list_and_download(api_a, user_a, make_outgoing, in_state, state_a):
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/documents/",
        {"file": _upload('décision\r\n".pdf', PDF), "kind": "decision_text", "language": "pt"},
    )
    assert response.status_code == 201, response.json()
    document = response.json()
    assert document["content_type"] == "application/pdf" and document["size"] == len(PDF)
    translation = api_a.post(
        f"/api/v1/cases/{case.pk}/documents/",
        {
            "file": _upload("translation.pdf", PDF),
            "kind": "decision_text",
            "language": "en",
            "translation_of": document["id"],
            "certified": "true",
        },
    )
    assert translation.status_code == 201
    assert translation.json()["translation_of"] == document["id"]
    assert translation.json()["certified"] is True
    listed = api_a.get(f"/api/v1/cases/{case.pk}/documents/").json()
    assert [row["id"] for row in listed] == [document["id"], translation.json()["id"]]
    download = api_a.get(
        f"/api/v1/cases/{case.pk}/documents/{document['id']}/content/",
        HTTP_ACCEPT="application/pdf",
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition and "\n" not in disposition
    assert download["Cache-Control"] == "no-store"
    in_state(state_a)
    assert AuditEntry.objects.filter(object_id=document["id"], action="download").exists()


def test_restricted_form_page_is_listed_and_served_only_to_the_allowed_art_40(
    api_a, user_a, restricted_case, state_a, make_api_client, in_state
):
    in_state(state_a)
    page = add_pdf(
        user_a,
        restricted_case,
        file_name="PT-restricted.pdf",
        kind="other",
        language="en",
        generated_form="application_establishment:restricted",
    )
    documents = f"/api/v1/cases/{restricted_case.pk}/documents/"
    content = f"{documents}{page.pk}/content/"
    assert [row["id"] for row in api_a.get(documents).json()] == []
    assert api_a.get(content).status_code == 404
    _client, token = make_api_client(state_a, StateRole.SUPERVISOR)
    supervisor = token_client(HOST_A, token)
    assert [row["id"] for row in supervisor.get(documents).json()] == [str(page.pk)]
    response = supervisor.get(content, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    in_state(state_a)
    actions = AuditEntry.objects.filter(object_id=str(page.pk)).values_list("action", flat=True)
    assert {"download", "view_restricted"} <= set(actions)


def _upload(name, content, content_type="application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"file": ("a.exe", b"MZ\x90\x00", "application/pdf")}, "file"),
        ({"file": ("a.pdf", b"", "application/pdf")}, "file"),
        ({"file": None}, "file"),
        ({"kind": "love_letter"}, "kind"),
        ({"language": "xx"}, "language"),
        ({"language": "portuguese"}, "language"),
        ({"translation_of": "00000000-0000-4000-8000-000000000000"}, "translation_of"),
    ],
)
def test_document_upload_refuses_bad_input_and_writes_nothing(
    api_a, user_a, make_outgoing, in_state, state_a, data, field
):
    case = make_outgoing(user_a, parties=False)
    form = {"file": ("a.pdf", PDF, "application/pdf"), "kind": "decision_text", "language": "pt"}
    form.update(data)
    if form["file"] is None:
        del form["file"]
    else:
        form["file"] = _upload(*form["file"])
    response = api_a.post(f"/api/v1/cases/{case.pk}/documents/", form)
    assert response.status_code in (400, 422), response.json()
    assert field in response.json()["errors"]
    in_state(state_a)
    assert Document.objects.filter(case=case).count() == 0


def test_document_upload_refuses_an_oversized_file(
    api_a, user_a, make_outgoing, in_state, state_a, settings
):
    settings.ISUPPORT_MAX_DOCUMENT_BYTES = 1024
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/documents/",
        {"file": _upload("big.pdf", PDF + b"0" * 2048), "kind": "decision_text", "language": "pt"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"]
    in_state(state_a)
    assert Document.objects.filter(case=case).count() == 0


def test_document_upload_as_json_is_unsupported(api_a, user_a, make_outgoing):
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/documents/", {"kind": "decision_text"}, content_type=JSON
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


def test_case_deadlines_and_overdue_deadlines_across_cases(api_a, user_a, make_incoming):
    today = datetime.date.today()
    late = make_incoming(user_a, received_on=today - datetime.timedelta(days=90))
    recent = make_incoming(user_a, received_on=today - datetime.timedelta(days=1))
    per_case = api_a.get(f"/api/v1/cases/{late.pk}/deadlines/").json()
    assert [d["rule"] for d in per_case] == ["acknowledgement"]
    overdue = api_a.get("/api/v1/deadlines/?overdue=true").json()["results"]
    assert [d["case"] for d in overdue] == [str(late.pk)]
    assert overdue[0]["case_reference"] == late.reference
    every = api_a.get("/api/v1/deadlines/").json()["results"]
    assert [d["case"] for d in every] == [str(late.pk), str(recent.pk)]
    assert api_a.get("/api/v1/deadlines/?overdue=maybe").status_code == 400


def test_timeline_newest_first(api_a, user_a, make_incoming):
    case = make_incoming(user_a)
    events = api_a.get(f"/api/v1/cases/{case.pk}/timeline/").json()
    assert [e["kind"] for e in events] == ["created", "workflow"] or [
        e["kind"] for e in events
    ] == ["workflow", "created"]
    workflow = next(e for e in events if e["kind"] == "workflow")
    assert workflow["workflow_event"] == "receive" and workflow["state_after"] == "received"


def test_notes_add_and_list(api_a, user_a, make_outgoing, in_state, state_a):
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/notes/", {"text": "Called the court."}, content_type=JSON
    )
    assert response.status_code == 201
    assert api_a.get(f"/api/v1/cases/{case.pk}/notes/").json()[0]["text"] == "Called the court."
    for bad in ({"text": ""}, {"text": "x" * 10_001}, {"text": ["a"]}, {}):
        refused = api_a.post(f"/api/v1/cases/{case.pk}/notes/", bad, content_type=JSON)
        assert refused.status_code == 400
    in_state(state_a)
    assert Note.objects.filter(case=case).count() == 1


def test_tasks_add_list_and_complete(api_a, user_a, make_outgoing, in_state, state_a):
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/tasks/",
        {"title": "Chase the translation", "due": "2030-01-31"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    task = response.json()
    assert task["assigned_to"]["id"] == str(user_a.pk)
    assert api_a.get(f"/api/v1/cases/{case.pk}/tasks/").json()[0]["id"] == task["id"]
    done = api_a.post(f"/api/v1/cases/{case.pk}/tasks/{task['id']}/done/")
    assert done.status_code == 200 and done.json()["done_at"]
    for bad in (
        {"title": ""},
        {"title": "x", "due": "tomorrow"},
        {"title": "x", "assigned_to": str(case.pk)},
    ):
        refused = api_a.post(f"/api/v1/cases/{case.pk}/tasks/", bad, content_type=JSON)
        assert refused.status_code in (400, 422)
    in_state(state_a)
    assert Task.objects.filter(case=case).count() == 1
    connection.set_schema_to_public()
