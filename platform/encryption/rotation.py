"""Re-encryption after a data key rotation: rewrite every value under the newest key."""

from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django_tenants.utils import get_tenant_model, get_tenant_types

from encryption.fields import Ciphertext, EncryptedField
from encryption.keyring import current_keyring, forget_keys, key_version_of

BATCH_SIZE = 500


@dataclass(frozen=True)
class Reencrypted:
    examined: int
    rewritten: int


def reencrypt_current_schema() -> Reencrypted:
    """Rewrite, in the current State's schema, every row holding a value written under an older
    data key. Rows are read in batches; each stale one is re-read under a row lock and rewritten
    in its own transaction, so an edit made meanwhile is neither lost nor blocked for long.
    Safe to run again."""
    forget_keys(connection.schema_name)  # the newest version, even if another process rotated
    active = current_keyring().active_version
    examined = rewritten = 0
    for model in _models_with_encrypted_fields():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]
        rows = model._base_manager.only("pk", *names).iterator(chunk_size=BATCH_SIZE)
        for row in rows:
            examined += 1
            if not any(_written_before(row, name, active) for name in names):
                continue
            with transaction.atomic():  # re-read under a row lock: an edit meanwhile is kept
                locked = model._base_manager.select_for_update().only("pk", *names)
                instance = locked.filter(pk=row.pk).first()
                stale = [name for name in names if _written_before(instance, name, active)]
                if not stale:
                    continue
                for name in stale:
                    setattr(instance, name, getattr(instance, name))  # decrypt; save re-encrypts
                instance.save(update_fields=stale)
            rewritten += 1
    return Reencrypted(examined=examined, rewritten=rewritten)


def _written_before(instance, name: str, active_version: int) -> bool:
    value = None if instance is None else instance.__dict__.get(name)
    return isinstance(value, Ciphertext) and key_version_of(value.token) != active_version


def _models_with_encrypted_fields():
    """The models of the current schema's kind of tenant that hold encrypted fields."""
    state = get_tenant_model().objects.get(schema_name=connection.schema_name)
    schema_apps = get_tenant_types()[state.get_tenant_type()]["APPS"]
    return [
        model
        for model in apps.get_models()
        if apps.get_app_config(model._meta.app_label).name in schema_apps
        and any(isinstance(field, EncryptedField) for field in model._meta.concrete_fields)
    ]
