"""The OpenAPI schema: it generates and validates without a warning, and the API keeps to it
(Schemathesis, in-process through the WSGI application, a few examples per operation)."""

import contextlib
import io

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections, connection

from tests.api.conftest import token_client
from tests.conftest import HOST_A


def test_schema_generates_and_validates_without_warnings():
    output = io.StringIO()
    call_command(
        "spectacular",
        "--urlconf",
        "isupport.urls_state",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        stdout=output,
    )
    assert '"/api/v1/cases/"' in output.getvalue()


def test_schema_is_served_and_documents_every_route(api_a):
    schema = api_a.get("/api/v1/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    paths = schema["paths"]
    assert len(paths) == 18
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "application/problem+json" in responses["404"]["content"], (path, method)
            if method == "post":
                headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
                assert "Idempotency-Key" in headers, path


@contextlib.contextmanager
def connections_kept_open():
    """Turn off the per-request connection clean-up while the WSGI application serves requests
    (as Django's test client does), so that the test's transaction survives them."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_api_conforms_to_its_schema_and_never_fails_with_a_server_error(
    api_a, client_a, user_a, make_incoming
):
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
    )

    case_of_a = make_incoming(user_a)
    schema = schemathesis.openapi.from_dict(api_a.get("/api/v1/schema/?format=json").json())
    schema.app = WSGIHandler()
    headers = {"Authorization": f"Bearer {client_a[1]}"}
    checks = [not_a_server_error, response_schema_conformance, content_type_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 24
    statuses = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case):
            # Half the examples about a real case, so that more than the 404 path runs.
            if case.path_parameters and "case_id" in case.path_parameters and hash(case) % 2:
                case.path_parameters["case_id"] = str(case_of_a.pk)
            response = case.call(base_url=f"http://{HOST_A}", headers=headers)
            connection.set_schema_to_public()
            statuses.append(response.status_code)
            case.validate_response(response, checks=checks)

        with connections_kept_open():
            exercise()
    assert len(statuses) >= 3 * len(operations)
    assert {200, 201} & set(statuses), "no example got past validation"
    # Throttling, if any, would have turned into 429s above; the client still works.
    assert token_client(HOST_A, client_a[1]).get("/api/v1/cases/").status_code == 200
