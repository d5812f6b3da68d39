"""Hostile request shapes on every endpoint of the API: no client request may give a server
error, every refusal is ``application/problem+json`` and nothing is written.

The routes are enumerated from the State URLconf (every pattern under ``api/v1/``, the catch-all
included), path parameters filled with a real case's identifiers, and each shape is sent with
each method the endpoint's view allows:

- bodies Django refuses while DRF parses them: a JSON body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``
  (``RequestDataTooBig``), a multipart form with a field over it, more form fields than
  ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (``TooManyFieldsSent``), more files than
  ``DATA_UPLOAD_MAX_NUMBER_FILES`` (``TooManyFilesSent``), and JSON nested 100,000 deep (Python's
  ``json`` raises ``RecursionError``): refused with 4xx by every method that takes a body (GET and
  OPTIONS ignore a body), with an Idempotency-Key or without, by token or by session (whose CSRF
  check reads a form body while authenticating);
- query strings: a ``cursor`` that decodes to a position of the wrong type, or to no cursor at
  all (400 ``invalid_cursor`` on the two paginated lists, ignored elsewhere), and more
  parameters than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (400 ``too_many_fields`` wherever the query
  string is read: DRF's content negotiation reads it on every view but the download);
- ``OPTIONS``: 200 with ``Allow`` listing the view's methods where the route exists (404
  elsewhere), never a serializer's introspection.
"""

import base64
import datetime
import json
from functools import cache
from typing import NamedTuple
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.parsers import MAX_JSON_DEPTH
from cases import services
from cases.models import Case, Deadline, Decision, Document, Note, Party, Task, TimelineEvent
from tests.api.conftest import PDF
from tests.cases.conftest import add_pdf
from tests.conftest import HOST_A, client_for

PROBLEM = "application/problem+json"
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
WRITTEN = (Case, Party, Decision, Document, Note, Task, Deadline, TimelineEvent)


# --- The routes -----------------------------------------------------------------------------------


class Endpoint(NamedTuple):
    name: str
    path: str
    methods: set[str]  # those its view allows, HEAD aside
    parses: set[str]  # the media types its view takes


def endpoints(ids) -> list[Endpoint]:
    """Every route under api/v1/ on a State's host (the catch-all at /api/v1/nowhere/), its
    identifiers those of a real case."""
    api = next(
        entry
        for entry in get_resolver("isupport.urls_state").url_patterns
        if isinstance(entry, URLResolver) and str(entry.pattern) == "api/v1/"
    )
    found = []
    for pattern in api.url_patterns:
        assert isinstance(pattern, URLPattern), pattern
        if pattern.name == "not_found":
            path = "/api/v1/nowhere/"
        else:
            parameters = getattr(pattern.pattern, "converters", {})
            path = reverse(
                f"api:{pattern.name}",
                urlconf="isupport.urls_state",
                kwargs={parameter: ids[parameter] for parameter in parameters},
            )
        view = pattern.callback.cls()
        found.append(
            Endpoint(
                pattern.name,
                path,
                {method for method in view.allowed_methods if method != "HEAD"},
                {parser.media_type for parser in view.get_parsers()},
            )
        )
    assert len(found) == 21, [endpoint.name for endpoint in found]
    return found


@pytest.fixture
def ids(user_a, make_outgoing):
    """A's outgoing case with parties, a decision, a document, a note and an open task."""
    case = make_outgoing(user_a)
    services.decision_record(
        user=user_a,
        case=case,
        authority="Tribunal",
        decision_date=datetime.date(2024, 1, 2),
        state_of_origin="PT",
        amount=100,
        currency="EUR",
        frequency="monthly",
        starts_on=datetime.date(2024, 2, 1),
    )
    services.note_add(user=user_a, case=case, text="A note")
    return {
        "case_id": case.pk,
        "document_id": add_pdf(user_a, case).pk,
        "task_id": services.task_add(user=user_a, case=case, title="A task").pk,
    }


