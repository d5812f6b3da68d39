"""Onboarding, offboarding and key rotation of States: what an operator's commands call.

Each service runs in one database transaction (PostgreSQL's DDL is transactional, so a failed
onboarding leaves no schema, no domain, no key and no account behind). The one step outside the
database, provisioning a key-encryption key in KMS, is undone by hand when the transaction fails.
"""

import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from accounts.roles import StateRole, state_roles_ensure
from convention.states import default_registry
from encryption import keyring
from encryption.providers import get_provider
from isupport.signals import state_offboarding
from tenants.models import Domain, State

logger = logging.getLogger(__name__)

# Host names: letters, digits and hyphens only (Django rejects underscores in hosts).
_HOST_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"{_HOST_LABEL}(\.{_HOST_LABEL})*")
GOVERNING_BODY_SCHEMA = "governing_body"


class OnboardingError(Exception):
    """An operator's request that cannot be carried out; the message says why."""

    safe_to_log = True  # about States and hosts, not persons


@dataclass(frozen=True)
class Onboarded:
    state: State
    administrator_email: str
    one_time_password: str | None  # None when the password came from the environment


def public_tenant_ensure() -> State:
    """The platform's own tenant (public schema) and its host admin.<base domain>."""
    public, _created = State.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={
            "name": "Permanent Bureau",
            "authority_name": "Permanent Bureau",
            "kind": State.Kind.PUBLIC,
            "languages": ["en", "fr"],
        },
    )
    Domain.objects.get_or_create(
        domain=f"admin.{settings.BASE_DOMAIN}", defaults={"tenant": public, "is_primary": True}
    )
    return public


