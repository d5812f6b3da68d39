"""Reads of the REST API's own records: the State's API clients (for its administrators and for
authentication) and the idempotency records. The case records the API returns are read through
``cases.selectors``, as the pages read them."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.permissions import can_manage_api_clients
from api import tokens
from api.models import ApiClient, IdempotencyRecord


def api_client_for_token(*, token: str) -> ApiClient | None:
    """The active client whose token this is, in the current State's schema (a token of another
    State finds nothing here), with its user; None for any other token."""
    prefix = tokens.token_prefix(token)
    if prefix is None:
        return None
    client = ApiClient.objects.select_related("user").filter(token_prefix=prefix).first()
    if client is None or not tokens.token_matches(token, client.token_sha256):
        return None
    if not client.is_active or not client.user.is_active:
        return None
    return client


def api_clients_for_administrator(*, user) -> list[ApiClient]:
    if not can_manage_api_clients(user):
        raise PermissionDenied
    return list(
        ApiClient.objects.select_related("user", "created_by")
        .prefetch_related("user__groups")
        .order_by("revoked_at", "name", "created_at")
    )


def api_client_get_for_administrator(*, user, client_id) -> ApiClient:
    if not can_manage_api_clients(user):
        raise PermissionDenied
    try:
        client = ApiClient.objects.select_related("user").filter(pk=uuid.UUID(str(client_id)))
    except ValueError:
        raise Http404 from None
    found = client.first()
    if found is None:
        raise Http404
    return found


def idempotency_record_find(*, user, key: str, since: datetime.datetime):
    return IdempotencyRecord.objects.filter(user=user, key=key, created_at__gte=since).first()
