"""Onboarding, offboarding and key rotation of States: what an operator's commands call.

Each service runs in one database transaction (PostgreSQL's DDL is transactional, so a failed
onboarding leaves no schema, no domain, no key and no account behind). The one step outside the
database, provisioning a key-encryption key in KMS, is undone by hand when the transaction fails.
"""

import datetime
import itertools
import logging
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import validate_email
from django.db import OperationalError, connection, transaction
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
_STATE_SCHEMA = re.compile(r"state_[a-z]{2}")

# Offboarding waits this long at most for the writes under way in the State's schema to end.
OFFBOARDING_WAIT_SECONDS = 60
# Tables of a State's schema still written after its offboarding, by `migrate_schemas` (which
# visits the schema until it is purged): the migrations' own bookkeeping, nothing of the State's.
_WRITTEN_BY_MIGRATIONS = frozenset({"django_migrations", "django_content_type", "auth_permission"})


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
    if State.all_states.filter(code=code).exists():
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

    Its schema stays (until ``state_purge``, once its retention period has passed), but nothing
    in it can be decrypted. Its accounts are closed, not deleted: the case records and the audit
    trail refer to them (each by the account's id), and a deletion would either fail or tear
    those references out. What identifies an official, not being encrypted, is erased instead.
    Accounts and API clients belong to the apps above this one, so each closes its own on
    ``state_offboarding``.

    Its users and workers may be writing at that very moment. The offboarding first waits for
    the writes under way in the State's schema to end (they commit while the keys still exist)
    and holds back new ones; once it commits, a write held back or begun later fails (the
    schema refuses every insert and update), and this process forgets the State's keys at once.
    No write is acknowledged after the State is offboarded, and none is half made.
    """
    with transaction.atomic():
        state = _state_for_update(code)
        if not state.is_active:
            raise OnboardingError(_("State %(code)s is already offboarded.") % {"code": state.code})
        tables = _schema_tables(state.schema_name)
        _hold_writes(state, tables)
        keyring.destroy_state_keys(state, destroyed_by=operator)
        state.domains.all().delete()
        state.status = State.Status.OFFBOARDED
        state.offboarded_at = timezone.now()
        state.save(update_fields=["status", "offboarded_at"])
        with tenant_context(state):
            state_offboarding.send(sender=State, state=state)
        _refuse_writes(state.schema_name, tables)
    # Keys unwrapped by another thread of this process while the offboarding ran (it read the
    # wrapped keys before the commit) would otherwise stay in memory for the cache's lifetime.
    keyring.forget_keys(state.schema_name)
    _cache_purge(state.schema_name)
    logger.warning(
        "offboarded %s", state.schema_name, extra={"event": "state_offboarded", "state": state.code}
    )
    return state


def _schema_tables(schema_name: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename",
            [schema_name],
        )
        return [name for (name,) in cursor.fetchall()]


def _qualified(schema_name: str, table: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(schema_name)}.{quote(table)}"


def _hold_writes(state: State, tables: list[str]) -> None:
    """Lock every table of the State's schema against writes (EXCLUSIVE: reads go on) until the
    offboarding's transaction ends: the transactions writing there now finish first, and new
    writes wait. Each attempt waits a bounded time and, if a writer holds one table while waiting
    for another already locked here, gives back what it took (a savepoint), so the writer is
    never deadlocked; the next attempt waits longer."""
    if not tables:
        return
    statement = "LOCK TABLE {} IN EXCLUSIVE MODE".format(
        ", ".join(_qualified(state.schema_name, table) for table in tables)
    )
    deadline = time.monotonic() + OFFBOARDING_WAIT_SECONDS
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        (previous,) = cursor.fetchone()
        for wait_ms in itertools.chain([200, 500, 1000, 2000], itertools.repeat(5000)):
            try:
                with transaction.atomic():
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{wait_ms}ms"])
                    cursor.execute(statement)
                break
            except OperationalError as error:
                # 55P03 lock_not_available (the wait ran out), 40P01 deadlock_detected
                if getattr(error.__cause__, "sqlstate", None) not in {"55P03", "40P01"}:
                    raise
                if time.monotonic() > deadline:
                    raise OnboardingError(
                        _(
                            "State %(code)s was not offboarded: the writes in its schema did not "
                            "pause. Nothing was changed; try again."
                        )
                        % {"code": state.code}
                    ) from error
                time.sleep(0.05)
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def _refuse_writes(schema_name: str, tables: list[str]) -> None:
    """From the offboarding's commit on, every insert or update in the State's schema fails, in
    any process, whatever keys it still holds in memory: also a write that was waiting for the
    offboarding's locks (it sees the triggers once it has the lock)."""
    function = _qualified(schema_name, "isupport_offboarded")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'schema % belongs to an offboarded State: it takes no more "
            "writes', TG_TABLE_SCHEMA USING ERRCODE = 'read_only_sql_transaction'; END $$"
        )
        for table in tables:
            if table in _WRITTEN_BY_MIGRATIONS:
                continue
            cursor.execute(
                f"CREATE TRIGGER isupport_offboarded BEFORE INSERT OR UPDATE ON "
                f"{_qualified(schema_name, table)} FOR EACH ROW EXECUTE FUNCTION {function}()"
            )


