"""django-tenants calls this whenever a connection switches to a tenant
(EXTRA_SET_TENANT_METHOD_PATH): for every web request, every Celery task, every
tenant_context. The State row it receives was just read, so its keys_changed_at tells whether
the keys this process cached are still current.

Kept free of model imports at module level: the database backend imports it while loading."""


def drop_stale_keys(wrapper, tenant) -> None:
    from django_tenants.utils import get_public_schema_name

    if tenant.schema_name == get_public_schema_name():
        return  # also how every new connection starts, before the apps are even loaded
    from encryption.keyring import forget_keys, forget_keys_changed_since_loaded

    keys_changed_at = getattr(tenant, "keys_changed_at", None)
    if keys_changed_at is None:
        # A switch by schema name only (schema_context): no row to compare with, so the keys
        # are unwrapped afresh on next use rather than trusted.
        forget_keys(tenant.schema_name)
    else:
        forget_keys_changed_since_loaded(tenant.schema_name, keys_changed_at)
