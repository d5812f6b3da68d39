"""Fixtures for the REST API tests: integration clients of each State, and test clients that
speak to a State's host with a Bearer token."""

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
    extra = {"HTTP_HOST": host}
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


@pytest.fixture
def make_transmittable():
    """An outgoing request for specific measures (Art 7) complete enough to be transmitted: the
    person concerned, the reasons, the Authority's address and the generated request form."""
    from cases import services
    from cases.form_documents import case_form_generate

    def make(user):
        case = services.case_create_outgoing(
            user=user, requested_state="NO", specific_measures=["art_6_2_b"]
        )
        services.party_add(
            user=user, case=case, roles=["debtor"], family_name="Hansen", address="Oslo"
        )
        services.application_particulars_record(
            user=user, case=case, section="grounds", values={"reasons": "Address unknown."}
        )
        services.application_particulars_record(
            user=user, case=case, section="authority", values={"address": "Avenida 1, Lisboa"}
        )
        case_form_generate(
            user=user, case=case, form_code="specific_measures", language="en", fmt="xml"
        )
        case.refresh_from_db()
        return case

    return make
