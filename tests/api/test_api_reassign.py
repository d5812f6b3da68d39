"""Reassigning a case is for supervisors, and the refusal tells a caseworker nothing: the right
is checked before the new assignee is looked up, so an active worker's id and a random id get
the same answer (no oracle of who works in the State)."""

import uuid

import pytest
from django.db import connection

from accounts.roles import StateRole
from cases.models import Case
from tests.api.conftest import token_client
from tests.conftest import HOST_A, client_for

JSON = "application/json"


@pytest.fixture
def case_and_worker(state_a, user_a, make_user, make_outgoing):
    worker = make_user(state_a, StateRole.CASEWORKER)
    case = make_outgoing(user_a, parties=False)
    return case, worker


def test_reassign_refuses_a_caseworker_alike_for_a_workers_id_and_a_random_id(
    api_a, case_and_worker, in_state, state_a
):
    case, worker = case_and_worker
    url = f"/api/v1/cases/{case.pk}/reassign/"
    existing = api_a.post(url, {"responsible": str(worker.pk)}, content_type=JSON)
    unknown = api_a.post(url, {"responsible": str(uuid.uuid4())}, content_type=JSON)
    assert existing.status_code == unknown.status_code == 403
    assert existing.json() == unknown.json()
    assert existing["Content-Type"] == unknown["Content-Type"] == "application/problem+json"
    in_state(state_a)
    assert Case.objects.get(pk=case.pk).responsible_id == case.responsible_id


def test_reassign_refuses_a_caseworker_before_reading_the_body(api_a, case_and_worker):
    case, _worker = case_and_worker
    url = f"/api/v1/cases/{case.pk}/reassign/"
    for body in ({}, {"responsible": "not-an-id"}):
        assert api_a.post(url, body, content_type=JSON).status_code == 403


def test_reassign_by_a_supervisor_still_tells_an_unknown_worker(
    state_a, make_api_client, case_and_worker
):
    case, worker = case_and_worker
    _client, token = make_api_client(state_a, StateRole.SUPERVISOR.value)
    supervisor = token_client(HOST_A, token)
    url = f"/api/v1/cases/{case.pk}/reassign/"
    unknown = supervisor.post(url, {"responsible": str(uuid.uuid4())}, content_type=JSON)
    assert unknown.status_code == 422 and "responsible" in unknown.json()["errors"]
    done = supervisor.post(url, {"responsible": str(worker.pk)}, content_type=JSON)
    assert done.status_code == 200 and done.json()["responsible"]["id"] == str(worker.pk)


def test_reassign_page_refuses_a_caseworker_alike_for_a_workers_id_and_a_random_id(
    state_a, make_user, case_and_worker
):
    case, worker = case_and_worker
    caseworker = make_user(state_a, StateRole.CASEWORKER)
    connection.set_schema_to_public()
    client = client_for(HOST_A, caseworker)
    url = f"/cases/{case.pk}/reassign/"
    existing = client.post(url, {"responsible": str(worker.pk)})
    unknown = client.post(url, {"responsible": str(uuid.uuid4())})
    assert existing.status_code == unknown.status_code == 403
    assert existing.content == unknown.content
    assert client.get(url).status_code == 403
