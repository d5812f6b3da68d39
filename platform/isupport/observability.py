"""Logs, Sentry and the health check.

Personal data never reaches logs or Sentry: logs carry identifiers (schema, request id, row UUIDs)
only, and every Sentry event goes through `scrub_event` before it leaves the process.
"""

import contextvars
import json
import logging
import sys
import time
import traceback
import uuid
from typing import Any

from django.db import connection
from django.http import JsonResponse

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# Keys whose values are personal or secret wherever they appear in an event.
SENSITIVE_KEYS = frozenset(
    {
        "address",
        "authorization",
        "cookie",
        "cookies",
        "csrfmiddlewaretoken",
        "data",
        "date_of_birth",
        "email",
        "family_name",
        "given_names",
        "ip_address",
        "name",
        "password",
        "phone",
        "query_string",
        "sessionid",
        "__host-sessionid",
        "csrftoken",
        "__host-csrftoken",
        "username",
        "vars",
    }
)
FILTERED = "[Filtered]"


def message_is_safe(kind: type) -> bool:
    """Whether an exception class promises messages without personal data: the project marks
    such classes with `safe_to_log = True` (their messages name States, rows and articles, never
    values). Any other exception's message may quote a value (Python's own ValueError does)."""
    return getattr(kind, "safe_to_log", False) is True


def describe_exception(error: BaseException) -> str:
    message = str(error) if message_is_safe(type(error)) else FILTERED
    return f"{type(error).__qualname__}: {message}"


def format_exception_safely(error: BaseException) -> str:
    """A traceback (causes first, as Python prints it) in which only the project's own
    exception messages are kept."""
    parts, seen = [], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frames = "".join(traceback.format_tb(error.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{describe_exception(error)}")
        error = error.__cause__ or error.__context__
    return "\n\nwhich led to:\n\n".join(reversed(parts))


class ContextFilter(logging.Filter):
    """Adds the schema (which State) and the request id to every log record, and keeps
    exception messages out of the arguments of Celery's task-failure lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.schema = _current_schema()
        record.request_id = request_id_var.get()
        # celery.app.trace logs "... raised unexpected: %(exc)s" with the exception's repr.
        failure = record.exc_info[1] if record.exc_info else None
        if failure is not None and isinstance(record.args, dict) and "exc" in record.args:
            record.args = {
                **record.args,
                "exc": describe_exception(failure),
                "traceback": "",
                "args": FILTERED,
                "kwargs": FILTERED,
            }
            record.data = record.args
        return True


def _current_schema() -> str:
    from django.apps import apps

    if not apps.ready:  # logging during start-up or shut-down: no connection to ask
        return "-"
    return getattr(connection, "schema_name", "-")


class TextFormatter(logging.Formatter):
    """Plain lines for development, with the same filtering of exception messages."""

    def formatException(self, exc_info) -> str:
        return format_exception_safely(exc_info[1])


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "schema": getattr(record, "schema", "-"),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key in ("event", "state", "task_id"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = format_exception_safely(record.exc_info[1])
        return json.dumps(entry, default=str)


class RequestContextMiddleware:
    """Gives each request an id (from X-Request-ID when a proxy set one) for logs and Sentry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            _sentry_tag("schema", connection.schema_name)
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class HealthCheckMiddleware:
    """Answers /healthz on any host, before tenant routing, for load balancers and operators."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != "/healthz":
            return self.get_response(request)
        checks = {"database": _check_database(), "redis": _check_redis()}
        healthy = all(result == "ok" for result in checks.values())
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", **checks},
            status=200 if healthy else 503,
        )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:
        logging.getLogger(__name__).warning("health check: database: %s", type(error).__name__)
        return "unavailable"


def _check_redis() -> str:
    import redis
    from django.conf import settings

    try:
        with redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2) as client:
            client.ping()
        return "ok"
    except redis.RedisError as error:
        logging.getLogger(__name__).warning("health check: redis: %s", type(error).__name__)
        return "unavailable"


# --- Sentry ----------------------------------------------------------------------------------


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Remove personal data from a Sentry event: request bodies, cookies, query strings, user
    details beyond the id, local variables, and any value under a sensitive key."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value
                for name, value in headers.items()
                if name.lower() in {"content-type", "content-length", "user-agent", "x-request-id"}
            }
    if isinstance(event.get("user"), dict):
        event["user"] = {"id": event["user"]["id"]} if "id" in event["user"] else {}
    for exception in (event.get("exception") or {}).get("values", []):
        if not message_is_safe(_exception_class(exception.get("module"), exception.get("type"))):
            exception["value"] = FILTERED
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values", []):
        breadcrumb.pop("data", None)
    return _scrub_values(event)


def _exception_class(module: str | None, name: str | None) -> type | None:
    """The class a Sentry event names, if its module is loaded (it is, it just raised)."""
    return getattr(sys.modules.get(module or ""), name or "", None)


def _scrub_values(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: FILTERED if str(key).lower() in SENSITIVE_KEYS else _scrub_values(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_scrub_values(item) for item in value]
    return value


def init_sentry(*, dsn: str, environment: str, traces_sample_rate: float, **options) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        # Collect no user details, no request bodies and no local variables at all; scrub_event
        # then removes whatever an integration or a developer still attached.
        data_collection={"user_info": False, "http_bodies": [], "stack_frame_variables": False},
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        **options,
    )


def _sentry_tag(key: str, value: str) -> None:
    import sentry_sdk

    sentry_sdk.set_tag(key, value)
