"""Cases through the API: list and filters, search by name (POST), creation, registration,
detail (audited) and the workflow steps, each through the services."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import StateRole
from audit.models import AuditEntry
from cases import services
from cases.models import Case
from tests.api.conftest import token_client
from tests.conftest import HOST_A

JSON = "application/json"


def _ids(response) -> set[str]:
    return {row["id"] for row in response.json()["results"]}


def test_list_is_newest_first_with_next_due(api_a, user_a, make_outgoing, make_incoming):
    older = make_outgoing(user_a, parties=False)
    newer = make_incoming(user_a)
    response = api_a.get("/api/v1/cases/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [str(newer.pk), str(older.pk)]
    assert rows[0]["next_due"] == str(newer.deadlines.get().due)
    assert rows[1]["next_due"] is None


def test_list_filters(api_a, user_a, make_outgoing, make_incoming, in_state, state_a):
    outgoing = make_outgoing(user_a, parties=False)
    incoming = make_incoming(user_a, received_on=datetime.date.today() - datetime.timedelta(90))
    expectations = {
        f"reference={outgoing.reference}": {outgoing},
        "partner_reference=no-ref-1": {incoming},
        "state=new&state=received": {outgoing, incoming},
        "state=received": {incoming},
        "direction=outgoing": {outgoing},
        "application_type=art_10_1_c": {outgoing, incoming},
        "application_type=art_10_1_a": set(),
        "partner_state=no": {outgoing, incoming},
        "responsible=me": {outgoing, incoming},
        "responsible=unassigned": set(),
        f"responsible={user_a.pk}": {outgoing, incoming},
        "overdue=true": {incoming},
    }
    for query, expected in expectations.items():
        response = api_a.get(f"/api/v1/cases/?{query}")
        assert response.status_code == 200, (query, response.json())
        assert _ids(response) == {str(case.pk) for case in expected}, query


@pytest.mark.parametrize(
    "query",
    ["state=nonsense", "direction=sideways", "overdue=perhaps", "partner_state=PRT", "page_size=x"],
)
def test_list_refuses_unknown_filter_values_without_echoing_them(api_a, query):
    response = api_a.get(f"/api/v1/cases/?{query}")
    if query == "page_size=x":  # DRF falls back to the default page size
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert query.split("=")[1] not in response.content.decode()


def test_list_cursor_pagination(api_a, user_a, make_outgoing):
    created = [make_outgoing(user_a, parties=False) for _ in range(3)]
    first = api_a.get("/api/v1/cases/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    second = api_a.get(first["next"].replace("http://testserver", "")).json()
    assert len(second["results"]) == 1 and second["next"] is None
    seen = [row["id"] for row in first["results"] + second["results"]]
    assert seen == [str(case.pk) for case in reversed(created)]
    assert api_a.get("/api/v1/cases/?page_size=500").status_code == 200  # capped at 200


def test_list_query_count_does_not_grow_with_the_cases(
    api_a, user_a, make_outgoing, in_state, state_a
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert api_a.get("/api/v1/cases/").status_code == 200
        in_state(state_a)
        return len(queries)

    make_outgoing(user_a)
    count_queries()  # the first request also records the client's last use
    few = count_queries()
    for _ in range(6):
        make_outgoing(user_a)
    assert count_queries() == few
    # Routing (search path, domain), the client, its roles, the page of cases.
    assert few <= 8


def _tenant(api_client):
    from tenants.models import State

    connection.set_schema_to_public()
    return State.objects.get(code="PT")


def test_search_by_name_and_date_of_birth_is_a_post(api_a, user_a, make_outgoing):
    found = make_outgoing(user_a)
    connection.set_tenant(_tenant(api_a))
    make_outgoing(user_a, parties=False)
    response = api_a.post("/api/v1/cases/search/", {"family_name": "hansen"}, content_type=JSON)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(found.pk)]
    response = api_a.post(
        "/api/v1/cases/search/",
        {"family_name": "Silva", "date_of_birth": "2016-07-09"},
        content_type=JSON,
    )
    assert [row["id"] for row in response.json()["results"]] == [str(found.pk)]
    assert api_a.get("/api/v1/cases/search/").status_code == 405


def test_search_needs_a_name_or_a_date(api_a):
    response = api_a.post("/api/v1/cases/search/", {"family_name": " "}, content_type=JSON)
    assert response.status_code == 400
    response = api_a.post(
        "/api/v1/cases/search/", {"date_of_birth": "17/05/2014"}, content_type=JSON
    )
    assert response.status_code == 400
    assert "17/05/2014" not in response.content.decode()


def test_create_outgoing_case(api_a, in_state, state_a):
    response = api_a.post(
        "/api/v1/cases/",
        {"requested_state": "no", "application_type": "art_10_1_c", "partner_authority": "NAV"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("PT-") and body["state"] == "new"
    assert body["requested_state"] == "NO" and body["allowed_events"] == ["transmit", "close"]
    in_state(state_a)
    assert Case.objects.get(pk=body["id"]).partner_authority == "NAV"


def test_create_outgoing_request_for_specific_measures(api_a):
    response = api_a.post(
        "/api/v1/cases/",
        {"requested_state": "NO", "specific_measures": ["art_6_2_b", "art_6_2_c"]},
        content_type=JSON,
    )
    assert response.status_code == 201
    assert response.json()["specific_measures"] == ["art_6_2_b", "art_6_2_c"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"requested_state": "XX", "application_type": "art_10_1_c"}, "requested_state"),
        ({"requested_state": "PT", "application_type": "art_10_1_c"}, "requested_state"),
        ({"requested_state": "NO", "application_type": "nonsense"}, "application_type"),
        ({"requested_state": "NO"}, "application_type"),
        ({"requested_state": 7, "application_type": "art_10_1_c"}, "requested_state"),
        ({"application_type": "art_10_1_c"}, "requested_state"),
        ({"requested_state": "NO", "specific_measures": "art_6_2_b"}, "specific_measures"),
        (
            {"requested_state": "NO", "application_type": "art_10_1_c", "responsible": "x"},
            "responsible",
        ),
    ],
)
def test_create_outgoing_refuses_bad_input_and_writes_nothing(
    api_a, in_state, state_a, body, field
):
    response = api_a.post("/api/v1/cases/", body, content_type=JSON)
    assert response.status_code in (400, 422)
    problem = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert field in problem["errors"]
    in_state(state_a)
    assert Case.objects.count() == 0


def test_register_incoming_case_starts_the_acknowledgement_clock(api_a):
    received = datetime.date.today() - datetime.timedelta(days=2)
    response = api_a.post(
        "/api/v1/cases/incoming/",
        {
            "requesting_state": "NO",
            "received_on": received.isoformat(),
            "method": "email",
            "application_type": "art_10_1_a",
            "partner_reference": "NO-77",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "received" and body["partner_reference"] == "NO-77"
    assert [d["rule"] for d in body["next_deadlines"]] == ["acknowledgement"]


def test_register_incoming_refuses_a_future_date_and_writes_nothing(api_a, in_state, state_a):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = api_a.post(
        "/api/v1/cases/incoming/",
        {
            "requesting_state": "NO",
            "received_on": tomorrow.isoformat(),
            "method": "post",
            "application_type": "art_10_1_a",
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "future_date"
    in_state(state_a)
    assert Case.objects.count() == 0


def test_case_detail_has_next_deadlines_and_is_audited(api_a, user_a, make_incoming, in_state):
    case = make_incoming(user_a)
    response = api_a.get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == case.reference
    assert body["next_deadlines"][0]["rule"] == "acknowledgement"
    assert "acknowledge" in body["allowed_events"]
    connection.set_tenant(_tenant(api_a))
    assert AuditEntry.objects.filter(case_id=case.pk, action="view").count() == 1


def test_acknowledge_incoming_case_complete(api_a, user_a, make_incoming):
    case = make_incoming(user_a)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/acknowledge/",
        {"outcome": "complete", "expected_version": case.version},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "acknowledged"
    assert [d["rule"] for d in response.json()["next_deadlines"]] == ["status_report"]


def test_acknowledge_with_a_stale_version_is_a_conflict(api_a, user_a, make_incoming):
    case = make_incoming(user_a)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/acknowledge/",
        {"outcome": "complete", "expected_version": case.version - 1},
        content_type=JSON,
    )
    assert response.status_code == 409
    assert response.json()["code"] == "stale"


def test_refusal_needs_reasons_art_12_8(api_a, user_a, make_incoming):
    case = make_incoming(user_a)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/acknowledge/", {"outcome": "refused"}, content_type=JSON
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "reasons": ["Give the reasons for the refusal (Art 12(8))."]
    }


def test_apply_event_moves_the_case_on(api_a, user_a, make_incoming):
    case = make_incoming(user_a)
    api_a.post(f"/api/v1/cases/{case.pk}/acknowledge/", {"outcome": "complete"}, content_type=JSON)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/events/",
        {"event": "send_to_competent_authority"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "with_competent_authority"


def test_apply_event_refuses_dedicated_and_impossible_events(api_a, user_a, make_incoming):
    case = make_incoming(user_a)
    dedicated = api_a.post(
        f"/api/v1/cases/{case.pk}/events/", {"event": "transmit"}, content_type=JSON
    )
    assert dedicated.status_code == 400
    impossible = api_a.post(
        f"/api/v1/cases/{case.pk}/events/", {"event": "uphold_enforceability"}, content_type=JSON
    )
    assert impossible.status_code == 422
    assert impossible.json()["code"] == "transition_not_allowed"


def test_transmit_refuses_an_incomplete_application(api_a, user_a, make_outgoing):
    case = make_outgoing(user_a, parties=False)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/transmit/",
        {"method": "post", "sent_on": datetime.date.today().isoformat()},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "findings"


def test_transmit_a_complete_request(api_a, user_a, make_transmittable):
    case = make_transmittable(user_a)
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/transmit/",
        {"method": "email", "sent_on": datetime.date.today().isoformat()},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "transmitted"
    assert response.json()["transmission_method"] == "email"


def test_reassign_is_for_supervisors(state_a, make_api_client, make_user, make_outgoing):
    caseworker_client, caseworker_token = make_api_client(state_a)
    _supervisor, supervisor_token = make_api_client(state_a, StateRole.SUPERVISOR)
    colleague = make_user(state_a, StateRole.CASEWORKER)
    case = make_outgoing(caseworker_client.user, parties=False)
    body = {"responsible": str(colleague.pk)}
    url = f"/api/v1/cases/{case.pk}/reassign/"
    refused = token_client(HOST_A, caseworker_token).post(url, body, content_type=JSON)
    assert refused.status_code == 403
    response = token_client(HOST_A, supervisor_token).post(url, body, content_type=JSON)
    assert response.status_code == 200
    assert response.json()["responsible"]["id"] == str(colleague.pk)
    unknown = token_client(HOST_A, supervisor_token).post(
        url, {"responsible": str(case.pk)}, content_type=JSON
    )
    assert unknown.status_code == 422 and "responsible" in unknown.json()["errors"]


def test_auditor_client_reads_but_cannot_change(state_a, make_api_client, user_a, make_outgoing):
    case = make_outgoing(user_a, parties=False)
    _client, token = make_api_client(state_a, StateRole.AUDITOR)
    auditor = token_client(HOST_A, token)
    assert auditor.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    response = auditor.post(
        "/api/v1/cases/",
        {"requested_state": "NO", "application_type": "art_10_1_c"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_partners_acknowledgement_of_an_outgoing_case_with_their_reference(
    api_a, user_a, make_transmittable, state_a, in_state
):
    in_state(state_a)
    case = make_transmittable(user_a)
    case = services.case_transmit(
        user=user_a, case=case, method="post", sent_on=datetime.date.today()
    )
    url = f"/api/v1/cases/{case.pk}/acknowledge/"
    too_long = api_a.post(
        url, {"outcome": "complete", "partner_reference": "N" * 65}, content_type=JSON
    )
    assert too_long.status_code == 400
    assert too_long["Content-Type"].startswith("application/problem+json")
    response = api_a.post(
        url, {"outcome": "complete", "partner_reference": "NO-2026-4411"}, content_type=JSON
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["state"], body["partner_reference"]) == ("acknowledged", "NO-2026-4411")
    assert [d["rule"] for d in body["next_deadlines"]] == ["status_report"]


def test_partner_reference_is_refused_on_an_incoming_acknowledgement(
    api_a, user_a, make_incoming, state_a, in_state
):
    case = make_incoming(user_a)
    senders_reference = case.partner_reference
    response = api_a.post(
        f"/api/v1/cases/{case.pk}/acknowledge/",
        {"outcome": "complete", "partner_reference": "XX-1"},
        content_type=JSON,
    )
    assert response.status_code in (400, 422)
    assert response.json()["code"] == "not_outgoing" or "partner_reference" in response.text
    in_state(state_a)
    case.refresh_from_db()
    assert (case.state, case.partner_reference) == ("received", senders_reference)
    assert case.deadlines.get(rule="acknowledgement").met_at is None
