"""Re-encryption after a data key rotation: rewrite every value under the newest key."""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from encryption.fields import Ciphertext, EncryptedField
from encryption.keyring import current_keyring, key_version_of

BATCH_SIZE = 500


@dataclass(frozen=True)
class Reencrypted:
    examined: int
    rewritten: int


def reencrypt_current_schema() -> Reencrypted:
    """Rewrite, in the current State's schema, every row holding a value written under an older
    data key. Safe to run again after an interruption."""
    active = current_keyring().active_version
    examined = rewritten = 0
    for model in apps.get_models():
        fields = [
            field for field in model._meta.concrete_fields if isinstance(field, EncryptedField)
        ]
        if not fields or not _model_in_current_schema(model):
            continue
        names = [field.name for field in fields]
        for instance in model._base_manager.only("pk", *names).iterator(chunk_size=BATCH_SIZE):
            examined += 1
            stale = [
                name
                for name in names
                if isinstance(instance.__dict__.get(name), Ciphertext)
                and key_version_of(instance.__dict__[name].token) != active
            ]
            if not stale:
                continue
            for name in stale:
                setattr(instance, name, getattr(instance, name))  # decrypt; save re-encrypts
            with transaction.atomic():
                instance.save(update_fields=stale)
            rewritten += 1
    return Reencrypted(examined=examined, rewritten=rewritten)


def _model_in_current_schema(model) -> bool:
    from django.db import connection
    from django_tenants.utils import get_tenant_types

    tenant = connection.tenant
    app_config = apps.get_app_config(model._meta.app_label)
    return app_config.name in get_tenant_types()[tenant.get_tenant_type()]["APPS"]
