"""The State administrators' pages for API clients at /api-clients/."""

from accounts.roles import StateRole
from api.models import ApiClient
from audit.models import AuditEntry
from tests.api.conftest import token_client
from tests.conftest import HOST_A, HOST_B, client_for


def test_administrator_creates_a_client_and_sees_the_token_once(state_a, make_user, in_state):
    admin = make_user(state_a, StateRole.STATE_ADMINISTRATOR)
    browser = client_for(HOST_A, admin)
    assert browser.get("/api-clients/new/").status_code == 200
    response = browser.post("/api-clients/new/", {"name": "Court registry", "role": "caseworker"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    token = page.split("isk_", 1)[1].split("<", 1)[0]
    token = "isk_" + token
    assert "govuk-summary-list" in page
    assert token_client(HOST_A, token).get("/api/v1/cases/").status_code == 200
    listing = browser.get("/api-clients/").content.decode()
    assert "Court registry" in listing and "govuk-table" in listing
    assert token not in listing
    in_state(state_a)
    assert AuditEntry.objects.filter(object_type="api_client", action="create").exists()


def test_bad_input_on_the_create_page_writes_nothing(state_a, make_user, in_state):
    admin = make_user(state_a, StateRole.STATE_ADMINISTRATOR)
    browser = client_for(HOST_A, admin)
    for data in ({"name": "", "role": "caseworker"}, {"name": "x", "role": "state administrator"}):
        response = browser.post("/api-clients/new/", data)
        assert response.status_code == 422
        assert "govuk-error-summary" in response.content.decode()
    in_state(state_a)
    assert ApiClient.objects.count() == 0


def test_administrator_revokes_a_client(state_a, make_user, make_api_client, in_state):
    admin = make_user(state_a, StateRole.STATE_ADMINISTRATOR)
    client, token = make_api_client(state_a)
    browser = client_for(HOST_A, admin)
    assert browser.get(f"/api-clients/{client.pk}/revoke/").status_code == 200
    assert browser.post(f"/api-clients/{client.pk}/revoke/").status_code == 302
    assert token_client(HOST_A, token).get("/api/v1/cases/").status_code == 401
    in_state(state_a)
    assert ApiClient.objects.get(pk=client.pk).revoked_at is not None


def test_only_state_administrators_manage_clients(caseworker_a):
    browser = client_for(HOST_A, caseworker_a)
    assert browser.get("/api-clients/").status_code == 403
    assert browser.post("/api-clients/new/", {"name": "x", "role": "auditor"}).status_code == 403


def test_another_states_administrator_cannot_see_or_revoke_a_client(
    state_a, state_b, make_user, make_api_client
):
    client, token = make_api_client(state_a, name="Registry of A")
    admin_b = make_user(state_b, StateRole.STATE_ADMINISTRATOR)
    browser = client_for(HOST_B, admin_b)
    assert "Registry of A" not in browser.get("/api-clients/").content.decode()
    assert browser.get(f"/api-clients/{client.pk}/revoke/").status_code == 404
    assert browser.post(f"/api-clients/{client.pk}/revoke/").status_code == 404
    assert token_client(HOST_A, token).get("/api/v1/cases/").status_code == 200
