"""Health check, structured logs and Sentry scrubbing: no personal data leaves the process."""

import json
import logging
import sys

import sentry_sdk
from django.test import Client

from encryption.errors import DecryptionError
from isupport.observability import ContextFilter, JsonFormatter, TextFormatter, scrub_event
from tests.conftest import HOST_A, client_for

# Built from parts so that the name never appears in the source lines Sentry attaches.
NAME = "Ólafs" + "dóttir"
EMAIL = "gudrun" + "@example.org"


def _save_person(family_name: str) -> None:
    try:
        int(family_name)  # Python's own message quotes the value
    except ValueError as error:
        raise PersonNotSaved("person could not be saved") from error


class PersonNotSaved(Exception):
    pass


def test_healthz_reports_database_and_redis(db):
    for host in ("localhost", HOST_A, "anything.example"):
        response = Client(HTTP_HOST=host).get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_reports_an_unreachable_redis(db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "unavailable"


def test_logs_are_json_lines_with_schema_and_request_id():
    record = logging.LogRecord("cases", logging.INFO, __file__, 1, "case %s saved", ("42",), None)
    record.schema, record.request_id = "state_pt", "abc123"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "case 42 saved"
    assert (entry["schema"], entry["request_id"], entry["level"]) == ("state_pt", "abc123", "INFO")


def test_responses_carry_a_request_id(state_a):
    response = client_for(HOST_A).get("/accounts/login/", HTTP_X_REQUEST_ID="req-1")
    assert response["X-Request-ID"] == "req-1"


def test_sentry_is_not_initialised_without_a_dsn(settings):
    assert settings.SENTRY_DSN == ""
    assert not sentry_sdk.get_client().is_active()


def test_sentry_event_carrying_a_name_is_scrubbed():
    """A real SDK event, captured by a transport of our own, with a person's name in a local
    variable, the request body, the user, extra data and a breadcrumb."""
    sent = []

    class CapturingTransport(sentry_sdk.transport.Transport):
        def capture_envelope(self, envelope):
            for item in envelope.items:
                if item.payload.json:
                    sent.append(item.payload.json)

    from isupport.observability import init_sentry

    init_sentry(
        dsn="https://public@sentry.example/1",
        environment="test",
        traces_sample_rate=0.0,
        transport=CapturingTransport,
        default_integrations=False,
    )
    try:
        with sentry_sdk.new_scope() as scope:
            scope.set_user({"id": "7", "email": EMAIL, "username": NAME})
            scope.set_extra("family_name", NAME)
            scope.set_context("request", {"data": {"family_name": NAME}})
            sentry_sdk.add_breadcrumb(message="search", data={"family_name": NAME})
            try:
                _save_person(NAME)
            except PersonNotSaved:
                sentry_sdk.capture_exception()
        sentry_sdk.flush()
    finally:
        sentry_sdk.init(dsn=None)
    assert sent, "the event was not captured"
    serialised = json.dumps(sent, ensure_ascii=False)
    assert "PersonNotSaved" in serialised and "ValueError" in serialised
    assert "_save_person" in serialised  # the stack trace is there...
    assert NAME not in serialised and EMAIL not in serialised  # ...the person not


def _record(message, args, error):
    try:
        raise error
    except type(error):
        exc_info = sys.exc_info()
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, message, args, exc_info)
    ContextFilter().filter(record)
    return record


def test_log_lines_keep_only_messages_of_exceptions_marked_safe():
    try:
        _save_person(NAME)
    except PersonNotSaved as error:
        record = _record("failed", (), error)
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: [Filtered]" in entry["exception"]
    assert "PersonNotSaved: [Filtered]" in entry["exception"]
    assert "_save_person" in entry["exception"]
    assert NAME not in entry["exception"]
    safe = _record("failed", (), DecryptionError("state_pt has no data key version 3"))
    assert "DecryptionError: state_pt has no data key version 3" in TextFormatter().format(safe)


def test_celery_task_failure_line_carries_no_exception_message():
    """celery.app.trace logs "Task %(name)s[%(id)s] raised unexpected: %(exc)s" with the
    exception's repr, its traceback and the task's arguments in the record's arguments."""
    arguments = {
        "name": "cases.import",
        "id": "42",
        "exc": f"ValueError('{NAME}')",
        "traceback": f"... {NAME}",
        "args": f"('{NAME}',)",
        "kwargs": "{}",
    }
    record = _record(
        "Task %(name)s[%(id)s] raised unexpected: %(exc)s", arguments, ValueError(NAME)
    )
    line = JsonFormatter().format(record)
    assert "raised unexpected: ValueError: [Filtered]" in line
    assert NAME not in line and NAME not in str(record.args)


def test_scrub_event_removes_request_bodies_and_sensitive_keys():
    event = {
        "request": {
            "url": "https://pt.example/persons/",
            "data": {"family_name": "Silva"},
            "cookies": {"sessionid": "x"},
            "query_string": "family_name=Silva",
            "headers": {"Cookie": "sessionid=x", "User-Agent": "Firefox"},
        },
        "user": {"id": "1", "email": "a@b.pt", "ip_address": "10.0.0.1"},
        "extra": {"nested": [{"address": "Rua X"}], "case": "PT-2026-1"},
    }
    scrubbed = scrub_event(event)
    assert "data" not in scrubbed["request"] and "cookies" not in scrubbed["request"]
    assert scrubbed["request"]["headers"] == {"User-Agent": "Firefox"}
    assert scrubbed["user"] == {"id": "1"}
    assert scrubbed["extra"] == {"nested": [{"address": "[Filtered]"}], "case": "PT-2026-1"}
