"""HTTPS settings: a deployment redirects HTTP to HTTPS and sends HSTS for a year by default;
development and the tests speak plain HTTP; the load balancer's health check is never
redirected."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from isupport.settings.base import https_defaults
from tests.conftest import HOST_A

ROOT = Path(__file__).resolve().parents[1]
ONE_YEAR = 31536000


@pytest.mark.parametrize(
    ("debug", "environment", "expected"),
    [
        (False, "production", (True, ONE_YEAR)),
        (False, "staging", (True, ONE_YEAR)),
        (False, "development", (False, 0)),  # the tests, CI
        (True, "development", (False, 0)),  # make run
        (True, "staging", (False, 0)),
    ],
)
def test_https_defaults_are_on_wherever_deployed_and_off_in_development(
    debug, environment, expected
):
    assert https_defaults(debug=debug, environment=environment) == expected


def _settings_in_a_fresh_process(**environment) -> dict:
    variables = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ISUPPORT_", "DJANGO_"))
    }
    variables.update(
        DJANGO_SETTINGS_MODULE="isupport.settings",
        PYTHONPATH=f"{ROOT / 'platform'}:{ROOT}",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        REDIS_URL="redis://127.0.0.1:1/0",
        **environment,
    )
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=variables,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_redirects_to_https_and_sends_hsts_for_a_year_by_default():
    production = {
        "ISUPPORT_ENVIRONMENT": "production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "ISUPPORT_MASTER_KEY": "A" * 43 + "=",
        "ISUPPORT_PROXY_COUNT": "1",
    }
    assert _settings_in_a_fresh_process(**production) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": ONE_YEAR,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        # Behind the load balancer, which terminates TLS, its X-Forwarded-Proto says HTTPS.
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }
    # Each stays configurable.
    assert _settings_in_a_fresh_process(
        **production, ISUPPORT_SSL_REDIRECT="0", ISUPPORT_HSTS_SECONDS="0"
    ) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_development_speaks_plain_http():
    assert _settings_in_a_fresh_process(DJANGO_DEBUG="1") == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_the_test_suite_speaks_plain_http(settings):
    assert not settings.SECURE_SSL_REDIRECT and settings.SECURE_HSTS_SECONDS == 0


@pytest.fixture
def production_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = ONE_YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return settings


def test_plain_http_is_redirected_to_https(db, production_https):
    response = Client(HTTP_HOST=HOST_A).get("/accounts/login/?next=/cases/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST_A}/accounts/login/?next=/cases/"


def test_https_through_the_load_balancer_is_served_with_hsts(db, production_https):
    client = Client(HTTP_HOST=HOST_A, HTTP_X_FORWARDED_PROTO="https")
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains"


def test_the_load_balancer_health_check_is_answered_over_plain_http(db, production_https):
    for host in (HOST_A, "10.0.1.17"):  # the load balancer may call a target by its address
        response = Client(HTTP_HOST=host).get("/healthz")
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