def state_onboard(
    *,
    code: str,
    name: str,
    domain: str,
    time_zone: str,
    languages: list[str],
    admin_email: str,
    admin_password: str | None = None,
    authority_name: str = "",
) -> Onboarded:
    """Create a State: schema, host, keys, role groups and first administrator."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise OnboardingError(_("The code must be an ISO 3166-1 alpha-2 code, such as PT."))
    if State.objects.filter(code=code).exists():
        raise OnboardingError(_("State %(code)s is already onboarded.") % {"code": code})
    state = State(
        schema_name=f"state_{code.lower()}",
        code=code,
        name=name.strip(),
        authority_name=(authority_name or name).strip(),
        time_zone=time_zone,
        languages=languages,
        kind=State.Kind.STATE,
    )
    _check_new_tenant(state, domain=domain, admin_email=admin_email, admin_password=admin_password)
    provider = get_provider()
    key_encryption_key = provider.create_key_encryption_key(schema_name=state.schema_name)
    try:
        return _create_tenant(
            state,
            domain=domain,
            admin_email=admin_email,
            admin_password=admin_password,
            key_encryption_key=key_encryption_key,
        )
    except BaseException:
        provider.destroy_key_encryption_key(key_id=key_encryption_key)
        raise


def governing_body_onboard(
    *,
    domain: str,
    admin_email: str,
    admin_password: str | None = None,
    name: str = "Governing Body",
) -> Onboarded:
    """Create the Governing Body: a schema holding its own accounts only, never a case."""
    state = State(
        schema_name=GOVERNING_BODY_SCHEMA,
        name=name,
        authority_name=name,
        kind=State.Kind.GOVERNING_BODY,
        languages=["en", "fr"],
    )
    _check_new_tenant(state, domain=domain, admin_email=admin_email, admin_password=admin_password)
    return _create_tenant(
        state,
        domain=domain,
        admin_email=admin_email,
        admin_password=admin_password,
        key_encryption_key=None,
    )


def state_offboard(*, code: str, operator: str) -> State:
    """Crypto-shred a State: destroy its keys, stop serving its hosts, mark it offboarded.

    Its schema stays (until a later, separate deletion), but nothing in it can be decrypted. Its
    accounts are closed, not deleted: the case records and the audit trail refer to them (each
    by the account's id), and a deletion would either fail or tear those references out. What
    identifies an official, not being encrypted, is erased instead. Accounts and API clients
    belong to the apps above this one, so each closes its own on ``state_offboarding``.
    """
    with transaction.atomic():
        state = _state_for_update(code)
        if not state.is_active:
            raise OnboardingError(_("State %(code)s is already offboarded.") % {"code": state.code})
        keyring.destroy_state_keys(state, destroyed_by=operator)
        state.domains.all().delete()
        state.status = State.Status.OFFBOARDED
        state.offboarded_at = timezone.now()
        state.save(update_fields=["status", "offboarded_at"])
        with tenant_context(state):
            state_offboarding.send(sender=State, state=state)
    _cache_purge(state.schema_name)
    logger.warning(
        "offboarded %s", state.schema_name, extra={"event": "state_offboarded", "state": state.code}
    )
    return state


def state_key_destruction_retry(*, code: str) -> int:
    """For an offboarded State whose key-encryption keys the provider failed to destroy: ask
    again. Returns how many keys were asked for."""
    state = State.objects.filter(code=code.strip().upper(), kind=State.Kind.STATE).first()
    if state is None:
        raise OnboardingError(_("No State has the code %(code)s.") % {"code": code})
    if state.is_active:
        raise OnboardingError(_("State %(code)s is not offboarded.") % {"code": state.code})
    return keyring.retry_key_encryption_key_destruction(state)


def state_rotate_keys(*, code: str, reencrypt: str = "") -> tuple[int, str]:
    """Add a new data key version; new writes use it, older values stay readable.

    reencrypt: "" (leave older values as they are), "now" (rewrite them under the new key
    before returning) or "background" (queue a Celery task that does it). Returns the new
    version and a line saying what happened to older values.
    """
    from encryption.rotation import reencrypt_current_schema
    from encryption.tasks import reencrypt_state_data

    with transaction.atomic():
        state = _state_for_update(code)
        if not state.is_active:
            raise OnboardingError(_("State %(code)s is offboarded.") % {"code": state.code})
        version = keyring.rotate_data_key(state)
    logger.warning(
        "rotated the data key of %s to version %d",
        state.schema_name,
        version,
        extra={"event": "keys_rotated", "state": state.code},
    )
    with tenant_context(state):
        if reencrypt == "now":
            result = reencrypt_current_schema()
            return version, f"{result.rewritten} rows re-encrypted."
        if reencrypt == "background":
            task = reencrypt_state_data.delay(state.schema_name)
            return version, f"Re-encryption queued as task {task.id}."
    return version, "Older values stay under their own key version."


def _state_for_update(code: str) -> State:
    state = (
        State.objects.select_for_update()
        .filter(code=code.strip().upper(), kind=State.Kind.STATE)
        .first()
    )
    if state is None:
        raise OnboardingError(_("No State has the code %(code)s.") % {"code": code})
    return state


def _check_new_tenant(state: State, *, domain, admin_email, admin_password) -> None:
    """Every reason the tenant cannot be created, in one clear error, before anything is."""
    errors = []
    error_fields: set[str] = set()
    try:
        state.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        error_fields = set(error.message_dict)
        errors += [
            f"{State._meta.get_field(field).verbose_name}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    # A State's cases are built on the Convention engine's reference data for it (its
    # participation, declarations and reservations): without them no case could be created.
    if (
        state.kind == State.Kind.STATE
        and "code" not in error_fields
        and default_registry().get(state.code) is None
    ):
        errors.append(
            _(
                "The Convention's reference data have no State %(code)s: add its "
                "participation, declarations and reservations to "
                "platform/convention/data/contracting_states.json before onboarding it."
            )
            % {"code": state.code}
        )
    if State.objects.filter(schema_name=state.schema_name).exists():
        errors.append(_("The schema %(schema)s already exists.") % {"schema": state.schema_name})
    if not _HOST.fullmatch(domain):
        errors.append(
            _("%(domain)s is not a valid host name (letters, digits, hyphens and dots only).")
            % {"domain": domain.strip()}
        )
    elif domain == f"admin.{settings.BASE_DOMAIN}" or Domain.objects.filter(domain=domain).exists():
        errors.append(_("The host %(domain)s already serves a tenant.") % {"domain": domain})
    try:
        validate_email(admin_email)
    except ValidationError:
        errors.append(_("%(email)s is not an e-mail address.") % {"email": admin_email})
    if admin_password is not None and len(admin_password) < 12:
        errors.append(_("The administrator's password must have at least 12 characters."))
    if errors:
        raise OnboardingError(" ".join(errors))


@transaction.atomic
def _create_tenant(
    state: State, *, domain, admin_email, admin_password, key_encryption_key
) -> Onboarded:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    public_tenant_ensure()
    state.save(verbosity=0)  # creates and migrates the schema, inside this transaction
    Domain.objects.create(domain=domain, tenant=state, is_primary=True)
    if key_encryption_key is not None:
        keyring.create_state_keys(state, key_encryption_key=key_encryption_key)
    one_time_password = None if admin_password else secrets.token_urlsafe(12)
    with schema_context(state.schema_name):
        state_roles_ensure()
        administrator = get_user_model().objects.create_user(
            email=admin_email,
            password=admin_password or one_time_password,
            password_change_required=admin_password is None,
        )
        administrator.groups.add(Group.objects.get(name=StateRole.STATE_ADMINISTRATOR))
    logger.warning(
        "onboarded %s", state.schema_name, extra={"event": "tenant_onboarded", "state": state.code}
    )
    return Onboarded(
        state=state, administrator_email=admin_email, one_time_password=one_time_password
    )


def _cache_purge(schema_name: str) -> None:
    """Remove the State's entries from the shared cache (keys start with its schema)."""
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(match=f"{schema_name}:*", count=500):
        client.delete(key)
