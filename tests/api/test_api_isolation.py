"""Tenant isolation on every endpoint (TECH-NOTES §8.3 T1 to T3): a token of State B used on A's
host is unknown (401); B's client and B's signed-in user, on B's host, asking for A's
identifiers get 404 and never A's data; lists on B's host never show A's cases; nothing of A
changes."""

import datetime

import pytest

from audit.models import AuditEntry
from cases import services
from cases.models import Case
from tests.api.conftest import PDF, token_client
from tests.cases.conftest import add_pdf
from tests.conftest import HOST_A, HOST_B, client_for


@pytest.fixture
def case_of_a(user_a, make_outgoing, make_incoming, in_state, state_a):
    """A's outgoing case with parties, a decision, a document, a note and a task; and an
    incoming one with an overdue deadline."""
    case = make_outgoing(user_a)
    services.decision_record(
        user=user_a,
        case=case,
        authority="Tribunal",
        decision_date=datetime.date(2024, 1, 2),
        state_of_origin="PT",
        amount=100,
        currency="EUR",
        frequency="monthly",
        starts_on=datetime.date(2024, 2, 1),
    )
    document = add_pdf(user_a, case)
    task = services.task_add(user=user_a, case=case, title="Secret task of A")
    services.note_add(user=user_a, case=case, text="Secret note of A")
    make_incoming(user_a, received_on=datetime.date.today() - datetime.timedelta(days=90))
    return {
        "case": case,
        "party": case.parties.first(),
        "document": document,
        "task": task,
    }


def _operations(ids):
    case = ids["case"].pk
    today = datetime.date.today().isoformat()
    return [
        ("get", f"/api/v1/cases/{case}/", None),
        ("post", f"/api/v1/cases/{case}/transmit/", {"method": "post", "sent_on": today}),
        ("post", f"/api/v1/cases/{case}/acknowledge/", {"outcome": "complete"}),
        ("post", f"/api/v1/cases/{case}/events/", {"event": "close"}),
        (
            "post",
            f"/api/v1/cases/{case}/reassign/",
            {"responsible": str(ids["case"].responsible_id)},
        ),
        ("get", f"/api/v1/cases/{case}/parties/", None),
        ("post", f"/api/v1/cases/{case}/parties/", {"roles": ["creditor"], "family_name": "X"}),
        ("get", f"/api/v1/cases/{case}/decision/", None),
        ("put", f"/api/v1/cases/{case}/decision/", None),
        ("get", f"/api/v1/cases/{case}/documents/", None),
        ("multipart", f"/api/v1/cases/{case}/documents/", None),
        ("get", f"/api/v1/cases/{case}/documents/{ids['document'].pk}/content/", None),
        ("get", f"/api/v1/cases/{case}/deadlines/", None),
        ("get", f"/api/v1/cases/{case}/timeline/", None),
        ("get", f"/api/v1/cases/{case}/notes/", None),
        ("post", f"/api/v1/cases/{case}/notes/", {"text": "hello"}),
        ("get", f"/api/v1/cases/{case}/tasks/", None),
        ("post", f"/api/v1/cases/{case}/tasks/", {"title": "hello"}),
        ("post", f"/api/v1/cases/{case}/tasks/{ids['task'].pk}/done/", {}),
    ]


DECISION = {
    "authority": "Other",
    "decision_date": "2024-01-02",
    "state_of_origin": "NO",
    "amount": "1.00",
    "currency": "NOK",
    "frequency": "monthly",
    "starts_on": "2024-02-01",
}


def _call(client, method, path, body):
    if method == "get":
        return client.get(path)
    if method == "put":
        return client.put(path, DECISION, content_type="application/json")
    if method == "multipart":
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
        return client.post(path, {"file": upload, "kind": "decision_text", "language": "no"})
    return client.post(path, body, content_type="application/json")


def _a_state(in_state, state_a):
    in_state(state_a)
    return (
        Case.objects.count(),
        AuditEntry.objects.count(),
        sorted(Case.objects.values_list("state", "version")),
    )


def test_token_of_state_b_on_state_a_host_is_refused_401_everywhere(
    case_of_a, client_b, in_state, state_a
):
    before = _a_state(in_state, state_a)
    wrong_host = token_client(HOST_A, client_b[1])
    for method, path, body in _operations(case_of_a):
        response = _call(wrong_host, method, path, body)
        assert response.status_code == 401, (method, path)
        assert b"Secret" not in response.content
    for path in ("/api/v1/cases/", "/api/v1/deadlines/", "/api/v1/schema/"):
        assert wrong_host.get(path).status_code == 401
    assert _a_state(in_state, state_a) == before


@pytest.mark.parametrize("who", ["token", "session"])
def test_state_b_asking_for_state_a_identifiers_gets_404_everywhere(
    who, case_of_a, api_b, caseworker_b, in_state, state_a
):
    before = _a_state(in_state, state_a)
    other = api_b if who == "token" else client_for(HOST_B, caseworker_b)
    for method, path, body in _operations(case_of_a):
        response = _call(other, method, path, body)
        assert response.status_code == 404, (method, path, response.content[:300])
        assert response["Content-Type"] == "application/problem+json"
        assert b"Secret" not in response.content
        assert case_of_a["case"].reference.encode() not in response.content
    assert _a_state(in_state, state_a) == before


@pytest.mark.parametrize("who", ["token", "session"])
def test_lists_and_search_of_state_b_never_show_state_a_cases(who, case_of_a, api_b, caseworker_b):
    other = api_b if who == "token" else client_for(HOST_B, caseworker_b)
    assert other.get("/api/v1/cases/").json()["results"] == []
    assert other.get(f"/api/v1/cases/?reference={case_of_a['case'].reference}").json() == {
        "next": None,
        "previous": None,
        "results": [],
    }
    assert other.get("/api/v1/deadlines/?overdue=true").json()["results"] == []
    search = other.post(
        "/api/v1/cases/search/", {"family_name": "Silva"}, content_type="application/json"
    )
    assert search.json()["results"] == []


def test_party_and_document_of_another_case_are_unknown_404(
    case_of_a, api_a, user_a, make_outgoing
):
    """Even within a State, a record is reached only through its own case."""
    other_case = make_outgoing(user_a, parties=False)
    document = case_of_a["document"].pk
    task = case_of_a["task"].pk
    assert (
        api_a.get(f"/api/v1/cases/{other_case.pk}/documents/{document}/content/").status_code == 404
    )
    assert api_a.post(f"/api/v1/cases/{other_case.pk}/tasks/{task}/done/").status_code == 404
    response = api_a.post(
        f"/api/v1/cases/{other_case.pk}/parties/",
        {"roles": ["representative"], "family_name": "X", "represents": str(case_of_a["party"].pk)},
        content_type="application/json",
    )
    assert response.status_code == 422 and "represents" in response.json()["errors"]


def test_malformed_identifiers_are_404_problems(api_a):
    for path in ("/api/v1/cases/not-a-uuid/", "/api/v1/cases/1/parties/", "/api/v1/nowhere/"):
        response = api_a.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
