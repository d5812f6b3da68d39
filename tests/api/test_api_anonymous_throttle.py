"""Unauthenticated API requests are throttled per client address (ISUPPORT_API_ANON_RATE):
past the rate an address gets 429 problem+json with Retry-After instead of 401, whether it sent
no credentials or wrong ones, while another address and an authenticated client at the same
address still get through. The address is the one ISUPPORT_PROXY_COUNT trusted proxies saw."""

import os
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django_tenants.utils import schema_context

from api.throttling import AnonymousRateThrottle
from tests.conftest import HOST_A, HOST_B, client_for

RATE = 3


@pytest.fixture
def low_anonymous_rate(monkeypatch):
    monkeypatch.setattr(
        AnonymousRateThrottle, "THROTTLE_RATES", {"api_anonymous": f"{RATE}/minute"}
    )


@pytest.fixture
def new_address():
    """new_address() -> a client address of this test only (2001:db8::/32, for documentation):
    the counts live in Redis, which is not rolled back with the test; they are deleted after."""
    used = []

    def make() -> str:
        used.append(f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}")
        return used[-1]

    yield make
    for schema in ("state_pt", "state_no"):
        with schema_context(schema):
            cache.delete_many([f"throttle_api_anonymous_{address}" for address in used])


@pytest.fixture
def address(new_address):
    return new_address()


def client_at(host: str, address: str, **headers) -> Client:
    return Client(HTTP_HOST=host, REMOTE_ADDR=address, **headers)


def _is_429_problem(response) -> dict:
    assert response.status_code == 429, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["status"] == 429 and body["code"] == "throttled"
    return body


def test_the_rate_is_sixty_a_minute_unless_configured(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates["api_anonymous"] == os.environ.get("ISUPPORT_API_ANON_RATE", "60/minute")
    assert (
        "api.throttling.AnonymousRateThrottle"
        in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    )


def test_past_the_rate_an_address_gets_429_while_others_get_through(
    db, low_anonymous_rate, address, new_address, client_a, caseworker_a
):
    caller = client_at(HOST_A, address)
    for _ in range(RATE):
        assert caller.get("/api/v1/cases/").status_code == 401
    _is_429_problem(caller.get("/api/v1/cases/"))
    # Wrong credentials count as none: no token guessing past the rate either.
    guesser = client_at(HOST_A, address, HTTP_AUTHORIZATION="Bearer isk_aaaaaaaaaaaa_" + "A" * 43)
    _is_429_problem(guesser.get("/api/v1/cases/"))
    # Another address is counted apart.
    other = client_at(HOST_A, new_address())
    assert other.get("/api/v1/cases/").status_code == 401
    # An integration client and a signed-in caseworker at the same address are not held back.
    authenticated = client_at(HOST_A, address, HTTP_AUTHORIZATION=f"Bearer {client_a[1]}")
    assert authenticated.get("/api/v1/cases/").status_code == 200
    signed_in = client_for(HOST_A, caseworker_a, client_address=address)
    assert signed_in.get("/api/v1/cases/").status_code == 200


def test_wrong_tokens_are_counted_like_missing_ones(db, low_anonymous_rate, address):
    guesser = client_at(HOST_A, address)
    for attempt in range(RATE):
        token = f"isk_{attempt:012d}_" + "B" * 43
        response = guesser.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 401
    _is_429_problem(guesser.get("/api/v1/cases/"))


def test_each_state_counts_its_own_unauthenticated_requests(db, low_anonymous_rate, address):
    for _ in range(RATE):
        assert client_at(HOST_A, address).get("/api/v1/cases/").status_code == 401
    _is_429_problem(client_at(HOST_A, address).get("/api/v1/cases/"))
    assert client_at(HOST_B, address).get("/api/v1/cases/").status_code == 401


def test_behind_proxies_the_address_is_the_one_the_outermost_trusted_proxy_saw(
    db, low_anonymous_rate, address, new_address, settings
):
    settings.ISUPPORT_PROXY_COUNT = 1
    load_balancer = new_address()
    for forged in range(RATE + 2):
        # The client writes what it likes to the left of the entry its proxy appends: ignored.
        caller = client_at(
            HOST_A, load_balancer, HTTP_X_FORWARDED_FOR=f"203.0.113.{forged + 1}, {address}"
        )
        response = caller.get("/api/v1/cases/")
        assert response.status_code == (401 if forged < RATE else 429)
    # Another client behind the same load balancer is counted apart.
    neighbour = client_at(HOST_A, load_balancer, HTTP_X_FORWARDED_FOR=new_address())
    assert neighbour.get("/api/v1/cases/").status_code == 401


def test_the_schema_and_the_docs_are_throttled_too(db, low_anonymous_rate, address):
    caller = client_at(HOST_A, address)
    for path in ("/api/v1/schema/", "/api/v1/docs/", "/api/v1/cases/"):
        assert caller.get(path).status_code == 401
    _is_429_problem(caller.get("/api/v1/schema/"))
