"""The REST API answers in the language of each request (Accept-Language): problem details'
titles and messages, and the API client pages of State administrators."""

import uuid

from django.db import connection

from accounts.roles import StateRole
from tests.api.conftest import token_client
from tests.conftest import HOST_A, client_for


def test_problem_details_come_out_in_the_language_of_each_request(api_a):
    invalid = api_a.post(
        "/api/v1/cases/",
        {"requested_state": "Norway"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert invalid.status_code == 400
    assert invalid["Content-Type"] == "application/problem+json"
    problem = invalid.json()
    assert problem["title"] == "Die Anfrage ist ungültig"
    assert problem["detail"] == "Beheben Sie die aufgeführten Fehler."
    assert problem["errors"]["requested_state"] == [
        "Geben Sie einen zweistelligen Staatencode an, z. B. PT."
    ]
    unknown = f"/api/v1/cases/{uuid.uuid4()}/"
    german = api_a.get(unknown, HTTP_ACCEPT_LANGUAGE="de").json()
    assert (german["title"], german["detail"]) == (
        "Nicht gefunden",
        "Diese Ressource gibt es hier nicht.",
    )
    assert api_a.get(unknown, HTTP_ACCEPT_LANGUAGE="en").json()["title"] == "Not found"


def test_unknown_token_is_refused_in_french(state_a):
    response = token_client(HOST_A, "isk_unknown_token").get(
        "/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 401
    assert response.json()["title"] == "Authentification requise"
    assert response.json()["detail"] == "Le jeton n'est pas valide."


def test_api_client_pages_come_out_in_portuguese(state_a, make_user, make_api_client):
    administrator = make_user(state_a, StateRole.STATE_ADMINISTRATOR)
    make_api_client(state_a)
    connection.set_schema_to_public()
    client = client_for(HOST_A, administrator)
    page = client.get("/api-clients/", HTTP_ACCEPT_LANGUAGE="pt").content.decode()
    assert "Clientes de API deste Estado" in page and "Criar um cliente de API" in page
    users = client.get("/accounts/users/", HTTP_ACCEPT_LANGUAGE="pt").content.decode()
    assert "Criar um utilizador" in users