@pytest.fixture
def written(in_state, state_a):
    """written() -> every row of the case tables, to compare before and after."""

    def snapshot():
        in_state(state_a)
        rows = {}
        with connection.cursor() as cursor:
            for model in WRITTEN:
                cursor.execute(f"SELECT * FROM {model._meta.db_table} ORDER BY id")
                rows[model.__name__] = cursor.fetchall()
        return rows

    return snapshot


def _client(token: str) -> Client:
    # A server error comes back as a response to count, not as an exception in the test.
    return Client(
        HTTP_HOST=HOST_A, HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False
    )


@pytest.fixture
def api(client_a):
    return _client(client_a[1])


@pytest.fixture
def session(caseworker_a):
    """A signed-in caseworker whose requests pass the CSRF check (it reads a form body)."""
    client = client_for(HOST_A, caseworker_a)
    client.raise_request_exception = False
    client.handler.enforce_csrf_checks = True
    client.get("/api/v1/cases/")
    client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies[settings.CSRF_COOKIE_NAME].value
    return client


# --- The shapes -----------------------------------------------------------------------------------


@cache
def _body(shape: str) -> tuple[bytes, str]:
    """(body, content type) of a body shape, at the limits the settings give."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if shape == "oversized_json":
        return json.dumps({"text": "x" * (limit + 1)}).encode(), "application/json"
    if shape == "nested_json":
        return b"[" * 100_000 + b"]" * 100_000, "application/json"
    if shape == "deep_json":  # deep enough to refuse, not to exhaust the stack
        depth = MAX_JSON_DEPTH
        return b'{"details": ' + b"[" * depth + b"]" * depth + b"}", "application/json"
    if shape == "oversized_multipart":
        fields = {"kind": "decision_text", "text": "x" * (limit + 1)}
    elif shape == "too_many_fields":
        fields = {f"field{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    elif shape == "too_many_files":
        fields = {
            "file": [
                SimpleUploadedFile(f"{i}.pdf", PDF, content_type="application/pdf")
                for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
            ],
            "kind": "decision_text",
            "language": "pt",
        }
    else:
        raise ValueError(shape)
    return encode_multipart(BOUNDARY, fields), MULTIPART_CONTENT


# What each shape is refused with where the endpoint takes its media type.
EXPECTED = {
    "oversized_json": (413, "request_too_large"),
    "oversized_multipart": (413, "request_too_large"),
    "too_many_fields": (400, "too_many_fields"),
    "too_many_files": (400, "too_many_files"),
    "nested_json": (400, "json_too_deep"),
    "deep_json": (400, "json_too_deep"),
}
BODY_SHAPES = list(EXPECTED)


def _cursor(position: str) -> str:
    return base64.b64encode(f"o=0&r=0&p={position}".encode()).decode()


# Positions of the wrong type for -created_at (cases) and due (deadlines), and cursors that are
# not one at all.
BAD_CURSORS = [
    _cursor("not-a-date"),
    _cursor("2024-99-99"),
    _cursor("2024-01-01%2012:00:00"),  # a naive date and time
    _cursor("12345"),
    _cursor("00000000-0000-0000-0000-000000000000"),
    _cursor("%00"),
    _cursor("9999-12-31%2023:59:59.999999-23:59"),
    base64.b64encode(b"o=-1&p=x").decode(),
    base64.b64encode(b"o=x&p=2024-01-01").decode(),
    "not base64!",
    base64.b64encode("p=é".encode()).decode(),
]
PAGINATED = {("case_list", "GET"), ("deadline_list", "GET")}


def _check(response, failures: list, label) -> None:
    if response.status_code >= 500:
        failures.append((*label, response.status_code))
    elif response.status_code >= 400 and response["Content-Type"] != PROBLEM:
        failures.append((*label, response.status_code, response["Content-Type"]))


def _check_refusal(response, failures: list, label, shape: str, endpoint: Endpoint) -> None:
    """A body shape sent with a method that takes a body is refused (4xx); with the shape's own
    status and code where the endpoint exists and takes the body's media type."""
    if response.status_code < 400:
        failures.append((*label, response.status_code, "not refused"))
    elif response.status_code < 500 and endpoint.name != "not_found":
        if _body(shape)[1].split(";")[0] in endpoint.parses:
            refusal = (response.status_code, response.json()["code"])
            if refusal != EXPECTED[shape]:
                failures.append((*label, *refusal))
        elif response.status_code != 415:
            failures.append((*label, response.status_code, "not 415"))


