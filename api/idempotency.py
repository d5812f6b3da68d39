"""``Idempotency-Key`` on POST: the first request's response (2xx only) is stored with the
change it made, in the same transaction; a retry with the same key and the same request gets
that response again (``Idempotent-Replayed: true``) and changes nothing; the same key with a
different request is refused (422). Keys belong to the user (an API client's service user or a
signed-in user) and are kept 24 hours.

The request is fingerprinted by method, path and the SHA-256 of its content: the JSON body in
canonical form (keys sorted), or the form fields and each uploaded file's own SHA-256.
"""

import functools
import hashlib
import json
import re

from django.db import transaction
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.problems import IdempotencyKeyReused, InvalidIdempotencyKey
from api.selectors import idempotency_record_find
from api.services import IDEMPOTENCY_RETENTION, idempotency_lock, idempotency_record_store

HEADER = "Idempotency-Key"
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def _content_sha256(request) -> str:
    digest = hashlib.sha256()
    data = request.data
    if hasattr(data, "lists"):  # form data (multipart)
        fields = sorted(
            (name, values) for name, values in data.lists() if name not in request.FILES
        )
        digest.update(json.dumps(fields, sort_keys=True, default=str).encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                file_digest = hashlib.sha256()
                for chunk in upload.chunks():
                    file_digest.update(chunk)
                upload.seek(0)
                digest.update(f"|{name}|{upload.name}|{file_digest.hexdigest()}".encode())
    else:
        digest.update(json.dumps(data, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _fingerprint(request) -> str:
    return hashlib.sha256(
        f"{request.method}|{request.path}|{_content_sha256(request)}".encode()
    ).hexdigest()


def idempotent(handler):
    """Decorate an API view's ``post``."""

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return handler(view, request, *args, **kwargs)
        if not _KEY.match(key):
            raise InvalidIdempotencyKey
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            idempotency_lock(user=request.user, key=key)
            stored = idempotency_record_find(
                user=request.user, key=key, since=timezone.now() - IDEMPOTENCY_RETENTION
            )
            if stored is not None:
                if stored.request_sha256 != fingerprint:
                    raise IdempotencyKeyReused
                return Response(
                    stored.response_body,
                    status=stored.response_status,
                    headers={"Idempotent-Replayed": "true"},
                )
            response = handler(view, request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                idempotency_record_store(
                    user=request.user,
                    key=key,
                    method=request.method,
                    path=request.path,
                    request_sha256=fingerprint,
                    status=response.status_code,
                    body=json.loads(JSONRenderer().render(response.data) or b"null"),
                )
        return response

    return wrapper
