"""Errors as ``application/problem+json`` (RFC 9457): ``type``, ``title``, ``status``,
``detail``, ``instance``, and ``errors`` (messages per field) for invalid input.

Messages are the translated ones of the services and serializers; none repeats a submitted
value. What Django refuses as it reads a request (``SuspiciousOperation``: a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE``, too many fields or files) is a problem too, 413 or 400, as are
the API's own refusals of a malformed ``cursor`` or JSON nested too deeply. An unexpected
exception gives a bare 500: its details go to the log (formatted safely by
``isupport.observability``) and to Sentry, never to the client.
"""

import logging

import sentry_sdk
from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, UnreadablePostError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cases.errors import CaseError, StaleCaseError

logger = logging.getLogger("api")

PROBLEM_BASE = "https://isupport.invalid/problems/"


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/problem+json"
    format = "problem+json"


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"

    def __init__(self):
        super().__init__(
            _("This Idempotency-Key was already used for a different request."),
            code=self.default_code,
        )


class InvalidIdempotencyKey(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_idempotency_key"

    def __init__(self):
        super().__init__(
            _("The Idempotency-Key header must be 1 to 255 visible ASCII characters."),
            code=self.default_code,
        )


class InvalidCursor(exceptions.APIException):
    """A ``cursor`` the lists did not give: undecodable, or its position not of the ordering's
    type (``api.pagination``)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_cursor"

    def __init__(self):
        super().__init__(
            _("The cursor is not valid: follow the next and previous links as given."),
            code=self.default_code,
        )


class JSONTooDeep(exceptions.ParseError):
    default_code = "json_too_deep"

    def __init__(self, depth: int):
        super().__init__(
            _("The JSON body is nested too deeply: at most %(depth)d levels.") % {"depth": depth},
            code=self.default_code,
        )


class RequestOverLimit(exceptions.APIException):
    """Django's limits on what it reads of a request, met while DRF parses it (or reads the
    query string): ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413), ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` and
    ``DATA_UPLOAD_MAX_NUMBER_FILES`` (400, as Django answers them)."""

    def __init__(self, exc: SuspiciousOperation):
        if isinstance(exc, RequestDataTooBig):
            self.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
            message = _(
                "The request body is too large: at most %(size)d MB besides uploaded files."
            ) % {"size": max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20)}
            code = "request_too_large"
        elif isinstance(exc, TooManyFieldsSent):
            self.status_code = status.HTTP_400_BAD_REQUEST
            message = _("Too many fields or query parameters: at most %(count)d.") % {
                "count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
            }
            code = "too_many_fields"
        else:
            self.status_code = status.HTTP_400_BAD_REQUEST
            message = _("Too many files: at most %(count)d.") % {
                "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
            }
            code = "too_many_files"
        super().__init__(message, code=code)


# Lazy: translated when a response is built, in the language of its request.
_TITLES = {
    400: gettext_lazy("The request is not valid"),
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    409: gettext_lazy("Conflict"),
    413: gettext_lazy("Request too large"),
    415: gettext_lazy("Unsupported media type"),
    422: gettext_lazy("The request cannot be processed"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Internal server error"),
}


def problem(
    request,
    *,
    status_code: int,
    code: str,
    detail: str | None = None,
    errors: dict | None = None,
    headers: dict | None = None,
) -> Response:
    body = {
        "type": PROBLEM_BASE + code,
        "title": str(_TITLES.get(status_code, _TITLES[400])),
        "status": status_code,
        "detail": detail,
        "instance": request.path if request is not None else None,
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    if request is not None:
        # The problem is rendered as JSON whatever the request accepted.
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = ProblemJSONRenderer.media_type
    response = Response(body, status=status_code, headers=headers)
    response.problem = True
    return response


def _field_errors(detail) -> dict:
    """DRF's nested error details as ``{field: [messages]}`` (nested fields dotted, list items
    by index), codes kept apart from the messages."""
    flat: dict[str, list[str]] = {}

    def walk(value, path: str):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            if value and all(isinstance(item, exceptions.ErrorDetail) for item in value):
                flat.setdefault(path or "non_field_errors", []).extend(str(i) for i in value)
            else:
                for index, item in enumerate(value):
                    walk(item, f"{path}.{index}" if path else str(index))
        else:
            flat.setdefault(path or "non_field_errors", []).append(str(value))

    walk(detail, "")
    return flat


def problem_exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, StaleCaseError):
        return problem(
            request,
            status_code=409,
            code=exc.code,
            detail=exc.message,
            errors={exc.field: [exc.message]} if exc.field else None,
        )
    if isinstance(exc, CaseError):
        return problem(
            request,
            status_code=422,
            code=exc.code,
            detail=exc.message,
            errors={exc.field: [exc.message]} if exc.field else None,
        )
    if isinstance(exc, Http404 | exceptions.NotFound):
        return problem(
            request, status_code=404, code="not_found", detail=_("No such resource here.")
        )
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, SuspiciousOperation | BadRequest | UnreadablePostError):
        # What Django answers 400 itself when it reads a request (logged as it logs them, under
        # django.security); here while DRF parses the body or the view reads the query string.
        if isinstance(exc, SuspiciousOperation):
            logging.getLogger(f"django.security.{exc.__class__.__name__}").warning(
                "%s: %s", exc, request.path if request is not None else ""
            )
        if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
            exc = RequestOverLimit(exc)
        else:
            return problem(request, status_code=400, code="bad_request")
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            request,
            status_code=400,
            code="invalid",
            detail=_("Correct the errors listed."),
            errors=_field_errors(exc.detail),
        )
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            authenticate = context["view"].get_authenticate_header(request) if request else None
            if authenticate:
                headers["WWW-Authenticate"] = authenticate
            exc.status_code = status.HTTP_401_UNAUTHORIZED
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait) + 1)
        # Only messages written here are passed on: DRF's own for parse errors, media types and
        # methods would quote what the client sent.
        detail = str(exc.detail) if isinstance(exc, _OWN_MESSAGES) else None
        codes = exc.get_codes()
        return problem(
            request,
            status_code=exc.status_code,
            code=codes if isinstance(codes, str) else exc.default_code,
            detail=detail,
            headers=headers,
        )
    logger.error("Unexpected error in an API request", exc_info=exc)
    sentry_sdk.capture_exception(exc)
    return problem(request, status_code=500, code="server_error")


_OWN_MESSAGES = (
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
    InvalidCursor,
    JSONTooDeep,
    RequestOverLimit,
    exceptions.AuthenticationFailed,
    exceptions.NotAuthenticated,
    exceptions.PermissionDenied,
    exceptions.Throttled,
)
