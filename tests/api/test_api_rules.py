"""The services' rules seen through the REST API: a second applicant is refused, and a case is
given only to an active caseworker or supervisor of this State; each refusal is an
``application/problem+json`` response naming the problem, and nothing is written."""

import datetime

import pytest

from accounts.roles import StateRole
from cases.models import Case, Party

JSON = "application/json"
PROBLEM = "application/problem+json"


def test_api_refuses_a_second_applicant_party_and_leaves_the_parties_unchanged(
    api_a, user_a, make_outgoing, in_state, state_a
):
    case = make_outgoing(user_a)  # has an applicant creditor already
    url = f"/api/v1/cases/{case.pk}/parties/"
    parties_before = api_a.get(url).json()
    assert [p["is_applicant"] for p in parties_before].count(True) == 1
    in_state(state_a)
    version_before = Case.objects.get(pk=case.pk).version

    response = api_a.post(
        url,
        {
            "roles": ["creditor"],
            "is_applicant": True,
            "family_name": "Costa",
            "given_names": "Maria",
            "date_of_birth": "1990-01-01",
        },
        content_type=JSON,
    )

    assert response.status_code == 422, response.content.decode()
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 422
    assert problem["code"] == "applicant_exists"
    assert "is_applicant" in problem["errors"]
    assert "Costa" not in response.content.decode()
    assert api_a.get(url).json() == parties_before
    in_state(state_a)
    assert Party.objects.filter(case_id=case.pk).count() == len(parties_before)
    assert Case.objects.get(pk=case.pk).version == version_before


@pytest.fixture
def auditor_a(state_a, make_user):
    return make_user(state_a, StateRole.AUDITOR)


@pytest.fixture
def worker_of_state_b(state_b, make_user):
    return make_user(state_b, StateRole.CASEWORKER)


def _outgoing(responsible) -> tuple[str, dict]:
    return "/api/v1/cases/", {
        "requested_state": "NO",
        "application_type": "art_10_1_c",
        "responsible": str(responsible.pk),
    }


def _incoming(responsible) -> tuple[str, dict]:
    return "/api/v1/cases/incoming/", {
        "requesting_state": "NO",
        "received_on": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
        "method": "post",
        "application_type": "art_10_1_c",
        "responsible": str(responsible.pk),
    }


@pytest.mark.parametrize("who", ["auditor_a", "worker_of_state_b"])
@pytest.mark.parametrize("request_for", [_outgoing, _incoming], ids=["outgoing", "incoming"])
def test_api_refuses_a_responsible_of_a_new_case_who_is_not_a_worker_here(
    api_a, in_state, state_a, request_for, request, who
):
    url, body = request_for(request.getfixturevalue(who))
    response = api_a.post(url, body, content_type=JSON)
    assert response.status_code == 422, response.content.decode()
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["code"] == "not_a_caseworker"
    assert "responsible" in problem["errors"]
    in_state(state_a)
    assert Case.objects.count() == 0


@pytest.mark.parametrize("request_for", [_outgoing, _incoming], ids=["outgoing", "incoming"])
def test_api_accepts_a_caseworker_of_this_state_as_responsible_of_a_new_case(
    api_a, make_user, in_state, state_a, request_for
):
    colleague = make_user(state_a, StateRole.CASEWORKER)
    url, body = request_for(colleague)
    response = api_a.post(url, body, content_type=JSON)
    assert response.status_code == 201, response.content.decode()
    assert response.json()["responsible"]["id"] == str(colleague.pk)
    in_state(state_a)
    assert Case.objects.get(pk=response.json()["id"]).responsible == colleague