def _report(failures: list) -> str:
    return "\n".join(" ".join(map(str, failure)) for failure in failures)


# --- The tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", BODY_SHAPES)
def test_bodies_django_refuses_are_4xx_problems_on_every_endpoint_and_write_nothing(
    shape, api, ids, written
):
    body, content_type = _body(shape)
    before = written()
    failures = []
    for endpoint in endpoints(ids):
        for method in sorted(endpoint.methods):
            for headers in ({}, {"HTTP_IDEMPOTENCY_KEY": f"{shape}-{endpoint.name}"}):
                if headers and method != "POST":
                    continue
                response = api.generic(
                    method, endpoint.path, body, content_type=content_type, **headers
                )
                label = (shape, method, endpoint.name, "with Idempotency-Key" if headers else "")
                _check(response, failures, label)
                if method in BODY_METHODS:
                    _check_refusal(response, failures, label, shape, endpoint)
    assert not failures, _report(failures)
    assert written() == before


@pytest.mark.parametrize("shape", ["oversized_multipart", "too_many_fields", "too_many_files"])
def test_form_bodies_django_refuses_are_4xx_problems_for_a_signed_in_user(
    shape, session, ids, written
):
    body, content_type = _body(shape)
    before = written()
    failures = []
    for endpoint in endpoints(ids):
        for method in sorted(endpoint.methods & BODY_METHODS):
            response = session.generic(method, endpoint.path, body, content_type=content_type)
            label = (shape, method, endpoint.name, "signed in")
            _check(response, failures, label)
            _check_refusal(response, failures, label, shape, endpoint)
    assert not failures, _report(failures)
    assert written() == before


def test_a_cursor_of_the_wrong_type_is_a_400_problem_on_every_endpoint(api, ids, user_a, written):
    # The task already done, so that a POST marking it done (a cursor changes nothing to that)
    # writes nothing either; every other POST without a body is refused.
    task = services.task_complete(user=user_a, task=Task.objects.get(pk=ids["task_id"]))
    assert task.done_at is not None
    before = written()
    failures = []
    for endpoint in endpoints(ids):
        for method in sorted(endpoint.methods):
            # Every bad cursor on the paginated lists; two anywhere else (a cursor is ignored).
            paginated = (endpoint.name, method) in PAGINATED
            for cursor in BAD_CURSORS if paginated else (BAD_CURSORS[0], BAD_CURSORS[-2]):
                response = api.generic(method, f"{endpoint.path}?{urlencode({'cursor': cursor})}")
                label = ("bad_cursor", method, endpoint.name, cursor)
                _check(response, failures, label)
                if paginated and (
                    response.status_code != 400 or response.json()["code"] != "invalid_cursor"
                ):
                    failures.append((*label, response.status_code, "not invalid_cursor"))
    assert not failures, _report(failures)
    assert written() == before


def test_the_cursors_the_lists_give_still_work(api, ids, user_a, make_incoming):
    for _ in range(3):
        make_incoming(user_a, received_on=datetime.date.today() - datetime.timedelta(days=90))
    for path in ("/api/v1/cases/?page_size=1", "/api/v1/deadlines/?page_size=1"):
        seen, url = [], path
        while url:
            page = api.get(url)
            assert page.status_code == 200, page.content
            seen += [item["id"] for item in page.json()["results"]]
            url = page.json()["next"]
        assert len(seen) == len(set(seen)) >= 3, path
        previous = api.get(page.json()["previous"]) if page.json()["previous"] else None
        assert previous is None or previous.status_code == 200


