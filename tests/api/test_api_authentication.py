"""Who may call the API: a State's integration clients with their token, on their own State's
host only, and signed-in users through their session (with CSRF)."""

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.roles import StateRole
from api.models import ApiClient
from api.services import api_client_revoke
from api.tokens import token_sha256
from audit.models import AuditEntry
from cases.models import Case
from tests.api.conftest import token_client
from tests.conftest import HOST_A, HOST_B, client_for


def test_token_is_stored_only_as_its_sha256_and_shown_once(client_a, in_state, state_a):
    client, token = client_a
    in_state(state_a)
    stored = ApiClient.objects.get(pk=client.pk)
    assert stored.token_sha256 == token_sha256(token)
    assert token not in {stored.token_prefix, stored.token_sha256}
    assert token.startswith(f"isk_{stored.token_prefix}_")
    assert not stored.user.has_usable_password()
    assert list(stored.user.groups.values_list("name", flat=True)) == ["caseworker"]


def test_bearer_token_authenticates_and_records_last_use(api_a, client_a, in_state, state_a):
    response = api_a.get("/api/v1/cases/")
    assert response.status_code == 200
    in_state(state_a)
    assert ApiClient.objects.get(pk=client_a[0].pk).last_used_at is not None


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Bearer isk_x",
        "Bearer a b",
        "Bearer isk_aaaaaaaaaaaa_" + "A" * 43,
        "Basic x",
    ],
)
def test_missing_or_unknown_token_gets_401_problem(db, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = Client(HTTP_HOST=HOST_A, **headers).get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    if authorization is None or authorization.startswith("Bearer"):
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_token_of_another_state_is_unknown_on_this_host_401(client_b, state_a):
    response = token_client(HOST_A, client_b[1]).get("/api/v1/cases/")
    assert response.status_code == 401


def test_revoked_client_gets_401_at_once(api_a, client_a, in_state, state_a):
    assert api_a.get("/api/v1/cases/").status_code == 200
    in_state(state_a)
    api_client_revoke(user=None, client=client_a[0])
    assert api_a.get("/api/v1/cases/").status_code == 401


def test_signed_in_caseworker_uses_the_api_through_the_session(caseworker_a):
    browser = client_for(HOST_A, caseworker_a)
    assert browser.get("/api/v1/cases/").status_code == 200
    assert browser.get("/api/v1/docs/").status_code == 200


def test_session_post_needs_the_csrf_token(caseworker_a, in_state, state_a):
    browser = Client(HTTP_HOST=HOST_A, enforce_csrf_checks=True)
    browser.force_login(caseworker_a)
    body = {"requested_state": "NO", "application_type": "art_10_1_c"}
    refused = browser.post("/api/v1/cases/", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    in_state(state_a)
    assert Case.objects.count() == 0
    browser.get("/api/v1/docs/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        "/api/v1/cases/", body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201, accepted.json()


def test_session_of_another_state_is_not_signed_in_here(caseworker_b):
    browser = client_for(HOST_B, caseworker_b)
    browser.defaults["HTTP_HOST"] = HOST_A
    assert browser.get("/api/v1/cases/").status_code == 401


def test_actions_of_a_client_are_audited_as_an_api_client(api_a, in_state, state_a):
    response = api_a.post(
        "/api/v1/cases/",
        {"requested_state": "NO", "application_type": "art_10_1_c"},
        content_type="application/json",
    )
    assert response.status_code == 201
    in_state(state_a)
    entry = AuditEntry.objects.get(object_type="case", action="create")
    assert entry.actor_kind == "api_client"


def test_schema_and_docs_need_authentication(db):
    anonymous = Client(HTTP_HOST=HOST_A)
    assert anonymous.get("/api/v1/schema/").status_code == 401
    assert anonymous.get("/api/v1/docs/").status_code == 401


def test_docs_are_served_without_a_cdn(api_a):
    page = api_a.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()


def test_create_api_client_command_prints_the_token_once(db, capsys, in_state, state_a):
    call_command("create_api_client", "--state", "pt", "--name", "Registry", "--role", "auditor")
    output = capsys.readouterr().out
    token = output.strip().splitlines()[-1]
    assert token.startswith("isk_")
    response = token_client(HOST_A, token).get("/api/v1/cases/")
    assert response.status_code == 200
    in_state(state_a)
    client = ApiClient.objects.get(name="Registry")
    assert client.user.groups.get().name == StateRole.AUDITOR.value


def test_create_api_client_command_refuses_an_unknown_state(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_client", "--state", "ZZ", "--name", "x", "--role", "auditor")


def test_api_reads_records_only_in_selectors_and_services():
    """STYLE.md: views, serializers and commands of the API call selectors and services."""
    import re
    from pathlib import Path

    direct_query = re.compile(r"\b[A-Z]\w*\.(objects|_base_manager|_default_manager)\.\w+\(")
    root = Path(__file__).resolve().parents[2] / "api"
    offenders = [
        f"{path.name}:{number}"
        for path in root.rglob("*.py")
        if path.name not in {"selectors.py", "services.py", "models.py"}
        and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if direct_query.search(line)
    ]
    assert offenders == []
