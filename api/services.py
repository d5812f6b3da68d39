"""Changes the REST API makes outside the cases: the State's integration clients (created and
revoked by its administrators) and the stored responses of idempotent requests."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_manage_api_clients
from api import tokens
from api.models import ApiClient, ApiClientRole, IdempotencyRecord
from audit.models import AuditAction
from audit.services import audit_record

IDEMPOTENCY_RETENTION = datetime.timedelta(hours=24)
# last_used_at is written at most this often per client, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiClientError(Exception):
    """A request the rules refuse; ``message`` is translated and names no personal value."""

    safe_to_log = True

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def _require_administrator(user) -> None:
    if not can_manage_api_clients(user):
        raise PermissionDenied


@transaction.atomic
def api_client_create(*, user, name: str, role: str) -> tuple[ApiClient, str]:
    """A new integration client acting with ``role`` through a service user of its own (no
    usable password, so it cannot sign in). Returns the client and its token, which is shown
    this once and never stored. ``user`` is the State administrator; None only for the
    platform's operator (the ``create_api_client`` management command)."""
    if user is not None:
        _require_administrator(user)
    name = (name or "").strip()
    if not name:
        raise ApiClientError(_("Give the client a name."), field="name")
    if len(name) > 100:
        raise ApiClientError(_("A name is at most 100 characters."), field="name")
    if role not in ApiClientRole.values:
        raise ApiClientError(_("Choose the client's role."), field="role")
    client_id = uuid.uuid4()
    service_user = get_user_model().objects.create_user(
        email=f"api-client-{client_id.hex}@{connection.schema_name}.api.invalid",
        password=None,
        full_name=name,
    )
    service_user.groups.set(Group.objects.filter(name=role))
    token = tokens.token_new()
    client = ApiClient.objects.create(
        id=client_id,
        name=name,
        user=service_user,
        token_prefix=token.prefix,
        token_sha256=token.sha256,
        created_by=user,
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="api_client",
        object_id=client.pk,
        details={"role": role},
    )
    return client, token.plaintext


@transaction.atomic
def api_client_revoke(*, user, client: ApiClient) -> ApiClient:
    """The client's token stops working at once; its service user is deactivated, its records
    and audit trail stay."""
    if user is not None:
        _require_administrator(user)
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        client.user.is_active = False
        client.user.save(update_fields=["is_active"])
        audit_record(
            actor=user,
            action=AuditAction.CHANGE,
            object_type="api_client",
            object_id=client.pk,
            details={"fields": ["revoked_at"]},
        )
    return client


def api_clients_revoke_all(**_signal) -> None:
    """Revoke every API client of the current schema, at the State's offboarding (a receiver of
    ``isupport.signals.state_offboarding``): no token of the State acts again."""
    ApiClient.objects.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_client_touch(*, client: ApiClient) -> None:
    """Record that the client was just used (at most once a minute, one UPDATE)."""
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


def idempotency_lock(*, user, key: str) -> None:
    """Serialise requests with the same key until the transaction ends, so that two copies of
    one request sent at once still make one change. Call inside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"isupport-idempotency|{connection.schema_name}|{user.pk}|{key}"],
        )


def idempotency_record_store(
    *, user, key: str, method: str, path: str, request_sha256: str, status: int, body
) -> IdempotencyRecord:
    """Keep a response for 24 hours. Also deletes the records older than that (one indexed
    DELETE per stored record: cheaper than a scheduled task, and nothing old is kept longer
    than the next keyed request)."""
    IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - IDEMPOTENCY_RETENTION).delete()
    return IdempotencyRecord.objects.create(
        user=user,
        key=key,
        method=method,
        path=path[:500],
        request_sha256=request_sha256,
        response_status=status,
        response_body=body,
    )