def state_key_destruction_retry(*, code: str) -> int:
    """For an offboarded State whose key-encryption keys the provider failed to destroy: ask
    again. Returns how many keys were asked for."""
    state = State.all_states.filter(code=code.strip().upper(), kind=State.Kind.STATE).first()
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
    # Keys unwrapped by another thread of this process while the rotation ran still lack the new
    # version: forgotten, so that every new write here uses it from now on.
    keyring.forget_keys(state.schema_name)
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


# --- Offboarded States' data retention ----------------------------------------------------------


@dataclass(frozen=True)
class Purged:
    state: State
    documents: int  # stored files deleted


def offboarded_retention() -> datetime.timedelta:
    """How long an offboarded State's schema and documents (unreadable since its keys were
    destroyed) are kept before ``state_purge`` deletes them: ISUPPORT_OFFBOARDED_RETENTION_DAYS."""
    return datetime.timedelta(days=max(0, settings.ISUPPORT_OFFBOARDED_RETENTION_DAYS))


def states_due_for_purge(*, code: str | None = None) -> list[State]:
    """The offboarded States whose retention period has passed and whose schema is still there:
    every one, or the one with this code, which is refused (``OnboardingError``) if it is
    unknown, active, already purged or still within its retention period."""
    cutoff = timezone.now() - offboarded_retention()
    if code is None:
        return list(
            State.objects.filter(
                kind=State.Kind.STATE, status=State.Status.OFFBOARDED, offboarded_at__lte=cutoff
            ).order_by("code")
        )
    state = State.all_states.filter(code=code.strip().upper(), kind=State.Kind.STATE).first()
    if state is None:
        raise OnboardingError(_("No State has the code %(code)s.") % {"code": code})
    if state.is_active or state.offboarded_at is None:
        raise OnboardingError(_("State %(code)s is not offboarded.") % {"code": state.code})
    if state.purged_at is not None:
        raise OnboardingError(
            _("State %(code)s was purged on %(date)s.")
            % {"code": state.code, "date": state.purged_at.date().isoformat()}
        )
    if state.offboarded_at > cutoff:
        raise OnboardingError(
            _(
                "State %(code)s is kept until %(date)s, the end of its retention period after "
                "offboarding."
            )
            % {"code": state.code, "date": state_retained_until(state).date().isoformat()}
        )
    return [state]


def states_retained() -> list[State]:
    """The offboarded States still within their retention period."""
    cutoff = timezone.now() - offboarded_retention()
    return list(
        State.objects.filter(
            kind=State.Kind.STATE, status=State.Status.OFFBOARDED, offboarded_at__gt=cutoff
        ).order_by("code")
    )


def state_retained_until(state: State) -> datetime.datetime:
    return state.offboarded_at + offboarded_retention()


def state_stored_documents(state: State) -> list[str]:
    """The names of the files the documents storage holds under the State's prefix."""
    files, _directories = _stored(storages["documents"], _documents_prefix(state))
    return files


def state_purge(*, code: str) -> Purged:
    """Delete what is left of an offboarded State once its retention period has passed: its
    stored documents, then its schema (DROP SCHEMA ... CASCADE), and record when (``purged_at``:
    the row stays, with its key records, as the record of what was dropped).

    The documents go first: if deleting them fails, nothing is recorded and running the purge
    again finishes it. Refuses (``OnboardingError``) an unknown or active State, one already
    purged, and one still within its retention period."""
    [state] = states_due_for_purge(code=code)
    schema = state.schema_name
    if not _STATE_SCHEMA.fullmatch(schema):  # never drop another schema than a State's own
        raise RuntimeError(f"{schema} is not a State's schema")
    documents = _documents_delete(state)
    with transaction.atomic():
        state = _state_for_update(code)
        if state.purged_at is not None:  # purged by another run meanwhile
            return Purged(state=state, documents=documents)
        with connection.cursor() as cursor:
            # Foreign keys are checked at commit (Django's are deferred): rows written in the
            # schema earlier in an enclosing transaction must be checked before their tables go.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(schema)} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        state.purged_at = timezone.now()
        state.save(update_fields=["purged_at"])
    logger.warning(
        "purged %s: schema dropped, %d stored documents deleted",
        schema,
        documents,
        extra={
            "event": "state_purged",
            "state": state.code,
            "schema_name": schema,
            "documents": documents,
            "offboarded_at": state.offboarded_at.isoformat(),
        },
    )
    return Purged(state=state, documents=documents)


def _documents_prefix(state: State) -> str:
    """Where the documents storage keeps the State's files (cases.documents_storage writes them
    under states/<schema>/documents/)."""
    return f"states/{state.schema_name}"


def _stored(storage, prefix: str) -> tuple[list[str], list[str]]:
    """Every file under the prefix, and every directory (parents before their children)."""
    try:
        directories, files = storage.listdir(prefix)
    except FileNotFoundError:
        return [], []
    found_files = [f"{prefix}/{name}" for name in files]
    found_directories = []
    for directory in directories:
        below_files, below_directories = _stored(storage, f"{prefix}/{directory}")
        found_files += below_files
        found_directories += [f"{prefix}/{directory}", *below_directories]
    return found_files, found_directories


def _documents_delete(state: State) -> int:
    storage = storages["documents"]
    prefix = _documents_prefix(state)
    files, directories = _stored(storage, prefix)
    for name in files:
        storage.delete(name)
    for directory in [*reversed(directories), prefix]:  # empty directories of a file system
        storage.delete(directory)
    return len(files)


def _state_for_update(code: str) -> State:
    state = (
        State.all_states.select_for_update()
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
    if State.all_states.filter(schema_name=state.schema_name).exists():
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
