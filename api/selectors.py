"""Reads for the REST API that the case selectors do not offer: the State's API clients (for its
administrators and for authentication) and the case records the API lists. Every read for a user
checks access first through ``accounts.permissions`` or a ``cases.selectors`` function."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.permissions import can_manage_api_clients, can_view_cases
from api import tokens
from api.models import ApiClient, IdempotencyRecord
from cases.engine import state_today
from cases.models import Case, Deadline, Note, Task


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


def _require_reader(user) -> None:
    if not can_view_cases(user):
        raise PermissionDenied


def case_notes(*, user, case: Case) -> list[Note]:
    _require_reader(user)
    return list(case.notes.select_related("author").order_by("-created_at"))


def case_tasks(*, user, case: Case) -> list[Task]:
    _require_reader(user)
    return list(case.tasks.select_related("assigned_to"))


def deadline_list_for_user(*, user, overdue: bool = False, open_only: bool = True) -> QuerySet:
    """Deadlines across the State's cases, with their case; overdue ones are open and past
    their due date in the State's time zone."""
    _require_reader(user)
    deadlines = Deadline.objects.select_related("case")
    if open_only or overdue:
        deadlines = deadlines.filter(met_at__isnull=True)
    if overdue:
        deadlines = deadlines.filter(due__lt=state_today())
    return deadlines
