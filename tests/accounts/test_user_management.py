"""A State administrator manages the State's users: creates them with roles and a one-time
password, grants the Art 40 permission, deactivates them. Nobody else may, and another State's
users are out of reach."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from accounts.permissions import can_view_restricted_information
from accounts.roles import StateRole
from audit.models import AuditEntry
from tests.conftest import HOST_A, HOST_B, client_for


@pytest.fixture
def administrator_a(state_a, make_user):
    return make_user(state_a, StateRole.STATE_ADMINISTRATOR)


@pytest.fixture
def admin_client(administrator_a):
    connection.set_schema_to_public()
    return client_for(HOST_A, administrator_a)


def _user(state, email):
    connection.set_tenant(state)
    return get_user_model().objects.filter(email=email).first()


def test_users_page_lists_the_states_users(admin_client, administrator_a):
    response = admin_client.get("/accounts/users/")
    assert response.status_code == 200
    assert administrator_a.email in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert admin_client.get("/users/").url == "/accounts/users/"


def test_created_user_gets_a_one_time_password_shown_once(admin_client, state_a):
    response = admin_client.post(
        "/accounts/users/new/",
        {
            "email": "new.worker@pt.example.org",
            "full_name": "Nova Trabalhadora",
            "roles": [StateRole.CASEWORKER.value],
            "view_restricted_information": "on",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "One-time password" in page
    assert response["Cache-Control"] == "no-store"
    password = page.split('<code class="isupport-identifier govuk-!-font-size-24"><bdi>')[1]
    password = password.split("</bdi>")[0]
    created = _user(state_a, "new.worker@pt.example.org")
    assert created.password_change_required
    assert created.check_password(password)
    assert list(created.groups.values_list("name", flat=True)) == [StateRole.CASEWORKER.value]
    assert can_view_restricted_information(created)
    assert AuditEntry.objects.filter(object_type="user", object_id=str(created.pk)).exists()
    assert password not in admin_client.get("/accounts/users/").content.decode()
    connection.set_schema_to_public()
    first_sign_in = client_for(HOST_A)
    first_sign_in.post(
        "/accounts/login/", {"username": "new.worker@pt.example.org", "password": password}
    )
    assert first_sign_in.get("/dashboard/")["Location"] == "/accounts/password/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "roles": ["caseworker"]}, "Enter a valid email address."),
        ({"email": "x@pt.example.org", "roles": []}, "Choose at least one role."),
        ({"email": "x@pt.example.org", "roles": ["emperor"]}, "Select a valid choice"),
    ],
)
def test_bad_input_creates_nobody(admin_client, state_a, data, message):
    response = admin_client.post("/accounts/users/new/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert _user(state_a, "x@pt.example.org") is None


def test_an_existing_address_is_refused_whatever_its_capitals(admin_client, administrator_a):
    response = admin_client.post(
        "/accounts/users/new/", {"email": administrator_a.email.upper(), "roles": ["auditor"]}
    )
    assert response.status_code == 422
    assert "already exists" in response.content.decode()


def test_deactivated_user_can_no_longer_sign_in(admin_client, state_a, make_user):
    worker = make_user(state_a, StateRole.CASEWORKER)
    connection.set_schema_to_public()
    signed_in = client_for(HOST_A, worker)
    url = f"/accounts/users/{worker.pk}/deactivate/"
    assert "will no longer be able to sign in" in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 302
    assert not _user(state_a, worker.email).is_active
    connection.set_schema_to_public()
    assert signed_in.get("/dashboard/").status_code == 302


def test_administrator_cannot_deactivate_themselves(admin_client, administrator_a, state_a):
    response = admin_client.post(f"/accounts/users/{administrator_a.pk}/deactivate/")
    assert response.status_code == 422
    assert _user(state_a, administrator_a.email).is_active


@pytest.mark.parametrize("role", [StateRole.CASEWORKER, StateRole.SUPERVISOR, StateRole.AUDITOR])
def test_only_state_administrators_manage_users(state_a, make_user, role):
    other = make_user(state_a, StateRole.CASEWORKER)
    user = make_user(state_a, role)
    connection.set_schema_to_public()
    client = client_for(HOST_A, user)
    assert client.get("/accounts/users/").status_code == 403
    assert (
        client.post("/accounts/users/new/", {"email": "a@b.org", "roles": ["auditor"]}).status_code
        == 403
    )
    assert client.post(f"/accounts/users/{other.pk}/deactivate/").status_code == 403
    assert _user(state_a, other.email).is_active


def test_another_states_user_is_unknown_here(admin_client, state_b, make_user):
    foreign = make_user(state_b, StateRole.CASEWORKER)
    connection.set_schema_to_public()
    assert admin_client.get(f"/accounts/users/{foreign.pk}/deactivate/").status_code == 404
    assert admin_client.post(f"/accounts/users/{foreign.pk}/deactivate/").status_code == 404
    assert admin_client.post(f"/accounts/users/{uuid.uuid4()}/deactivate/").status_code == 404
    assert foreign.email not in admin_client.get("/accounts/users/").content.decode()
    assert _user(state_b, foreign.email).is_active


def test_another_states_administrator_cannot_see_these_users(state_b, make_user, administrator_a):
    admin_b = make_user(state_b, StateRole.STATE_ADMINISTRATOR)
    connection.set_schema_to_public()
    page = client_for(HOST_B, admin_b).get("/accounts/users/").content.decode()
    assert administrator_a.email not in page