def test_too_many_query_parameters_are_a_400_problem_on_every_endpoint(api, ids, written):
    query = "&".join(f"q{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    before = written()
    failures = []
    for endpoint in endpoints(ids):
        for method in sorted(endpoint.methods):
            response = api.generic(method, f"{endpoint.path}?{query}")
            label = ("too_many_query_parameters", method, endpoint.name)
            _check(response, failures, label)
            if response.status_code < 400:
                # The download reads no query string (its content negotiation is forced).
                if endpoint.name != "document_download":
                    failures.append((*label, response.status_code, "not refused"))
            elif (response.status_code, response.json()["code"]) != (400, "too_many_fields"):
                failures.append((*label, response.status_code, response.json()["code"]))
    assert not failures, _report(failures)
    assert written() == before


def test_options_answers_the_allowed_methods_on_every_endpoint(api, ids, written):
    before = written()
    failures = []
    for endpoint in endpoints(ids):
        response = api.options(endpoint.path)
        label = ("OPTIONS", "OPTIONS", endpoint.name)
        _check(response, failures, label)
        if endpoint.name == "not_found":
            if response.status_code != 404:
                failures.append((*label, response.status_code, "not 404"))
            continue
        allow = {method.strip() for method in response.get("Allow", "").split(",")} - {""}
        if response.status_code != 200 or allow - {"HEAD"} != endpoint.methods:
            failures.append((*label, response.status_code, "Allow:", sorted(allow)))
        elif set(response.json()["methods"]) != allow or "actions" in response.json():
            failures.append((*label, response.json()))
    assert not failures, _report(failures)
    assert written() == before


def test_options_needs_authentication(ids):
    response = Client(HTTP_HOST=HOST_A).options(f"/api/v1/cases/{ids['case_id']}/transmit/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_the_refusals_say_what_is_wrong_in_the_language_of_the_request(api, ids):
    nested = api.post(
        "/api/v1/cases/",
        _body("nested_json")[0],
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    ).json()
    assert nested["detail"] == (
        f"Le corps JSON est trop profondément imbriqué : {MAX_JSON_DEPTH} niveaux au plus."
    )
    large = api.generic(
        "POST", "/api/v1/cases/", *_body("oversized_json"), HTTP_ACCEPT_LANGUAGE="de"
    ).json()
    assert (large["status"], large["title"]) == (413, "Anfrage zu groß")
    assert large["detail"].startswith("Der Inhalt der Anfrage ist zu groß: höchstens 5 MB")
    cursor = api.get(
        "/api/v1/deadlines/", {"cursor": BAD_CURSORS[0]}, HTTP_ACCEPT_LANGUAGE="pt"
    ).json()
    assert cursor["detail"] == (
        "O cursor não é válido: siga as ligações next e previous tal como são dadas."
    )
    files = api.generic(
        "POST",
        f"/api/v1/cases/{ids['case_id']}/documents/",
        *_body("too_many_files"),
        HTTP_ACCEPT_LANGUAGE="es",
    ).json()
    assert files["detail"] == (
        f"Demasiados archivos: {settings.DATA_UPLOAD_MAX_NUMBER_FILES} como máximo."
    )


def test_whatever_else_django_finds_suspicious_is_a_400_problem(rf):
    from django.core.exceptions import BadRequest, SuspiciousOperation
    from django.http import UnreadablePostError
    from rest_framework.request import Request

    from api.problems import problem_exception_handler

    request = Request(rf.post("/api/v1/cases/"))
    for exc in (SuspiciousOperation("x"), BadRequest("x"), UnreadablePostError("x")):
        response = problem_exception_handler(exc, {"request": request, "view": None})
        assert (response.status_code, response.data["code"]) == (400, "bad_request")
        assert response.data["detail"] is None
