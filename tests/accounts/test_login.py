"""Signing in: per-State accounts, sessions bound to their host, throttling, one-time passwords."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from accounts.roles import StateRole
from tests.conftest import (
    HOST_A,
    HOST_B,
    HOST_GOVERNING_BODY,
    HOST_PUBLIC,
    PASSWORD,
    client_for,
)


def test_each_state_host_serves_its_own_login_page(state_a, state_b):
    page_a = client_for(HOST_A).get("/accounts/login/")
    page_b = client_for(HOST_B).get("/accounts/login/")
    assert page_a.status_code == page_b.status_code == 200
    assert "Sign in to Portugal" in page_a.content.decode()
    assert "Sign in to Norway" in page_b.content.decode()


def test_unknown_host_is_not_served(db):
    assert client_for("xx.localhost").get("/accounts/login/").status_code == 404


def test_login_page_is_translated(state_a):
    client = client_for(HOST_A)
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr")
    assert 'lang="fr"' in page.content.decode()


def test_caseworker_signs_in_on_own_host(state_a, make_user):
    user = make_user(state_a)
    client = client_for(HOST_A, user)
    home = client.get("/", follow=True)  # a State's officials land on their dashboard
    assert home.status_code == 200
    assert user.email in home.content.decode()


def test_account_of_state_a_does_not_exist_on_state_b_host(state_a, state_b, make_user):
    user = make_user(state_a)
    client = client_for(HOST_B)
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_session_of_state_a_is_not_valid_on_state_b_host(state_a, state_b, make_user):
    user = make_user(state_a)
    signed_in = client_for(HOST_A, user)
    cookie = signed_in.cookies["sessionid"].value
    intruder = Client(HTTP_HOST=HOST_B)
    intruder.cookies["sessionid"] = cookie
    response = intruder.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_session_bound_to_another_schema_is_logged_out(state_a, state_b, make_user):
    """Defence in depth: even a session record found in B's store is refused if it was made
    for A (as it would be if sessions were ever kept in a shared store)."""
    from django.contrib.sessions.backends.db import SessionStore

    user = make_user(state_b)
    with schema_context(state_b.schema_name):
        session = SessionStore()
        session.update(
            {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
                "isupport_schema": state_a.schema_name,
            }
        )
        session.create()
    client = Client(HTTP_HOST=HOST_B)
    client.cookies["sessionid"] = session.session_key
    assert client.get("/").status_code == 302


def test_repeated_failed_logins_are_throttled(state_a, make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    user = make_user(state_a)
    client = client_for(HOST_A)
    for _attempt in range(3):
        client.post("/accounts/login/", {"username": user.email, "password": "wrong password"})
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttling_in_state_a_does_not_lock_the_same_address_in_state_b(
    state_a, state_b, make_user, settings
):
    settings.LOGIN_FAILURE_LIMIT = 2
    email = "same.person@example.org"
    make_user(state_a, email=email)
    user_b = make_user(state_b, email=email)
    address = "10.99.99.99"
    client_a = client_for(HOST_A, client_address=address)
    for _attempt in range(2):
        client_a.post("/accounts/login/", {"username": email, "password": "wrong password"})
    connection.set_schema_to_public()
    client_for(HOST_B, user_b, client_address=address)  # signs in: asserts the redirect


def test_one_time_password_must_be_changed_first(state_a, make_user):
    user = make_user(state_a, role=StateRole.STATE_ADMINISTRATOR, password_change_required=True)
    client = client_for(HOST_A, user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    new_password = "a brand new passphrase"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert client.get("/", follow=True).status_code == 200
    with schema_context(state_a.schema_name):
        assert not get_user_model().objects.get(pk=user.pk).password_change_required


def test_permanent_bureau_staff_sign_in_to_the_console_only(db):
    connection.set_schema_to_public()
    staff = get_user_model().objects.create_superuser(email="pb@example.org", password=PASSWORD)
    client = Client(HTTP_HOST=HOST_PUBLIC)
    assert client.login(email=staff.email, password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    state_client = client_for(HOST_A)
    response = state_client.post(
        "/accounts/login/", {"username": staff.email, "password": PASSWORD}
    )
    assert response.status_code == 200 and "_auth_user_id" not in state_client.session


def test_permanent_bureau_console_login_is_throttled(db, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    connection.set_schema_to_public()
    get_user_model().objects.create_superuser(email="pb2@example.org", password=PASSWORD)
    client = client_for(HOST_PUBLIC)
    for _attempt in range(2):
        client.post("/admin/login/", {"username": "pb2@example.org", "password": "nope"})
    response = client.post("/admin/login/", {"username": "pb2@example.org", "password": PASSWORD})
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_governing_body_host_serves_its_own_accounts(db):
    page = client_for(HOST_GOVERNING_BODY).get("/accounts/login/")
    assert page.status_code == 200 and "Governing Body" in page.content.decode()
    assert client_for(HOST_GOVERNING_BODY).get("/persons/").status_code == 404


@pytest.mark.parametrize(
    "form",
    [
        {"username": "", "password": ""},
        {"username": "not an address", "password": "x"},
        {"username": "a@b.c" * 100, "password": "x"},
    ],
)
def test_bad_login_input_gets_a_clear_error(state_a, form):
    response = client_for(HOST_A).post("/accounts/login/", form)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_login_page_in_french_after_choosing_the_language(state_a):
    client = client_for(HOST_A)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/").content.decode()
    assert "Se connecter à Portugal" in page
    assert 'lang="fr"' in page


def test_home_page_names_the_roles_in_the_interface_language(state_a, make_user):
    user = make_user(state_a, role=StateRole.SUPERVISOR)
    connection.set_schema_to_public()
    client = client_for(HOST_A, user)
    assert "Supervisor" in client.get("/", follow=True).content.decode()
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert "Teamleitung" in client.get("/", follow=True).content.decode()


def test_account_is_locked_whatever_the_client_address(state_a, make_user, settings):
    """Per-account throttling on its own: each guess from a new address, and form errors (an
    empty password) in between do not reset the count."""
    settings.LOGIN_FAILURE_LIMIT = 3
    user = make_user(state_a)
    for attempt in range(3):
        client = client_for(HOST_A, client_address=f"10.200.0.{attempt}")
        client.post("/accounts/login/", {"username": user.email, "password": "wrong password"})
        client.post("/accounts/login/", {"username": user.email, "password": ""})
    client = client_for(HOST_A, client_address="10.200.1.1")
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.2"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),  # the leftmost entry is forgeable
        (2, "203.0.113.66, 198.51.100.7, 10.1.1.1", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.2"),  # fewer entries than proxies: not trusted
    ],
)
def test_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    from django.test import RequestFactory

    from accounts.throttle import client_address

    settings.ISUPPORT_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_sign_in_ignores_the_capitals_of_the_address(state_a, make_user):
    user = make_user(state_a, email="Maria.Silva@Example.PT")
    connection.set_schema_to_public()
    client = client_for(HOST_A)
    response = client.post(
        "/accounts/login/", {"username": "maria.silva@example.pt", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert str(client.session["_auth_user_id"]) == str(user.pk)


def test_two_accounts_cannot_differ_only_by_capitals(state_a, make_user):
    from django.db import IntegrityError, transaction

    make_user(state_a, email="ana@example.pt")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user(state_a, email="ANA@example.pt")
