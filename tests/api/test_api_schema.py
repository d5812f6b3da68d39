"""The OpenAPI schema: it generates and validates without a warning, and the API keeps to it
(Schemathesis, in-process through the WSGI application): a few examples per operation, then
every HTTP method on every path (OPTIONS included) and bodies of a malformed or unsupported
media type, none answered with a server error."""

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


def _served_schema(api_a):
    """The schema the API serves, loaded by Schemathesis to call the WSGI application."""
    import schemathesis

    schema = schemathesis.openapi.from_dict(api_a.get("/api/v1/schema/?format=json").json())
    schema.app = WSGIHandler()
    return schema


def test_api_conforms_to_its_schema_and_never_fails_with_a_server_error(
    api_a, client_a, user_a, make_incoming
):
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
    )

    case_of_a = make_incoming(user_a)
    schema = _served_schema(api_a)
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


def test_every_method_on_every_path_never_fails_with_a_server_error(
    api_a, client_a, user_a, make_incoming
):
    """Schemathesis' coverage phase, the cases it makes of what the schema does not declare:
    each HTTP method a path does not document (OPTIONS, DELETE, PATCH, PUT, TRACE, QUERY, and
    GET or POST where the path has only the other), and a body whose Content-Type is malformed
    or not one the operation takes. OPTIONS answers 200 with ``Allow``; any other undeclared
    method 405 with ``Allow``; every refusal is problem+json; never a 5xx."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.core.failures import FailureGroup
    from schemathesis.generation import GenerationMode
    from schemathesis.generation.meta import CoverageScenario
    from schemathesis.specs.openapi.checks import unsupported_method

    probes = {
        CoverageScenario.UNSPECIFIED_HTTP_METHOD,
        CoverageScenario.MALFORMED_CONTENT_TYPE,
        CoverageScenario.UNSUPPORTED_CONTENT_TYPE,
    }
    case_of_a = make_incoming(user_a)
    schema = _served_schema(api_a)
    headers = {"Authorization": f"Bearer {client_a[1]}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    declared: dict[str, set[str]] = {}
    for operation in operations:
        declared.setdefault(operation.path, set()).add(operation.method.upper())
    sent, failures = [], []

    with connections_kept_open():
        for operation in operations:
            cases = schema.iter_coverage_cases(
                operation,
                generation_modes=[GenerationMode.NEGATIVE],
                generation_config=schema.config.generation_for(
                    operation=operation, phase="coverage"
                ),
            )
            for case in cases:
                if case.meta.phase.data.scenario not in probes:
                    continue
                # Every other one about a real case, so that the route's own view answers.
                if "case_id" in (case.path_parameters or {}) and len(sent) % 2:
                    case.path_parameters["case_id"] = str(case_of_a.pk)
                response = case.call(base_url=f"http://{HOST_A}", headers=headers)
                connection.set_schema_to_public()
                label = (case.method, operation.path, case.meta.phase.data.scenario.value)
                sent.append((*label, response.status_code))
                try:
                    case.validate_response(
                        response, checks=[not_a_server_error, unsupported_method]
                    )
                except FailureGroup as error:  # every failure reported at once
                    failures.append((*label, response.status_code, str(error)[:300]))
                content_type = (response.headers.get("content-type") or [""])[0]
                if response.status_code >= 400 and content_type != "application/problem+json":
                    failures.append((*label, response.status_code, content_type))
                if case.method == "OPTIONS":
                    allow = {
                        m.strip() for m in (response.headers.get("allow") or [""])[0].split(",")
                    }
                    if (
                        response.status_code != 200
                        or allow - {"HEAD", "OPTIONS", ""} != declared[operation.path]
                    ):
                        failures.append((*label, response.status_code, sorted(allow)))

    assert not failures, "\n".join(" ".join(map(str, failure)) for failure in failures)
    methods = {method for method, *_ in sent}
    assert methods >= {"OPTIONS", "DELETE", "PATCH", "PUT", "TRACE", "GET", "POST"}, methods
    assert {path for method, path, *_ in sent if method == "OPTIONS"} == set(declared)
    assert {405, 415} <= {status for *_, status in sent}
    assert token_client(HOST_A, client_a[1]).get("/api/v1/cases/").status_code == 200
