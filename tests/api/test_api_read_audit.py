"""Reads are audited through the API as on the pages: every endpoint that reads a case's records
(its notes, tasks, timeline, documents, deadlines, decision) appends a view of the case to the
audit trail; the person search and the person page are audited too, naming no personal value."""

import datetime

import pytest
from django.db import connection

from accounts.roles import StateRole
from audit.models import AuditAction, AuditEntry
from cases import services
from tests.api.conftest import token_client
from tests.cases.conftest import add_pdf
from tests.conftest import HOST_A, client_for

# The endpoints that read a case's records, after the case itself and its parties (audited
# before this test was written).
CASE_READS = ("notes/", "tasks/", "timeline/", "documents/", "deadlines/", "decision/")


@pytest.fixture
def recognised_case(user_a, make_outgoing):
    """A's recognition application with a decision, a document, a note and a task."""
    case = make_outgoing(user_a, application_type="art_10_1_a")
    services.decision_record(
        user=user_a,
        case=case,
        authority="Tribunal de Família",
        decision_date=datetime.date(2024, 12, 3),
        state_of_origin="PT",
        amount=250,
        currency="EUR",
        frequency="monthly",
        starts_on=datetime.date(2025, 1, 1),
    )
    add_pdf(user_a, case)
    services.note_add(user=user_a, case=case, text="Called the court.")
    services.task_add(user=user_a, case=case, title="Check the decision")
    return case


def _views(case, actor) -> int:
    return AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="case", case_id=case.pk, actor_id=actor.pk
    ).count()


@pytest.mark.parametrize("endpoint", CASE_READS)
def test_api_read_of_a_case_record_is_audited_as_a_view_of_the_case(
    endpoint, api_a, user_a, recognised_case, in_state, state_a
):
    before = _views(recognised_case, user_a)
    response = api_a.get(f"/api/v1/cases/{recognised_case.pk}/{endpoint}")
    assert response.status_code == 200, response.content
    in_state(state_a)
    assert _views(recognised_case, user_a) == before + 1


@pytest.mark.parametrize("role", [StateRole.AUDITOR, StateRole.SUPERVISOR])
def test_api_reads_are_audited_for_every_role(
    role, make_api_client, user_a, recognised_case, in_state, state_a
):
    api_client, token = make_api_client(state_a, role.value)
    client = token_client(HOST_A, token)
    for endpoint in CASE_READS:
        assert client.get(f"/api/v1/cases/{recognised_case.pk}/{endpoint}").status_code == 200
    in_state(state_a)
    assert _views(recognised_case, api_client.user) == len(CASE_READS)


def test_api_read_of_another_states_case_audits_nothing_in_either_state(
    api_b, recognised_case, in_state, state_a, state_b
):
    in_state(state_a)
    before_a = AuditEntry.objects.count()
    in_state(state_b)
    before_b = AuditEntry.objects.count()
    connection.set_schema_to_public()
    for endpoint in CASE_READS:
        response = api_b.get(f"/api/v1/cases/{recognised_case.pk}/{endpoint}")
        assert response.status_code == 404
    in_state(state_a)
    assert AuditEntry.objects.count() == before_a
    in_state(state_b)
    assert AuditEntry.objects.count() == before_b


# --- Persons (pages: the API has no person endpoint) ----------------------------------------------


def test_person_search_is_audited_once_naming_no_personal_value(
    state_a, make_user, make_person, in_state
):
    user = make_user(state_a, StateRole.CASEWORKER)
    first = make_person(family_name="Quaresma", date_of_birth=datetime.date(1981, 4, 23))
    second = make_person(family_name="Quaresma", date_of_birth=datetime.date(1990, 1, 2))
    connection.set_schema_to_public()
    response = client_for(HOST_A, user).post(
        "/persons/", {"family_name": "Quaresma", "date_of_birth": "1981-04-23"}
    )
    assert "1 person found" in response.content.decode()
    in_state(state_a)
    [entry] = AuditEntry.objects.filter(actor_id=user.pk)
    assert (entry.action, entry.object_type, entry.case_id) == (
        AuditAction.VIEW.value,
        "person_search",
        None,
    )
    recorded = f"{entry.object_id} {entry.details}".casefold()
    for personal in ("quaresma", "1981", "23/04", "04-23"):
        assert personal not in recorded
    assert str(first.pk) in recorded and str(second.pk) not in recorded  # who was shown


def test_person_search_form_without_a_search_audits_nothing(state_a, make_user, in_state):
    user = make_user(state_a, StateRole.CASEWORKER)
    connection.set_schema_to_public()
    client = client_for(HOST_A, user)
    assert client.get("/persons/").status_code == 200
    assert client.post("/persons/", {}).status_code == 200  # invalid: no criterion
    in_state(state_a)
    assert not AuditEntry.objects.filter(actor_id=user.pk).exists()


def test_person_page_is_audited_as_a_view_of_the_person(state_a, make_user, make_person, in_state):
    user = make_user(state_a, StateRole.AUDITOR)
    person = make_person()
    connection.set_schema_to_public()
    assert client_for(HOST_A, user).get(f"/persons/{person.pk}/").status_code == 200
    in_state(state_a)
    [entry] = AuditEntry.objects.filter(actor_id=user.pk)
    assert (entry.action, entry.object_type, entry.object_id) == (
        AuditAction.VIEW.value,
        "person",
        str(person.pk),
    )
    assert entry.details == {}


def test_case_searches_by_name_are_audited_naming_no_personal_value(
    caseworker_a, make_outgoing, api_a
):
    """The API's case search and the case list's search by a party's name each leave one
    entry: the fields searched and the cases shown, never the name or the date."""
    from audit.models import AuditEntry
    from tests.conftest import HOST_A, client_for

    case = make_outgoing(caseworker_a)
    before = AuditEntry.objects.filter(object_type="case_search").count()
    response = api_a.post(
        "/api/v1/cases/search/", {"family_name": "Hansen"}, content_type="application/json"
    )
    assert response.status_code == 200
    page = client_for(HOST_A, caseworker_a)
    page.post("/cases/", {"family_name": "Hansen", "query": ""})
    assert page.get("/cases/").status_code == 200
    entries = list(
        AuditEntry.objects.filter(object_type="case_search").order_by("sequence")[before:]
    )
    assert len(entries) == 2
    for entry in entries:
        assert entry.details["fields"] == ["family_name"]
        assert entry.details["shown"] == [str(case.pk)]
        assert "Hansen" not in str(entry.details)
