"""Fixtures for the REST API tests: integration clients of each State, and test clients that
speak to a State's host with a Bearer token."""

import uuid

import pytest
from django.test import Client

from accounts.roles import StateRole
from api.services import api_client_create
from tests.cases.conftest import (  # noqa: F401 - fixtures shared with the case tests
    PDF,
    caseworker_a,
    caseworker_b,
    make_incoming,
    make_outgoing,
)
from tests.conftest import HOST_A, HOST_B


def token_client(host: str, token: str | None = None, **headers) -> Client:
    """A test client for ``host``; every request carries the Bearer token when one is given."""
    # An address of its own, as client_for gives: unauthenticated requests are throttled per
    # address, and the suite's many clients must not share one count.
    extra = {"HTTP_HOST": host, "REMOTE_ADDR": f"10.{uuid.uuid4().int % 250}.1.1"}
    if token is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    for name, value in headers.items():
        extra["HTTP_" + name.upper().replace("-", "_")] = value
    return Client(**extra)


@pytest.fixture
def make_api_client(in_state):
    """make_api_client(state, role="caseworker") -> (ApiClient, token), in the State's schema."""

    def make(state, role=StateRole.CASEWORKER.value, name="Court registry"):
        in_state(state)
        return api_client_create(user=None, name=name, role=str(role))

    return make


@pytest.fixture
def client_a(state_a, make_api_client):
    return make_api_client(state_a)


@pytest.fixture
def client_b(state_b, make_api_client):
    return make_api_client(state_b)


@pytest.fixture
def api_a(client_a):
    """A's caseworker client speaking to A's host."""
    return token_client(HOST_A, client_a[1])


@pytest.fixture
def api_b(client_b):
    return token_client(HOST_B, client_b[1])


@pytest.fixture
def user_a(client_a):
    """The service user of A's client (to build records through the services)."""
    return client_a[0].user
