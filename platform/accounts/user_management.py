"""A State administrator's management of the State's users: read and change them only through
these functions, which check ``accounts.permissions.can_manage_users`` first.

A new user gets a one-time password, shown once to the administrator and never stored in the
clear; the user must choose their own at first sign-in (``password_change_required``).
"""

import secrets
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.permissions import RESTRICTED_INFORMATION_PERMISSION, can_manage_users
from accounts.roles import StateRole
from audit.models import AuditAction
from audit.services import audit_record


class UserManagementError(Exception):
    """A request the rules refuse; ``message`` is translated and names no personal value."""

    safe_to_log = True

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def _require_administrator(user) -> None:
    if not can_manage_users(user):
        raise PermissionDenied


def _restricted_permission() -> Permission:
    app_label, codename = RESTRICTED_INFORMATION_PERMISSION.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def users_for_administrator(*, user) -> list:
    """The State's users, by e-mail address, with their roles and permissions prefetched."""
    _require_administrator(user)
    return list(
        get_user_model()
        .objects.prefetch_related("groups", "user_permissions__content_type")
        .order_by("email")
    )


def user_get_for_administrator(*, user, user_id) -> object:
    _require_administrator(user)
    try:
        found = get_user_model().objects.filter(pk=uuid.UUID(str(user_id))).first()
    except ValueError:
        found = None
    if found is None:
        raise Http404
    return found


def one_time_password() -> str:
    """Four groups of five letters and digits (about 100 bits), easy to read out."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


@transaction.atomic
def user_create(
    *,
    user,
    email: str,
    full_name: str = "",
    roles: list[str],
    view_restricted_information: bool = False,
):
    """A new user of the State with the given roles; returns the user and the one-time password
    (to be shown once)."""
    _require_administrator(user)
    model = get_user_model()
    email = model.objects.normalize_email((email or "").strip())
    if not email:
        raise UserManagementError(_("Enter an e-mail address."), field="email")
    if model.objects.filter(email__iexact=email).exists():
        raise UserManagementError(
            _("A user with this e-mail address already exists."), field="email"
        )
    unknown = [role for role in roles if role not in StateRole.values]
    if unknown or not roles:
        raise UserManagementError(_("Choose at least one role."), field="roles")
    password = one_time_password()
    created = model.objects.create_user(
        email=email,
        password=password,
        full_name=(full_name or "").strip(),
        password_change_required=True,
    )
    created.groups.set(Group.objects.filter(name__in=roles))
    if view_restricted_information:
        created.user_permissions.add(_restricted_permission())
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="user",
        object_id=created.pk,
        details={"roles": sorted(roles), "view_restricted": view_restricted_information},
    )
    return created, password


@transaction.atomic
def user_deactivate(*, user, target) -> object:
    """The user can no longer sign in; their records and audit trail stay."""
    _require_administrator(user)
    if target.pk == user.pk:
        raise UserManagementError(_("You cannot deactivate your own account."))
    if target.is_active:
        target.is_active = False
        target.save(update_fields=["is_active"])
        audit_record(
            actor=user,
            action=AuditAction.CHANGE,
            object_type="user",
            object_id=target.pk,
            details={"fields": ["is_active"]},
        )
    return target


def user_has_restricted_permission(target) -> bool:
    """Whether the user was granted the Art 40 permission individually (prefetched)."""
    app_label, codename = RESTRICTED_INFORMATION_PERMISSION.split(".")
    return any(
        permission.codename == codename and permission.content_type.app_label == app_label
        for permission in target.user_permissions.all()
    )


def accounts_close_all(**_signal) -> None:
    """Close every account of the current schema, at the State's offboarding (a receiver of
    ``isupport.signals.state_offboarding``).

    The rows stay, with their ids, dates and last sign-in, because cases, notes, documents,
    tasks, the timeline and the audit trail point at them (``on_delete=PROTECT``). Nothing can
    act through them again: no sign-in (inactive, no usable password), no session, no role or
    permission. The e-mail address and name of each official are not encrypted, so
    crypto-shredding does not cover them: they are erased here, the address replaced by one
    made of the account's id.
    """
    user_model = get_user_model()
    Session.objects.all().delete()
    user_model.groups.through.objects.all().delete()
    user_model.user_permissions.through.objects.all().delete()
    user_model.objects.update(
        is_active=False,
        is_staff=False,
        is_superuser=False,
        password=make_password(None),
        password_change_required=False,
        email=Concat(
            Value("offboarded-"),
            Cast("id", output_field=CharField()),
            Value("@offboarded.invalid"),
        ),
        full_name="",
        preferred_language="",
    )
